"""A folder given to ``vigie ingest`` is read as what it holds (``documents.folders``): its own
files (a DILA delivery extracted, Parliament files) as one delivery, as before; each archive or
file of its own in it (DILA tarball, zip, DECP file) as that input, as if given alone; what no
reader takes named in one anomaly; nothing read at all: status 1."""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, make_tarball, shared_path
from tests.documents.test_interrupted_other_inputs import _contracts, _questions_zip
from vigie.demo.factory import FakeText, texte_xml
from vigie.documents.models import Anomaly, Delivery, Document
from vigie.parsing.dispatch import AIDS_ELSEWHERE

pytestmark = pytest.mark.django_db

TEXT = FakeText(uid="JORFTEXT000099700001", title="Arrêté du 12 octobre 2026 relatif aux ponts")
OTHER = FakeText(uid="JORFTEXT000099700002", title="Arrêté du 13 octobre 2026 relatif aux quais")
SIMPLE = "JORFSIMPLE_20261014-010000.tar.gz"
UNREAD = ("du dossier non lus (ni fichier XML de la DILA, ni archive, ni fichier reconnu du "
          "Parlement, des marchés publics, de Judilibre ou de l'Union européenne) : ")


def _decp_zip(path: Path, count: int) -> Path:
    contracts = _contracts(path.with_suffix(".json"), count)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(contracts, contracts.name)
    contracts.unlink()
    return path


def test_a_folder_holding_a_tarball_reads_the_tarball(vigie, tmp_path):
    """Before: « dl : aucun fichier XML trouvé, rien à ingérer. », status 0, nothing read."""
    folder = tmp_path / "dl"
    folder.mkdir()
    make_tarball(folder / SIMPLE, {"a/1.xml": texte_xml(TEXT)})
    code, out, err = vigie("ingest", "--no-analysis", folder)
    assert code == 0, (out, err)
    assert f"{SIMPLE} : 1 texte créé" in out and "aucun fichier" not in out, out
    assert Document.objects.filter(uid=TEXT.uid).exists()
    assert list(Delivery.objects.values_list("name", "status")) == [(SIMPLE, "done")]
    assert not Anomaly.objects.exists()


def test_a_folder_of_decp_zips_reads_each_as_a_decp_file(vigie, tmp_path):
    """Before: each zip an anomaly « format non reconnu », status 0, no contract read."""
    folder = tmp_path / "decp"
    folder.mkdir()
    _decp_zip(folder / "decp-a.zip", 3)
    _decp_zip(folder / "decp-b.zip", 5)
    _contracts(folder / "decp-c.json", 7)
    code, out, err = vigie("ingest", "--no-analysis", folder)
    assert code == 0, (out, err)
    for name, n in (("decp-a.zip", 3), ("decp-b.zip", 5), ("decp-c.json", 7)):
        assert f"{name} : DECP, {n} marchés lus" in out, out
    assert "format non reconnu" not in out + err
    assert Document.objects.filter(rubric="marches").count() == 7  # (the same contracts)
    assert Delivery.objects.count() == 3 and not Anomaly.objects.exists()


def test_what_no_reader_takes_is_named_and_a_nested_archive_is_read(vigie, tmp_path):
    """Before: the text note, the binary file, the nested tarball and the broken link were
    left out in silence."""
    folder = tmp_path / "melange"
    (folder / "sous").mkdir(parents=True)
    (folder / "texte.xml").write_bytes(texte_xml(TEXT))
    (folder / "notes.txt").write_text("à lire")
    (folder / "binaire.bin").write_bytes(b"\x00\x01\x02")
    make_tarball(folder / "sous" / SIMPLE, {"a/2.xml": texte_xml(OTHER)})
    os.symlink(tmp_path / "absent.xml", folder / "lien")
    (tmp_path / "ailleurs").mkdir()
    os.symlink(tmp_path / "ailleurs", folder / "raccourci")
    code, out, err = vigie("ingest", "--no-analysis", folder)
    assert code == 0, (out, err)
    lines = out.splitlines()
    assert lines[0].startswith("melange : 1 texte créé"), out
    assert lines[1] == "melange : 4 fichiers non lus (voir l'anomalie).", out
    assert lines[2].startswith(f"{SIMPLE} : 1 texte créé"), out
    assert set(Document.objects.values_list("uid", flat=True)) == {TEXT.uid, OTHER.uid}
    anomaly = Anomaly.objects.get()
    assert (anomaly.delivery, anomaly.member) == ("melange", "")
    assert anomaly.message == ("4 fichiers " + UNREAD + "binaire.bin, lien (lien cassé), "
                               "notes.txt, raccourci (lien vers un dossier, non suivi).")
    assert f"melange : 4 fichiers {UNREAD}" in err


