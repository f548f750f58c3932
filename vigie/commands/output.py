"""What the commands tell people about the pipeline, as it happens: French lines on standard
output for news, on standard error for problems (the stages themselves never print)."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, TextIO

from vigie.commands.pipes import say
from vigie.documents.followups import waiting_for
from vigie.documents.ingest import InputReport, describe
from vigie.documents.sync import SyncNotice
from vigie.pipeline import ANALYSIS, EDITIONS, Resumed, StepReport
from vigie.reference.french import french_date, number

if TYPE_CHECKING:  # (an ``Upgraded`` comes only from the search's module, loaded then)
    from vigie.pipeline import Event
    from vigie.web.search import Upgraded

ANOMALIES_SHOWN = 20
# Editions: a line per day up to this many days; beyond (a history), a summary and the latest.
DAYS_SHOWN, LATEST_SHOWN = 10, 3


def input_lines(report: InputReport) -> tuple[list[str], list[str]]:
    """(news, problems) about one input: its summary, then its first anomalies."""
    problems = [f"  anomalie — {line}" for line in report.anomalies[:ANOMALIES_SHOWN]]
    if len(report.anomalies) > ANOMALIES_SHOWN:
        problems.append(f"  … et {len(report.anomalies) - ANOMALIES_SHOWN} autres "
                        "(vigie anomalies)")
    return [describe(report)], problems


def step_lines(step: StepReport) -> list[str]:
    """« Analyse : … », « Éditions du … » when a step changed something."""
    if step.name == ANALYSIS:
        done = step.counts["created"] + step.counts["updated"]
        unknown = step.counts["unidentified"]
        # (said here: the input's report counts what could not be read, « 0 anomalie »)
        communes = (f" ; {unknown} commune(s) des listes non identifiée(s), une anomalie "
                    "chacune (vigie anomalies)" if unknown else "")
        return [f"Analyse : {done} texte(s) analysé(s), {step.counts['retained']} retenu(s) "
                f"pour les collectivités{communes}."] if done else []
    if step.name == EDITIONS:
        return editions_lines(step)
    return []


def editions_lines(step: StepReport) -> list[str]:
    """A line per day whose editions changed; past ``DAYS_SHOWN`` days (a history, a
    repair), one line for all of them and one for each of the latest days."""
    changed = [(day, counts) for day, counts in sorted(step.days.items())
               if counts["created"] + counts["updated"]]
    if len(changed) <= DAYS_SHOWN:
        return [_day_line(day, counts) for day, counts in changed]
    created = sum(counts["created"] for _, counts in changed)
    updated = sum(counts["updated"] for _, counts in changed)
    return [f"Éditions de {len(changed)} jours, du {french_date(changed[0][0])} au "
            f"{french_date(changed[-1][0])} : {created} créée(s), {updated} mise(s) à jour ; "
            f"les {LATEST_SHOWN} derniers jours :",
            *(_day_line(day, counts) for day, counts in changed[-LATEST_SHOWN:])]


def _day_line(day: date, counts: Counter[str]) -> str:
    return (f"Éditions du {french_date(day, weekday=True)} : {counts['created']} créée(s), "
            f"{counts['updated']} mise(s) à jour.")


def event_lines(event: Event) -> tuple[list[str], list[str]]:
    """(news, problems) to tell about a pipeline event."""
    if isinstance(event, InputReport):
        return input_lines(event)
    if isinstance(event, Resumed):
        return [f"Reprise de ce qu'une exécution précédente a laissé : {event.origin} — "
                f"{waiting_for(event.texts, event.steps)}."], []
    if isinstance(event, SyncNotice):
        line = f"vigie : {event.message}" if event.problem else event.message
        return ([], [line]) if event.problem else ([line], [])
    if isinstance(event, StepReport):
        return step_lines(event), []
    return [upgrade_line(event)], []  # (the last kind of event: ``Upgraded``)


def upgrade_line(done: Upgraded) -> str:
    """« Index de recherche : 5 000 entrées d'un ancien format réécrites, 12 000 restent… »"""
    plural = "s" if done.rewritten > 1 else ""
    left = (f"{number(done.remaining)} reste{'nt' if done.remaining > 1 else ''} (les "
            "prochaines exécutions les reprennent ; vigie repair, toutes d'un coup)"
            if done.remaining else "aucune ne reste")
    return (f"Index de recherche : {number(done.rewritten)} entrée{plural} d'un ancien format "
            f"réécrite{plural}, {left}.")


def printer(out: TextIO | None = None, err: TextIO | None = None) -> Callable[[Event], None]:
    """A ``notify`` for the pipeline that prints each event as it comes."""

    def notify(event: Event) -> None:
        news, problems = event_lines(event)
        for line in news:  # (a reader gone, ``vigie ingest … | head -1``: the work goes on)
            say(line, out or sys.stdout)
        for line in problems:
            say(line, err or sys.stderr)

    return notify
