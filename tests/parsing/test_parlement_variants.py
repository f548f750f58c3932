"""Parliament parsers on the project's own fixtures (tests/fixtures/parlement/): the variants
FORMATS.md lists — list or object fields, re-assigned ministries, answers in HTML, errata,
DD/MM/YYYY dates, ISO-8859-1 pages — and what must become a clear error."""

from __future__ import annotations

import json
from datetime import date

import pytest

from tests.conftest import FIXTURES
from vigie.parsing.model import ParseError
from vigie.parsing.parlement_dispatch import (
    DUMP,
    HTML,
    JSON,
    OTHER,
    XML,
    is_parlement_xml,
    parse_parlement_member,
    sniff,
)
from vigie.parsing.parlement_model import ParsedQuestion, ParsedReply
from vigie.parsing.senat_dossier_list import parse_dossier_list
from vigie.parsing.senat_questions import DumpStats, RowProblem, read_senat_dump, unescape

PARLEMENT = FIXTURES / "parlement"


def one(name: str):
    [record] = parse_parlement_member(name, (PARLEMENT / name).read_bytes())
    return record


def test_object_fields_question_awaiting_its_answer() -> None:
    question = one("QANR5L17QE9901_question.json")
    assert question.id == "QANR5L17QE9901" and question.kind == "QE" and not question.answers
    assert question.title == "Responsabilité du maire pour une aire de jeux communale"
    assert question.published.date == date(2026, 3, 10) and question.published.page == "1712"
    assert [a.ministry for a in question.attributions] == ["Ministère de l'intérieur"]
    assert question.text.startswith("Mme Claire Exemple attire l'attention")


def test_list_fields_reassigned_ministry_html_answer_and_errata() -> None:
    question = one("QANR5L17QE9901_reponse.json")
    assert question.keywords == ("Responsabilité du maire pour une aire de jeux communale",
                                 "aires de jeux")
    assert [(a.short, a.date) for a in question.attributions] == [
        ("Intérieur", date(2026, 3, 10)), ("Collectivités territoriales", date(2026, 5, 5))]
    [answer] = question.answers  # the second texteReponse is an erratum of the first
    assert answer.ministry == ("Ministère chargé des collectivités territoriales et de la "
                               "décentralisation")
    assert (answer.published.date, answer.published.page, answer.published.number) == (
        date(2026, 9, 22), "8010", "38")
    assert "<strong>article L. 2212-2</strong>" in answer.html and "<table>" in answer.html
    for unsafe in ("<script", "alert", "javascript", "<a ", "<p/>", 'border="1"'):
        assert unsafe not in answer.html
    assert "Contrôle | annuel" in answer.text.splitlines()
    assert answer.erratum.startswith("Erratum : dans la réponse publiée le 22 septembre 2026")
    assert answer.erratum_published.date == date(2026, 9, 29)
    assert question.errata == ("Au lieu de : « aire de jeux communale », lire : « aire de jeux "
                               "communale ou intercommunale ». (JO du 17/03/2026)",)
    assert question.latest_date() == date(2026, 9, 29)


def test_government_question_page_from_closing() -> None:
    question = one("QANR5L17QG9902.json")
    [answer] = question.answers
    assert (answer.published.kind, answer.published.page) == ("JO_DEBAT", "6120")
    assert answer.text.splitlines()[0] == "DGF DES COMMUNES RURALES"


def test_older_xml_in_iso_8859_1_with_dd_mm_yyyy_dates_and_errata() -> None:
    question = one("question_ancienne_QE99903.xml")
    assert question.id == "QANR5L14QE99903" and question.source == "an-xml"
    assert question.rubrique == "cimetières" and question.title == "Reprise, procédure"
    assert question.published.date == date(2014, 2, 4)
    assert question.author.constituency == "Cher (1re circonscription)"
    assert [a.ministry for a in question.attributions] == [
        "Ministère de l'intérieur", "Ministère de la décentralisation"]
    assert question.answers[0].ministry == "Ministère de la décentralisation"
    assert question.answers[0].published.date == date(2014, 6, 3)
    assert question.errata == ("Erratum publié au JO du 11/02/2014, p. 1200",)


def test_senat_page_in_iso_8859_1() -> None:
    dossier = one("senat_ppl25-990.html")
    assert dossier.id == "ppl25-990" and dossier.procedure == "Proposition de loi"
    assert dossier.title == "Cimetières et sites cinéraires"
    assert dossier.accelerated == date(2026, 2, 3)
    assert [s.date for s in dossier.steps] == [date(2026, 2, 2), date(2026, 3, 11),
                                               date(2026, 9, 24)]
    assert dossier.steps[1].details[1] == ("Texte de la commission n° 992 (2025-2026) déposé le "
                                           "11 mars 2026")
    assert dossier.themes == ("Collectivités territoriales",) and dossier.law == ""


