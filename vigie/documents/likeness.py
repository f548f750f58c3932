"""Near-duplicate texts: the same news re-published under another address.

A text's sketch is the ``SKETCH`` smallest 16-bit hashes of its word trigrams (accents and case
folded) — a bottom-k MinHash: two texts that share most of their trigrams share most of their
sketch; ``SHARED`` values in common stand for a resemblance (Jaccard) of about 0.7. Measured on
the real feeds of ``shared/corpus/flux/rss``: distinct news resemble each other less than 0.1,
a re-published one 1.0. ``LikenessIndex`` finds a stored sketch without comparing with every
one (an inverted index from hash to texts). Cheap: hashing is done in C, the rest is a sort of
a few dozen integers per text.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections import defaultdict

SKETCH = 16  # 16 × 4 hexadecimal digits: the sketch fits in ``Document.source_key``
SHARED = 11  # values in common that make two texts the same news
_WORD = re.compile(r"\w+")

Sketch = tuple[int, ...]


def words(text: str) -> list[str]:
    # Accents dropped by decomposing then keeping ASCII (in C; « œ » and the like go too,
    # the same way for every text, which is all a sketch needs).
    folded = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    return _WORD.findall(folded)


def sketch(text: str) -> Sketch:
    """The sketch of ``text`` (empty for a text of fewer than three words)."""
    found = words(text)
    grams = {" ".join(found[i:i + 3]) for i in range(len(found) - 2)}
    return tuple(sorted({zlib.crc32(g.encode()) & 0xFFFF for g in grams})[:SKETCH])


def to_key(value: Sketch) -> str:
    return "".join(f"{v:04x}" for v in value)


def from_key(key: str) -> Sketch:
    return tuple(int(key[i:i + 4], 16) for i in range(0, len(key), 4))


class LikenessIndex:
    """Sketches and what they stand for, found by likeness."""

    def __init__(self) -> None:
        self.by_value: dict[int, list[str]] = defaultdict(list)
        self.sketches: dict[str, str] = {}  # as ``to_key`` writes them: a tenth of the memory

    def add(self, value: Sketch, key: str) -> None:
        if len(value) < SHARED:  # too short a text to recognise safely
            return
        self.sketches[key] = to_key(value)
        for part in value:
            self.by_value[part].append(key)

    def find(self, value: Sketch) -> str:
        """The key of a stored sketch sharing at least ``SHARED`` values, or "".

        A sketch that shares ``SHARED`` values misses at most ``len(value) - SHARED`` of
        them, so it holds one of any ``len(value) - SHARED + 1`` values: candidates are read
        from the rarest ones only (values common to many texts — a site's boilerplate — are
        long lists), then each is checked whole.
        """
        if len(value) < SHARED:
            return ""
        rarest = sorted(value, key=lambda part: len(self.by_value.get(part, ())))
        wanted = frozenset(value)
        for part in rarest[:len(value) - SHARED + 1]:
            for key in self.by_value.get(part, ()):
                if len(wanted.intersection(from_key(self.sketches[key]))) >= SHARED:
                    return key
        return ""
