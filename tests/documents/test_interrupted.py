"""A delivery whose reading stopped midway (a crash between two of its batches: texts half
written, new ones never assembled) is read again to its end by ``vigie repair``, found where
it was read from or among the downloads, with the same content: the base then holds what a
run never stopped stores. One found nowhere is named, for people to give it again, and
``vigie status`` tells it meanwhile. (Killed for real, as a process, on both databases:
``tests/operations/test_crash_resume.py``.)
"""

from __future__ import annotations

import shutil

import pytest
from django.conf import settings

from tests.conftest import FIXTURES, make_tarball, tree_members
from tests.documents.test_any_order import _ingest, _nothing_held, stopped_at_batch
from tests.documents.test_waiting_articles import _forget_everything
from tests.documents.test_waiting_texts import _stored
from vigie.commands.demo import sample_deliveries
from vigie.documents.interrupted import interrupted
from vigie.documents.models import Delivery
from vigie.operations import health

pytestmark = pytest.mark.django_db

NAME = "JORF_20260923-011003.tar.gz"
STARTED = "commencée, pas finie (en cours, ou interrompue : vigie repair la relit) : " + NAME
READ_AGAIN = f"Livraison(s) interrompue(s) avant la fin, relue(s) jusqu'au bout : {NAME}."


@pytest.fixture
def members(monkeypatch) -> dict[str, bytes]:
    """The fixture's delivery, its texts first, written a batch of five files at a time and
    nothing held for the assembly: a stop at the second batch leaves texts half written."""
    tree = tree_members(FIXTURES / "global" / "JORF_20260923-011003")
    monkeypatch.setattr("vigie.documents.store.BATCH_SIZE", 5)
    _nothing_held(monkeypatch)
    return dict(sorted(tree.items(), key=lambda item: "/texte/version/" not in item[0]))


def _never_stopped(vigie, tmp_path, members: dict[str, bytes]) -> list:
    """What the delivery stores when read to its end at once (then forgotten)."""
    expected = _ingest(vigie, tmp_path / "entiere", [members], [NAME])[0]
    _forget_everything()
    return expected


def _stopped(vigie, monkeypatch, folder, members: dict[str, bytes]):
    folder.mkdir(parents=True)
    tarball = make_tarball(folder / NAME, members)
    stopped_at_batch(vigie, monkeypatch, tarball, stop=2)
    assert Delivery.objects.get().status == Delivery.STATUS_STARTED
    return tarball


def test_repair_reads_a_stopped_delivery_again_to_its_end(vigie, tmp_path, monkeypatch,
                                                          members):
    expected = _never_stopped(vigie, tmp_path, members)
    _stopped(vigie, monkeypatch, tmp_path / "arret", members)
    assert _stored() != expected  # half written
    code, out, _ = vigie("status")
    assert STARTED in out, out
    assert health.report()["unfinished_inputs"] == [NAME]

    code, out, err = vigie("repair")
    assert code == 0, err
    assert READ_AGAIN in out and "Rien à reprendre" not in out, out
    assert _stored() == expected
    assert Delivery.objects.get().status == Delivery.STATUS_DONE
    code, out, _ = vigie("repair")
    assert code == 0 and "Rien à reprendre" in out and "relue" not in out, out
    assert STARTED not in vigie("status")[1]


