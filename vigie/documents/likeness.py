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
import struct
import unicodedata
import zlib
from collections import Counter, defaultdict
from itertools import chain

SKETCH = 16  # 16 × 4 hexadecimal digits: the sketch fits in ``Document.source_key``
SHARED = 11  # values in common that make two texts the same news
# A value held by more texts than this is a source's boilerplate (« la CNSA », « communes
# concernées en »): it identifies nothing, and reading its texts would make finding quadratic.
COMMON = 64
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
        # Packed two bytes a value: memory stays small as the store grows.
        self.sketches: dict[str, bytes] = {}

    def add(self, value: Sketch, key: str) -> None:
        if len(value) < SHARED:  # too short a text to recognise safely
            return
        self.sketches[key] = struct.pack(f"{len(value)}H", *value)
        for part in value:
            self.by_value[part].append(key)

    def find(self, value: Sketch) -> str:
        """The key of a stored sketch sharing at least ``SHARED`` values, or "".

        The texts holding each value are counted together (in C): a text's count is how
        many values it shares. Values held by more than ``COMMON`` texts (a source's
        boilerplate) are left out of the count, and the bar lowered by as many; the few
        texts that reach it are then checked whole.
        """
        if len(value) < SHARED:
            return ""
        lists = [self.by_value.get(part, ()) for part in value]
        rare = [holders for holders in lists if len(holders) <= COMMON]
        bar = max(1, SHARED - (len(lists) - len(rare)))
        wanted = frozenset(value)
        counts = Counter(chain.from_iterable(rare))
        # Only the texts at the bar are ranked (most shared first, as ``most_common`` would):
        # ranking every text that shares one value cost more than the rest of the search.
        reached = sorted((key for key, count in counts.items() if count >= bar),
                         key=counts.__getitem__, reverse=True)
        for key in reached[:COMMON]:
            stored = self.sketches[key]
            if len(wanted.intersection(struct.unpack(f"{len(stored) // 2}H", stored))) >= SHARED:
                return key
        return ""
