"""Storage of Parliament items through ``vigie ingest``: one document per question or dossier,
answers arriving later, answers before their question, bad input, and the editions taking
answered questions after the Journal officiel."""

from __future__ import annotations

import json
import shutil
import zipfile
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from vigie.documents.models import (
    Anomaly,
    Delivery,
    Document,
    DocumentVersion,
    PendingAnswer,
)

pytestmark = pytest.mark.django_db
PARLEMENT = FIXTURES / "parlement"
DEMO = Path(__file__).resolve().parents[2] / "vigie" / "demo" / "sample"


def copy(tmp_path: Path, name: str, as_name: str | None = None) -> Path:
    target = tmp_path / (as_name or name)
    shutil.copy(PARLEMENT / name, target)
    return target


def make_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_answer_months_later_updates_the_question_and_keeps_the_version(vigie, tmp_path):
    code, out, _ = vigie("ingest", "--no-analysis", copy(tmp_path, "QANR5L17QE9901_question.json"))
    assert code == 0 and "1 élément créé" in out
    doc = Document.objects.get(uid="QANR5L17QE9901")
    assert (doc.rubric, doc.status, doc.version) == ("reponses", "awaiting", 1)
    assert doc.date_publi == date(2026, 3, 10) == doc.date_text
    assert doc.origine_publi == "Question publiée au JO AN du 10 mars 2026, p. 1712"

    code, out, _ = vigie("ingest", "--no-analysis", copy(tmp_path, "QANR5L17QE9901_reponse.json"))
    assert code == 0 and "1 mis à jour" in out
    doc.refresh_from_db()
    assert (doc.status, doc.version, doc.date_publi) == ("answered", 2, date(2026, 9, 22))
    assert doc.date_text == date(2026, 3, 10)  # the question's own JO day stays
    assert doc.origine_publi == "Réponse publiée au JO AN du 22 septembre 2026, p. 8010"
    assert doc.ministry.startswith("Ministère chargé des collectivités territoriales")
    assert doc.details["author"]["group"] == "Les Démocrates"
    assert [a.num for a in doc_articles(doc)] == ["Question", "Réponse", "Erratum"]
    [before] = DocumentVersion.objects.filter(document=doc)
    assert before.version == 1 and before.snapshot["status"] == "awaiting"
    assert [a["num"] for a in before.snapshot["articles"]] == ["Question"]

    # The same content again changes nothing; an older file cannot take the answer away.
    code, out, _ = vigie("ingest", copy(tmp_path, "QANR5L17QE9901_reponse.json", "encore.json"))
    assert "1 inchangé" in out and "Aucun changement" in out
    code, out, _ = vigie("ingest", copy(tmp_path, "QANR5L17QE9901_question.json", "vieux.json"))
    assert code == 0 and "1 version plus ancienne ignorée" in out
    doc.refresh_from_db()
    assert (doc.status, doc.version) == ("answered", 2)
    assert DocumentVersion.objects.filter(document=doc).count() == 1


def doc_articles(doc: Document) -> list:
    from vigie.documents.export import articles_of

    return articles_of(doc)


def test_zip_recognised_by_content_with_a_malformed_file_among_good_ones(vigie, tmp_path):
    archive = make_zip(tmp_path / "livraison.bin", {
        "json/QANR5L17QG9902.json": (PARLEMENT / "QANR5L17QG9902.json").read_bytes(),
        "json/QANR5L17QE9999.json": b'{"question": {"uid": "QANR5L17QE9999", ',
        "json/dossierParlementaire/DLR5L17N99001.json":
            (PARLEMENT / "DLR5L17N99001.json").read_bytes(),
        "json/document/PIONANR5L17B9901.json": json.dumps({"document": {}}).encode(),
    })
    code, out, err = vigie("ingest", "--no-analysis", archive)
    assert code == 0, err
    assert "2 éléments créés" in out and "1 anomalie" in out
    assert "json/QANR5L17QE9999.json" in err and "JSON mal formé" in err
    anomaly = Anomaly.objects.get()
    assert anomaly.member == "json/QANR5L17QE9999.json" and anomaly.delivery == "livraison.bin"
    dossier = Document.objects.get(uid="DLR5L17N99001")
    assert (dossier.rubric, dossier.status) == ("parlement", "promulgated")
    assert dossier.date_publi == date(2026, 6, 30)  # the law's JO
    assert Document.objects.get(uid="QANR5L17QG9902").origine_publi == (
        "Réponse publiée au JO AN (débats) du 23 septembre 2026, p. 6120")


