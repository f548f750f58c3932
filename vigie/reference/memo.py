"""A bounded memo read in C: the stems of words, which the analysis and the search index make
for hundreds of thousands of words a run.

A key already met is a plain dict lookup (``map(memo.__getitem__, words)`` runs in C, where
a call of an ``lru_cache``d function per word costs more); a new key is made by the memo's
function. Emptied when it holds ``most`` keys: the vocabulary of a long run has no end
(numbers are words too). Threads filling it at once store the same value for a key: no lock
needed.
"""

from __future__ import annotations

from collections.abc import Callable


class BoundedMemo(dict[str, str]):
    """Key → ``make(key)``, filled as keys are met, emptied at ``most`` keys."""

    def __init__(self, make: Callable[[str], str], most: int) -> None:
        super().__init__()
        self.make, self.most = make, most

    def __missing__(self, key: str) -> str:
        if len(self) >= self.most:
            self.clear()
        self[key] = value = self.make(key)
        return value
