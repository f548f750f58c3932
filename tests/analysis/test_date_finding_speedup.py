"""Dates found from their first character (``dates._ABSOLUTE_AT``) are those the plain pattern
finds, with the same groups and ends."""

from __future__ import annotations

import random

from tests.analysis.test_reading_speedups import _texts
from vigie.analysis.dates import _ABSOLUTE, _absolute_matches

_GROUPS = ("day", "month", "year", "nday", "nmonth", "nyear")
_PARTS = ["1er", "1 er", "premier", "PREMIER", "Premier", "pREMıER", "12", "3", "31", "0",
          "٠١٢", "१२", " ", "  ", "\n", "janvier", "FÉVRIER", "fevrier", "mars", "MARſ",
          "avrıl", "août", "AOUT", "décembre", "2027", "1999", "/", "12/03/2026", "x", "a1",
          "p", "é", "-", "’", "du 1er au 31 mars 2027"]


def _found(text: str) -> tuple[list[tuple], list[tuple]]:
    plain = [(m.start(), m.end(), *m.group(*_GROUPS)) for m in _ABSOLUTE.finditer(text)]
    fast = [(m.start(), end, *m.group(*_GROUPS)) for m, end in _absolute_matches(text)]
    return plain, fast


def test_no_digit_between_ascii_and_the_class_start():
    assert not [c for c in range(128, 0x660) if chr(c).isdecimal()]


def test_dates_found_from_their_first_character_are_the_plain_ones():
    rng = random.Random(7)
    texts = [*_texts(), *("".join(rng.choice(_PARTS) for _ in range(rng.randint(0, 14)))
                          for _ in range(20000))]
    for text in texts:
        plain, fast = _found(text)
        assert fast == plain, text
