"""Selection and essentials of Parliament items (``analysis.questions``), on the project's
fixtures and on every real sample of ../shared/corpus/parlement/ (skipped without it).

Files go through ``vigie ingest`` (storage) and the stored decision is read back: what the
editions take is what is checked."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import FIXTURES, shared_path
from vigie.analysis.questions import (
    DOSSIER,
    NO_ANSWER,
    QUESTION,
    ParliamentItem,
    analyse_parliament,
)

PARLEMENT = FIXTURES / "parlement"


def decisions() -> dict[str, dict]:
    from vigie.analysis.models import Analysis

    return {a.document.uid: a.decision for a in Analysis.objects.select_related("document")
            .filter(document__rubric__in=("reponses", "parlement"))}


@pytest.mark.django_db
def test_fixtures_answers_retained_with_question_position_and_reference(vigie, tmp_path):
    for name in ("QANR5L17QE9901_reponse.json", "QANR5L17QG9902.json", "senat_questions.sql",
                 "question_ancienne_QE99903.xml", "DLR5L17N99001.json", "senat_ppl25-990.html"):
        shutil.copy(PARLEMENT / name, tmp_path / name)
    code, _, err = vigie("ingest", tmp_path)
    assert code == 0, err
    found = decisions()

    written = found["QANR5L17QE9901"]
    assert written["retained"] and written["scope"] == "national"
    assert written["heading"] == "Communes — maires"
    assert written["question"] == ("La députée demande de préciser les obligations d'entretien "
                                   "qui pèsent sur la commune.")
    # The answer's own sentence, never a table row or a script.
    assert written["essentials"] == ["Le maire exerce la police des aires de jeux au titre de "
                                     "l'article L. 2212-2 du code général des collectivités "
                                     "territoriales."]
    assert "ministère chargé des collectivités territoriales" in written["reasons"]
    assert written["theme"] == "institutions" and "elus" in written["roles"]

    senat = found["qSEQ260309902"]
    assert senat["retained"] and senat["heading"] == "Cimetières"
    assert senat["question"].startswith("Mme Marie Essai demande comment reprendre")
    assert senat["essentials"] == [
        "Les communes peuvent reprendre les concessions en état d'abandon après une procédure "
        "de trois ans.", "Le maire constate l'abandon par procès-verbal."]
    # Her département (Nord) is not a territory: the question does not speak of it.
    assert senat["territories"] == []
    assert any("département de l'auteur (59) non retenu" in r for r in senat["reasons"])

    debate = found["QANR5L17QG9902"]  # a question au Gouvernement: the minister's words
    assert debate["retained"] and debate["theme"] == "finances"
    assert debate["essentials"] == ["La dotation de solidarité rurale augmentera de 150 "
                                    "millions d'euros en 2027."]
    assert debate["short_title"] == "Dotation globale de fonctionnement des communes rurales"

    old = found["QANR5L14QE99903"]  # the legacy XML: a cemetery question of 2014
    assert old["retained"] and old["essentials"][0].startswith("La procédure de reprise est "
                                                                "prévue aux articles L. 2223-17")

    awaiting = found["qSEQ260309901"]  # chemins ruraux, no answer yet: not in the editions
    assert not awaiting["retained"] and NO_ANSWER in awaiting["reasons"]
    assert awaiting["question"] == "M. Jean Exemple demande qui en a la charge."

    for uid in ("DLR5L17N99001", "ppl25-990"):  # bills changing local authorities' duties
        assert found[uid]["retained"], found[uid]["reasons"]
    cemeteries = found["ppl25-990"]
    assert cemeteries["heading"] == "Proposition de loi"
    assert cemeteries["essentials"][-1].startswith("Où en est le texte : 24 septembre 2026")


@pytest.mark.django_db
@pytest.mark.shared
def test_real_samples_only_local_authority_answers_are_retained(vigie, tmp_path):
    folder = shared_path("corpus", "parlement")
    for path in folder.iterdir():
        if path.suffix in (".json", ".xml", ".html"):
            shutil.copy(path, tmp_path / path.name)
    vigie("ingest", tmp_path)
    found = decisions()
    assert len(found) == 19  # 6 AN questions, 9 listed Sénat questions, 4 dossiers
    # Government questions on pensions, justice, expulsions, the army's equipment, overseas
    # purchasing power: read by no mairie. The Sénat's search page lists questions without
    # their answers: none can be in an edition yet.
    assert not [uid for uid, d in found.items() if d["retained"] and uid.startswith("QAN")]
    assert not [uid for uid, d in found.items() if d["retained"] and uid.startswith("qSEQ")]
    listed = found["qSEQ16030795G"]  # « Indemnités des élus locaux »: it will matter
    assert listed["score"] >= 0.5 and NO_ANSWER in listed["reasons"]
    # In a debate, the essentials are the minister's words, never the chair's.
    for uid in ("QANR5L16QG1", "QANR5L16QG10", "QANR5L16QG400", "QANR5L16QG600"):
        for line in found[uid]["essentials"]:
            assert "La parole est" not in line and "présidente." not in line
            assert "Applaudissements" not in line
    # Laws on terrorism, transparency, road offences, the digital republic: not local duties.
    for uid in ("pjl07-488", "pjl16-587", "pjl12-688", "AN14-republique_numerique"):
        assert not found[uid]["retained"], (uid, found[uid]["reasons"])
    for decision in found.values():
        assert decision["theme"] and decision["roles"][-1] == "direction"


@pytest.mark.django_db
@pytest.mark.shared
def test_a_government_question_is_said_in_its_authors_words(vigie, client, tmp_path):
    # Before: « Question : Question au Gouvernement : Renforcement des moyens de la
    # justice. » under the title « Question au Gouvernement n° 600 de M. Mounir Belhamiti :
    # Renforcement des moyens de la justice »; the Sénat's listed ones alike.
    for name in ("an_question_gouvernement_QANR5L16QG10.json",
                 "an_question_gouvernement_QANR5L16QG600.json",
                 "senat_questions_recherche_resultats.html"):
        shutil.copy(shared_path("corpus", "parlement", name), tmp_path / name)
    assert vigie("ingest", tmp_path)[0] == 0
    found = decisions()
    # The question put to the minister, not an interjection (« Quelle majorité ? »).
    assert found["QANR5L16QG600"]["question"] == (
        "M. Mounir Belhamiti demande : « Pouvez-vous nous indiquer dans quel volume et à "
        "quel rythme ces postes seront créés ? »")
    # Without its salutation (« monsieur le ministre délégué, »): ``test_debates``.
    assert found["QANR5L16QG10"]["question"] == (
        "Mme Nathalie Bassire demande : « Dans ces conditions, êtes-vous prêt à faire un geste "
        "exceptionnel et à adapter les mesures en faveur du pouvoir d'achat pour nos "
        "territoires ? »")
    # Known by their title only: the title says it, nothing is repeated.
    assert found["qSEQ16030795G"]["question"] == ""
    assert not [uid for uid, d in found.items() if d["question"].startswith("Question")]
    page = client.get("/texte/QANR5L16QG600/").content.decode()
    assert "M. Mounir Belhamiti demande : « Pouvez-vous" in page
    assert "Question au Gouvernement :" not in page


def test_author_departement_is_a_territory_only_when_the_question_is_about_it():
    about = ParliamentItem(
        uid="qSEQ260509921", kind=QUESTION, title="Reprise des concessions funéraires",
        kind_label="Question écrite", chamber="senat", section="cimetières",
        question=("Mme Jeanne Démo, sénatrice du Cher, attire l'attention de Mme la ministre "
                  "sur le cimetière de la commune de Vierzon. Elle lui demande comment "
                  "reprendre les concessions."),
        answer="Le maire peut reprendre une concession en état d'abandon après trois ans.",
        answered=True, author="Mme Jeanne Démo", author_departement="18")
    decision = analyse_parliament(about)
    assert decision.retained
    assert [(t.kind, t.name) for t in decision.territories][0] == ("commune", "Vierzon")
    assert "la question porte sur le département de son auteur (18)" in decision.reasons
    assert decision.question == ("Mme Jeanne Démo demande comment reprendre les concessions.")

    elsewhere = analyse_parliament(ParliamentItem(
        uid="qSEQ260509922", kind=QUESTION, title="Reprise des concessions funéraires",
        chamber="senat", section="cimetières",
        question=("Mme Jeanne Démo, sénatrice du Cher, attire l'attention de Mme la ministre "
                  "sur les cimetières. Elle lui demande comment reprendre les concessions."),
        answer="Le maire peut reprendre une concession en état d'abandon après trois ans.",
        answered=True, author="Mme Jeanne Démo", author_departement="18"))
    assert elsewhere.territories == ()
    assert any("non retenu comme territoire" in r for r in elsewhere.reasons)


def test_text_alone_does_not_retain_a_question_and_a_bill_needs_local_words():
    passing = analyse_parliament(ParliamentItem(
        uid="QANR5L17QG1", kind=QUESTION, title="Réforme des retraites", section="retraites",
        answer="Les maires nous le disent : il faut réformer. La réforme sera votée.",
        answered=True))
    assert not passing.retained and passing.scope == "no"
    bill = analyse_parliament(ParliamentItem(
        uid="DLR5L17N1", kind=DOSSIER, title="Statut de l'élu local",
        kind_label="Proposition de loi", stage="12 mars 2026 — 1ère lecture, Sénat : dépôt"))
    assert bill.retained and bill.heading == "Proposition de loi"
    assert bill.essentials == ("Où en est le texte : 12 mars 2026 — 1ère lecture, Sénat : "
                               "dépôt",)
    other = analyse_parliament(ParliamentItem(
        uid="DLR5L17N2", kind=DOSSIER, title="Accord fiscal avec l'Andorre",
        kind_label="Projet de loi", stage="12 mars 2026 — 1ère lecture, Sénat : dépôt"))
    assert not other.retained


def test_same_item_same_decision():
    item = ParliamentItem(uid="q", kind=QUESTION, title="Voirie communale", answered=True,
                          question="Il demande qui entretient la voirie communale.",
                          answer="La commune doit entretenir ses voies communales.")
    assert analyse_parliament(item) == analyse_parliament(item)
    assert analyse_parliament(item).question == ("Son auteur demande qui entretient la "
                                                 "voirie communale.")


@pytest.mark.django_db
def test_demo_sample_is_in_the_real_formats_and_fills_both_rubrics(vigie):
    # Fictitious files, real formats: they are read without anomaly by the real parsers.
    from vigie.commands.demo import sample_parlement
    from vigie.documents.models import Anomaly

    code, out, err = vigie("ingest", *sample_parlement())
    assert code == 0 and not Anomaly.objects.exists(), out + err
    found = decisions()
    assert {uid for uid, d in found.items() if d["retained"]} == {
        "QANR5L17QE99201", "qSEQ260509921", "DLR5L17N99201"}
    assert not found["qSEQ260909922"]["retained"]  # awaiting its answer
