"""A progress counter on standard error for long reads, silent when not wanted."""

from __future__ import annotations

import sys
from types import TracebackType
from typing import Any


class Progress:
    """Counts items as they pass; shows a live counter only when enabled (a terminal).

    Disabled, it imports nothing and counts nothing: ``vigie ingest`` run by a timer or a
    script calls ``advance`` for each of tens of thousands of members."""

    def __init__(self, label: str, *, enabled: bool, total: int | None = None) -> None:
        self.bar: Any = None
        if enabled:
            from tqdm import tqdm  # a twentieth of a second to import

            self.bar = tqdm(total=total, desc=label, unit=" fichiers", file=sys.stderr,
                            leave=False, mininterval=0.5)
        else:
            self.advance = _nothing  # type: ignore[method-assign]

    def advance(self, n: int = 1) -> None:
        self.bar.update(n)

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self.bar is not None:
            self.bar.close()


def _nothing(n: int = 1) -> None:
    """``advance`` of a disabled counter."""
