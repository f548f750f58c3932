"""An act of the Union comes as two notices, its work's (its dates) and its French
expression's (its title): read in either order — two ingests, or one folder whose names put
the expression first —, the act stored is the same, shown on its publication in the Official
Journal; the day of the ingest it was shown on while its publication was unknown (a
placeholder) lets it go. A day that came from the publication never moves. The demo's
fictitious notices (``vigie/demo/sample/europe``)."""

from __future__ import annotations

import shutil
from datetime import date

import pytest

from tests.conftest import REPO
from vigie.documents.eu_store import act_uid
from vigie.documents.models import Document
from vigie.editions.models import Edition, EditionItem

pytestmark = pytest.mark.django_db

SAMPLE = REPO / "vigie" / "demo" / "sample" / "europe"
WORK = SAMPLE / "CELEX32026L9901_1_oeuvre.xml"
FRENCH = SAMPLE / "CELEX32026L9901_2_expression_fra.xml"
UID = act_uid("32026L9901")
PUBLISHED = date(2026, 10, 14)  # the work's DATE_PUBLICATION


def _stored() -> tuple:
    doc = Document.objects.get(uid=UID)
    return (doc.date_publi, doc.date_text, doc.title, doc.nature, doc.origine_publi,
            doc.content_hash, doc.details)


def _shown_on() -> set[date]:
    """The days whose editions hold the act."""
    return set(EditionItem.objects.filter(uid=UID).values_list("day", flat=True))


def _right_order(vigie) -> tuple:
    for path in (WORK, FRENCH):  # (read again when an earlier test read them)
        code, _out, err = vigie("ingest", "--force", path)
        assert code == 0, err
    return _stored()


def test_the_french_title_first_then_the_work_gives_the_act_of_the_right_order(vigie):
    code, _out, err = vigie("ingest", FRENCH)
    assert code == 0, err
    placeholder = Document.objects.get(uid=UID).date_publi
    assert placeholder != PUBLISHED  # the day of the ingest: no publication known yet
    assert _shown_on() == {placeholder}
    code, _out, err = vigie("ingest", WORK)
    assert code == 0, err
    wrong = _stored()
    assert wrong[0] == PUBLISHED
    assert _shown_on() == {PUBLISHED}  # the placeholder day's editions let it go
    assert not Edition.objects.filter(date=placeholder).exists()  # nothing else that day
    Document.objects.all().delete()
    EditionItem.objects.all().delete()
    Edition.objects.all().delete()
    assert _right_order(vigie) == wrong


def test_one_folder_with_the_french_title_read_first(vigie, tmp_path):
    folder = tmp_path / "europe"
    folder.mkdir()
    # Names swapped: the expression's notice sorts, and is read, first.
    shutil.copy(FRENCH, folder / "CELEX32026L9901_1_expression_fra.xml")
    shutil.copy(WORK, folder / "CELEX32026L9901_2_oeuvre.xml")
    code, _out, err = vigie("ingest", folder)
    assert code == 0, err
    wrong = _stored()
    assert wrong[0] == PUBLISHED and _shown_on() == {PUBLISHED}
    assert set(Edition.objects.values_list("date", flat=True)) == {PUBLISHED}
    Document.objects.all().delete()
    assert _right_order(vigie) == wrong


def test_a_day_from_the_publication_does_not_move(vigie, tmp_path):
    assert _right_order(vigie)[0] == PUBLISHED
    # A later delivery that says another publication: the act already shown stays there.
    moved = tmp_path / "oeuvre.xml"
    moved.write_text(WORK.read_text(encoding="utf-8").replace(
        "<DATE_PUBLICATION><VALUE>2026-10-14", "<DATE_PUBLICATION><VALUE>2026-10-16"),
        encoding="utf-8")
    code, out, err = vigie("ingest", moved)
    assert code == 0 and "1 mis à jour" in out, (out, err)
    doc = Document.objects.get(uid=UID)
    assert doc.date_publi == PUBLISHED and doc.details["published"] == "2026-10-16"
    assert _shown_on() == {PUBLISHED}
