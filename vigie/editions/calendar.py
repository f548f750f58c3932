"""Which publication days an edition covers, and how dates read in French.

Editions appear on working days; Monday's edition also covers the weekend's issues.
"""

from __future__ import annotations

from datetime import date, timedelta

from vigie.parsing.french import french_date


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


def french_day(day: date, *, weekday: bool = True) -> str:
    """« mercredi 19 août 2026 » (« 1er » for the first of the month)."""
    return french_date(day, weekday=weekday)
