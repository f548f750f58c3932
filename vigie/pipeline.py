"""The day's work as one pipeline: sync → ingest → analyse → search index → editions.

Each input (a DILA delivery, a folder, a file) is ingested on its own and reported as soon as it
is done; the texts the inputs created or changed then go through the later steps, in order
(``STEPS``): their analysis (missing or stale decisions only), their search index entries, the
editions of their days. A ``PipelineReport`` keeps the report of each input and of each step,
with the texts each step covered, so that a caller can record per delivery which steps are
done (and finish, on the next run, what a crash left).

Above the stages it joins, below the commands and the tasks: nothing here prints. What
happens goes to ``notify`` as it happens — an ``InputReport``, a ``SyncNotice``, a
``StepReport`` — for the command to tell people, and to the ``vigie.pipeline`` logger. Each
entry point records its run in the journal (``vigie.operations``: ``vigie status``, ``/sante/``),
whichever process runs it: a command, or a task on a worker.

Sending closes the morning: ``send`` (one process) or ``plan_shares`` then ``send_share`` (a
task per share of subscribers, spread over the workers).
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from vigie.analysis.store import analyse_documents, documents_for
from vigie.documents.ingest import EXIT_OK, InputReport, exit_status, ingest_paths
from vigie.documents.models import Document
from vigie.documents.parlement_sync import sync_parlement as parlement_sync
from vigie.documents.sync import SyncNotice, sync_flow
from vigie.editions.builder import build_day
from vigie.editions.calendar import built_before, edition_day
from vigie.editions.models import Edition
from vigie.mailing.sending import sender
from vigie.operations.journal import Entry, recording
from vigie.operations.models import Run
from vigie.reference.taxonomy import EDITION_RUBRICS
from vigie.web.search import refresh as refresh_search

logger = logging.getLogger("vigie.pipeline")
ANALYSIS, INDEX, EDITIONS = "analysis", "index", "editions"


@dataclass
class StepReport:
    """What one later step did, and for which texts."""

    name: str  # ANALYSIS, INDEX or EDITIONS
    uids: frozenset[str]  # the texts it covered
    counts: Counter[str] = field(default_factory=Counter)
    days: dict[date, Counter[str]] = field(default_factory=dict)  # EDITIONS: outcomes per day


@dataclass
class PipelineReport:
    """What a run of the pipeline did: its inputs, its later steps, its exit status."""

    status: int = EXIT_OK  # 1 when an input could not be read entirely
    inputs: list[InputReport] = field(default_factory=list)
    steps: list[StepReport] = field(default_factory=list)

    @property
    def touched(self) -> set[str]:
        """The texts the inputs created or changed."""
        return {uid for report in self.inputs for uid in report.touched}

    def step(self, name: str) -> StepReport | None:
        return next((s for s in self.steps if s.name == name), None)


Event = InputReport | SyncNotice | StepReport
Notify = Callable[[Event], None]


def _quiet(event: Event) -> None:
    pass


@dataclass(frozen=True)
class AnalysisOptions:
    """How to analyse: the reference date of urgency and its horizon, or redo everything."""

    today: date | None = None
    urgent_days: int = 15
    force: bool = False


def analyse(documents: Iterable[Document], options: AnalysisOptions | None = None
            ) -> StepReport:
    """Analyse these documents (missing or stale decisions only)."""
    options = options or AnalysisOptions()
    changed: set[str] = set()
    counts = analyse_documents(documents, today=options.today, urgent_days=options.urgent_days,
                               force=options.force, changed=changed)
    return StepReport(ANALYSIS, frozenset(changed), counts)


def index(uids: set[str]) -> StepReport:
    """Index these texts for search (every text, with its theme, whatever the decision)."""
    return StepReport(INDEX, frozenset(uids), Counter(indexed=refresh_search(uids)))


def editions(uids: set[str]) -> StepReport:
    """Rebuild the editions of the days these texts were published (unchanged ones stay)."""
    report = StepReport(EDITIONS, frozenset(uids))
    days = set(Document.objects.filter(uid__in=uids, rubric__in=EDITION_RUBRICS)
               .exclude(date_publi=None).values_list("date_publi", flat=True).distinct())
    # A weekend day also rebuilds the Monday after it when that Monday has editions: built
    # when Monday covered the weekend, it must let go of the weekend's texts.
    days = {edition_day(d) for d in days}
    days |= {m for d in list(days) for m in built_before(d)
             if Edition.objects.filter(date=m).exists()}
    for day in sorted(days):
        report.days[day] = build_day(day)
        report.counts.update(report.days[day])
    return report


def _record(report: PipelineReport, step: StepReport, notify: Notify) -> None:
    report.steps.append(step)
    logger.info("étape %s : %s", step.name, dict(step.counts),
                extra={"step": step.name, "texts": len(step.uids), "counts": dict(step.counts)})
    notify(step)


def follow(report: PipelineReport, uids: set[str], notify: Notify = _quiet) -> PipelineReport:
    """The later steps for these texts, in order: analysis, search index, editions."""
    if not uids:
        return report
    texts = Document.objects.filter(uid__in=uids).exclude(title="").iterator(chunk_size=200)
    _record(report, analyse(texts), notify)
    _record(report, index(uids), notify)
    _record(report, editions(uids), notify)
    return report


def _summarise(entry: Entry, report: PipelineReport, failure: str) -> None:
    entry.summary = {"inputs": len(report.inputs), "texts": len(report.touched),
                     **{s.name: sum(s.counts.values()) for s in report.steps}}
    if report.status != EXIT_OK:
        entry.failed = failure


def ingest(paths: list[Path], *, force: bool = False, analysis: bool = True,
           progress: bool = False, notify: Notify = _quiet) -> PipelineReport:
    """Ingest inputs, then the later steps for what they changed (``analysis`` False: the
    texts are stored only, for ``vigie analyse`` to take later)."""
    with recording(Run.INGEST, ", ".join(p.name for p in paths)) as entry:
        inputs = ingest_paths(paths, force=force, progress=progress, notify=notify)
        report = PipelineReport(exit_status(inputs), inputs)
        if analysis:
            follow(report, report.touched, notify)
        _summarise(entry, report, "une entrée n'a pas pu être lue entièrement")
    return report


def _collecting(report: PipelineReport, notify: Notify) -> Notify:
    """A ``notify`` that also keeps each input's report in ``report``."""

    def seen(event: Event) -> None:
        if isinstance(event, InputReport):
            report.inputs.append(event)
        notify(event)

    return seen


