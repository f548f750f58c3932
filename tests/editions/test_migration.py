"""Upgrading a database whose editions copied their items (migration editions 0002)."""

from __future__ import annotations

import io
from contextlib import redirect_stdout
from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.editions.stored import content
from vigie.cli import main
from vigie.commands.demo import sample_deliveries
from vigie.editions.builder import build_day
from vigie.editions.models import Edition
from vigie.web.api import content_record

BEFORE, AFTER = ("editions", "0001_initial"), ("editions", "0002_items_stored_once")


def migrate(target: tuple[str, str]):
    executor = MigrationExecutor(connection)
    executor.migrate([target])
    return executor.loader.project_state([target]).apps


def _without_communes(edition) -> dict:
    record = edition.to_json()
    for item in record["items"]:
        item["territories"] = [t["departement"] for t in item["territories"]]
    return record


@pytest.fixture
def latest_schema_after():
    """The schema of the latest migrations again after the test (it outlives the test's data):
    later tests would otherwise run without the indexes of the migrations that follow."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("latest_schema_after")
def test_editions_that_copied_their_items_are_converted_in_place():
    day = date(2026, 10, 14)
    with redirect_stdout(io.StringIO()):
        assert main(["ingest", *map(str, sample_deliveries())]) == 0
    places = list(Edition.objects.values_list("departement", flat=True))
    shown = {place: content(day, place) for place in places}
    try:
        old = migrate(BEFORE).get_model("editions", "Edition")
        for place, edition in shown.items():  # the copying layout: each item in each edition
            record = content_record(edition)
            old.objects.filter(date=day, departement=place).update(content={
                **record, "date": day.isoformat(), "departement": place})
    finally:
        migrate(AFTER)
    converted = {place: content(day, place) for place in places}
    # The copying layout knew the communes a text names, not what an annex says of each
    # (status, phenomenon, period): those come back with the first build.
    assert {p: _without_communes(c) for p, c in converted.items()} == {
        p: _without_communes(c) for p, c in shown.items()}
    assert converted["18"].item("JORFTEXT000099000004").communes_in("18")
    # the first build after the upgrade rewrites them without counting a revision
    counts = build_day(day)
    assert counts["updated"] == 108 and {e.revision for e in Edition.objects.all()} == {1}
    assert {place: content(day, place) for place in places} == shown
    assert build_day(day)["unchanged"] == 108
