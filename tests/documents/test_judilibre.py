"""Court decisions of Judilibre ingested as « Jurisprudence » items: decisions written for these
tests in the API's shape (a cassation on expropriation, a cour d'appel judgment with a commune
among the parties, a criminal case of no local interest, nested fields written as Python
literals or broken), then the real samples of ``../shared/corpus/jurisprudence``."""

from __future__ import annotations

import json
from datetime import date

import pytest

from vigie.analysis.models import Analysis
from vigie.documents.judilibre_store import decision_uid
from vigie.documents.models import Anomaly, Delivery, Document
from vigie.editions.models import Edition
from vigie.editions.reading import content_of
from vigie.parsing.judilibre import JudilibreError, is_judilibre, read_judilibre
from vigie.reference.courts import court_seat

TODAY = date(2026, 10, 14)
CA_TEXT = ("COUR D'APPEL DE CHAMBÉRY\n\nChambre civile\n\nAppelante\n\nLa commune de "
           "Brides-les-Bains, représentée par son maire en exercice\n\nIntimée\n\nLa société "
           "Thermes Alpins, dont le siège est [Adresse 1]\n\n")
CA_REASONS = ("MOTIFS\n\nLa parcelle litigieuse relève du domaine public communal : le contrat "
              "d'occupation ne pouvait conférer aucun droit au maintien dans les lieux.\n\n"
              "PAR CES MOTIFS, infirme le jugement.")
EXPROPRIATION = {
    "id": "6a1b2c3d4e5f60718293a4b5", "jurisdiction": "Cour de cassation",
    "chamber": "Troisième chambre civile", "number": "25-11.123", "numbers": ["25-11.123"],
    "ecli": "ECLI:FR:CCASS:2026:C300512", "decision_date": "2026-09-24",
    "update_date": "2026-10-14", "solution": "Cassation", "type": "Arrêt",
    "publication": ["Publié au Bulletin"],
    "summary": "Le juge de l'expropriation fixe l'indemnité d'après la consistance du bien à "
               "la date de l'ordonnance portant transfert de propriété.",
    "themes": "['expropriation pour cause d\\'utilité publique', 'indemnité', 'fixation']",
    "highlights": {},
}
CHAMBERY = {
    "id": "6a1b2c3d4e5f60718293a4b6", "source": "jurica", "jurisdiction": "Cour d'appel",
    "location": "Cour d'appel de Chambéry", "chamber": "Chambre civile - Première section",
    "number": "25/00421", "decision_date": "2026-09-30", "update_date": "2026-10-14",
    "solution": "Infirme la décision",
    "text": CA_TEXT + CA_REASONS, "themes": ["Baux commerciaux"],
    "zones": {"introduction": [{"start": 0, "end": len(CA_TEXT)}],
              "motivations": [{"start": len(CA_TEXT), "end": len(CA_TEXT + CA_REASONS)}]},
}
THEFT = {
    "id": "6a1b2c3d4e5f60718293a4b7", "jurisdiction": "Cour de cassation",
    "chamber": "Chambre criminelle", "number": "26-80.001", "decision_date": "2026-09-29",
    "update_date": "2026-10-14", "solution": "Rejet",
    "summary": "Le vol commis en réunion est caractérisé dès lors que…",
    "themes": ["vol", "circonstances aggravantes"], "zones": "{'introduction': [{'start': 0,",
}
ANSWER = {"results": [EXPROPRIATION, CHAMBERY, THEFT, {"ecli": "ECLI:FR:CCASS:2026:XX"}]}


def test_an_answer_is_read_defensively_with_problems_in_french():
    data = json.dumps(ANSWER).encode()
    assert is_judilibre(data) and not is_judilibre(b'{"marches": []}')
    decisions, problems = read_judilibre(data)
    expropriation, chambery, theft = decisions
    assert expropriation.themes == ("expropriation pour cause d'utilité publique", "indemnité",
                                    "fixation")  # a Python literal, read
    assert expropriation.url == "https://www.courdecassation.fr/decision/6a1b2c3d4e5f60718293a4b5"
    assert expropriation.ecli == "ECLI:FR:CCASS:2026:C300512"
    assert chambery.court == "Cour d'appel de Chambéry" and "Brides-les-Bains" in chambery.parties
    assert "domaine public communal" in chambery.reasons
    assert theft.parties == "" and theft.themes == ("vol", "circonstances aggravantes")
    assert problems == [
        "décision 6a1b2c3d4e5f60718293a4b7 : champ « zones » illisible (ni JSON ni liste "
        "Python), laissé de côté",
        "décision ECLI:FR:CCASS:2026:XX : identifiant Judilibre manquant ou invalide"]
    with pytest.raises(JudilibreError):
        read_judilibre(b"{ pas du json")