def test_the_same_question_or_dossier_twice_in_one_input_is_taken_once(vigie, tmp_path):
    """As for the Journal officiel: the first one received is kept, each later one is an
    anomaly naming the refused file and the repeated identifier (it replaced the first one
    silently)."""
    dossier = (PARLEMENT / "DLR5L17N99001.json").read_text(encoding="utf-8")
    archive = make_zip(tmp_path / "Questions_ecrites.json.zip", {
        "a/QANR5L17QE9901.json": (PARLEMENT / "QANR5L17QE9901_question.json").read_bytes(),
        "a/DLR5L17N99001.json": dossier.encode(),
        "b/QANR5L17QE9901.json": (PARLEMENT / "QANR5L17QE9901_reponse.json").read_bytes(),
        "b/DLR5L17N99001.json": dossier.replace("2026-06-30", "2026-07-01").encode(),
    })
    code, out, err = vigie("ingest", "--no-analysis", archive)
    assert code == 0, err
    assert "2 éléments créés" in out and "2 anomalies" in out, out
    refused = dict(Anomaly.objects.values_list("member", "message"))
    assert set(refused) == {"b/QANR5L17QE9901.json", "b/DLR5L17N99001.json"}
    assert "la question QANR5L17QE9901 figure déjà plus haut" in refused["b/QANR5L17QE9901.json"]
    assert "le dossier législatif DLR5L17N99001" in refused["b/DLR5L17N99001.json"]
    question = Document.objects.get(uid="QANR5L17QE9901")
    assert (question.status, question.version, question.member) == (
        "awaiting", 1, "a/QANR5L17QE9901.json")
    assert Document.objects.get(uid="DLR5L17N99001").date_publi == date(2026, 6, 30)
    assert not DocumentVersion.objects.exists()


def test_truncated_zip_changes_nothing(vigie, tmp_path):
    whole = make_zip(tmp_path / "whole.zip", {
        "a.json": (PARLEMENT / "QANR5L17QG9902.json").read_bytes() * 3})
    cut = tmp_path / "Questions_ecrites.json.zip"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    code, out, _ = vigie("ingest", cut)
    assert code == 1 and "n'est pas une archive zip lisible" in out
    assert not Document.objects.exists()


def test_a_file_nothing_could_be_taken_from_is_not_read(vigie, tmp_path):
    # A JSON file of nothing Vigie knows said « 1 anomalie », exit 0, as if read; then it
    # was a Parliament input recorded « incomplète ». Its format is not recognised.
    junk = tmp_path / "inconnu.json"
    junk.write_text('{"a": 1}')
    code, out, err = vigie("ingest", junk)
    assert code == 1 and "ni un fichier reconnu du Parlement" in out, out
    assert vigie("ingest", junk)[0] == 1  # not recorded as done: said again, not skipped
    assert not Delivery.objects.exists()
    # A file of the Assemblée that cannot be read is said, and not recorded as read either.
    broken = tmp_path / "QANR5L17QE1.json"
    broken.write_text('{"question": {"type": "QE"}}')
    code, out, err = vigie("ingest", broken)
    assert code == 1 and "Entrée lue en partie seulement" in out, out
    assert "identifiant de la question (uid) absent" in err


def senat_zip(tmp_path: Path, text: str, name: str = "questions.zip") -> Path:
    return make_zip(tmp_path / name, {"questions.sql": text.encode("utf-8")})


def test_senat_dump_answers_before_questions_unknown_question_and_bad_rows(vigie, tmp_path):
    dump = (PARLEMENT / "senat_questions.sql").read_text(encoding="utf-8")
    code, out, err = vigie("ingest", "--no-analysis", senat_zip(tmp_path, dump))
    assert code == 0, err
    assert "1 réponse en attente de sa question" in out and "2 anomalies" in out
    assert "990003" in err and "990004 : référence absente" in err
    reprise = Document.objects.get(uid="qSEQ260309902")
    assert (reprise.status, reprise.date_publi, reprise.source_key) == (
        "answered", date(2026, 9, 24), "senat:990002")
    assert "trois ans" in doc_articles(reprise)[-1].text
    assert reprise.origine_publi == "Réponse publiée au JO Sénat du 24 septembre 2026, p. 4470"
    assert Document.objects.get(uid="qSEQ26030990S").status == "answered"  # date, no text
    assert Document.objects.get(uid="qSEQ260309901").status == "awaiting"
    assert PendingAnswer.objects.get().question_key == "senat:990099"

    later = dump.replace("990005\t2\t99005E", "990099\t2\t99099Z", 1).replace(
        "SEQ26030990S", "SEQ26030999S")
    code, out, _ = vigie("ingest", "--no-analysis", senat_zip(tmp_path, later, "q2.zip"))
    assert "1 réponse rattachée à sa question" in out
    assert not PendingAnswer.objects.exists()
    linked = Document.objects.get(uid="qSEQ26030999S")
    assert linked.status == "answered"
    assert "n'est pas dans ce dump" in doc_articles(linked)[-1].text


