"""A bounded cache: what a send run reuses (editions, selections, rendered blocks, drafts)
must not grow with the number of readers."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

V = TypeVar("V")


class LRU:
    """A dict that forgets its least recently used entries past ``size``."""

    def __init__(self, size: int) -> None:
        self.size: int = size
        self.data: OrderedDict[Hashable, object] = OrderedDict()

    def get(self, key: Hashable, make: Callable[[], V]) -> V:
        if key in self.data:
            self.data.move_to_end(key)
            return self.data[key]  # type: ignore[return-value]
        value = make()
        self.data[key] = value
        if len(self.data) > self.size:
            self.data.popitem(last=False)
        return value
