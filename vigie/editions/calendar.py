"""Which publication days an edition covers, and which editions a weekly view gathers.

One edition per issue day: a Saturday or Sunday issue of the Journal officiel has its own
edition, on its own date, and nothing else carries its texts (no Monday edition repeating the
weekend's). The weekly view — the weekly digest — is Monday's: it gathers the editions from the
Tuesday before to that Monday, the weekend's included.
"""

from __future__ import annotations

from datetime import date, timedelta


def covered_days(day: date) -> list[date]:
    """Publication days of the edition of ``day``: that day alone."""
    return [day]


def edition_day(publication: date) -> date:
    """The edition in which a text published on ``publication`` appears: that day's."""
    return publication


def weekly_monday(day: date) -> date:
    """The Monday whose weekly view shows the edition of ``day`` (a Monday: itself)."""
    return day + timedelta(days=(7 - day.weekday()) % 7)


def built_before(day: date) -> list[date]:
    """Editions that may still carry texts of ``day`` because they were built when Monday's
    edition covered the weekend (before one edition per issue): rebuilt with ``day``."""
    return [weekly_monday(day)] if day.weekday() >= 5 else []


def week_monday(day: date) -> date:
    """The Monday at or before ``day``."""
    return day - timedelta(days=day.weekday())


def weekly_view(latest: date, today: date, *, forced: bool = False) -> date:
    """The Monday whose weekly view is due when the latest edition is ``latest``: the one
    ending ``latest``'s week once that Monday has come (a Monday without an issue of its own
    still gathers the weekend's), else the last one before. A day given explicitly
    (``forced``) names the week of its Monday."""
    ending = weekly_monday(latest)
    return ending if not forced and ending <= today else week_monday(latest)
