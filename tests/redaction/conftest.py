"""Helpers for the newsroom's tests: the demonstration sample ingested once per module, and
editors' accounts."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import redirect_stdout
from datetime import date

import pytest

DEMO_DAY = date(2026, 10, 14)
PASSWORD = "une phrase de passe solide"


@pytest.fixture(scope="module")
def ingested_demo(django_db_setup, django_db_blocker) -> Iterator[date]:
    """The demo sample ingested, analysed, indexed, editions built (rolled back after)."""
    from django.db import transaction

    from vigie.cli import main
    from vigie.commands.demo import sample_deliveries

    with django_db_blocker.unblock(), transaction.atomic():
        with redirect_stdout(io.StringIO()):
            code = main(["ingest", *map(str, sample_deliveries())])
        assert code == 0
        yield DEMO_DAY
        transaction.set_rollback(True)


def make_user(email: str, *, staff: bool = True, admin: bool = False):
    from django.contrib.auth.models import User

    return User.objects.create_user(username=email, email=email, password=PASSWORD,
                                    is_staff=staff, is_superuser=admin)


@pytest.fixture
def editor(db):
    return make_user("redac@example.fr")


@pytest.fixture
def admin(db):
    return make_user("chef@example.fr", admin=True)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


from tests.mailing.conftest import smtp  # noqa: E402, F401  (a real SMTP server)
