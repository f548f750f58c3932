"""Fixtures of the ``sources`` tests; the servers themselves live in ``dila_server.py`` and
``judilibre_server.py``."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .dila_server import DilaServer
from .judilibre_cases import KEY
from .judilibre_server import JudilibreServer


@pytest.fixture
def dila_server() -> Iterator[DilaServer]:
    """A started :class:`DilaServer` with no file yet (``dila_server.add(path, data)``)."""
    with DilaServer() as server:
        yield server


@pytest.fixture
def no_sleep() -> list[float]:
    """A list that records the delays asked for; pass ``sleep=no_sleep.append``."""
    return []


@pytest.fixture
def judilibre(settings, monkeypatch) -> Iterator[JudilibreServer]:
    """A started :class:`JudilibreServer` that the settings point to, with the key, pages of
    3 decisions and at most 20 pages a run (``judilibre.decisions = [...]``)."""
    monkeypatch.setenv("VIGIE_JUDILIBRE_KEY", KEY)
    with JudilibreServer(key=KEY) as running:
        settings.VIGIE_JUDILIBRE_URL = running.base_url
        settings.VIGIE_JUDILIBRE_BATCH_SIZE = 3
        settings.VIGIE_JUDILIBRE_MAX_PAGES = 20
        yield running
