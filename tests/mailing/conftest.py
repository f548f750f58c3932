"""Helpers for the mailing tests: an SMTP server, the demo editions, subscribers."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import redirect_stdout
from datetime import UTC, date, datetime

import pytest

DAY = date(2026, 10, 14)
CATNAT, PREFET = "JORFTEXT000099000004", "JORFTEXT000099000010"


@pytest.fixture(scope="module")
def demo_editions(django_db_setup, django_db_blocker) -> Iterator[date]:
    """The demo sample ingested and its editions built, once per module (rolled back after)."""
    from django.db import transaction

    from vigie.cli import main
    from vigie.commands.demo import sample_deliveries

    with django_db_blocker.unblock(), transaction.atomic():
        with redirect_stdout(io.StringIO()):
            code = main(["ingest", *map(str, sample_deliveries())])
        assert code == 0
        yield DAY
        transaction.set_rollback(True)


@pytest.fixture
def smtp(settings) -> Iterator:
    """A real SMTP server on 127.0.0.1, and the settings pointing Vigie to it."""
    from tests.mailing.smtp_sink import start_sink  # skips when aiosmtpd is missing

    sink, controller = start_sink()
    settings.VIGIE_SMTP_HOST, settings.VIGIE_SMTP_PORT = "127.0.0.1", controller.port
    settings.VIGIE_SMTP_SECURITY, settings.VIGIE_SMTP_USER = "none", ""
    settings.VIGIE_SMTP_TIMEOUT = 10
    settings.VIGIE_MAIL_FROM = "Vigie <vigie@vigie.test>"
    settings.VIGIE_SITE_URL = "https://vigie.test"
    # In-process runs share the test's transaction: one connection, the calling thread.
    settings.VIGIE_SEND_CONCURRENCY = 1
    settings.VIGIE_SEND_RETRY_DELAY = 0.05
    settings.VIGIE_SEND_MAX_WAIT = 10
    settings.VIGIE_SEND_RATE = 0
    try:
        yield sink
    finally:
        controller.stop()


def subscriber(email: str, departement: str = "18", **fields):
    """An active subscriber, confirmed before the demo day."""
    from vigie.mailing.models import Subscriber

    values = {"status": Subscriber.ACTIVE, "confirmed_at": datetime(2026, 10, 1, tzinfo=UTC),
              "consent_means": "test", "departement": departement, **fields}
    return Subscriber.objects.create(email=email, **values)