def test_a_courts_seat_gives_its_departement():
    seats = {name: court_seat(name) for name in (
        "Cour d'appel de Chambéry", "Tribunal de commerce du Mans", "Cour de cassation",
        "Tribunal judiciaire des Sables-d'Olonne", "Cour d'appel de Fort-de-France")}
    assert {k: v.departement if v else "" for k, v in seats.items()} == {
        "Cour d'appel de Chambéry": "73", "Tribunal de commerce du Mans": "72",
        "Cour de cassation": "", "Tribunal judiciaire des Sables-d'Olonne": "85",
        "Cour d'appel de Fort-de-France": "972"}


@pytest.mark.django_db
def test_decisions_that_matter_go_to_the_jurisprudence_rubric(vigie, tmp_path):
    path = tmp_path / "judilibre.json"
    path.write_text(json.dumps(ANSWER), encoding="utf-8")
    code, out, _ = vigie("ingest", path)
    assert code == 0 and "Judilibre, 3 décisions lues, 3 créées" in out, out
    cassation = Analysis.objects.get(document__uid=decision_uid(EXPROPRIATION["id"]))
    assert cassation.retained and cassation.scope == "national"
    assert cassation.decision["theme"] == "urbanisme"
    assert "la décision porte sur : expropriation" in cassation.decision["reasons"][0]
    assert cassation.decision["essentials"][:2] == [
        "Solution : Cassation", "Sommaire : " + EXPROPRIATION["summary"]]
    local = Analysis.objects.get(document__uid=decision_uid(CHAMBERY["id"]))
    assert local.retained and local.departements == ["73", "74"]  # its ressort
    assert local.decision["reasons"][0] == ("collectivité ou organisme local parmi les parties : "
                                            "La commune de Brides-les-Bains (commune)")
    theft = Analysis.objects.get(document__uid=decision_uid(THEFT["id"]))
    assert not theft.retained and "ni collectivité parmi les parties" in (
        theft.decision["reasons"][0])
    assert Anomaly.objects.filter(message__contains="champ « zones » illisible").exists()
    items = content_of(Edition.objects.get(date=TODAY, departement="73")).items()
    shown = [i for i in items if i.rubric == "jurisprudence"]
    assert {i.reference for i in shown} == {
        "Cour de cassation, Troisième chambre civile, 24 septembre 2026, n°\u00a025-11.123 — "
        "ECLI:FR:CCASS:2026:C300512",
        "Cour d'appel de Chambéry, Chambre civile - Première section, 30 septembre 2026, "
        "n°\u00a025/00421"}
    assert {i.origin.url for i in shown} == {
        f"https://www.courdecassation.fr/decision/{d['id']}" for d in (EXPROPRIATION, CHAMBERY)}
    national = content_of(Edition.objects.get(date=TODAY, departement="")).items()
    assert [i.uid for i in national if i.rubric == "jurisprudence"] == [cassation.document.uid]


@pytest.mark.django_db
def test_ingesting_again_duplicates_nothing_and_a_republished_decision_updates(vigie, tmp_path):
    path = tmp_path / "judilibre.json"
    path.write_text(json.dumps(ANSWER), encoding="utf-8")
    assert vigie("ingest", path)[0] == 0
    code, out, _ = vigie("ingest", path)
    read = Delivery.objects.get(name="judilibre.json").processed_at.astimezone()
    assert code == 0 and (f"judilibre.json : déjà ingéré le {read:%d/%m/%Y à %H:%M} avec un "
                          "contenu identique : rien n'a changé") in out, out
    code, out, _ = vigie("ingest", "--force", path)
    assert code == 0 and "0 créée, 0 mise(s) à jour, 3 inchangée(s)" in out, out
    # Published again in a later list: its solution corrected, its text not given this time.
    later = {**CHAMBERY, "solution": "Confirme la décision", "update_date": "2026-10-20"}
    later.pop("text"), later.pop("zones")
    again = tmp_path / "judilibre-suite.json"
    again.write_text(json.dumps({"results": [later, later]}), encoding="utf-8")
    code, out, _ = vigie("ingest", again)
    assert code == 0 and "2 décisions lues, 0 créée, 1 mise(s) à jour" in out, out
    assert Document.objects.filter(flow="judilibre").count() == 3
    doc = Document.objects.get(uid=decision_uid(CHAMBERY["id"]))
    assert doc.details["solution"] == "Confirme la décision" and doc.version == 2
    assert doc.date_publi == TODAY  # first shown on that day, not moved
    assert "Brides-les-Bains" in doc.details["parties"]  # read from its text before: kept
    assert Analysis.objects.get(document=doc).retained
    assert Anomaly.objects.filter(message__contains="donnée 2 fois dans le fichier").exists()


