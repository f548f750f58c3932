"""The faster ways a text's body is read give what the plain ways gave: a table row split
into its cells at its bars with ``str.split`` and ``str.strip`` instead of a pattern; what a
row says of its commune read with the column shift worked out once."""

from __future__ import annotations

import random
import re

from tests.analysis.test_reading_speedups import _texts
from vigie.analysis.territories.find import row_cells
from vigie.analysis.territories.tables import (
    RowDetail,
    Table,
    _dates,
    _status_of,
    aligned,
    row_detail,
)
from vigie.reference.geography import normalize

_CELL_SPLIT = re.compile(r"\s*\|\s*")  # the pattern ``row_cells`` replaces
_PIECES = ["|", " | ", "  |  ", "| |", "a", "Baix", "Ardèche", " ", "\t", "\n", "\xa0", "\u2009",
           "\u3000", "\x1c", "\x1f", "\x85", "\u2028", "\u200b", "\ufeff", "16/11/2025", "é"]


def test_a_row_split_at_its_bars_gives_the_cells_the_pattern_gave():
    lines = [line for text in _texts() for line in text.splitlines()]
    rng = random.Random(11)
    lines += ["".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 30)))
              for _ in range(20000)]
    lines += ["", "|", " | ", "a | | b", "| a |", " \xa0a\u3000|\x85b\x1c "]
    lines += [chr(code) + "|" + chr(code) + "x" + chr(code) for code in range(0x3001)]
    for line in lines:
        assert row_cells(line) == _CELL_SPLIT.split(line.strip()), repr(line)


def _row_detail_as_it_was(table: Table, cells: list[str], status: str) -> RowDetail:
    """``row_detail`` as it was: each role's column found by ``aligned``."""
    def cell(role: str) -> str:
        column = aligned(table, role, len(cells))
        return cells[column].strip() if column is not None and column < len(cells) else ""

    written = _status_of(normalize(cell("status")))
    dates = _dates(" ".join((cell("start"), cell("end"), cell("period"))))
    return RowDetail(status=written or status, phenomenon=cell("phenomene"),
                     start=dates[0] if dates else None, end=dates[-1] if dates else None)


_ROLES = ("status", "start", "end", "period", "phenomene", "commune", "departement")
_CELLS = ["", " ", "Baix", "Inondations", "16/11/2025", "2025-11-16 ", "31/02/2025", "reconnue",
          "Non reconnue", " rejetée ", "constatée", "1er/2/2025", "x 3.4.2024 y", "|"]


def test_a_row_read_with_its_shift_worked_out_once_says_what_it_said():
    rng = random.Random(23)
    for _ in range(20000):
        width = rng.randint(0, 8)
        roles = {role: rng.randint(0, 8) for role in _ROLES if rng.random() < 0.6}
        table = Table(width=width, roles=roles)
        cells = [rng.choice(_CELLS) for _ in range(rng.randint(0, 9))]
        status = rng.choice(["", "reconnue", "non reconnue"])
        assert row_detail(table, cells, status) == _row_detail_as_it_was(table, cells, status)