def test_senat_page_control_characters_mended() -> None:
    # « &#1; » in a page's title was stored as a control character: no feed can hold it.
    page = (PARLEMENT / "senat_ppl25-990.html").read_bytes().replace(
        b"Cimeti\xe8res et", b"Cimeti\xe8res&#1; et&#x7;").replace(b"2026", b"20&#31;26", 1)
    [dossier] = parse_parlement_member("senat_ppl25-990.html", page)
    assert dossier.title == "Cimetières et sites cinéraires"
    texts = [dossier.title, dossier.long_title, *(d for s in dossier.steps for d in s.details)]
    assert all(text.isprintable() for text in texts)


def test_assemblee_dossier_json_with_nested_acts_and_promulgation() -> None:
    dossier = one("DLR5L17N99001.json")
    assert dossier.procedure == "Proposition de loi ordinaire"
    assert [s.code for s in dossier.steps] == ["AN1-DEPOT", "AN1-DEBATS-DEC", "SN1-DEPOT",
                                               "PROM-PUB"]
    assert dossier.steps[1].label == "Décision de l'Assemblée nationale (adopté)"
    assert dossier.steps[2].place == "Sénat"
    assert dossier.law.startswith("LOI n° 2026-999 du 29 juin 2026")
    assert dossier.law_date == date(2026, 6, 29) and dossier.law_id == "JORFTEXT000099909999"
    assert dossier.url.endswith("/dyn/17/dossiers/simplification_normes_collectivites_essai")


def test_files_the_assemblee_ships_beside_dossiers_are_known_and_left_out() -> None:
    data = json.dumps({"document": {"uid": "PIONANR5L17B9901"}}).encode()
    assert parse_parlement_member("json/document/PIONANR5L17B9901.json", data) == []


