"""The editions of several days read what they are made of once for all of them
(``editions.sources``), and are the same as built one day at a time."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.editions.test_aid_reminders import aid
from vigie import pipeline
from vigie.commands.demo import sample_deliveries
from vigie.documents.models import Document
from vigie.editions.builder import build_day
from vigie.editions.models import Edition, EditionItem
from vigie.editions.reminders import reminders, reminders_of
from vigie.editions.sources import Reading
from vigie.newsroom.models import EditorialItem

pytestmark = pytest.mark.django_db
DAY = date(2026, 10, 14)


def stored() -> list[tuple]:
    """Every stored edition and item, timestamps apart."""
    return [*Edition.objects.order_by("date", "departement").values_list(
        "date", "departement", "title", "frame", "fingerprint", "revision", "items_count",
        "urgent_count"),
        *EditionItem.objects.order_by("day", "position").values_list(
            "day", "uid", "position", "rubric", "theme", "urgent", "national", "departements",
            "content", "fingerprint")]


@pytest.fixture
def days(vigie) -> list[date]:
    """The demo's days, a copy of its texts published each of the four days before, the
    newsroom's items and commentaries, an aid to remind."""
    code, _out, err = vigie("ingest", *sample_deliveries(), "--no-analysis")
    assert code == 0, err
    originals = list(Document.objects.filter(date_publi=DAY))
    for back in range(1, 5):
        for doc in originals:
            doc.pk, doc.uid = None, f"{doc.uid[:8]}9{back}{doc.uid[10:]}"
            doc.date_publi = DAY - timedelta(days=back)
            doc.save()
    aid("AIDENATIONALE", [], True)  # closes on the 20th: reminded on the 13th
    retained = originals[0].uid
    for day in (DAY, DAY - timedelta(days=2)):
        EditorialItem.objects.create(day=day, rubric="actualite", title="Une note du jour",
                                     body="Ce qu'il faut savoir.", theme="institutions")
        for about in (retained, "JORFTEXTABSENT"):
            EditorialItem.objects.create(day=day, rubric="jo", title="Commentaire", body="Lu.",
                                         theme="institutions", about=about)
    pipeline.analyse(Document.objects.values_list("uid", flat=True))
    return sorted(set(Document.objects.filter(rubric="jo").values_list("date_publi", flat=True)))


def test_the_days_of_one_build_read_each_source_once(days):
    EditionItem.objects.all().delete()
    Edition.objects.all().delete()
    with CaptureQueriesContext(connection) as captured:
        report = pipeline.editions(set(), days)
    assert len(days) >= 5 and report.counts["created"] == 108 * len(days)
    sql = [q["sql"] for q in captured.captured_queries]
    # One query a source for all the days (each day's build asked each once before).
    for table, reads in (("documents_joissue", 1), ("newsroom_editorialitem", 1),
                         ("analysis_analysis", 2)):  # the retained texts, the aids
        assert sum(f'FROM "{table}"' in q for q in sql) == reads, table
    assert sum("COUNT(" in q and "documents_document" in q for q in sql) == 1


def test_built_together_or_one_day_at_a_time_the_editions_are_the_same(days):
    pipeline.editions(set(), days)
    together = stored()
    assert any("Rappel" in str(row) for row in together)  # the aid reminded
    assert sum("Lu." in str(row) for row in together) == 4  # two commentaries on two days
    EditionItem.objects.all().delete()
    Edition.objects.all().delete()
    for day in days:
        build_day(day)
    assert stored() == together


def test_the_aids_of_several_days_are_those_of_each_day(days):
    by_day, opening = reminders_of(days), date(2026, 10, 13)  # 7 days before the 20th
    assert [day for day in days if reminders(day)] == list(by_day) == [opening]
    assert by_day[opening] == reminders(opening)
    assert reminders_of([DAY]) == {}  # the 13th opened the window: not again the 14th


def test_a_long_run_of_days_is_read_a_window_at_a_time(days):
    reading = Reading(days, window=2)
    read = [reading.of(day) for day in days]
    assert [sorted(sources.days) for sources in read] == [
        days[:2], days[:2], days[2:4], days[2:4], days[4:]]
    assert read[0] is read[1] and read[1] is not read[2]
    assert reading.of(date(2026, 1, 1)).days == {date(2026, 1, 1)}  # not one of them: alone
