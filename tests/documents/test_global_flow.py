"""The global flow: texts, structures, sections and articles assembled across deliveries."""

from __future__ import annotations

import json

import pytest

from tests.conftest import FIXTURES, make_tarball, tree_members
from tests.sources.dila_server import DilaServer
from vigie.documents.models import Document, DocumentVersion, Watermark

pytestmark = pytest.mark.django_db

MORNING, EVENING = "JORF_20260923-011003", "JORF_20260923-204512"
A, B, C = "JORFTEXT000099100001", "JORFTEXT000099100130", "JORFTEXT000099100240"


def _tarball(tmp_path, name: str):
    return make_tarball(tmp_path / f"{name}.tar.gz", tree_members(FIXTURES / "global" / name))


def _export(vigie, day: str) -> dict[str, dict]:
    code, out, err = vigie("export", "--date", day)
    assert code == 0, err
    return {rec["id"]: rec for rec in map(json.loads, out.splitlines())}


def test_articles_follow_the_structure_and_missing_ones_arrive_later(vigie, tmp_path):
    code, out, err = vigie("ingest", _tarball(tmp_path, MORNING))
    assert code == 0, err
    day = _export(vigie, "2026-09-23")
    a = day[A]
    assert [art["num"] for art in a["articles"]][:10] == [str(n) for n in range(1, 11)]
    assert len(a["articles"]) == 11  # the annex article, from its SECTION_TA, comes last
    assert a["section"].startswith("Décrets, arrêtés, circulaires / Textes généraux")
    assert a["jo_id"] == "JORFCONT000099100000"
    assert a["notice"]["publics"]
    assert day[B]["status"] == "incomplete"
    assert [art["num"] for art in day[B]["articles"]] == ["1", "3"]
    assert "Mesures nominatives" in day[C]["section"]
    assert day["JORFTEXT000099100350"]["status"] == "sommaire"

    code, out, err = vigie("ingest", _tarball(tmp_path, EVENING))
    assert code == 0, err
    day = _export(vigie, "2026-09-23")
    assert "police municipale" in day[A]["title"]
    assert day[A]["version"] == 2
    assert day[B]["status"] == "complete"
    assert [art["num"] for art in day[B]["articles"]] == ["1", "2", "3"]
    old = DocumentVersion.objects.get(document__uid=A)
    assert old.replaced_by == f"{EVENING}.tar.gz"
    assert len(old.snapshot["articles"]) == 11
    # Filter on DATE_PUBLI, never the delivery date: the re-sent June text is not of the day.
    assert "JORFTEXT000099060001" not in day
    assert "JORFTEXT000099060001" in _export(vigie, "2026-06-10")


def test_ingesting_both_deliveries_again_changes_nothing(vigie, tmp_path):
    paths = [_tarball(tmp_path, MORNING), _tarball(tmp_path, EVENING)]
    vigie("ingest", *paths)
    before = sorted(Document.objects.values_list("uid", "content_hash", "version", "status"))
    code, out, _ = vigie("ingest", "--force", *paths)
    assert code == 0
    assert out.count("Aucun changement") == 2
    after = sorted(Document.objects.values_list("uid", "content_hash", "version", "status"))
    assert after == before
    assert DocumentVersion.objects.count() == 2


def test_sync_downloads_resumes_and_ingests_in_order_then_has_nothing_to_do(vigie, tmp_path):
    files = {f"JORF/{name}.tar.gz": _tarball(tmp_path, name).read_bytes()
             for name in (EVENING, MORNING)}
    files["JORF/Freemium_jorf_global_20231011-100000.tar.gz"] = b"stock: never fetched"
    with DilaServer(files) as server:
        server.cut(f"JORF/{MORNING}.tar.gz", after=200)
        code, out, err = vigie("sync", "--flow", "jorf", "--base-url", server.base_url)
        assert code == 0, err
        assert out.index(MORNING) < out.index(EVENING)
        ranges = [r for r in server.requests_for(f"JORF/{MORNING}.tar.gz") if "range" in r.headers]
        assert ranges, "the interrupted download was resumed with a Range request"
        assert Watermark.objects.get(source="dila-jorf").value == "20260923-204512"
        assert Document.objects.get(uid=B).status == "complete"
        code, out, _ = vigie("sync", "--flow", "jorf", "--base-url", server.base_url)
        assert code == 0 and "aucune nouvelle livraison" in out
        assert not server.requests_for("JORF/Freemium_jorf_global_20231011-100000.tar.gz")


def test_sync_reports_an_unreachable_listing(vigie):
    code, _, err = vigie("sync", "--base-url", "http://127.0.0.1:9/OPENDATA/")
    assert code == 1
    assert "vigie :" in err
