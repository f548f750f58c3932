"""``vigie sync --source an|senat|all`` (``all`` with the JO and the circulaires) against a
real local HTTP server serving the project's fixtures: conditional requests (304), interrupted
downloads resumed with ``If-Range``, the watermark moved only after a complete ingestion, the
previous data left intact."""

from __future__ import annotations

import hashlib
import io
import os
from datetime import date
from pathlib import Path

import pytest

from vigie.commands.output import printer
from vigie.documents.models import Delivery, Document, Watermark
from vigie.documents.parlement_sync import sync_parlement
from vigie.sources.fetch import MODIFIED, NOT_MODIFIED, Validators, fetch, zip_check

from .dila_server import DilaServer
from .every_source import point_eu, serve_dila
from .parlement_files import DOSSIERS, QE, QG, QOSD, an_files, fixture, senat_files, zipped

DEMO = Path(__file__).resolve().parents[2] / "vigie" / "demo" / "sample"


@pytest.fixture
def server(settings):
    with DilaServer(prefix="") as running:
        settings.VIGIE_AN_BASE_URL = running.base_url + "an/"
        settings.VIGIE_AN_LEGISLATURE = "17"
        settings.VIGIE_SENAT_BASE_URL = running.base_url + "senat/"
        settings.VIGIE_SENAT_SITE_URL = running.base_url + "site/"
        point_eu(settings, running)  # ``--source all`` reads Cellar too (``serve_dila``)
        yield running


def sync(*sources: str, **options) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    report = sync_parlement(list(sources), since=date(2024, 1, 1), notify=printer(out, err),
                            sleep=lambda _s: None, **options)
    return report.status, out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_an_sync_ingests_then_asks_with_validators_and_gets_304(server):
    for path, data in an_files().items():
        server.add(path, data)
    code, out, err = sync("an")
    assert code == 0, err
    assert Document.objects.get(uid="QANR5L17QE9901").status == "awaiting"
    assert Document.objects.get(uid="DLR5L17N99001").rubric == "parlement"
    mark = Validators.from_text(Watermark.objects.get(source="an-17-questions_ecrites").value)
    assert mark.etag and mark.last_modified and mark.url.endswith("Questions_ecrites.json.zip")

    deliveries = Delivery.objects.count()
    code, out, _ = sync("an")
    assert code == 0 and out.count("inchangé depuis la dernière synchronisation") == 4
    last = server.requests_for(QE)[-1]
    assert last.headers["if-none-match"] == mark.etag
    assert Delivery.objects.count() == deliveries  # nothing downloaded nor read again

    server.add(QE, an_files("QANR5L17QE9901_reponse.json")[QE])  # republished with the answer
    code, out, _ = sync("an")
    assert code == 0 and "1 mis à jour" in out
    doc = Document.objects.get(uid="QANR5L17QE9901")
    assert (doc.status, doc.version) == ("answered", 2)


@pytest.mark.django_db
def test_interrupted_download_keeps_data_and_watermark_then_resumes(server, settings):
    for path, data in an_files().items():
        server.add(path, data)
    assert sync("an")[0] == 0
    before = Watermark.objects.get(source="an-17-questions_ecrites").value

    new = an_files("QANR5L17QE9901_reponse.json")[QE]
    server.add(QE, new)
    server.cut(QE, after=100)
    code, _, err = sync("an", retries=0)
    assert code == 1 and "Les données déjà stockées sont intactes" in err
    assert Document.objects.get(uid="QANR5L17QE9901").status == "awaiting"
    assert Watermark.objects.get(source="an-17-questions_ecrites").value == before
    folder = settings.DATA_DIR / "downloads" / "parlement"
    assert (folder / "AN17_Questions_ecrites.json.zip.part").stat().st_size == 100

    code, out, err = sync("an", retries=0)
    assert code == 0, err
    resumed = server.requests_for(QE)[-1]
    assert resumed.headers["range"] == "bytes=100-"
    assert resumed.headers["if-range"] == f'"{hashlib.sha256(new).hexdigest()[:20]}"'
    assert Document.objects.get(uid="QANR5L17QE9901").status == "answered"
    assert Watermark.objects.get(source="an-17-questions_ecrites").value != before
    assert not (folder / "AN17_Questions_ecrites.json.zip.part").exists()


