"""What feeds list (``vigie.editions.recent``): the latest items of a theme or a rubric, read
from the latest days only — as many as the feed shows, not its whole window."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.editions.stored import store_edition
from vigie.editions import recent
from vigie.editions.content import Item

pytestmark = pytest.mark.django_db
LATEST = date(2026, 10, 14)


def item(uid: str) -> Item:
    return Item(uid=uid, rubric="jo", title=f"Arrêté {uid}", short_title=f"Court {uid}",
                theme="finances")


def twenty_days() -> None:
    """Twenty national editions of five items each, one a day up to ``LATEST``."""
    for n in range(20):
        store_edition(LATEST - timedelta(days=n), "",
                      [item(f"JORFTEXT{n:04d}{k:08d}") for k in range(5)])


@pytest.mark.parametrize("entries", [
    lambda limit: recent.theme_entries("finances", days=30, limit=limit),
    lambda limit: recent.rubric_entries("jo", days=30, limit=limit)])
def test_a_feed_reads_the_days_it_shows_not_its_whole_window(monkeypatch, entries):
    twenty_days()
    read = []
    monkeypatch.setattr(recent.Item, "from_json",
                        lambda data, real=Item.from_json: read.append(data) or real(data))
    shown = entries(7)
    assert [e.day for e in shown] == [LATEST] * 5 + [LATEST - timedelta(days=1)] * 2
    assert [e.item.uid for e in shown][:2] == ["JORFTEXT000000000000", "JORFTEXT000000000001"]
    assert len(read) == 10  # the two latest days, not the twenty of the window
    read.clear()
    assert len(entries(None)) == 100 and len(read) == 100  # a calendar: every day
