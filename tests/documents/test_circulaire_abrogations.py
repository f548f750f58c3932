"""The CIRCULAIRES fund's frozen list of abrogations (``txt/abroge_txt.tar``, 2013 to January
2015) given to ``vigie ingest``: the stored circulaires it names marked « abrogée » (left out
by the selection), the others remembered so that a stock read later does not bring them back
in force, a re-export in force after the list winning; idempotent; unreadable lines one
anomaly per file (archives built here: no real file of the list could be checked)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import make_tarball
from tests.documents.circulaire_files import (
    BUDGET_ID,
    LIST_2014,
    SCHOOL_ID,
    abrogations,
    budget,
    school,
)
from vigie.analysis.models import Analysis
from vigie.documents.circulaire_store import circulaire_uid
from vigie.documents.models import Anomaly, CirculaireAbrogation, Delivery, Document

pytestmark = pytest.mark.django_db
BUDGET, SCHOOL = circulaire_uid(BUDGET_ID), circulaire_uid(SCHOOL_ID)


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _stock(folder: Path, name: str = "2012_xml.tar.gz", **kwargs: str) -> Path:
    return make_tarball(folder / name, {f"06/cir_{BUDGET_ID}.xml": budget(**kwargs).encode()})


def test_the_list_marks_the_stored_ones_abrogated_and_notes_the_others(vigie, tmp_path):
    vigie("ingest", _write(tmp_path / "a", f"cir_{BUDGET_ID}.xml", budget()))
    vigie("ingest", _write(tmp_path / "a", f"cir_{SCHOOL_ID}.xml", school()))
    assert Analysis.objects.get(document__uid=BUDGET).retained
    code, out, err = vigie("ingest", abrogations(tmp_path))
    assert code == 0, err
    assert ("abroge_txt.tar : 4 circulaires listées, 1 circulaire marquée abrogée, "
            "3 pas encore connues (notées), 2 anomalies.") in out, out
    doc = Document.objects.get(uid=BUDGET)
    assert doc.nature == "Circulaire (abrogée)" and doc.details["abrogated"], doc.details
    assert doc.details["state"] == "A" and doc.details["listed"]
    assert str(doc.date_publi) == "2026-10-14"  # the day first shown does not move
    analysis = Analysis.objects.get(document=doc)
    assert not analysis.retained
    assert analysis.decision["reasons"][0].startswith("circulaire abrogée")
    assert not Document.objects.get(uid=SCHOOL).details["abrogated"]  # not listed
    assert set(CirculaireAbrogation.objects.values_list("circulaire", flat=True)) == {
        BUDGET_ID, "33411", "33412", "33413"}
    messages = sorted(Anomaly.objects.values_list("message", flat=True))
    assert len(messages) == 2, messages  # one per file, not one per line
    assert messages[0].startswith("abroge_2013.txt : 2 lignes illisibles ignorées ("), messages
    assert messages[0].endswith("la première à la ligne 4 : « LISTE DES CIRCULAIRES "
                                "ABROGEES »"), messages
    code, out, _ = vigie("show", BUDGET)
    assert "État : abrogée (liste des circulaires abrogées de la DILA)" in out, out


def test_read_twice_the_list_changes_nothing(vigie, tmp_path):
    vigie("ingest", _write(tmp_path / "a", f"cir_{BUDGET_ID}.xml", budget()))
    vigie("ingest", abrogations(tmp_path))
    version = Document.objects.get(uid=BUDGET).version
    code, out, _ = vigie("ingest", abrogations(tmp_path))
    assert code == 0 and "déjà ingéré" in out, out
    code, out, _ = vigie("ingest", "--force", abrogations(tmp_path))
    assert code == 0, out
    assert ("4 circulaires listées, 0 circulaire marquée abrogée, 3 pas encore connues "
            "(notées), 1 déjà abrogée, 2 anomalies.") in out, out
    assert Document.objects.get(uid=BUDGET).version == version
    assert CirculaireAbrogation.objects.count() == 4 and Anomaly.objects.count() == 2
    assert Delivery.objects.get(name="abroge_txt.tar").updated == 0


def test_a_stock_read_after_the_list_does_not_bring_one_back_in_force(vigie, tmp_path):
    code, out, _ = vigie("ingest", abrogations(tmp_path))
    assert "1 circulaire marquée abrogée" not in out and "4 pas encore connues" in out, out
    code, out, err = vigie("ingest", _stock(tmp_path, signed="2012-06-01"))
    assert code == 0, err
    assert ("1 créée, 0 mise(s) à jour, 0 inchangée(s), 0 anomalie, 1 tenue pour abrogée "
            "(liste des circulaires abrogées de la DILA).") in out, out
    doc = Document.objects.get(uid=BUDGET)
    assert doc.nature == "Circulaire (abrogée)" and doc.details["listed"]
    assert not Analysis.objects.get(document=doc).retained
    # Read again, the stock finds it as the list left it.
    code, out, _ = vigie("ingest", "--force", _stock(tmp_path, signed="2012-06-01"))
    assert "1 inchangée(s)" in out and Document.objects.get(uid=BUDGET).version == doc.version


def test_a_re_export_in_force_after_the_list_wins_either_way(vigie, tmp_path):
    vigie("ingest", abrogations(tmp_path / "liste"))
    vigie("ingest", _stock(tmp_path))
    flow = make_tarball(tmp_path / "circulaire_02012609h00.tar.gz", {  # 2 January 2026
        f"xml/2026/01/cir_{BUDGET_ID}.xml": budget(summary="Réexportée en 2026.").encode()})
    code, out, _ = vigie("ingest", flow)
    assert "1 mise(s) à jour" in out and "tenue pour abrogée" not in out, out
    doc = Document.objects.get(uid=BUDGET)
    assert not doc.details["abrogated"] and doc.details["exported"] == "2026-01-02T09:00"
    assert Analysis.objects.get(document=doc).retained
    # The stock again: older than the flow's export (its year), it replaces nothing.
    code, out, _ = vigie("ingest", "--force", _stock(tmp_path))
    assert "1 export plus ancien que celui gardé" in out, out
    # The list again: the circulaire kept in force, said.
    code, out, _ = vigie("ingest", "--force", abrogations(tmp_path / "liste"))
    assert "0 circulaire marquée abrogée" in out and "1 gardée en vigueur (réexportée après " \
        "la liste)" in out, out
    assert not Document.objects.get(uid=BUDGET).details["abrogated"]


def test_an_export_dated_before_the_list_s_end_stays_abrogated(vigie, tmp_path):
    vigie("ingest", _write(tmp_path / "a", f"cir_{BUDGET_ID}.xml", budget(
        exported="2014-05-01")))
    vigie("ingest", abrogations(tmp_path))
    assert Document.objects.get(uid=BUDGET).details["abrogated"]


def test_an_archive_of_lists_named_otherwise_is_told_by_its_content(vigie, tmp_path):
    vigie("ingest", _write(tmp_path / "a", f"cir_{BUDGET_ID}.xml", budget()))
    listed = abrogations(tmp_path, "liste.tar", **{"txt/abroge.txt": LIST_2014,
                                                   "txt/suite.txt": f"cir_{BUDGET_ID}.pdf\n",
                                                   "txt/LISEZMOI.md": "notes"})
    code, out, err = vigie("ingest", listed)
    assert code == 0, err
    assert ("liste.tar : 2 circulaires listées, 1 circulaire marquée abrogée, 1 pas encore "
            "connue (notée), 2 anomalies.") in out, out
    assert any("LISEZMOI.md : pas une liste de circulaires abrogées" in m
               for m in Anomaly.objects.values_list("message", flat=True))
