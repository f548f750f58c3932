"""File names that are not UTF-8 (« arrêté.xml » written on a Latin-1 machine): the file is
read, its name stored and told with each such byte as ``\\xHH`` (``reference.file_names``),
and nothing crashes — the ingest, ``vigie status``, ``vigie repair``, even for a delivery
stopped midway under such a name, found again where it was read from."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, make_tarball
from tests.documents.test_any_order import stopped_at_batch
from vigie.demo.factory import FakeText, texte_xml
from vigie.documents.models import Anomaly, Delivery, Document, FollowUp
from vigie.operations.models import Run
from vigie.reference.file_names import readable, system_name

pytestmark = pytest.mark.django_db

TEXT = FakeText(uid="JORFTEXT000099900001", title="Arrêté du 12 octobre 2026 relatif aux gués")
LATIN1 = os.fsdecode(b"arr\xeat\xe9.xml")  # « arrêté.xml » in Latin-1
SHOWN = "arr\\xeat\\xe9.xml"


def test_names_are_made_readable_and_found_again():
    assert readable(LATIN1) == SHOWN and system_name(SHOWN) == LATIN1
    assert readable("arrêté.xml") == "arrêté.xml" == system_name("arrêté.xml")
    assert readable("\ud800") == "\\ud800"  # (a surrogate no byte stands for)


def test_a_file_named_in_latin1_is_read(vigie, tmp_path):
    """Before: a traceback (« surrogates not allowed »), status 1, no anomaly, no run."""
    path = tmp_path / LATIN1
    path.write_bytes(texte_xml(TEXT))
    code, out, err = vigie("ingest", path)
    assert code == 0, (out, err)
    assert f"{SHOWN} : 1 texte créé" in out, out
    assert Document.objects.get(uid=TEXT.uid).delivery == SHOWN
    assert Delivery.objects.get().name == SHOWN
    assert Run.objects.get(kind=Run.INGEST).source == SHOWN
    code, out, _ = vigie("status")
    assert code == 0 and SHOWN in out, out
    assert vigie("repair")[0] == 0


def test_latin1_names_in_a_folder_an_archive_and_parliament_files(vigie, tmp_path):
    """Before: the folder's delivery stayed « commencée » and every ``vigie repair``
    crashed the same way."""
    folder = tmp_path / "dossier"
    folder.mkdir()
    (folder / LATIN1).write_bytes(texte_xml(TEXT))
    (folder / os.fsdecode(b"mauvais-\xe9.xml")).write_bytes(b"<TEXTE>")
    other = FakeText(uid="JORFTEXT000099900002", title="Arrêté du 13 octobre 2026 (archive)")
    tarball = make_tarball(tmp_path / "JORFSIMPLE_20261014-010000.tar.gz",
                           {"a/" + LATIN1: texte_xml(other)})
    parlement = tmp_path / "parlement"
    parlement.mkdir()
    shutil.copy(FIXTURES / "parlement" / "QANR5L17QG9902.json",
                parlement / os.fsdecode(b"question-\xe9.json"))
    code, out, err = vigie("ingest", folder, tarball, parlement)
    assert code == 0, (out, err)
    assert Document.objects.get(uid=TEXT.uid).member == SHOWN
    assert Document.objects.get(uid=other.uid).member == "a/" + SHOWN
    assert Document.objects.get(uid="QANR5L17QG9902").member == "question-\\xe9.json"
    assert Anomaly.objects.get().member == "mauvais-\\xe9.xml"
    assert "mauvais-\\xe9.xml" in err
    assert not Delivery.objects.exclude(status=Delivery.STATUS_DONE).exists()
    assert not FollowUp.objects.filter(finished_at=None).exists()
    code, out, err = vigie("repair")
    assert code == 0 and "Rien à reprendre" in out, (out, err)


def test_a_delivery_stopped_midway_under_a_latin1_name_is_read_again_by_repair(
        vigie, tmp_path, monkeypatch):
    monkeypatch.setattr("vigie.documents.store.BATCH_SIZE", 1)
    folder = tmp_path / os.fsdecode(b"arriv\xe9es")
    folder.mkdir()
    tarball = make_tarball(folder / os.fsdecode(b"JORFSIMPLE_20261014-010000-\xe9.tar.gz"), {
        f"a/{n}.xml": texte_xml(FakeText(uid=f"JORFTEXT00009990001{n}",
                                         title=f"Arrêté n° {n} du 12 octobre 2026"))
        for n in range(3)})
    stopped_at_batch(vigie, monkeypatch, tarball, stop=2)
    row = Delivery.objects.get()
    assert row.status == Delivery.STATUS_STARTED
    assert row.path == readable(str(tarball.resolve())) and "arriv\\xe9es" in row.path
    code, out, err = vigie("status")
    assert "commencée, pas finie" in out and "JORFSIMPLE_20261014-010000-\\xe9.tar.gz" in out
    code, out, err = vigie("repair")
    assert code == 0, (out, err)
    assert "relue(s) jusqu'au bout : JORFSIMPLE_20261014-010000-\\xe9.tar.gz" in out, out
    assert Delivery.objects.get().status == Delivery.STATUS_DONE
    assert Document.objects.filter(uid__startswith="JORFTEXT00009990001").count() == 3
    assert Path(system_name(row.path)) == tarball.resolve()
