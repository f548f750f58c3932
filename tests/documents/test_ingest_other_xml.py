"""XML files of other sources given to ``vigie ingest`` (the real BOAMP notice, RSS feed and
older Assemblée question of ``../shared/corpus``): before, « 0 texte créé … 1 anomalie.
Aucun changement. », status 0 — the input read, nothing said of what it was — and the file
recorded as a delivery. Now: the input could not be read (status 1, no delivery recorded),
and the anomaly says what the file is and how Vigie reads it."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import make_tarball, shared_path
from vigie.documents.models import Anomaly, Delivery, Document

pytestmark = [pytest.mark.django_db, pytest.mark.shared]

BOAMP = "pas un fichier de la DILA (élément racine « ANNONCE ») : un avis du BOAMP, que Vigie "
DILA_TEXT = ("jorf", "global", "empreinte-politique", "JORFTEXT000054861513.xml")


def test_a_boamp_notice_or_a_feed_given_alone_cannot_be_read_and_says_what_it_is(vigie):
    code, out, err = vigie("ingest", "--no-analysis",
                           shared_path("corpus", "flux", "boamp_avis_pub-2.xml"))
    assert code == 1, out + err
    assert out.startswith("boamp_avis_pub-2.xml : illisible : " + BOAMP), out
    assert "vigie feeds add ADRESSE --rubric marches" in out
    code, out, err = vigie("ingest", "--no-analysis", shared_path("corpus", "flux", "rss",
                                                                  "cnsa.xml"))
    assert code == 1 and "un flux RSS, que Vigie relève par vigie feeds add" in out, out
    assert not Delivery.objects.exists()  # nothing « incomplète » left to read again
    assert Anomaly.objects.count() == 2


def test_a_folder_of_which_no_file_could_be_read_fails(vigie, tmp_path):
    for name in ("boamp_avis_pub-2.xml", "boamp_avis_attribution-6.xml"):
        shutil.copy(shared_path("corpus", "flux", name), tmp_path)
    code, out, err = vigie("ingest", "--no-analysis", tmp_path)
    assert code == 1, out + err
    assert f"{tmp_path.name} : illisible : aucun de ses 2 fichiers n'a pu être lu" in out


def test_beside_dila_files_the_rest_is_read_and_the_notice_named(vigie, tmp_path):
    tarball = make_tarball(tmp_path / "JORF_20260921-220149.tar.gz", {
        "20260921-220149/jorf/global/" + DILA_TEXT[-1]:
            shared_path("corpus", *DILA_TEXT).read_bytes(),
        "20260921-220149/boamp.xml": shared_path("corpus", "flux",
                                                 "boamp_avis_pub-3.xml").read_bytes()})
    code, out, err = vigie("ingest", "--no-analysis", tarball)
    assert code == 0 and "1 texte créé" in out, out + err
    assert Document.objects.filter(uid="JORFTEXT000054861513").exists()
    assert Anomaly.objects.get().message.startswith(BOAMP)
    assert Delivery.objects.get().status == "done"
