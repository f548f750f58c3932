"""Helpers for the web tests: the demonstration sample ingested once per test module."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import redirect_stdout
from datetime import date

import pytest

DEMO_DAY = date(2026, 10, 14)


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