def test_an_archive_of_a_folder_that_cannot_be_read_is_named_and_fails(vigie, tmp_path):
    folder = tmp_path / "dl"
    folder.mkdir()
    make_tarball(folder / SIMPLE, {"a/1.xml": texte_xml(TEXT)})
    broken = folder / "JORFSIMPLE_20261015-010000.tar.gz"
    broken.write_bytes((folder / SIMPLE).read_bytes()[:40])
    code, out, err = vigie("ingest", "--no-analysis", folder)
    assert code == 1, (out, err)
    assert f"{SIMPLE} : 1 texte créé" in out, out
    assert Anomaly.objects.filter(delivery=broken.name).exists()


def test_a_delivery_folder_is_still_one_delivery(vigie):
    """A DILA delivery extracted: one delivery, named after the folder, and nothing else."""
    folder = FIXTURES / "global" / "JORF_20260923-011003"
    code, out, err = vigie("ingest", "--no-analysis", folder)
    assert code == 0, (out, err)
    assert len(out.splitlines()) == 1 and out.startswith(f"{folder.name} : "), out
    assert "0 anomalie" in out
    assert list(Delivery.objects.values_list("name", flat=True)) == [folder.name]
    assert Document.objects.count() >= 3 and not Anomaly.objects.exists()
    code, out, _ = vigie("ingest", "--no-analysis", folder)
    assert code == 0 and "déjà ingérée" in out and len(out.splitlines()) == 1, out


def test_parliament_files_beside_zips_are_one_delivery_and_the_zips_their_own(vigie,
                                                                               tmp_path):
    """Before: the zips were read as files of the folder (« format non reconnu »)."""
    folder = tmp_path / "parlement"
    folder.mkdir()
    shutil.copy(FIXTURES / "parlement" / "QANR5L17QG9902.json", folder)
    _questions_zip(folder / "Questions_ecrites.json.zip", ("QANR5L17QE9901_question.json",),
                   demo=False)
    _decp_zip(folder / "decp.zip", 2)
    (folder / ".DS_Store").write_bytes(b"\x00\x00")
    code, out, err = vigie("ingest", "--no-analysis", folder)
    assert code == 0, (out, err)
    assert "format non reconnu" not in out + err, out + err
    lines = out.splitlines()
    assert lines[0].startswith("parlement : 1 élément créé"), out
    assert lines[1] == "parlement : 1 fichier non lu (voir l'anomalie).", out
    assert lines[2].startswith("Questions_ecrites.json.zip : 1 élément créé"), out
    assert lines[3].startswith("decp.zip : DECP, 2 marchés lus"), out
    assert Anomaly.objects.get().message == "1 fichier " + UNREAD.replace("non lus",
                                                                          "non lu") + (
        ".DS_Store.")
    assert {"QANR5L17QG9902", "QANR5L17QE9901"} <= set(
        Document.objects.values_list("uid", flat=True))


@pytest.mark.shared
def test_the_real_decp_folder_reads_each_zip(vigie):
    """``vigie ingest ../shared/corpus/decp``: four zips, four DECP deliveries."""
    folder = shared_path("corpus", "decp")
    code, out, err = vigie("ingest", "--no-analysis", folder)
    assert code == 0, (out, err)
    zips = sorted(p.name for p in folder.glob("*.zip"))
    assert sorted(Delivery.objects.values_list("name", flat=True)) == zips
    assert all(f"{name} : DECP, " in out for name in zips), out
    assert "format non reconnu" not in out + err
    assert Anomaly.objects.filter(delivery="decp", message__endswith=" : MANIFEST.md.").exists()


AIDES = "aides-territoires_dataprovider_departement_drome_data.json"
FORMAT = f" ({AIDS_ELSEWHERE})"  # (once « format JSON non reconnu »: test_ingest_other_json)