@pytest.mark.django_db
def test_a_missing_archive_is_reported_and_the_others_go_in(server):
    files = an_files()
    del files[QOSD]
    for path, data in files.items():
        server.add(path, data)
    code, _, err = sync("an")
    assert code == 1 and "répondu 404" in err
    assert Document.objects.filter(rubric="reponses").count() == 2
    assert not Watermark.objects.filter(source="an-17-questions_orales").exists()


def test_fetch_restarts_from_zero_when_the_file_changed_meanwhile(tmp_path):
    first, second = b"PK\x03\x04" + b"a" * 5000, b"PK\x03\x04" + b"b" * 6000
    with DilaServer({"f.zip": first}, prefix="") as server:
        server.cut("f.zip", after=1000)
        with pytest.raises(Exception, match="abandonné"):
            fetch(server.url("f.zip"), tmp_path / "f.zip", retries=0, progress=False)
        server.add("f.zip", second)  # replaced before the next attempt
        done = fetch(server.url("f.zip"), tmp_path / "f.zip", retries=0, progress=False)
        assert done.status == MODIFIED and (tmp_path / "f.zip").read_bytes() == second
        asked = server.requests_for("f.zip")[-1].headers
        assert asked["range"] == "bytes=1000-" and asked["if-range"] != done.validators.etag
        again = fetch(server.url("f.zip"), tmp_path / "f.zip", known=done.validators,
                      progress=False)
        assert again.status == NOT_MODIFIED


def test_zip_check_refuses_an_error_page_and_a_cut_archive(tmp_path):
    page, cut = tmp_path / "page.zip", tmp_path / "cut.zip"
    page.write_bytes(b"<html>Service indisponible</html>")
    cut.write_bytes(zipped({"a.bin": os.urandom(5000)})[:2000])
    assert "pas une archive zip" in zip_check(page)
    assert "incomplète" in zip_check(cut)


@pytest.mark.django_db
def test_senat_sync_questions_and_recent_dossiers_then_304(server):
    for path, data in senat_files().items():
        server.add(path, data)
    code, out, err = sync("senat")
    assert code == 0, err
    assert "Dossiers du Sénat : 1 à vérifier sur 1" in out
    assert Document.objects.get(uid="qSEQ260309902").status == "answered"
    assert not Document.objects.filter(uid="qSEQ150109906").exists()  # before --since
    assert Document.objects.get(uid="ppl25-990").status == "in_progress"
    assert not server.requests_for("site/dossier-legislatif/pjl09-991.html")
    code, out, _ = sync("senat")
    assert code == 0 and out.count("inchangé depuis la dernière synchronisation") == 3
    page = server.requests_for("site/dossier-legislatif/ppl25-990.html")
    assert len(page) == 2 and "if-none-match" in page[-1].headers  # asked again: 304


@pytest.mark.django_db
def test_sync_all_on_the_command_line_puts_parliament_in_the_editions(vigie, server, tmp_path):
    for path, data in {**an_files("QANR5L17QE9901_reponse.json"), **senat_files()}.items():
        server.add(path, data)
    serve_dila(server, tmp_path)
    code, out, err = vigie("sync", "--source", "all", "--since", "2024-01-01",
                           "--base-url", server.base_url + "dila/")
    assert code == 0, err
    assert set(Document.objects.values_list("rubric", flat=True)) == {
        "jo", "reponses", "parlement", "circulaires", "europe"}
    from vigie.editions.models import EditionItem

    assert set(EditionItem.objects.values_list("rubric", flat=True)) == {
        "jo", "reponses", "parlement", "circulaires", "europe"}
    # Answers are news on the day they were published; a question awaiting its answer is not.
    assert EditionItem.objects.filter(uid="QANR5L17QE9901", day=date(2026, 9, 22)).exists()
    assert not EditionItem.objects.filter(uid="qSEQ260309901").exists()
    code, out, _ = vigie("editions", "--date", "2026-09-24")
    assert code == 0 and out.index("PARLEMENT") < out.index("RÉPONSES MINISTÉRIELLES")
    assert "Réponse publiée au JO Sénat du 24 septembre 2026, p. 4470" in out
    code, out, _ = vigie("sync", "--source", "an")
    assert code == 0 and "inchangé" in out


