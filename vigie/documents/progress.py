"""A progress counter on standard error for long reads, silent when not wanted."""

from __future__ import annotations

import sys
from types import TracebackType

from tqdm import tqdm


class Progress:
    """Counts items as they pass; shows a live counter only when enabled (a terminal)."""

    def __init__(self, label: str, *, enabled: bool, total: int | None = None) -> None:
        self.bar = tqdm(total=total, desc=label, unit=" fichiers", file=sys.stderr,
                        disable=not enabled, leave=False, mininterval=0.5)

    def advance(self, n: int = 1) -> None:
        self.bar.update(n)

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.bar.close()
