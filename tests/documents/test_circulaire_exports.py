"""The export of a circulaire read last is not always the latest: a stock of past years read
after the flow, an archive fetched again. The export's date (``DATE_EXPORT``, else
``DATE_DEPOT``) decides; an older export changes nothing and is only counted « inchangée »."""

from __future__ import annotations

import pytest

from tests.conftest import make_tarball
from tests.documents.circulaire_files import BUDGET_ID, budget
from vigie.documents.circulaire_store import circulaire_uid
from vigie.documents.models import Anomaly, Document

pytestmark = pytest.mark.django_db
BUDGET = circulaire_uid(BUDGET_ID)
NAME = f"cir_{BUDGET_ID}.xml"


def _ingest(vigie, folder, text: str) -> str:
    folder.mkdir()
    (folder / NAME).write_text(text, encoding="utf-8")
    code, out, err = vigie("ingest", "--no-analysis", folder / NAME)
    assert code == 0, err
    return out


def test_an_older_export_read_after_a_newer_one_replaces_nothing(vigie, tmp_path):
    _ingest(vigie, tmp_path / "new", budget(state="A", exported="2026-11-02T10:15:00"))
    out = _ingest(vigie, tmp_path / "old", budget(summary="Version de 2026 avant abrogation.",
                                                  exported="2026-10-14"))
    assert ("1 circulaire lue, 0 créée, 0 mise(s) à jour, 1 inchangée(s) (dont 1 export plus "
            "ancien que celui gardé), 0 anomalie.") in out, out
    doc = Document.objects.get(uid=BUDGET)
    assert doc.details["abrogated"] and doc.version == 1
    assert doc.details["exported"] == "2026-11-02T10:15:00"
    assert not Anomaly.objects.exists()


def test_a_newer_export_or_one_of_the_same_date_replaces(vigie, tmp_path):
    _ingest(vigie, tmp_path / "a", budget(exported="14/10/2026"))
    out = _ingest(vigie, tmp_path / "b", budget(summary="Même jour, relu.", exported="2026-10-14"))
    assert "1 mise(s) à jour" in out, out  # the same day: the one read last wins
    out = _ingest(vigie, tmp_path / "c", budget(state="A", exported="2026-10-15 08:00"))
    assert "1 mise(s) à jour" in out, out
    doc = Document.objects.get(uid=BUDGET)
    assert doc.details["abrogated"] and doc.details["exported"] == "2026-10-15T08:00"


def test_the_same_content_exported_again_is_unchanged_and_its_date_noted(vigie, tmp_path):
    _ingest(vigie, tmp_path / "a", budget(exported="2026-10-14"))
    out = _ingest(vigie, tmp_path / "b", budget(exported="2026-10-30"))
    assert "0 mise(s) à jour, 1 inchangée(s), 0 anomalie" in out, out
    assert Document.objects.get(uid=BUDGET).details["exported"] == "2026-10-30"
    out = _ingest(vigie, tmp_path / "c", budget(state="A", exported="2026-10-20"))
    assert "dont 1 export plus ancien" in out, out  # older than the re-export kept
    assert not Document.objects.get(uid=BUDGET).details["abrogated"]


def test_date_depot_stands_for_a_missing_date_export(vigie, tmp_path):
    _ingest(vigie, tmp_path / "a", budget(state="A", exported="2026-11-02",
                                          element="DATE_DEPOT"))
    out = _ingest(vigie, tmp_path / "b", budget(exported="2026-10-14", element="DATE_DEPOT"))
    assert "dont 1 export plus ancien" in out, out
    assert Document.objects.get(uid=BUDGET).details["abrogated"]


def test_within_an_archive_the_latest_export_of_an_id_wins_wherever_it_sits(vigie, tmp_path):
    archive = make_tarball(tmp_path / "circulaire_02112610h15.tar.gz", {
        f"xml/2026/11/{NAME}": budget(state="A", exported="2026-11-02").encode(),
        f"xml/2026/10/{NAME}": budget(exported="2026-10-14").encode()})
    code, out, err = vigie("ingest", "--no-analysis", archive)
    assert code == 0, err
    assert "1 circulaire lue, 1 créée" in out, out
    assert Document.objects.get(uid=BUDGET).details["abrogated"]


def test_an_unreadable_export_date_is_said_and_orders_nothing(vigie, tmp_path):
    _ingest(vigie, tmp_path / "a", budget(state="A", exported="2026-11-02"))
    out = _ingest(vigie, tmp_path / "b", budget(exported="le 2 novembre"))
    assert "1 mise(s) à jour" in out and "1 anomalie" in out, out
    messages = list(Anomaly.objects.values_list("message", flat=True))
    assert any("date d'export « le 2 novembre » illisible" in m for m in messages), messages


def test_an_archive_of_the_flow_is_told_though_its_pdf_files_come_first(vigie, tmp_path):
    """The fund's flow ships ``pdf/…`` beside ``xml/…``: an archive renamed, its first file a
    PDF, was taken for a JO delivery."""
    archive = make_tarball(tmp_path / "livraison.tar.gz", {
        f"pdf/2026/11/cir_{BUDGET_ID}.pdf": b"%PDF-1.4",
        f"xml/2026/11/{NAME}": budget(exported="2026-11-02").encode()})
    code, out, err = vigie("ingest", "--no-analysis", archive)
    assert code == 0, err
    assert "1 circulaire lue, 1 créée" in out and "0 anomalie" in out, out
