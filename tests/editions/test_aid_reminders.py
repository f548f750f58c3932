"""An aid about to close is reminded once in the editions, some days before its deadline
(``VIGIE_AID_REMINDER_DAYS``): in the first edition of that window, flagged urgent, in the
editions of its territory, and not again the days after."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from vigie import pipeline
from vigie.documents.models import Document
from vigie.editions.builder import build_day
from vigie.editions.models import Edition
from vigie.editions.reading import content_of
from vigie.editions.reminders import reminders

pytestmark = pytest.mark.django_db
DEADLINE = date(2026, 10, 20)
PUBLICATION_DAYS = (date(2026, 10, 12), date(2026, 10, 14), date(2026, 10, 15))


def aid(uid: str, departements: list[str], national: bool) -> Document:
    return Document.objects.create(
        uid=uid, rubric="financements", flow="aides", nature="Aide", date_publi=date(2026, 10, 1),
        title=f"Aide à la rénovation énergétique des écoles ({uid})", ministry="ADEME",
        content_hash=uid, details={
            "kind": "aid", "summary": "Subvention aux communes pour rénover les écoles.",
            "audiences": ["Communes", "Intercommunalités / Pays"], "national": national,
            "departements": departements, "deadline": DEADLINE.isoformat(),
            "url": f"https://aides.exemple.fr/{uid}", "source": "ADEME"})


def published(days: tuple[date, ...]) -> None:
    for n, day in enumerate(days):
        Document.objects.create(uid=f"JORFTEXT0000990001{n:02d}", rubric="jo", date_publi=day,
                                title="Décret relatif aux communes rurales", nature="DECRET",
                                content_hash=str(n))


def reminded(day: date, departement: str = "") -> list[str]:
    edition = Edition.objects.get(date=day, departement=departement)
    return [item.uid for item in content_of(edition).items()
            if item.rubric == "financements" and item.heading.startswith("Rappel")]


def build(days: tuple[date, ...]) -> None:
    pipeline.analyse(Document.objects.values_list("uid", flat=True))
    for day in days:
        build_day(day)


def test_an_aid_is_reminded_once_in_the_first_edition_of_the_window():
    published(PUBLICATION_DAYS)
    aid("AIDENATIONALE", [], True)
    aid("AIDECHER", ["18"], False)
    build(PUBLICATION_DAYS)
    # Seven days before the 20th is the 13th, no edition: the 14th's has it.
    assert reminded(date(2026, 10, 12)) == []
    assert reminded(date(2026, 10, 14)) == ["AIDENATIONALE"]
    assert sorted(reminded(date(2026, 10, 14), "18")) == ["AIDECHER", "AIDENATIONALE"]
    assert reminded(date(2026, 10, 14), "36") == ["AIDENATIONALE"]
    assert reminded(date(2026, 10, 15)) == [] and reminded(date(2026, 10, 15), "18") == []
    item = next(i for i in content_of(Edition.objects.get(date=date(2026, 10, 14),
                                                          departement="18")).items()
                if i.uid == "AIDECHER")
    assert item.urgent and item.heading == "Rappel : l'aide ferme le 20 octobre 2026 (dans 6 jours)"
    assert build_day(date(2026, 10, 14))["unchanged"]  # built again: the same reminder


def test_the_reminder_days_are_configurable_and_zero_turns_them_off(monkeypatch):
    published(PUBLICATION_DAYS)
    aid("AIDENATIONALE", [], True)
    monkeypatch.setenv("VIGIE_AID_REMINDER_DAYS", "10")
    build(PUBLICATION_DAYS)
    assert reminded(date(2026, 10, 12)) == ["AIDENATIONALE"]  # the 10th: no edition until 12th
    assert reminded(date(2026, 10, 14)) == []
    monkeypatch.setenv("VIGIE_AID_REMINDER_DAYS", "0")
    build_day(date(2026, 10, 12))
    assert reminded(date(2026, 10, 12)) == []


def test_the_reminders_read_the_aids_alone_not_every_text_ever_stored():
    """Each day's editions look for aids to remind: read through every stored text (in uid
    order), a history of 221 days spent 29 ms a day on it at 22 000 texts, growing with each
    text. The query must go through the aids' own index (``aid_day``)."""
    published(PUBLICATION_DAYS)
    aid("AIDENATIONALE", [], True)
    build(PUBLICATION_DAYS[:1])
    with CaptureQueriesContext(connection) as captured:
        reminders(date(2026, 10, 14))
    # (on PostgreSQL, read through a named cursor: « DECLARE … CURSOR … FOR SELECT … »)
    query = next("SELECT " + q["sql"].split("SELECT ", 1)[1]
                 for q in captured.captured_queries if "analysis_analysis" in q["sql"])
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {query}")
        else:  # a few rows: the planner would read the table whatever its indexes
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN {query}")
        plan = " ".join(str(row) for row in cursor.fetchall())
    assert "aid_day" in plan, plan