def sync(base_url: str, flow: str, *, since: date | None = None, progress: bool = False,
         notify: Notify = _quiet) -> PipelineReport:
    """Fetch and ingest the new deliveries of a DILA flow, then the later steps (also for
    what was ingested before a failure)."""
    report = PipelineReport()
    with recording(Run.SYNC, flow) as entry:
        try:
            report.status = sync_flow(base_url, flow, since=since, progress=progress,
                                      notify=_collecting(report, notify)).status
        finally:  # whatever the network did, what was ingested goes on to the later steps
            follow(report, report.touched, notify)
        _summarise(entry, report, "synchronisation incomplète (réseau ou livraison illisible)")
    return report


def sync_parlement(sources: list[str], *, since: date | None = None, progress: bool = False,
                   notify: Notify = _quiet) -> PipelineReport:
    """Fetch and ingest what the Assemblée (``an``) and the Sénat (``senat``) published,
    then the later steps for what changed: answers and bills are analysed
    (``analysis.questions``) and go to the editions of their day, after the Journal
    officiel."""
    report = PipelineReport()
    with recording(Run.SYNC, " ".join(sources)) as entry:
        try:
            report.status = parlement_sync(sources, since=since, progress=progress,
                                           notify=_collecting(report, notify)).status
        finally:
            follow(report, report.touched, notify)
        _summarise(entry, report, "synchronisation du Parlement incomplète (réseau ou "
                   "fichier illisible)")
    return report


def reanalyse(day: date | None, options: AnalysisOptions | None = None,
              notify: Notify = _quiet) -> PipelineReport:
    """Analyse the stored texts of one publication day (all of them when ``day`` is None),
    then index and publish those whose decision changed."""
    report = PipelineReport()
    with recording(Run.ANALYSE, day.isoformat() if day else "tout") as entry:
        step = analyse(documents_for(day), options)
        _record(report, step, notify)
        if step.uids:
            _record(report, index(set(step.uids)), notify)
            _record(report, editions(set(step.uids)), notify)
        _summarise(entry, report, "")
    return report


def publish(day: date, notify: Notify = _quiet) -> StepReport:
    """Build (or bring up to date) the editions of one edition day."""
    with recording(Run.EDITIONS, day.isoformat()) as entry:
        step = StepReport(EDITIONS, frozenset(), build_day(day), {})
        step.days[day] = step.counts
        entry.summary = dict(step.counts)
    notify(step)
    return step


# --- Sending, the end of the morning ----------------------------------------------------------

def _send_summary(entry: Entry, report: sender.Report) -> None:
    entry.summary = {"planned": sum(report.planned.values()), "recovered": report.recovered,
                     **report.outcomes}
    entry.failed = report.stopped


def send(day: date | None = None) -> sender.Report:
    """Plan and send, in this process, what is due for ``day`` (None: the latest edition)."""
    with recording(Run.SEND, day.isoformat() if day else "") as entry:
        report = sender.run(day)
        _send_summary(entry, report)
    return report


def plan_shares(day: date | None, chunk: int) -> tuple[sender.Report, list[tuple[int, int]]]:
    """Plan what is due for ``day`` and cut it into shares of ``chunk`` messages."""
    with recording(Run.SEND, f"plan {day.isoformat() if day else ''}".strip()) as entry:
        report, shares = sender.plan_shares(day, chunk)
        _send_summary(entry, report)
        entry.summary["shares"] = len(shares)
    return report, shares


def send_share(first: int, last: int) -> tuple[sender.Report, datetime | None]:
    """Send what is due now for the rows ``first`` to ``last`` (one task's share)."""
    with recording(Run.SEND, f"envois {first}–{last}") as entry:
        report, later = sender.send_share((first, last))
        _send_summary(entry, report)
    return report, later
