"""Fixtures of the ``sources`` tests; the server itself lives in ``dila_server.py``."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .dila_server import DilaServer


@pytest.fixture
def dila_server() -> Iterator[DilaServer]:
    """A started :class:`DilaServer` with no file yet (``dila_server.add(path, data)``)."""
    with DilaServer() as server:
        yield server


@pytest.fixture
def no_sleep() -> list[float]:
    """A list that records the delays asked for; pass ``sleep=no_sleep.append``."""
    return []
