"""Texts whose last piece never comes do not keep later texts from their early assembly
(``documents.room``): the oldest waiting text gives way, the same is stored, and what waits in
memory stays within its bounds however long the delivery."""

from __future__ import annotations

import re

import pytest

from tests.conftest import FIXTURES, make_tarball, tree_members
from tests.documents.test_waiting_articles import _forget_everything, _stored
from vigie.documents import room
from vigie.documents.complete import Outlines
from vigie.documents.store import DeliveryWriter
from vigie.documents.waiting import WaitingArticles

pytestmark = pytest.mark.django_db

GLOBAL_FIXTURE = FIXTURES / "global" / "JORF_20260923-011003"
COPIES = 20
# The fixture's ids; each copy gets its own (JORFTEXT000099100130 names an article,
# JORFARTI000099100132, that the fixture lacks: that text never completes).
_ID = re.compile(rb"(JORF(?:TEXT|ARTI|SCTA))00009910(\d{4})")


def _copies() -> dict[str, bytes]:
    """The fixture's texts ``COPIES`` times with new ids, each copy's files together (one
    sommaire: the first copy's), as a delivery of many texts is."""
    members: dict[str, bytes] = {}
    for copy in range(1, COPIES + 1):
        for name, data in tree_members(GLOBAL_FIXTURE).items():
            if copy > 1 and "/conteneur/" in name:
                continue
            new = rb"\g<1>%08d\g<2>" % copy
            members[_ID.sub(new, name.encode()).decode()] = _ID.sub(new, data)
    return members


def _spy_early(monkeypatch) -> list[set[str]]:
    """The texts each delivery assembled with the batch that completed them."""
    seen: list[set[str]] = []
    finish = DeliveryWriter.finish

    def spied(self):
        self.flush()  # (the last batch)
        seen.append(set(self.early))
        return finish(self)

    monkeypatch.setattr(DeliveryWriter, "finish", spied)
    return seen


def _small_stores(monkeypatch, *, hashed: int, articles: int, entries: int) -> None:
    monkeypatch.setattr("vigie.documents.store.BATCH_SIZE", 1)  # room made before each record
    monkeypatch.setattr("vigie.documents.store.HASHED_KEPT_CHARS", hashed)
    monkeypatch.setattr("vigie.documents.store.WaitingArticles",
                        lambda _default: WaitingArticles(articles))
    monkeypatch.setattr("vigie.documents.store.Outlines", lambda: Outlines(entries))


@pytest.mark.parametrize("bound", ["hashed", "articles", "entries"])
def test_texts_that_never_complete_give_way_to_later_ones(vigie, tmp_path, monkeypatch, bound):
    """Each copy's JORFTEXT…0130 waits for an article that never comes. With any one store
    small enough to be filled by a few of them, the texts of the last copies are still
    assembled early, and the delivery stores what it stores with the default bounds."""
    tarball = make_tarball(tmp_path / "JORF_20261014-011502.tar.gz", _copies())
    vigie("ingest", "--no-analysis", tarball)
    expected = _stored()
    _forget_everything()
    early = _spy_early(monkeypatch)
    # A few texts' worth in the store under test, the default in the others.
    _small_stores(monkeypatch, hashed=12_000 if bound == "hashed" else 4 * 1024 * 1024,
                  articles=12_000 if bound == "articles" else 8 * 1024 * 1024,
                  entries=48 if bound == "entries" else 50_000)
    gave_way: list[str] = []
    give_way = room.give_way
    monkeypatch.setattr(room, "give_way", lambda uid, *stores: gave_way.append(uid)
                        or give_way(uid, *stores))
    code, out, _ = vigie("ingest", "--no-analysis", "--force", tarball)
    assert code == 0, out
    assert _stored() == expected
    last = f"{COPIES:08d}"
    assert {f"JORFTEXT{last}0001", f"JORFTEXT{last}0240"} <= early[0], early
    assert f"JORFTEXT{last}0130" not in early[0]
    assert "JORFTEXT000000010130" in gave_way  # the first copy's, waiting longest


def test_a_store_is_at_most_three_quarters_full_before_each_batch(vigie, tmp_path, monkeypatch):
    """Whatever the length of the delivery, before each batch the waiting pieces fill at most
    ``SHARE`` of each store."""
    tarball = make_tarball(tmp_path / "JORF_20261014-011502.tar.gz", _copies())
    _small_stores(monkeypatch, hashed=12_000, articles=12_000, entries=48)
    fill: list[tuple[float, float, float]] = []
    write = DeliveryWriter._write

    def spied(self, batch):
        write(self, batch[:0])  # the batch's room is made first, whatever it holds
        fill.append((self.hashed.chars / self.hashed.most,
                     self.waiting.chars / self.waiting.most_chars,
                     self.outlines.entries / self.outlines.most_entries))
        return write(self, batch)

    monkeypatch.setattr(DeliveryWriter, "_write", spied)
    code, out, _ = vigie("ingest", "--no-analysis", tarball)
    assert code == 0, out
    assert len(fill) > COPIES
    assert all(share <= room.SHARE for shares in fill for share in shares), fill
    assert max(max(shares) for shares in fill) > room.SHARE / 2  # the stores were used