@pytest.mark.shared
def test_a_json_file_of_no_known_format_beside_a_delivery_is_named_and_the_rest_read(
        vigie, tmp_path):
    """Before: the aid scheme's JSON file was read as a Parliament input of its own, an
    anomaly « JSON qui n'est ni une question ni un dossier de l'Assemblée nationale »,
    recorded « incomplète », and the run failed (status 1)."""
    folder = tmp_path / "livraison"
    folder.mkdir()
    shutil.copy(shared_path("corpus", "aides", AIDES), folder)
    (folder / "texte.xml").write_bytes(texte_xml(TEXT))
    code, out, err = vigie("ingest", "--no-analysis", folder)
    assert code == 0, (out, err)
    assert Document.objects.filter(uid=TEXT.uid).exists()
    assert list(Delivery.objects.values_list("name", "status")) == [("livraison", "done")]
    assert Anomaly.objects.get().message == "1 fichier " + UNREAD.replace(
        "non lus", "non lu") + AIDES + FORMAT + "."
    assert "ni une question ni un dossier" not in out + err


@pytest.mark.shared
def test_a_folder_of_json_files_of_no_known_format_is_not_left_unfinished(vigie, tmp_path):
    """``vigie ingest ../shared/corpus/aides``: before, one Parliament delivery « aides »
    recorded « incomplète » (read again at every run) with an anomaly per file saying what
    Parliament files they are not. Each is now named, with what it is (aid lists, which
    Vigie reads in a feed followed)."""
    code, out, err = vigie("ingest", "--no-analysis", shared_path("corpus", "aides"))
    assert code == 1 and "rien n'a pu être lu de ce dossier" in out, (out, err)
    assert not Delivery.objects.exists()
    [anomaly] = Anomaly.objects.all()
    for name in sorted(p.name for p in shared_path("corpus", "aides").glob("*.json")):
        assert name + FORMAT in anomaly.message
    # Beside a question of the Assemblée, the Parliament reader names it, in the same words.
    folder = tmp_path / "parlement"
    folder.mkdir()
    shutil.copy(shared_path("corpus", "aides", AIDES), folder)
    shutil.copy(shared_path("corpus", "parlement", "an_question_gouvernement_QANR5L16QG1.json"),
                folder)
    code, out, err = vigie("ingest", "--no-analysis", folder)
    assert code == 0 and Delivery.objects.get(name="parlement").status == "done", (out, err)
    assert Anomaly.objects.get(delivery="parlement").message.startswith(
        "format JSON non reconnu, ni une question ni un dossier de l'Assemblée nationale")


LEGACY_QUESTION = "an_question_ecrite_legacy_q14_14-47351QE.xml"


@pytest.mark.shared
def test_an_older_assemblee_question_in_xml_beside_a_dila_delivery_is_read_as_parliaments(
        vigie, tmp_path):
    """``vigie ingest ../shared/corpus``: the older question of the Assemblée (XML, root
    ``QUESTION``) sat among the corpus's DILA files and was taken by the DILA reader, by its
    name (« élément racine « QUESTION » inconnu »): never read. Told by its root element
    (a DILA file is named by its identifier, its content not looked at), it is read by the
    Parliament reader as an input of its own; the delivery's DILA files, by the DILA one."""
    folder = tmp_path / "corpus"
    (folder / "jorf").mkdir(parents=True)
    shutil.copy(shared_path("corpus", "parlement", LEGACY_QUESTION), folder)
    shutil.copy(shared_path("corpus", "jorf", "global", "empreinte-politique",
                            "JORFTEXT000054861513.xml"), folder / "jorf")
    code, out, err = vigie("ingest", "--no-analysis", folder)
    assert code == 0, (out, err)
    assert Document.objects.filter(uid="JORFTEXT000054861513").exists()
    assert Document.objects.filter(uid="QANR5L14QE47351", rubric="reponses").exists(), out
    assert not Anomaly.objects.exists(), list(Anomaly.objects.values_list("message", flat=True))
    assert sorted(Delivery.objects.values_list("name", "status")) == [
        (LEGACY_QUESTION, "done"), ("corpus", "done")]
    code, out, err = vigie("ingest", "--no-analysis", folder)  # the same again: nothing new
    assert code == 0 and out.count("rien n'a changé") == 2, out
