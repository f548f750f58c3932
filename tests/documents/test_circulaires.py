"""Circulaires of the DILA CIRCULAIRES fund ingested as « Circulaires et instructions »
items: a file alone, a folder of them, an archive of them; one item per id, a later export
replacing an earlier one, an abrogated one marked and not shown again, a broken file an
anomaly (files written for these tests: ``circulaire_files``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import make_tarball
from tests.documents.circulaire_files import (
    BROKEN,
    BUDGET_ID,
    BUDGET_TITLE,
    SCHOOL_ID,
    WITHOUT_ID,
    budget,
    school,
)
from vigie.analysis.models import Analysis
from vigie.documents.circulaire_store import circulaire_uid
from vigie.documents.models import Anomaly, Document
from vigie.editions.models import Edition
from vigie.editions.reading import content_of
from vigie.parsing.model import NOT_JO_CIRCULAIRE

pytestmark = pytest.mark.django_db
BUDGET, SCHOOL = circulaire_uid(BUDGET_ID), circulaire_uid(SCHOOL_ID)
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "global"


def _write(folder, name: str, text: str):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _rubric(departement: str, day: str = "2026-10-14") -> list[str]:
    edition = Edition.objects.get(date=day, departement=departement)
    return [i.uid for i in content_of(edition).items() if i.rubric == "circulaires"]


def test_a_circulaire_alone_is_stored_selected_and_shown_everywhere(vigie, tmp_path):
    code, out, err = vigie("ingest", _write(tmp_path, f"cir_{BUDGET_ID}.xml", budget()))
    assert code == 0, err
    assert (f"cir_{BUDGET_ID}.xml : 1 circulaire lue, 1 créée, 0 mise(s) à jour, "
            "0 inchangée(s), 0 anomalie.") in out, out
    doc = Document.objects.get(uid=BUDGET)
    assert (doc.rubric, doc.flow, doc.nature, doc.nor, doc.ministry) == (
        "circulaires", "circulaires", "Circulaire", "INTB2630012C", "Ministère de l'intérieur")
    assert doc.title == BUDGET_TITLE and str(doc.date_publi) == "2026-10-14"
    assert doc.origine_publi == "Circulaire du 14 octobre 2026 — NOR INTB2630012C"
    assert doc.details["url"] == f"https://www.legifrance.gouv.fr/circulaire/id/{BUDGET_ID}"
    assert doc.details["references"][0].startswith("Code général des collectivités")
    analysis = Analysis.objects.get(document=doc)
    assert analysis.retained and analysis.scope == "national", analysis.decision
    assert analysis.decision["theme"] in {"finances", "institutions"}, analysis.decision
    for departement in ("", "73", "971"):  # a circulaire of the State: every edition
        assert _rubric(departement) == [BUDGET]


def test_a_circulaire_on_nothing_local_authorities_run_is_not_retained(vigie, tmp_path):
    code, _, err = vigie("ingest", _write(tmp_path, f"cir_{SCHOOL_ID}.xml", school()))
    assert code == 0, err
    analysis = Analysis.objects.get(document__uid=SCHOOL)
    assert not analysis.retained, analysis.decision
    assert analysis.decision["reasons"], "a decision always says why"


def test_a_later_export_replaces_and_an_abrogated_one_is_marked_not_shown_again(vigie,
                                                                                tmp_path):
    first, later = tmp_path / "a", tmp_path / "b"
    first.mkdir(), later.mkdir()
    vigie("ingest", _write(first, f"cir_{BUDGET_ID}.xml", budget()))
    code, out, _ = vigie("ingest", _write(later, f"cir_{BUDGET_ID}.xml", budget(
        state="A", signed="2026-10-20")))
    assert code == 0 and "1 mise(s) à jour" in out, out
    assert Document.objects.filter(rubric="circulaires").count() == 1
    doc = Document.objects.get(uid=BUDGET)
    assert doc.nature == "Circulaire (abrogée)" and doc.details["abrogated"]
    assert str(doc.date_publi) == "2026-10-14"  # the day first shown does not move
    analysis = Analysis.objects.get(document=doc)
    assert not analysis.retained
    assert analysis.decision["reasons"][0].startswith("circulaire abrogée : elle ne "
                                                      "s'applique plus")
    code, out, _ = vigie("ingest", later / f"cir_{BUDGET_ID}.xml")  # the same file again
    assert "déjà ingéré" in out, out


def test_an_archive_of_circulaires_one_item_per_id_and_a_broken_file_said(vigie, tmp_path):
    archive = make_tarball(tmp_path / "CIRCULAIRES_20261014-210000.tar.gz", {
        f"circulaires/cir_{BUDGET_ID}.xml": budget(summary="Première version.").encode(),
        f"circulaires/cir_{SCHOOL_ID}.xml": school().encode(),
        "circulaires/cir_45992.xml": BROKEN.encode(),
        "circulaires/cir_45993.xml": WITHOUT_ID.encode(),
        f"circulaires/cir_{BUDGET_ID}_bis.xml": budget().encode(),  # a later export of 45990
    })
    code, out, err = vigie("ingest", archive)
    assert code == 0, err
    assert "2 circulaires lues, 2 créées, 0 mise(s) à jour, 0 inchangée(s), 2 anomalies" in out
    assert Document.objects.get(uid=BUDGET).details["summary"].startswith("La présente")
    messages = list(Anomaly.objects.values_list("message", flat=True))
    assert any("cir_45992.xml : XML mal formé" in m for m in messages), messages
    assert any("pas d'identifiant de circulaire" in m for m in messages), messages


def test_a_folder_of_circulaires_beside_a_note(vigie, tmp_path):
    _write(tmp_path, f"cir_{BUDGET_ID}.xml", budget())
    _write(tmp_path, f"cir_{SCHOOL_ID}.xml", school())
    code, out, err = vigie("ingest", tmp_path)
    assert code == 0, err
    assert set(Document.objects.filter(rubric="circulaires").values_list("uid", flat=True)) == {
        BUDGET, SCHOOL}
    assert "1 circulaire lue, 1 créée" in out, out


def test_beside_a_jo_delivery_a_circulaire_is_read_apart_not_as_a_jo_text(vigie, tmp_path):
    """The JO reader read it as its own: « élément racine « CIRCULAIRE » inconnu »."""
    folder = tmp_path / "JORF_20260923-011003"
    shutil.copytree(FIXTURES / "JORF_20260923-011003", folder)
    _write(folder, f"cir_{BUDGET_ID}.xml", budget())
    code, out, err = vigie("ingest", "--no-analysis", folder)
    assert code == 0, err
    assert "inconnu" not in out + err and not Anomaly.objects.exists(), out
    assert Document.objects.filter(rubric="jo").exists()
    assert Document.objects.filter(uid=BUDGET).exists()


def test_inside_a_jo_archive_a_circulaire_is_named_not_read_as_a_jo_text(vigie, tmp_path):
    archive = make_tarball(tmp_path / "JORF_20261014-000000.tar.gz", {
        "jorf/JORFTEXT000099000001.xml": b"<TEXTE_VERSION/>",
        f"jorf/cir_{BUDGET_ID}.xml": budget().encode()})
    code, out, err = vigie("ingest", "--no-analysis", archive)
    assert "Traceback" not in out + err
    messages = list(Anomaly.objects.values_list("message", flat=True))
    assert NOT_JO_CIRCULAIRE in messages, messages
    assert not any("CIRCULAIRE" in m and "inconnu" in m for m in messages), messages
