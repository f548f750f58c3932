"""The sending runs, which close the morning: ``send`` (one process), or ``plan_shares`` and
``send_share`` (the tasks), each recorded in the journal (``vigie status``, ``/sante/``).
Called through ``vigie.pipeline``, as the rest of the day's work."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING

from vigie.operations.journal import Entry, recording
from vigie.operations.models import Run

# The sender is imported where it is used, as in the pipeline: ``vigie ingest`` starts
# without it.
if TYPE_CHECKING:
    from vigie.mailing.sending import sender


def _send_summary(entry: Entry, report: sender.Report) -> None:
    entry.summary = {"planned": report.to_send, "recovered": report.recovered,
                     **report.outcomes, "carried": report.carried}
    entry.failed = report.stopped


def send(day: date | None = None) -> sender.Report:
    """Plan and send, in this process, what is due for ``day`` (None: the latest edition)."""
    from vigie.mailing.sending import sender
    with recording(Run.SEND, day.isoformat() if day else "") as entry:
        report = sender.run(day)
        _send_summary(entry, report)
    return report


def plan_shares(day: date | None, chunk: int, hand_out: Callable[[tuple[int, int]], None]
                ) -> tuple[sender.Report, list[tuple[int, int]]]:
    """Plan ``day``; ``hand_out`` gets each share of ``chunk`` messages once planned."""
    from vigie.mailing.sending import sender
    with recording(Run.SEND, f"plan {day.isoformat() if day else ''}".strip()) as entry:
        report, shares = sender.plan_shares(day, chunk, hand_out)
        _send_summary(entry, report)
        entry.summary["shares"] = len(shares)
    return report, shares


def send_share(first: int, last: int) -> tuple[sender.Report, datetime | None]:
    """Send what is due now for the rows ``first`` to ``last`` (one task's share)."""
    from vigie.mailing.sending import sender
    with recording(Run.SEND, f"envois {first}–{last}") as entry:
        report, later = sender.send_share((first, last))
        _send_summary(entry, report)
    return report, later
