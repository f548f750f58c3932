"""Near-duplicate texts: the same news re-published under another address.

A 64-bit SimHash of a text's word trigrams (accents and case folded): texts that differ by a
few words have fingerprints a few bits apart. ``LikenessIndex`` finds a stored fingerprint
within ``MAX_DISTANCE`` bits without comparing with every one: by the pigeonhole principle,
two fingerprints that close share one of their four 16-bit quarters exactly.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict

MAX_DISTANCE = 3
_WORD = re.compile(r"\w+")
_MASK = (1 << 64) - 1


def _words(text: str) -> list[str]:
    # Accents dropped by decomposing then keeping ASCII (in C; « œ » and the like go too,
    # the same way for every text, which is all a fingerprint needs).
    folded = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    return _WORD.findall(folded)


def simhash(text: str) -> int:
    """The 64-bit fingerprint of ``text`` (0 for a text without words)."""
    words = _words(text)
    grams = [" ".join(words[i:i + 3]) for i in range(max(1, len(words) - 2))] if words else []
    if not grams:
        return 0
    # Each gram's hash as 64 characters « 0 »/« 1 »; a bit of the fingerprint is set when
    # most grams set it (columns counted by zip, in C, rather than bit by bit in Python).
    rows = [format(int.from_bytes(hashlib.blake2b(g.encode(), digest_size=8).digest(), "big"),
                   "064b") for g in set(grams)]
    half = len(rows) / 2
    bits = "".join("1" if column.count("1") > half else "0" for column in zip(*rows, strict=True))
    return int(bits, 2) & _MASK


def distance(a: int, b: int) -> int:
    return (a ^ b).bit_count()


class LikenessIndex:
    """Fingerprints and what they stand for, found by likeness."""

    def __init__(self) -> None:
        self._quarters: dict[tuple[int, int], list[tuple[int, str]]] = defaultdict(list)

    def add(self, fingerprint: int, key: str) -> None:
        if not fingerprint:
            return
        for quarter in range(4):
            self._quarters[(quarter, fingerprint >> (16 * quarter) & 0xFFFF)].append(
                (fingerprint, key))

    def find(self, fingerprint: int) -> str:
        """The key of a fingerprint within ``MAX_DISTANCE`` bits, or ""."""
        if not fingerprint:
            return ""
        for quarter in range(4):
            for other, key in self._quarters.get(
                    (quarter, fingerprint >> (16 * quarter) & 0xFFFF), ()):
                if distance(fingerprint, other) <= MAX_DISTANCE:
                    return key
        return ""