@pytest.mark.django_db
def test_the_real_samples_keep_few_decisions_each_with_its_reasons(vigie, shared):
    folder = shared("corpus", "jurisprudence")
    code, out, _ = vigie("ingest", folder / "judilibre_cc_search_list.json")
    assert code == 0 and "928 décisions lues, 928 créées" in out, out
    kept = Analysis.objects.filter(retained=True, document__flow="judilibre")
    # A search on « homme libre »: criminal and labour law for the most part.
    assert 5 <= kept.count() <= 30
    themes = {a.decision["theme"] for a in kept}
    assert "urbanisme" in themes and all(a.scope == "national" for a in kept)
    for analysis in kept:
        assert analysis.decision["reasons"][0].startswith(
            ("la décision porte sur", "collectivité ou organisme local"))
    expropriation = Document.objects.get(number="19-16.092", flow="judilibre")
    assert expropriation.details["ecli"] == "ECLI:FR:CCASS:2020:C300646"
    assert Analysis.objects.get(document=expropriation).retained
    # Neither sommaire nor themes: its headline says what it was retained for.
    bare = Analysis.objects.get(document__number="19-14.479", document__flow="judilibre")
    assert bare.retained and bare.decision["short_title"] == (
        "Code de l'urbanisme (Cour de cassation, rejet)")
    # The Uber case (Com., 18 nov. 2020): competence of commercial courts, no local authority.
    code, out, _ = vigie("ingest", folder / "judilibre_cc_decision_resolved.json")
    assert code == 0 and "1 décision lue" in out
    uber = Document.objects.get(number="19-19.463", flow="judilibre")
    assert uber.details["contested"] == "Cour d'appel de Paris, 16 mai 2019"
    assert not Analysis.objects.get(document=uber).retained
    code, out, _ = vigie("ingest", folder / "judilibre_tj_decision_resolved.json")
    assert code == 0
    bordeaux = Document.objects.get(uid=decision_uid("5fca277de35a255d41ca73ab0ca"))
    assert bordeaux.details["departements"] == ["33"]


@pytest.mark.django_db
def test_an_answer_in_a_folder_is_read_as_its_own_input(vigie, tmp_path):
    """Before: beside a JO delivery it was named « format JSON non reconnu » and left unread;
    among Parliament files, read by the Parliament reader and refused. Its decisions' fields
    come after long excerpts (as the search lists do): more than a head of 256 bytes."""
    answer = {"results": [{"highlights": {"text": ["extrait " * 2000]}, **EXPROPRIATION}]}
    for neighbour in ("texte.xml", "question.json"):
        folder = tmp_path / neighbour.split(".")[0]
        folder.mkdir()
        (folder / "judilibre.json").write_text(json.dumps(answer), encoding="utf-8")
        (folder / neighbour).write_text("<TEXTE_VERSION/>" if neighbour == "texte.xml"
                                        else json.dumps({"question": {}}), encoding="utf-8")
        code, out, err = vigie("ingest", "--no-analysis", "--force", folder)
        assert "Judilibre, 1 décision lue" in out, (neighbour, out, err)
        assert "format JSON non reconnu" not in out + err
        assert not Anomaly.objects.filter(message__contains="judilibre.json").exists(), (
            list(Anomaly.objects.values_list("message", flat=True)))
    assert Document.objects.filter(flow="judilibre").count() == 1


def test_a_long_subject_is_cut_by_the_one_clipping_rule():
    """It was cut on its own (« … » after a space, anywhere in a reference)."""
    from vigie.documents.judilibre_store import subject_title
    from vigie.parsing.judilibre import read_decision
    summary = ("Il résulte de l'article L. 2224-7-1 du code général des collectivités "
               "territoriales que " + "la commune reste compétente pour l'eau potable, " * 6
               + "ce qui justifie la cassation. Seconde phrase.")
    problems: list[str] = []
    decision = read_decision({**EXPROPRIATION, "themes": [], "summary": summary}, problems)
    subject = subject_title(decision)
    assert len(subject) <= 200 and subject.endswith("potable…"), subject
    assert " …" not in subject and problems == []
    # A full stop after « L. » ends no sentence: it read « Il résulte de l'article L ».
    short = read_decision({**EXPROPRIATION, "themes": [], "summary": (
        "Selon l'article L. 2224-7-1, la commune est compétente. Le pourvoi est rejeté.")}, [])
    assert subject_title(short) == "Selon l'article L. 2224-7-1, la commune est compétente"


@pytest.mark.django_db
def test_an_answer_nested_too_deep_is_an_anomaly_not_a_traceback(vigie, tmp_path):
    """``json`` raises ``RecursionError`` (no ValueError) past Python's stack: ``vigie
    ingest`` ended on a traceback, for the answer and for a nested field given as text."""
    deep = "[" * 200_000 + "]" * 200_000
    path = tmp_path / "judilibre.json"
    path.write_text('{"results": [{"id": "x1", "jurisdiction": "cc", "decision_date": '
                    '"2026-01-01", "themes": ' + deep + "}]}", encoding="utf-8")
    code, out, err = vigie("ingest", path)
    assert code == 1 and "Traceback" not in out + err, err
    assert Anomaly.objects.get().message == (
        "réponse Judilibre illisible (imbrication trop profonde pour être lue)")
    path.write_text(json.dumps({"results": [{**EXPROPRIATION, "themes": deep}]}),
                    encoding="utf-8")
    code, out, err = vigie("ingest", path)
    assert code == 0 and "Traceback" not in out + err, err
    assert Anomaly.objects.filter(message__contains="champ « themes » illisible").exists()
    assert Document.objects.filter(uid=decision_uid(EXPROPRIATION["id"])).exists()