def test_truncated_dump_is_read_in_part_and_says_so(vigie, tmp_path):
    dump = (PARLEMENT / "senat_questions.sql").read_text(encoding="utf-8")
    cut = dump[: dump.index("990004\t")]
    path = tmp_path / "questions.sql"
    path.write_text(cut, encoding="utf-8")
    code, out, err = vigie("ingest", "--no-analysis", path)
    assert code == 1 and "lue en partie seulement" in out and "dump interrompu" in err
    assert Document.objects.filter(uid="qSEQ260309902").exists()  # rows read before the cut


def test_a_list_of_results_never_replaces_a_question_read_in_full(vigie, tmp_path):
    dump = (PARLEMENT / "senat_questions.sql").read_text(encoding="utf-8")
    vigie("ingest", "--no-analysis", senat_zip(tmp_path, dump))
    page = tmp_path / "resultats.html"
    page.write_text(
        "<html><body><table><tr><td><div><a href=\"visio.do?id=qSEQ260309902&amp;idtable=1\">"
        "Reprise</a><small>Question n° 09902 posée par Mme Marie Essai</small></div></td>"
        "<td>24/09/2026</td></tr></table></body></html>", encoding="utf-8")
    code, out, _ = vigie("ingest", "--no-analysis", page)
    assert code == 0 and "1 inchangé" in out
    assert Document.objects.get(uid="qSEQ260309902").status == "answered"


def test_parliament_items_join_the_jo_editions_and_are_exported(vigie, tmp_path):
    answer = json.loads((PARLEMENT / "QANR5L17QE9901_reponse.json").read_text(encoding="utf-8"))
    text = json.dumps(answer).replace("2026-09-22", "2026-10-14")  # answered the day of the JO
    (tmp_path / "q.json").write_text(text, encoding="utf-8")
    code, _, err = vigie("ingest", DEMO / "JORFSIMPLE_20261014-011502", tmp_path / "q.json")
    assert code == 0, err
    from vigie.analysis.models import Analysis
    from vigie.editions.models import EditionItem

    answer = Analysis.objects.get(document__rubric="reponses")
    assert answer.retained and answer.decision["question"]
    assert set(EditionItem.objects.values_list("rubric", flat=True)) == {"jo", "reponses"}
    code, out, _ = vigie("analyse", "--all")
    assert code == 0
    code, out, err = vigie("editions", "--departement", "18")
    assert code == 0 and "QANR5L17QE9901" in out
    # The answers come after the Journal officiel, as ID.CiTé's « Réponses ministérielles ».
    assert out.index("JOURNAL OFFICIEL") < out.index("RÉPONSES MINISTÉRIELLES")
    assert "Réponse publiée au JO AN du 14 octobre 2026, p. 8010" in out

    code, out, _ = vigie("export", "--date", "2026-10-14")
    lines = [json.loads(line) for line in out.splitlines()]
    assert {line["rubric"] for line in lines} == {"jo", "reponses"}
    question = next(line for line in lines if line["rubric"] == "reponses")
    assert question["id"] == "QANR5L17QE9901" and question["analysis"]["retained"]
    assert question["urls"]["source"].endswith("/dyn/17/questions/QANR5L17QE9901")
    assert question["details"]["answers"][0]["published"]["page"] == "8010"
    assert [a["num"] for a in question["articles"]] == ["Question", "Réponse", "Erratum"]
    jo = next(line for line in lines if line["rubric"] == "jo")
    assert "details" not in jo and jo["urls"]["legifrance"].startswith("https://")

    from vigie.documents.citation import official_links, reference_line

    doc = Document.objects.get(uid="QANR5L17QE9901")
    assert reference_line(doc) == "Réponse publiée au JO AN du 14 octobre 2026, p. 8010"
    assert official_links(doc) == [("official", "Assemblée nationale", question["urls"]["source"])]
    code, out, _ = vigie("show", "QANR5L17QE9901")
    assert code == 0 and "Question écrite n° 9901" in out and "Réponse — Ministère" in out
    assert "Réponse publiée au JO AN du 14 octobre 2026, p. 8010" in out


def test_pages_and_search_do_not_break_on_parliament_items(vigie, tmp_path, client):
    vigie("ingest", copy(tmp_path, "QANR5L17QE9901_reponse.json"),
          copy(tmp_path, "senat_ppl25-990.html"))
    from vigie.web.search import refresh_missing

    refresh_missing()
    for uid in ("QANR5L17QE9901", "ppl25-990"):
        assert client.get(f"/texte/{uid}/").status_code == 200
    assert client.get("/recherche/", {"q": "aire de jeux"}).status_code == 200
