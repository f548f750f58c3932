"""``vigie sync --source circulaires`` against a local imitation of the DILA's CIRCULAIRES
fund (Apache listings, archives built here): the flow's archives, named day first, fetched
and read in the order of their dates; a second run fetches nothing; a failed download stops
the run, is recorded, and is fetched again next time; the yearly stocks only on demand."""

from __future__ import annotations

import pytest

from tests.conftest import make_tarball
from tests.documents.circulaire_files import BUDGET_ID, SCHOOL_ID, budget, school
from tests.sources.dila_server import DilaServer
from vigie.documents.circulaire_store import circulaire_uid
from vigie.documents.models import Anomaly, Document, Watermark
from vigie.operations.models import Run
from vigie.sources.circulaire_names import archive_stamp
from vigie.sources.listing import parse_folders

FUND = "CIRCULAIRES/"
# Day first: by name, 2 January 2026 comes before 31 December 2025 and 15 January.
DEC31 = "FLUX/2025/circulaire_31122518h00.tar.gz"
JAN02 = "FLUX/2026/circulaire_02012609h00.tar.gz"
JAN15 = "FLUX/Annee_en_cours/circulaire_15012610h30.tar.gz"
STOCK = "xml/2012_xml.tar.gz"
BUDGET = circulaire_uid(BUDGET_ID)


def _archive(tmp_path, name: str, members: dict[str, str]) -> bytes:
    path = make_tarball(tmp_path / name.rpartition("/")[2],
                        {k: v.encode() for k, v in members.items()})
    return path.read_bytes()


def _fund(tmp_path) -> dict[str, bytes]:
    """Budget valid on 31 December, abrogated on 2 January (no export date: the order in
    which they are read decides), the school circulaire on 15 January; PDF files beside."""
    return {FUND + path: data for path, data in {
        DEC31: _archive(tmp_path, DEC31, {
            f"pdf/2025/12/cir_{BUDGET_ID}.pdf": "%PDF-1.4 pas du XML",
            f"xml/2025/12/cir_{BUDGET_ID}.xml": budget(signed="2025-12-31")}),
        JAN02: _archive(tmp_path, JAN02, {
            f"xml/2026/01/cir_{BUDGET_ID}.xml": budget(state="A", signed="2025-12-31")}),
        JAN15: _archive(tmp_path, JAN15, {f"xml/2026/01/cir_{SCHOOL_ID}.xml": school()}),
        STOCK: _archive(tmp_path, STOCK, {f"06/cir_{BUDGET_ID}.xml": budget(
            summary="Version du stock de 2012.", signed="2012-06-01")}),
    }.items()}


def _sync(vigie, server: DilaServer, *extra: str) -> tuple[int, str, str]:
    return vigie("sync", "--source", "circulaires", "--base-url", server.base_url, *extra)


def _gets(server: DilaServer, path: str) -> int:
    return len(server.requests_for(FUND + path))


def test_the_fund_names_its_archives_day_first():
    assert archive_stamp("circulaire_31122518h00.tar.gz") == "20251231-1800"
    assert archive_stamp("circulaire_02012609h00.tar.gz") == "20260102-0900"
    assert archive_stamp("2012_xml.tar.gz") == "20120000-0000"
    # The list of abrogations: after every stock, before the flow of 2015.
    assert archive_stamp("abroge_txt.tar") == "20150000-0000"
    assert archive_stamp("cir_1.xml") is None


def test_an_apache_listing_gives_its_folders_without_parent_nor_sort_links():
    with DilaServer({"CIRCULAIRES/FLUX/2025/a.tar.gz": b"x", "CIRCULAIRES/FLUX/b/c": b"y",
                     "CIRCULAIRES/FLUX/d.tar.gz": b"z"}, listing_style="apache") as server:
        url = server.base_url + "CIRCULAIRES/FLUX/"
        from vigie.sources.dila import fetch_listing, make_client
        with make_client() as http:
            html = fetch_listing(http, url, 0, 0.0, lambda _: None)
    assert parse_folders(html, url) == ["2025", "b"]


@pytest.mark.django_db
def test_sync_reads_the_flow_in_date_order_then_has_nothing_to_do(vigie, tmp_path):
    with DilaServer(_fund(tmp_path), listing_style="apache") as server:
        code, out, err = _sync(vigie, server)
        assert code == 0, err
        assert "3 livraison(s) à traiter" in out, out
        names = [name.rpartition("/")[2] for name in (DEC31, JAN02, JAN15)]
        assert out.index(names[0]) < out.index(names[1]) < out.index(names[2]), out
        doc = Document.objects.get(uid=BUDGET)
        assert doc.details["abrogated"], "2 January was read after 31 December"
        assert Document.objects.filter(uid=circulaire_uid(SCHOOL_ID)).exists()
        assert not Anomaly.objects.exists(), "the PDF files are left aside"
        assert Watermark.objects.get(source="dila-circulaires").value == "20260115-1030"
        assert _gets(server, STOCK) == 0, "no stock without a --since that asks for it"

        code, out, err = _sync(vigie, server)
        assert code == 0 and "aucune nouvelle livraison" in out, out + err
        assert all(_gets(server, path) == 1 for path in (DEC31, JAN02, JAN15))
        assert _gets(server, "FLUX/2025/") == 1, "a year before the watermark is not listed"


@pytest.mark.django_db
def test_a_failed_download_stops_the_run_is_recorded_and_is_fetched_next_time(vigie,
                                                                                tmp_path):
    with DilaServer(_fund(tmp_path), listing_style="apache") as server:
        server.fail(FUND + JAN02, status=404)
        code, out, err = _sync(vigie, server)
        assert code == 1
        assert "circulaire_02012609h00.tar.gz : Le serveur DILA a répondu 404" in err, err
        assert Watermark.objects.get(source="dila-circulaires").value == "20251231-1800"
        assert _gets(server, JAN15) == 0, "nothing after the failure"
        run = Run.objects.filter(kind=Run.SYNC, source="circulaires").latest("started_at")
        assert run.status == Run.FAILED and run.error, run.error
        code, out, _ = vigie("status")
        assert code == 1 and "  circulaires : dernière réussie jamais ; dernière livraison " \
            "traitée 20251231-1800" in out, out

        code, out, err = _sync(vigie, server)
        assert code == 0, err
        assert "2 livraison(s) à traiter" in out, out
        assert Document.objects.get(uid=BUDGET).details["abrogated"]
        assert Watermark.objects.get(source="dila-circulaires").value == "20260115-1030"


@pytest.mark.django_db
def test_a_since_in_the_stock_years_reads_the_stock_first_and_skips_older_flow(vigie,
                                                                                tmp_path):
    with DilaServer(_fund(tmp_path), listing_style="apache") as server:
        code, out, err = _sync(vigie, server, "--since", "2012-06-01")
        assert code == 0, err
        assert "4 livraison(s) à traiter" in out and out.index("2012_xml") < out.index(
            "circulaire_3112"), out
        assert Document.objects.get(uid=BUDGET).details["abrogated"]
    with DilaServer(_fund(tmp_path), listing_style="apache") as server:
        Watermark.objects.all().delete()
        code, out, err = _sync(vigie, server, "--since", "2026-01-10")
        assert code == 0 and "1 livraison(s) à traiter" in out, out + err
        assert _gets(server, STOCK) == _gets(server, "xml/") == _gets(server, DEC31) == 0
        assert _gets(server, "FLUX/2025/") == 0, "a year before --since is not listed"
