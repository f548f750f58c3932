"""A file or a text refused for its size is not lost for good: the input is recorded as read
in part only (« incomplète » in ``vigie status``), the anomaly says which setting to raise and
to what, and once it is raised ``vigie ingest`` reads the input again without ``--force``.
An input of which nothing else was given could not be read (status 1)."""

from __future__ import annotations

import zipfile
from dataclasses import replace

import pytest

from tests.conftest import FIXTURES, make_tarball
from vigie.demo.factory import FakeText, texte_xml
from vigie.documents.models import Anomaly, Delivery, Document

pytestmark = pytest.mark.django_db

SMALL = FakeText(uid="JORFTEXT000099800001", title="Arrêté du 12 octobre 2026 relatif aux digues")
# About 1,6 Mo once written: over a limit of 1 Mo.
BIG = replace(SMALL, uid="JORFTEXT000099800002", title="Arrêté du 12 octobre 2026 (annexe)",
              articles=("Ligne de l'annexe : la commune de Saint-Denis. " * 35_000,))
SIMPLE = "JORFSIMPLE_20261014-010000.tar.gz"
AGAIN = ("entrée notée incomplète, que vigie ingest relira sans --force une fois la limite "
         "relevée.")


def _status_line(vigie, name: str) -> bool:
    return f"  incomplète : {name}" in vigie("status")[1]


def test_a_single_file_refused_for_its_size_fails_and_is_read_once_the_limit_raised(
        vigie, tmp_path, monkeypatch):
    """Before: status 0, the delivery recorded as done, and after raising the limit « déjà
    ingérée … rien n'a changé »: only --force read it, and nothing said so."""
    big = tmp_path / "big.xml"
    big.write_bytes(texte_xml(BIG))
    monkeypatch.setenv("VIGIE_INGEST_MAX_FILE_MB", "1")
    code, out, err = vigie("ingest", "--no-analysis", big)
    assert code == 1, (out, err)
    assert "1 fichier refusé pour sa taille" in out and AGAIN in out, out
    message = Anomaly.objects.get().message
    assert "dépasse la limite de 1 Mo (VIGIE_INGEST_MAX_FILE_MB)" in message
    assert "Pour le lire : VIGIE_INGEST_MAX_FILE_MB=2 (au moins), puis vigie ingest" in message
    assert Delivery.objects.get().status == Delivery.STATUS_PARTIAL
    assert _status_line(vigie, "big.xml")

    monkeypatch.setenv("VIGIE_INGEST_MAX_FILE_MB", "2")
    code, out, err = vigie("ingest", "--no-analysis", big)
    assert code == 0 and "big.xml : 1 texte créé" in out, (out, err)
    assert Document.objects.filter(uid=BIG.uid).exists()
    assert Delivery.objects.get().status == Delivery.STATUS_DONE
    assert not _status_line(vigie, "big.xml")


def test_an_archive_member_refused_for_its_size_leaves_the_delivery_incomplete(
        vigie, tmp_path, monkeypatch):
    """The rest of the delivery goes in (status 0, as for any member's anomaly), the
    delivery is not recorded as done: read again, without --force, once the limit raised."""
    tarball = make_tarball(tmp_path / SIMPLE, {"a/1.xml": texte_xml(SMALL),
                                               "a/2.xml": texte_xml(BIG)})
    monkeypatch.setenv("VIGIE_INGEST_MAX_FILE_MB", "1")
    code, out, err = vigie("ingest", "--no-analysis", tarball)
    assert code == 0, (out, err)
    assert "1 texte créé" in out and "1 fichier refusé pour sa taille" in out, out
    assert Anomaly.objects.get().member == "a/2.xml"
    assert Delivery.objects.get().status == Delivery.STATUS_PARTIAL
    assert _status_line(vigie, SIMPLE)

    code, out, _ = vigie("ingest", "--no-analysis", tarball)  # not raised: refused again
    assert "déjà ingérée" not in out and "1 fichier refusé" in out, out
    monkeypatch.setenv("VIGIE_INGEST_MAX_FILE_MB", "2")
    code, out, err = vigie("ingest", "--no-analysis", tarball)
    assert code == 0 and "1 texte créé, 0 mis à jour, 1 inchangé" in out, (out, err)
    assert "refusé" not in out
    assert Delivery.objects.get().status == Delivery.STATUS_DONE
    assert not _status_line(vigie, SIMPLE)
    code, out, _ = vigie("ingest", "--no-analysis", tarball)
    assert code == 0 and "déjà ingérée" in out


@pytest.mark.parametrize("workers", ["0", "1"])  # parsed here, or by a worker process
def test_a_text_refused_for_its_size_leaves_the_delivery_incomplete(vigie, tmp_path,
                                                                    monkeypatch, workers):
    tarball = make_tarball(tmp_path / SIMPLE, {"a/1.xml": texte_xml(SMALL),
                                               "a/2.xml": texte_xml(BIG)})
    monkeypatch.setenv("VIGIE_INGEST_WORKERS", workers)
    monkeypatch.setenv("VIGIE_INGEST_MAX_TEXT_MB", "1")
    code, out, err = vigie("ingest", "--no-analysis", tarball)
    assert code == 0 and "1 fichier refusé pour sa taille" in out, (out, err)
    assert "Pour le lire : VIGIE_INGEST_MAX_TEXT_MB=4 (au moins)" in Anomaly.objects.get().message
    assert Delivery.objects.get().status == Delivery.STATUS_PARTIAL

    monkeypatch.setenv("VIGIE_INGEST_MAX_TEXT_MB", "4")
    code, out, err = vigie("ingest", "--no-analysis", tarball)
    assert code == 0 and "1 texte créé" in out, (out, err)
    assert Delivery.objects.get().status == Delivery.STATUS_DONE


def test_a_parliament_file_refused_for_its_size_leaves_the_zip_incomplete(vigie, tmp_path,
                                                                         monkeypatch):
    question = (FIXTURES / "parlement" / "QANR5L17QE9901_question.json").read_bytes()
    archive = tmp_path / "Questions_ecrites.json.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as packed:
        packed.writestr("QANR5L17QG9902.json",
                        (FIXTURES / "parlement" / "QANR5L17QG9902.json").read_bytes())
        packed.writestr("QANR5L17QE9901.json", question + b" " * (1024 * 1024))
    monkeypatch.setenv("VIGIE_INGEST_MAX_FILE_MB", "1")
    code, out, err = vigie("ingest", "--no-analysis", archive)
    assert code == 0, (out, err)
    assert "1 élément créé" in out and "1 fichier refusé pour sa taille" in out, out
    assert "VIGIE_INGEST_MAX_FILE_MB=2 (au moins)" in Anomaly.objects.get().message
    assert Delivery.objects.get().status == Delivery.STATUS_PARTIAL

    monkeypatch.setenv("VIGIE_INGEST_MAX_FILE_MB", "2")
    code, out, err = vigie("ingest", "--no-analysis", archive)
    assert code == 0 and "1 élément créé" in out, (out, err)
    assert Delivery.objects.get().status == Delivery.STATUS_DONE
    assert Document.objects.filter(uid="QANR5L17QE9901").exists()
