"""Parliament parsers on every real sample of ../shared/corpus/parlement/ (skipped without it)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import shared_path
from vigie.parsing.parlement_dispatch import parse_parlement_member
from vigie.parsing.parlement_model import ParsedDossier, ParsedQuestion

pytestmark = pytest.mark.shared

SAMPLES = ("an_question_gouvernement_QANR5L16QG1.json",
           "an_question_gouvernement_QANR5L16QG10.json",
           "an_question_gouvernement_QANR5L16QG400.json",
           "an_question_gouvernement_QANR5L16QG600.json",
           "an_question_ecrite_legacy_q14_14-47351QE.xml",
           "an_dossier_legislatif_legacy_14_dossiers_republique_numerique.html",
           "senat_dossier_legislatif_simple.html", "senat_dossier_legislatif_terrorismus.html",
           "senat_dossier_legislatif_transparence.html", "senat_questions_recherche_resultats.html")


def parsed(name: str) -> list:
    return parse_parlement_member(name, shared_path("corpus", "parlement", name).read_bytes())


def test_every_sample_of_the_folder_is_read() -> None:
    folder = shared_path("corpus", "parlement")
    names = sorted(p.name for p in folder.iterdir() if p.name != "MANIFEST.md")
    assert names == sorted(SAMPLES)  # a new sample must get its own assertions below
    for name in names:
        assert parsed(name), name


@pytest.mark.parametrize(("name", "uid", "page", "day", "rubrique", "group"), [
    ("an_question_gouvernement_QANR5L16QG1.json", "QANR5L16QG1", "2329", date(2022, 7, 13),
     "étrangers", "RN"),
    ("an_question_gouvernement_QANR5L16QG10.json", "QANR5L16QG10", "2337", date(2022, 7, 13),
     "outre-mer", "LIOT"),
    ("an_question_gouvernement_QANR5L16QG400.json", "QANR5L16QG400", "7019",
     date(2022, 12, 15), "retraites : généralités", "GDR-NUPES"),
    ("an_question_gouvernement_QANR5L16QG600.json", "QANR5L16QG600", "1899", date(2023, 3, 1),
     "justice", "RE"),
])
def test_government_questions(name, uid, page, day, rubrique, group) -> None:
    [question] = parsed(name)
    assert isinstance(question, ParsedQuestion)
    assert (question.id, question.kind, question.legislature) == (uid, "QG", "16")
    assert question.rubrique == rubrique and question.author.group_short == group
    assert question.url == f"https://www.assemblee-nationale.fr/dyn/16/questions/{uid}"
    [answer] = question.answers
    # The page comes from the closing (the answer's own infoJO has none), in the debates JO.
    assert (answer.published.date, answer.published.page, answer.published.kind) == (
        day, page, "JO_DEBAT")
    assert "<a" not in answer.html and "la parole est" in answer.text.lower()
    assert question.status == "REP_PUB" and question.text == ""


def test_older_written_question_xml_with_its_table_answer() -> None:
    [question] = parsed("an_question_ecrite_legacy_q14_14-47351QE.xml")
    assert question.id == "QANR5L14QE47351" and question.source == "an-xml"
    assert question.published.date == date(2014, 1, 7) and question.published.page == "18"
    assert question.author.name == "M. François Cornut-Gentille"
    assert question.author.departement == "52"
    assert question.rubrique == "défense" and question.heading == "équipements"
    assert question.keywords == ("équipements militaires", "vieillissement", "bilan")
    assert [a.date for a in question.attributions] == [date(2014, 1, 7), date(2014, 4, 3)]
    [answer] = question.answers
    assert (answer.published.date, answer.published.page, answer.published.number) == (
        date(2014, 5, 13), "3858", "19")
    assert "<table>" in answer.html and "<!--" not in answer.html
    assert "AMX30B2 DT" in answer.text and " | " in answer.text  # table rows as lines


def test_older_assemblee_dossier_page() -> None:
    [dossier] = parsed("an_dossier_legislatif_legacy_14_dossiers_republique_numerique.html")
    assert isinstance(dossier, ParsedDossier)
    assert dossier.id == "AN14-republique_numerique" and dossier.legislature == "14"
    assert dossier.title == "Economie : pour une République numérique"
    assert dossier.accelerated == date(2015, 12, 9)
    assert dossier.other_url.endswith("/dossier-legislatif/pjl15-325.html")
    stages = {(s.place, s.stage) for s in dossier.steps}
    assert {("Assemblée nationale", "1ère lecture"), ("Sénat", "1ère lecture")} <= stages
    assert any(s.label.startswith("Projet de loi pour une République numérique, n° 3318")
               and s.date == date(2015, 12, 9) for s in dossier.steps)
    assert dossier.latest_date() == date(2016, 9, 27)  # « séance du mardi 27 septembre 2016 »


@pytest.mark.parametrize(("name", "ident", "steps", "law", "law_day", "jo_day", "accelerated"), [
    ("senat_dossier_legislatif_simple.html", "pjl07-488", 7, "Loi n° 2011-2 du 3 janvier 2011",
     date(2011, 1, 3), date(2011, 1, 4), None),
    # The CMP's own empty timeline entry is not a step (its steps follow on the same day).
    ("senat_dossier_legislatif_transparence.html", "pjl12-688", 20,
     "Loi n° 2013-906 du 11 octobre 2013", date(2013, 10, 11), date(2013, 10, 12),
     date(2013, 4, 24)),
    ("senat_dossier_legislatif_terrorismus.html", "pjl16-587", 9,
     "Loi n° 2017-1510 du 30 octobre 2017", date(2017, 10, 30), date(2017, 10, 31),
     date(2017, 6, 28)),
])
def test_senat_dossier_pages(name, ident, steps, law, law_day, jo_day, accelerated) -> None:
    [dossier] = parsed(name)
    assert dossier.id == ident and dossier.procedure == "Projet de loi"
    assert len(dossier.steps) == steps and all(s.date for s in dossier.steps)
    assert (dossier.law, dossier.law_date, dossier.law_published.date) == (law, law_day, jo_day)
    assert dossier.accelerated == accelerated
    assert dossier.steps[-1].stage == "Loi" and dossier.steps[-1].place == "Promulgation"
    assert dossier.url == f"https://www.senat.fr/dossier-legislatif/{ident}.html"


def test_senat_dossier_details_and_links() -> None:
    [dossier] = parsed("senat_dossier_legislatif_simple.html")
    assert dossier.title == "Infractions routières"
    assert dossier.law_id == "JORFTEXT000023355697"
    assert dossier.steps[0].label.startswith("Texte n° 488 (2007-2008)")
    assert "Texte de la commission n° 638 (2009-2010) déposé le 7 juillet 2010" in (
        dossier.steps[1].details)
    assert dossier.other_url.endswith("/13/dossiers/allemagne_vehicules.asp")
    assert dossier.themes == ("Affaires étrangères et coopération", "Traités et conventions",
                              "Transports")


def test_senat_search_results_iso_8859_1() -> None:
    questions = parsed("senat_questions_recherche_resultats.html")
    assert len(questions) == 10 and all(q.listed_only for q in questions)
    first = questions[0]
    assert first.id == "qSEQ16030791G" and first.kind == "QG" and first.number == "0791G"
    assert first.title == "Partenariat entre La Poste et l'État : maisons de services au public"
    assert first.author.name == "M. Georges Labazée"
    assert first.attributions[0].ministry.startswith("Ministère de l'aménagement du territoire")
    assert first.published.date == date(2016, 3, 18)
    assert first.url == "https://www.senat.fr/questions/base/2016/qSEQ16030791G.html"
