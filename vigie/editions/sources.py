"""What building the editions of some days reads, read once for all of them.

The editions step builds every day a delivery touched (a month of days for a history). Each
day's build asked the same questions of the database — how many texts were published, which
are retained with their decisions, the newsroom's items and commentaries, the aids to remind,
the issue headers —, one query each, which the ORM compiled again every day. Here each is one
query for a window of days (``WINDOW``), its rows shared out by day; one day alone (a build
after the newsroom's work) is a window of one. Rows are read whole before anything is written
(``operations.pacing``: no SQLite read left open across writes).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.db import models
from django.db.models import Count, Q
from django.db.models.functions import Cast

from vigie.analysis.models import Analysis
from vigie.analysis.records import Decision
from vigie.documents.citation import headers_of
from vigie.documents.models import Document, JoIssue
from vigie.editions.calendar import covered_days
from vigie.editions.newsroom import newsroom_rows
from vigie.editions.reminders import reminders_of
from vigie.newsroom.corrections import effective
from vigie.newsroom.models import EditorialItem
from vigie.reference.taxonomy import EDITION_RUBRICS

# Edition days read together: a history's month in one read, a year's repair in bounded
# memory, and a read never much older than the builds that use it.
WINDOW = 31
# What an item shows of its text (the rest — notice, articles, keywords — is left unread).
DOCUMENT_FIELDS = ("uid", "rubric", "title", "nature", "nor", "eli", "jo_number", "date_publi",
                   "rank", "status", "number", "origine_publi", "details", "ministry")


@dataclass(slots=True)
class Shown:
    """What an item shows of its text (``DOCUMENT_FIELDS``, in their order), read as a plain
    row: a day's thousands of retained texts build no ORM object (``load_items``)."""

    uid: str
    rubric: str
    title: str
    nature: str
    nor: str
    eli: str
    jo_number: str
    date_publi: date | None
    rank: int | None
    status: str
    number: str
    origine_publi: str
    details: dict
    ministry: str  # the publisher: an origin link's label when its source is not named


def retained_values(days: list[date]) -> Iterable[tuple]:
    """The texts of ``days`` retained by the machine or corrected by the newsroom, in the
    day's order, as plain rows (``decoded`` makes each a text and its decision): the decision
    as its stored text, the correction's id and changes, then ``DOCUMENT_FIELDS``."""
    # The decision decoded by ``json.loads`` (``decoded``): the same values as the JSONField
    # gives (it decodes the same text), without a converter call per row.
    return (Analysis.objects.filter(Q(retained=True) | Q(document__correction__isnull=False),
                                    document__date_publi__in=days,
                                    document__rubric__in=EDITION_RUBRICS)
            .exclude(document__title="")
            .order_by("document__date_publi", "document__rank", "document__uid")
            .values_list(Cast("decision", models.TextField()), "document__correction__id",
                         "document__correction__changes",
                         *(f"document__{name}" for name in DOCUMENT_FIELDS)))


def decoded(row: tuple) -> tuple[Shown, Decision]:
    """A row of ``retained_values``: the text, with its effective decision (the newsroom's
    over the machine's)."""
    decision, correction, changes, *values = row
    return Shown(*values), effective(Decision.from_json(json.loads(decision)),
                                     dict(changes) if correction is not None else {})


_PUBLISHED = 3 + DOCUMENT_FIELDS.index("date_publi")  # its place in a ``retained_values`` row


@dataclass(frozen=True)
class Sources:
    """What the builds of ``days`` (edition days) read: by publication day, the texts
    published and retained, the issues and the newsroom's rows; by edition day, the aids to
    remind."""

    days: frozenset[date]
    totals: dict[date, int]
    retained: dict[date, list[tuple]]  # ``retained_values`` rows
    issues: dict[date, list[JoIssue]]
    newsroom: dict[date, tuple[list[EditorialItem], list[EditorialItem]]]
    reminded: dict[date, list[tuple[Document, Decision]]]

    @classmethod
    def read(cls, days: Iterable[date]) -> Sources:
        edition_days = frozenset(days)
        published = sorted({d for day in edition_days for d in covered_days(day)})
        totals = dict(Document.objects.filter(date_publi__in=published,
                                              rubric__in=EDITION_RUBRICS)
                      .exclude(title="").order_by().values("date_publi")
                      .annotate(n=Count("pk")).values_list("date_publi", "n"))
        # As rows, decoded day by day (``retained_texts``): a window's decisions, decoded at
        # once, would stay alive through all its days, scanned again and again by the
        # garbage collector of a process that holds the analysis's caches.
        retained: dict[date, list[tuple]] = defaultdict(list)
        for row in retained_values(published):
            retained[row[_PUBLISHED]].append(row)
        issues: dict[date, list[JoIssue]] = defaultdict(list)
        for issue in (JoIssue.objects.filter(date_publi__in=published)
                      .order_by("date_publi", "number").only("number", "date_publi")):
            issues[issue.date_publi].append(issue)
        return cls(edition_days, totals, retained, issues, newsroom_rows(published),
                   reminders_of(edition_days))

    def total(self, day: date) -> int:
        """How many texts were published on the days the edition of ``day`` covers."""
        return sum(self.totals.get(d, 0) for d in covered_days(day))

    def retained_texts(self, day: date) -> list[tuple[Shown, Decision]]:
        """The texts retained on the days the edition of ``day`` covers, each with its
        effective decision: in publication order, then the day's."""
        return [decoded(row) for d in sorted(covered_days(day))
                for row in self.retained.get(d, ())]

    def headers(self, day: date) -> dict[str, tuple[str, ...]]:
        """By rubric, one line per issue published on the days the edition covers."""
        return headers_of(issue for d in sorted(covered_days(day))
                          for issue in self.issues.get(d, ()))

    def editorial(self, day: date) -> list[EditorialItem]:
        """The newsroom's items of the days the edition of ``day`` covers (commentaries
        apart), in the order written."""
        return self._newsroom(day, 0)

    def commentaries(self, day: date) -> list[EditorialItem]:
        """The newsroom's commentaries of those days, in the order written."""
        return self._newsroom(day, 1)

    def _newsroom(self, day: date, kind: int) -> list[EditorialItem]:
        rows = [row for d in covered_days(day) for row in self.newsroom.get(d, ([], []))[kind]]
        return sorted(rows, key=lambda row: row.pk)


class Reading:
    """The sources of the builds of ``days``, read ``WINDOW`` days at a time, in order."""

    def __init__(self, days: Sequence[date], window: int = WINDOW) -> None:
        self.days, self.window = sorted(days), window
        self.current: Sources | None = None

    def of(self, day: date) -> Sources:
        """The sources of the window from ``day`` on, read when ``day`` is not in the last."""
        if self.current is None or day not in self.current.days:
            if day in self.days:
                start = self.days.index(day)
                self.current = Sources.read(self.days[start:start + self.window])
            else:
                self.current = Sources.read([day])
        return self.current