@pytest.mark.django_db
def test_sync_all_then_one_edition_with_the_three_rubrics(vigie, server, tmp_path):
    """The demo's Parliament files served as the chambers publish them, beside the JO day."""
    sample = DEMO / "parlement"
    server.add(QE, zipped({"json/QANR5L17QE99201.json":
                           (sample / "QANR5L17QE99201.json").read_bytes()}))
    server.add(QG, zipped({}))
    server.add(QOSD, zipped({}))
    server.add(DOSSIERS, zipped({"json/dossierParlementaire/DLR5L17N99201.json":
                                 (sample / "DLR5L17N99201.json").read_bytes()}))
    server.add("senat/data/questions/questions.zip", zipped({
        "questions.sql": (sample / "senat_questions_demo.sql").read_bytes()}))
    server.add("senat/data/dosleg/dossiers-legislatifs.csv", fixture("dossiers-legislatifs.csv"))
    server.add("site/dossier-legislatif/ppl25-990.html", fixture("senat_ppl25-990.html"))
    serve_dila(server, tmp_path)
    code, _, err = vigie("sync", "--source", "all", "--since", "2024-01-01",
                         "--base-url", server.base_url + "dila/")
    assert code == 0, err
    code, out, _ = vigie("editions", "--date", "2026-10-14", "--departement", "18")
    assert code == 0
    jo, parlement, reponses = (out.index(h) for h in (
        "JOURNAL OFFICIEL", "\nPARLEMENT\n", "RÉPONSES MINISTÉRIELLES"))
    assert jo < parlement < reponses
    answers = out[reponses:]
    assert "CIMETIÈRES" in answers  # the heading the Sénat filed it under
    assert "[Dans votre département] Reprise des concessions funéraires à Vierzon" in answers
    assert ("Question : Mme Jeanne Démo demande de préciser la procédure que le maire doit "
            "suivre pour reprendre ces concessions.") in answers
    assert "  >> La procédure dure au moins trois ans" in answers
    assert "Réponse publiée au JO Sénat du 14 octobre 2026, p. 5212" in answers
    assert "Réponse publiée au JO AN du 14 octobre 2026, p. 9120" in answers
    assert "Éclairage public" not in out  # awaiting its answer
    assert "Gestion de l'eau potable par les communes rurales" in out[parlement:reponses]


@pytest.mark.django_db
def test_a_second_sync_at_the_same_time_does_nothing(server, settings):
    import fcntl

    for path, data in an_files().items():
        server.add(path, data)
    folder = settings.DATA_DIR / "downloads" / "parlement"
    folder.mkdir(parents=True)
    with (folder / ".sync.lock").open("a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        code, _, err = sync("an")
    assert code == 1 and "une autre synchronisation du Parlement est en cours" in err
    assert not server.requests and not Document.objects.exists()
    assert sync("an")[0] == 0  # the lock went with its holder


@pytest.mark.django_db
def test_an_unreachable_server_costs_one_file_not_every_file(server):
    for path, data in an_files().items():
        server.add(path, data)
    server.fail(QE, status=503, times=3)
    code, _, err = sync("an", retries=1)
    assert code == 1 and "abandonné après 2 échec(s)" in err
    assert not server.requests_for(QG) and not Document.objects.exists()
    assert sync("an", retries=1)[0] == 0  # the server is back: everything goes in
    assert Document.objects.filter(rubric="reponses").count() == 2
