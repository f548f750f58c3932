"""A decision of the Cour de cassation without a sommaire says, in its essentials, the Court's
own answer (« Réponse de la Cour »), not only « Solution : Rejet »."""

from __future__ import annotations

import json

from vigie.analysis.case_answer import court_answer
from vigie.analysis.models import Analysis
from vigie.documents.judilibre_store import decision_uid

# As the Court drafts since 2019: a heading, a visa, numbered paragraphs, a closing formula.
CASSATION = (
    "Réponse de la Cour\n\nVu l'article L. 2122-22 du code général des collectivités "
    "territoriales :\n\n7. Selon ce texte, le maire peut, par délégation du conseil municipal, "
    "être chargé d'intenter au nom de la commune les actions en justice. Il en résulte que…\n\n"
    "8. Pour déclarer l'appel recevable, l'arrêt retient que le maire avait qualité.\n\n"
    "9. En statuant ainsi, la cour d'appel a violé le texte susvisé.\n\n"
    "PAR CES MOTIFS, la Cour :\n\nCASSE ET ANNULE, en toutes ses dispositions, l'arrêt")
REJECTION = ("Réponse de la Cour\n\n5. Le moyen n'est donc pas fondé.\n\n6. La cour d'appel, "
             "qui a constaté que la parcelle relevait du domaine public communal, en a exactement "
             "déduit que le bail était nul.\n\n")


def test_the_answer_is_the_courts_first_statement_after_its_heading():
    assert court_answer(CASSATION) == (
        "Selon ce texte, le maire peut, par délégation du conseil municipal, être chargé "
        "d'intenter au nom de la commune les actions en justice.")
    # A closing formula says nothing alone: the next paragraph is the answer.
    assert court_answer(REJECTION).startswith("La cour d'appel, qui a constaté que la parcelle")


def test_no_heading_no_answer_rather_than_a_sentence_picked_at_random():
    assert court_answer("Attendu que la commune soutient que le bail était nul ;") == ""
    # A search's excerpts are joined on one line: a heading inside them is no heading.
    assert court_answer("Réponse de la Cour … 5. Le maire avait qualité pour agir") == ""
    assert court_answer("Réponse de la Cour\n\n5. Le moyen n'est pas fondé.\n\n") == ""
    assert court_answer("") == ""


def test_a_real_decision_without_its_sommaire_says_the_courts_answer(vigie, shared, tmp_path):
    decision = json.loads(shared("corpus", "jurisprudence", "judilibre_cc_decision_resolved.json")
                          .read_text(encoding="utf-8"))
    with_summary = dict(decision)
    without = dict(decision, id=decision["id"][:-4] + "beef", summary="", ecli="")
    path = tmp_path / "judilibre.json"
    path.write_text(json.dumps({"results": [with_summary, without]}), encoding="utf-8")
    code, out, _ = vigie("ingest", path)
    assert code == 0, out
    essentials = Analysis.objects.get(document__uid=decision_uid(without["id"])).decision[
        "essentials"]
    assert essentials[0] == "Solution : Rejet"
    # The answer, cut by the one clipping rule at the essentials' 300 characters.
    assert essentials[1].startswith(
        "Réponse de la Cour : Il résulte de la motivation de la décision attaquée que la cour "
        "d'appel ne s'est pas bornée à reproduire les conclusions du syndicat")
    assert len(essentials[1]) <= 300 and essentials[1].endswith("appréciations…")
    published = Analysis.objects.get(document__uid=decision_uid(decision["id"])).decision[
        "essentials"]
    assert published[1].startswith("Sommaire : ")
    assert not any(line.startswith("Réponse de la Cour") for line in published)
