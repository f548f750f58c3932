"""Genuine DILA files in, ``vigie export`` out: every field matches the source."""

from __future__ import annotations

import json

import pytest

from tests.conftest import make_tarball, shared_path
from tests.documents.source_check import expected_fields, inline_articles, signatory_names

pytestmark = pytest.mark.django_db

SIMPLE = ("corpus", "jorf", "jorfsimple")
SUMMARY = "jorf_sommaire_JORFCONT000054706874.xml"


def _simple_delivery(tmp_path):
    """Every genuine JORFSIMPLE file packed as a delivery, the way DILA ships them."""
    root = shared_path(*SIMPLE)
    members = {
        f"20260819-003000/jorfsimple/{p.parent.name}/{p.name}": p.read_bytes()
        for p in sorted(root.rglob("*.xml"))
    }
    return make_tarball(tmp_path / "JORFSIMPLE_20260819-003000.tar.gz", members)


def _export(vigie, day: str) -> dict[str, dict]:
    code, out, err = vigie("export", "--date", day)
    assert code == 0, err
    return {rec["id"]: rec for rec in map(json.loads, out.splitlines())}


def test_jorfsimple_texts_export_with_every_field_of_the_source(vigie, tmp_path):
    code, out, err = vigie("ingest", _simple_delivery(tmp_path))
    assert code == 0, err
    assert "0 anomalie" in out
    records = _export(vigie, "2026-08-19")
    for path in sorted(shared_path(*SIMPLE).rglob("JORFTEXT*.xml")) + sorted(
        shared_path(*SIMPLE).rglob("jorf_texte_*.xml")
    ):
        expected = expected_fields(path)
        if expected["date_publi"] != "2026-08-19":
            continue
        record = records[expected["id"]]
        for key, value in expected.items():
            assert record[key] == value, (path.name, key)
        assert [(a["num"], " ".join(a["text"].split()[:6])) for a in record["articles"]] == [
            (num, words) for num, words in inline_articles(path)
        ]
        assert record["signatories"] == signatory_names(path)
        assert record["urls"]["legifrance"].endswith(expected["id"])


def test_sommaire_places_texts_and_lists_those_not_delivered(vigie, tmp_path):
    vigie("ingest", _simple_delivery(tmp_path))
    records = _export(vigie, "2026-08-19")
    assert len(records) == 83  # every LIEN_TXT of the sommaire, delivered or not
    arrete = records["JORFTEXT000054708438"]
    assert arrete["section"] == (
        "Décrets, arrêtés, circulaires / Textes généraux / "
        "Ministère des armées et des anciens combattants"
    )
    assert arrete["status"] == "complete"
    assert arrete["jo_id"] == "JORFCONT000054706874"
    assert arrete["urls"]["jo"] == "https://www.legifrance.gouv.fr/jorf/jo/2026/08/19/0192"
    loi = records["JORFTEXT000054706877"]
    assert loi["status"] == "sommaire"
    assert loi["section"] == "LOIS"
    assert loi["nature"] == "LOI"
    assert loi["rank"] == 1
    assert loi["title"].startswith("LOI n° 2026-794 du 18 août 2026")
    ranks = [r["rank"] for r in records.values()]
    assert sorted(ranks) == list(range(1, 84))
    nomination = records["JORFTEXT000054708776"]
    assert "Mesures nominatives" in nomination["section"]


def test_catastrophe_naturelle_annex_tables_are_kept(vigie, tmp_path):
    vigie("ingest", _simple_delivery(tmp_path))
    records = _export(vigie, "2026-01-24")
    catnat = records["JORFTEXT000053398028"]
    assert catnat["nor"] == "INTE2601369A"
    text = "\n".join(a["text"] for a in catnat["articles"])
    assert text.count(" | ") > 100  # the table rows of communes survive as lines of cells


def test_global_flow_text_and_its_articles_are_assembled(vigie, tmp_path):
    root = shared_path("corpus", "jorf", "global", "empreinte-politique")
    members = {f"20260921-220149/jorf/global/{p.name}": p.read_bytes()
               for p in sorted(root.glob("*.xml"))}
    code, out, err = vigie("ingest", make_tarball(tmp_path / "JORF_20260921-220149.tar.gz",
                                                  members))
    assert code == 0, err
    records = _export(vigie, "2026-09-20")
    text = records["JORFTEXT000054861513"]
    expected = expected_fields(root / "JORFTEXT000054861513.xml")
    for key, value in expected.items():
        assert text[key] == value, key
    assert [a["num"] for a in text["articles"]] == ["1", "2"]
    assert "Saint-Gaudens" in text["title"]
    notice = records["JORFTEXT000054861494"]["notice"]
    assert notice["publics"] and notice["objet"] and notice["entree_en_vigueur"]
    older = _export(vigie, "2013-08-29")["JORFTEXT000027904809"]
    assert older["notice"]["publics"]  # taken from the top of VISAS, NOTICE being empty
    assert older["notice_origin"] == "visas"
    assert older["number"] == "2013-776"
