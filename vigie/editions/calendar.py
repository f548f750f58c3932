"""Which publication days an edition covers.

Editions appear on working days; Monday's edition also covers the weekend's issues.
"""

from __future__ import annotations

from datetime import date, timedelta


def covered_days(day: date) -> list[date]:
    """Publication days of the edition of ``day`` (Monday: Saturday, Sunday, Monday)."""
    if day.weekday() == 0:
        return [day - timedelta(days=2), day - timedelta(days=1), day]
    return [day]


def edition_day(publication: date) -> date:
    """The edition in which a text published on ``publication`` appears."""
    if publication.weekday() >= 5:
        return publication + timedelta(days=7 - publication.weekday())
    return publication