@pytest.mark.parametrize(("data", "fragment"), [
    (b'{"question": {"uid": "QANR5L17QE1"', "JSON mal formé (ligne 1"),
    (b'{"question": {"type": "QE"}}', "identifiant de la question (uid) absent"),
    (b'{"question": {"uid": "../../etc"}}', "identifiant de question « ../../etc » invalide"),
    (b'{"autre": 1}', "ni une question ni un dossier"),
    (b"", "fichier vide"),
    (b"<TEXTE_VERSION/>", "élément racine « TEXTE_VERSION » inconnu"),
    (b"<html><body><p>Rien</p></body></html>", "ni un dossier législatif ni une liste"),
    (b"\x1f\x8b\x08\x00", "format non reconnu"),
    ('{"question": {"uid": "QANR5L17QE1"}}'.encode("utf-16"), "format non reconnu"),
])
def test_malformed_files_are_french_errors_naming_the_file(data: bytes, fragment: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_parlement_member("Q.json", data)
    assert str(caught.value).startswith("Q.json : ") and fragment in str(caught.value)


def test_sniff_recognises_content_not_names() -> None:
    assert sniff(b'\xef\xbb\xbf  {"question": {}}') == JSON
    assert sniff(b'<?xml version="1.0"?>\n<QUESTION TYPE="QE">') == XML
    assert is_parlement_xml(b'<?xml version="1.0"?>\n<!-- x -->\n<QUESTION TYPE="QE">')
    assert not is_parlement_xml(b'<?xml version="1.0"?><TEXTE_VERSION><CONTENU><html>')
    assert sniff(b"<!DOCTYPE HTML PUBLIC><html>") == HTML
    assert sniff(b"--\n-- PostgreSQL database dump\n--\n") == DUMP
    assert sniff(b"\x1f\x8b\x08") == OTHER


def dump_items(text: str, encoding: str = "utf-8", **options) -> list:
    return list(read_senat_dump(iter(text.encode(encoding).splitlines(keepends=True)),
                                **options))


def test_senat_dump_fixture() -> None:
    stats = DumpStats()
    lines = (PARLEMENT / "senat_questions.sql").read_bytes().splitlines(keepends=True)
    items = list(read_senat_dump(lines, since=date(2024, 1, 1), stats=stats))
    replies = [i for i in items if isinstance(i, ParsedReply)]
    questions = {i.id: i for i in items if isinstance(i, ParsedQuestion)}
    problems = [i for i in items if isinstance(i, RowProblem)]
    assert [r.question_key for r in replies] == ["senat:990002", "senat:990099", "senat:990005"]
    assert "trois ans" in replies[0].answer.text and replies[0].answer.published.page == "4470"
    assert replies[0].answer.text.count("\n") == 1  # the escaped \n became two paragraphs
    assert set(questions) == {"qSEQ260309901", "qSEQ260309902", "qSEQ26030990S"}
    reprise = questions["qSEQ260309902"]
    assert reprise.source_key == "senat:990002" and not reprise.carries_answers
    assert reprise.text == ("Mme Marie Essai demande comment reprendre une concession "
                            "\"abandonnée\".\nElle cite l'article L. 2223-17.")
    assert [a.ministry for a in reprise.attributions] == [
        "Ministère de l'intérieur", "Ministère chargé des collectivités territoriales"]
    assert reprise.status_label == "Réponse publiée"  # label from the sortquestion table
    assert reprise.url == "https://www.senat.fr/questions/base/2026/qSEQ260309902.html"
    assert questions["qSEQ26030990S"].kind == "QOSD"
    assert [p.key for p in problems] == ["990003", "990004"]
    assert "5 colonne(s) au lieu de 28" in problems[0].message
    assert "question 990004 : référence absente" in problems[1].message
    assert (stats.rows, stats.skipped_old) == (9, 1)  # the 2015 question is left out


def test_senat_dump_columns_by_name_latin1_escapes_and_truncation() -> None:
    text = ("SET client_encoding = 'LATIN1';\n"
            "COPY tam_questions (titre, reference, id, txtque, natquecod, datejodepot) "
            "FROM stdin;\n"
            "Élagage\tSEQ260100001\t7\tUne ligne\\\\avec barre\\ttabulation\tQE\t"
            "2026-01-08 00:00:00\n"
            "\\.\n"
            "COPY tam_reponses (idque, txtrep, datejorep) FROM stdin;\n"
            "7\tRéponse\t2026-02-01 00:00:00\n")
    question, reply, cut = dump_items(text, "latin-1")
    assert question.title == "Élagage" and question.id == "qSEQ260100001"
    assert question.text == "Une ligne\\avec barre tabulation"
    assert reply.question_key == "senat:7" and reply.answer.text == "Réponse"
    assert cut.fatal and "dump interrompu au milieu de la table tam_reponses" in cut.message


def test_copy_field_unescaping() -> None:
    assert unescape("\\N") is None
    assert unescape("a\\tb\\nc\\\\d\\101") == "a\tb\nc\\dA"


def test_copy_fields_hold_no_character_a_feed_or_postgresql_refuses() -> None:
    # « \x01 », « \b » in a dump's title were stored as they came: every feed listing the
    # question answered 500 (XML 1.0 has no such character); « \000 » stopped PostgreSQL.
    assert unescape("Reprise\\x01des\\bconcessions\\000 !") == "Reprise des concessions !"
    assert unescape("a\x01b\x7fc\x00d") == "a b cd"  # raw ones too (no backslash)
    assert unescape("a\\tb\\nc\\rd") == "a\tb\nc\rd"


def test_list_of_senat_dossiers() -> None:
    listed = parse_dossier_list((PARLEMENT / "dossiers-legislatifs.csv").read_bytes())
    assert [(d.id, d.latest) for d in listed] == [("ppl25-990", date(2026, 2, 2)),
                                                  ("pjl09-991", date(2010, 6, 20))]
    assert listed[0].title == "Cimetières et sites cinéraires" and listed[0].state == "en cours"
    with pytest.raises(ParseError):
        parse_dossier_list(b"Titre;Nom\nA;B\n")


def test_forged_addresses_never_get_through() -> None:
    dossier = json.loads((PARLEMENT / "DLR5L17N99001.json").read_text(encoding="utf-8"))
    body = dossier["dossierParlementaire"]
    body["titreDossier"]["senatChemin"] = "javascript:alert(document.cookie)"
    body["titreDossier"]["titreChemin"] = "../../admin x"
    promulgation = body["actesLegislatifs"]["acteLegislatif"][2]["actesLegislatifs"]
    promulgation["acteLegislatif"]["infoJO"]["urlLegifrance"] = "JaVaScRiPt:alert(1)"
    [parsed] = parse_parlement_member("d.json", json.dumps(dossier).encode())
    assert parsed.other_url == "" and parsed.law_published.url == "" and parsed.law_id == ""
    assert parsed.url == ("https://www.assemblee-nationale.fr/dyn/17/dossiers/"
                          "..%2F..%2Fadmin%20x")
    text = ("COPY tam_reponses (idque, txtrep, datejorep, urlrep) FROM stdin;\n"
            "7\tRéponse\t2026-02-01\tjavascript:alert(1)\n"
            "8\tRéponse\t2026-02-01\t/seances/s202602/s20260201/s20260201001.html\n\\.\n")
    forged, relative = dump_items(text)
    assert forged.answer.published.url == ""
    assert relative.answer.published.url == (
        "https://www.senat.fr/seances/s202602/s20260201/s20260201001.html")


def test_files_nested_too_deeply_are_errors_not_crashes() -> None:
    for data in (b'{"question": ' + b"[" * 100_000, b"<html><body>" + b"<div>" * 100_000):
        with pytest.raises(ParseError, match="imbrication trop profonde|ni un dossier"):
            parse_parlement_member("deep", data)
