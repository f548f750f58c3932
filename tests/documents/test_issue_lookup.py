"""The issue of the global-flow texts an assembly settles (``assembly.find_issues``): the
sommaire of their issue names it, their own file does not. A chunk of a history spans many
days: their issues are looked up in one query, not one per day, and a text gets the issue of
its number and day that was stored first, as the lookup of each with ``first()`` gave it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from vigie.documents.ingest import ingest_path
from vigie.documents.models import Document, JoIssue

pytestmark = pytest.mark.django_db

DAYS = 6
LAST = date(2026, 9, 23)  # the day of the fixture's issue, the bench's copies a day before each


def _issue(jo_id: str, day: date) -> JoIssue:
    return JoIssue.objects.create(jo_id=jo_id, number="0222", date_publi=day,
                                  title=f"JORF n°0222 du {day}")


def test_issues_of_many_days_found_in_one_query(tmp_path):
    from bench.ingest import build_global

    tarball = tmp_path / "JORF_20261014-011502.tar.gz"
    build_global(tarball, 22 * DAYS, per_day=1)  # six copies of the fixture, one a day
    days = [LAST - timedelta(days=n) for n in range(1, DAYS)]  # (the last: its sommaire's)
    for n, day in enumerate(days):
        _issue(f"JORFCONT{n:012d}", day)
    _issue("JORFCONT999999999999", days[0])  # a second issue of the same number and day
    with CaptureQueriesContext(connection) as queries:
        assert ingest_path(tarball).status == "done"
    looked_up = [q["sql"] for q in queries.captured_queries if 'FROM "documents_joissue"'
                 in q["sql"] and '"date_publi"' in q["sql"].partition("WHERE")[2]]
    # One per assembly chunk (the texts completed by the batch, then the others), whatever
    # the days (was one per day and chunk).
    assert len(looked_up) <= 2, looked_up
    found = dict(Document.objects.exclude(status=Document.STATUS_SOMMAIRE)
                 .values_list("date_publi", "jo_id").distinct())
    assert {day: found[day] for day in days} == {
        day: f"JORFCONT{n:012d}" for n, day in enumerate(days)}  # (the first stored)
