"""Placeholders that structures coming before their text leave for it, held until the text
comes (``documents.waiting.WaitingPlaceholders``), store exactly what inserting them at once,
then filling them with the text, stored: the same rows, field for field, and the same counts,
whatever the order of the members and the deliveries (a text that never comes, a sommaire
between the structure and its text, a text of the other flow)."""

from __future__ import annotations

import pytest

from tests.conftest import FIXTURES
from tests.documents.test_complete_texts import ORDERS, _delivery
from tests.documents.test_waiting_articles import _deliveries, _forget_everything
from tests.documents.test_waiting_texts import SIMPLE, _ingest_all, _texts_first
from vigie.documents.waiting import WaitingPlaceholders

pytestmark = pytest.mark.django_db


def _spy_holding(monkeypatch, hold: bool) -> list[int]:
    """The number of placeholders each ``hold`` kept; none kept when not ``hold``."""
    kept: list[int] = []
    original = WaitingPlaceholders.hold

    def spied(self, rows):
        left = original(self, rows) if hold else rows
        kept.append(len(rows) - len(left))
        return left

    monkeypatch.setattr(WaitingPlaceholders, "hold", spied)
    return kept


@pytest.mark.parametrize("order", list(ORDERS))
@pytest.mark.parametrize("batch", [1000, 1])
def test_held_placeholders_store_what_placeholders_inserted_at_once_store(
        vigie, tmp_path, monkeypatch, batch, order):
    monkeypatch.setattr("vigie.documents.store.BATCH_SIZE", batch)
    fixtures = FIXTURES / "global"
    (tmp_path / "ordered").mkdir()
    inputs = [_delivery(tmp_path / "ordered", ORDERS[order], True), _texts_first(tmp_path),
              *_deliveries(tmp_path), fixtures / "JORF_20260923-011003",
              fixtures / "JORF_20260923-204512", SIMPLE]
    seen = {}
    for hold in (True, False):
        _forget_everything()
        kept = _spy_holding(monkeypatch, hold)
        seen[hold] = _ingest_all(vigie, inputs)
        assert bool(sum(kept)) == hold  # (at least the text that never comes)
    assert seen[True] == seen[False]


def test_placeholders_kept_are_bounded_by_their_structures_items():
    waiting = WaitingPlaceholders(most_items=3)
    rows = [{"uid": f"T{i}", "structure": [["article", f"A{i}"]] * (i + 1)} for i in range(3)]
    assert waiting.hold(rows) == rows[2:]  # 1 + 2 items kept, not 3 more
    assert waiting.take("T0") == rows[0] and waiting.take("T0") is None
    assert waiting.hold(rows[2:]) == rows[2:]  # 2 + 3 items: still too many
    assert waiting.take("T1") == rows[1] and waiting.items == 0
    assert waiting.hold(rows[2:]) == [] and set(waiting.rows) == {"T2"}
