"""Helpers for the web tests: the demonstration sample ingested once per test module; texts
written for a test, ingested; the test Redis, for the shared page cache."""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterator
from contextlib import redirect_stdout
from datetime import date

import pytest

DEMO_DAY = date(2026, 10, 14)
Written = dict[str, tuple[str, str]]  # uid → (title, its one article)


@pytest.fixture
def ingest_written(vigie, tmp_path) -> Callable[[Written, str, str], None]:
    """Ingest texts written for a test (``vigie ingest`` of a folder of them), each given a
    NOR ending in ``letter`` after its rank; ``folder``: the sub-folder of ``tmp_path`` they
    are written to (another ingestion than the first)."""
    from vigie.demo.factory import FakeText, texte_xml

    def ingest(texts: Written, letter: str, folder: str = "") -> None:
        where = tmp_path / folder
        where.mkdir(exist_ok=True)
        for number, (uid, (title, article)) in enumerate(texts.items()):
            fake = FakeText(uid=uid, title=title, nor=f"INTB26{number:05d}{letter}",
                            articles=(article,))
            (where / f"{uid}.xml").write_bytes(texte_xml(fake))
        code, _, err = vigie("ingest", where)
        assert code == 0, err

    return ingest


@pytest.fixture(scope="module")
def ingested_demo(django_db_setup, django_db_blocker) -> Iterator[date]:
    """The demo sample ingested, analysed, indexed and its editions built, once per module.

    It lives in a transaction rolled back after the module; each test still runs in its own
    savepoint (the ``db`` fixture), so what a test changes is undone before the next one.
    """
    from django.db import transaction

    from vigie.cli import main
    from vigie.commands.demo import sample_deliveries

    with django_db_blocker.unblock(), transaction.atomic():
        with redirect_stdout(io.StringIO()):
            code = main(["ingest", *map(str, sample_deliveries())])
        assert code == 0
        yield DEMO_DAY
        transaction.set_rollback(True)


@pytest.fixture
def redis_server():
    """The test Redis (VIGIE_TEST_REDIS_URL); the test is skipped without it, but in CI."""
    import redis

    from tests.web.shared_cache import REDIS_URL

    server = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3)
    try:
        server.ping()
    except redis.RedisError as error:
        if os.environ.get("CI"):
            pytest.fail(f"Redis injoignable ({REDIS_URL}) : {error}")
        pytest.skip(f"Redis injoignable ({REDIS_URL}) : {error}")
    return server