def test_a_stopped_delivery_found_nowhere_is_named_then_taken_from_the_downloads(
        vigie, tmp_path, monkeypatch, members):
    """Moved away: the repair says which delivery, and where it was read from, and exits 1;
    a file of that name with other content is not it; the same file in the folder where
    ``vigie sync`` downloads is."""
    expected = _never_stopped(vigie, tmp_path, members)
    tarball = _stopped(vigie, monkeypatch, tmp_path / "arret", members)
    kept = tmp_path / "ailleurs" / NAME
    kept.parent.mkdir()
    shutil.move(tarball, kept)
    downloads = settings.DATA_DIR / "downloads" / "jorf"
    downloads.mkdir(parents=True)
    other = dict(members)
    other.popitem()
    make_tarball(downloads / NAME, other)  # same name, not the same delivery

    code, out, _ = vigie("repair")
    assert code == 1, out
    assert (f"livraison(s) interrompue(s) avant la fin, introuvable(s) avec le même contenu : "
            f"{NAME} (lue depuis {tarball.resolve()})") in out, out
    assert "redonnez-les avec vigie ingest CHEMIN" in out
    assert STARTED in vigie("status")[1]
    assert _stored() != expected

    shutil.copy(kept, downloads / NAME)
    assert [each.found for each in interrupted()] == [downloads / NAME]
    code, out, err = vigie("repair")
    assert code == 0, err
    assert READ_AGAIN in out, out
    assert _stored() == expected and not interrupted()


def test_an_unreadable_input_leaves_no_delivery_begun(vigie, tmp_path):
    """Refused before its first batch: nothing to read again, nothing for the repair."""
    broken = tmp_path / "JORF_20260924-011003.tar.gz"
    broken.write_bytes(b"\x1f\x8b" + b"pas une archive" * 10)
    code, out, err = vigie("ingest", "--no-analysis", broken)
    assert code == 1, (out, err)
    assert not Delivery.objects.filter(status=Delivery.STATUS_STARTED).exists()
    assert not interrupted()


def test_a_stopped_delivery_read_since_under_another_name_is_left_alone(
        vigie, tmp_path, monkeypatch, members):
    """Its content read to its end under another name: nothing is half written any more,
    nothing for the repair to read again or to name."""
    tarball = _stopped(vigie, monkeypatch, tmp_path / "arret", members)
    renamed = tmp_path / "arret" / "JORF_20260923-011004.tar.gz"
    tarball.rename(renamed)
    code, out, err = vigie("ingest", "--no-analysis", renamed)
    assert code == 0, err
    assert not interrupted()
    assert "commencée, pas finie" not in vigie("status")[1]
    code, out, _ = vigie("repair")
    assert code == 0 and "interrompue" not in out, out


def test_a_stopped_delivery_lost_for_good_can_be_given_up(vigie, tmp_path, monkeypatch,
                                                          members):
    """``--abandonner``: no longer looked for, recorded as read in part only; a name that is
    no begun delivery changes nothing (status 2); given again, the delivery is read again."""
    tarball = _stopped(vigie, monkeypatch, tmp_path / "arret", members)
    kept = tarball.rename(tmp_path / NAME)
    code, out, err = vigie("repair", "--abandonner", NAME, "--abandonner", "JORF_inconnue.tar.gz")
    assert code == 2, out
    assert "JORF_inconnue.tar.gz : aucune livraison interrompue de ce nom" in err
    assert interrupted()  # nothing changed

    code, out, err = vigie("repair", "--abandonner", NAME)
    assert code == 0, (out, err)
    assert f"{NAME} : abandonnée, notée incomplète" in out and "interrompue" not in out
    assert not interrupted()
    assert f"incomplète : {NAME}" in vigie("status")[1]
    code, out, err = vigie("ingest", "--no-analysis", kept)
    assert code == 0 and "déjà ingérée" not in out, out
    assert Delivery.objects.get().status == Delivery.STATUS_DONE


def test_an_ingest_says_which_other_deliveries_were_stopped_midway(vigie, tmp_path,
                                                                   monkeypatch, members):
    tarball = _stopped(vigie, monkeypatch, tmp_path / "arret", members)
    code, out, err = vigie("ingest", "--no-analysis", *sample_deliveries())
    assert code == 0, err
    assert (f"livraison(s) commencée(s) et pas finie(s) (arrêtée(s) en route, ou en cours "
            f"ailleurs) : {NAME} ; vigie repair les relit") in err
    code, out, err = vigie("ingest", "--no-analysis", tarball)  # given again: read, not said
    assert code == 0 and "pas finie" not in err, err
    assert not interrupted()
