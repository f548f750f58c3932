"""Folding a Latin-1 text with one ``bytes.translate`` table built from the long way.

Nearly every French text is Latin-1 (« » ° § and accented letters included). Folding it the
long way (Unicode decomposition, marks dropped, case lowered) costs several passes over the
whole text; a table built once from that long way, character by character, gives the same in
one C pass. The analysis (``analysis.normalize``) and the search index (``web.search.text``)
fold this way, each with its own long way: this module owns the table and the Latin-1 test.
"""

from __future__ import annotations

from collections.abc import Callable


def latin1(text: str) -> bytes | None:
    """The Latin-1 bytes of a text, None when it holds other characters."""
    try:
        return text.encode("latin-1")
    except UnicodeEncodeError:
        return None


def fold_table(long_way: Callable[[str], str]) -> tuple[bytes, tuple[bytes, ...]]:
    """What ``long_way`` makes of each Latin-1 character, as a ``bytes.translate`` table, and
    the characters it turns into something else than one Latin-1 character (µ → μ,
    ½ → 1⁄2: a text holding one of them must be folded the long way). Character by character
    is the same as the whole text when, as for NFKD with marks dropped and lower case, each
    Latin-1 character's result depends on that character alone (its marks come right after
    its letter: nothing to reorder)."""
    table, hard = bytearray(range(256)), []
    for code in range(256):
        folded = long_way(chr(code))
        if len(folded) == 1 and ord(folded) < 256:
            table[code] = ord(folded)
        else:
            hard.append(bytes([code]))
    return bytes(table), tuple(hard)
