"""The day's work as one pipeline: sync → ingest → analyse → search index → editions.

Each input (a DILA delivery, a folder, a file) is ingested on its own and reported as soon as it
is done. The texts it created or changed are recorded, in its own transaction, as owed the
later steps (a follow-up, ``documents.followups``); these steps then run in order — analysis
(missing or stale decisions only), search index, editions of their days — and each is marked
done when it has covered them. A run killed anywhere therefore leaves its follow-up pending,
and the next run of ``ingest``, ``sync``, ``analyse`` or ``repair`` finishes it (``finish``):
every step is idempotent. One such run at a time per database (``operations.exclusive``);
reads are taken whole, a chunk at a time, before writing, and a busy database is waited for.

Above the stages it joins, below the commands and the tasks: nothing here prints. What
happens goes to ``notify`` as it happens — an ``InputReport``, a ``SyncNotice``, a
``Resumed``, a ``StepReport`` — for the command to tell people, and to the ``vigie.pipeline``
logger. Each entry point records its run in the journal (``vigie status``, ``/sante/``).
Sending closes the morning: ``send`` (one process), or ``plan_shares`` and ``send_share`` tasks
(``operations.sending``). After its steps, each run but ``repair`` (which writes them all)
writes again a bounded number of search entries of an older index format (``search.upgrade``).
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Set
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from vigie.documents import followups
from vigie.documents.followups import ANALYSIS, EDITIONS, INDEX, AnalysisOptions
from vigie.documents.ingest import EXIT_OK, InputReport, exit_status, ingest_paths
from vigie.documents.models import FollowUp
from vigie.documents.sync import SyncNotice, sync_flow
from vigie.operations.exclusive import one_run, patiently
from vigie.operations.journal import Entry, recording
from vigie.operations.models import Run
from vigie.operations.pacing import checkpoint, chunks, paced
from vigie.operations.sending import plan_shares, send, send_share  # noqa: F401 - called here
from vigie.reference.followed_sources import FEEDS_RUN

# The analysis, search, editions, sending, feeds and repairs are imported where they are used:
# ``vigie ingest --no-analysis`` starts without them (a third of its start-up).
if TYPE_CHECKING:
    from vigie.analysis.ahead import Ahead
    from vigie.analysis.pool import Deciders
    from vigie.analysis.store import Freshness
    from vigie.documents import feed_poll
    from vigie.documents.interrupted import Interrupted
    from vigie.operations import repairs
    from vigie.web.search import Upgraded
    from vigie.web.search.vocabulary import CatchingUp

logger = logging.getLogger("vigie.pipeline")
UPGRADE = "index_format"  # the crash tests' pause among the entries of an older format


@dataclass
class StepReport:
    """What one later step did, and for which texts."""

    name: str  # ANALYSIS, INDEX or EDITIONS
    uids: frozenset[str]  # the texts it covered
    counts: Counter[str] = field(default_factory=Counter)
    days: dict[date, Counter[str]] = field(default_factory=dict)  # EDITIONS: outcomes per day
    indexed: frozenset[str] = frozenset()  # ANALYSIS: the texts whose search entry it wrote


@dataclass(frozen=True)
class Resumed:
    """Work an earlier run left unfinished (a crash, ``--no-analysis``), taken up now."""

    origin: str  # the delivery's name, « analyse … », « réparation »
    texts: int
    steps: tuple[str, ...]  # the steps it still owed


@dataclass
class PipelineReport:
    """What a run of the pipeline did: its inputs, its later steps, its exit status."""

    status: int = EXIT_OK  # 1 when an input could not be read entirely
    inputs: list[InputReport] = field(default_factory=list)
    steps: list[StepReport] = field(default_factory=list)
    resumed: list[Resumed] = field(default_factory=list)
    upgraded: Upgraded | None = None  # search entries of an older format written again

    @property
    def touched(self) -> set[str]:
        """The texts the inputs created or changed."""
        return {uid for report in self.inputs for uid in report.touched}

    def step(self, name: str) -> StepReport | None:
        return next((s for s in self.steps if s.name == name), None)


def _findings() -> repairs.Findings:
    from vigie.operations import repairs
    return repairs.Findings()


@dataclass
class RepairReport(PipelineReport):
    """``vigie repair``: what the stored state showed left undone, and the web's backlog."""

    findings: repairs.Findings = field(default_factory=lambda: _findings())
    lost: list[Interrupted] = field(default_factory=list)  # begun, not finished, not found
    mailing: Counter[str] = field(default_factory=Counter)
    mailing_problem: str = ""
    sessions: int = 0  # expired sessions of the back office deleted


if TYPE_CHECKING:  # (names for annotations only: the search's contract, its four dataclasses,
    # cost some 20 M instructions of each start-up; only ``upgrade_index`` makes an ``Upgraded``)
    Event = InputReport | SyncNotice | StepReport | Resumed | Upgraded
    Notify = Callable[[Event], None]


def _quiet(event: Event) -> None:
    pass


@contextmanager
def _exclusive(notify: Notify, wait: float | None = None) -> Iterator[None]:
    """One pipeline run at a time on this database (``exclusive.AnotherRun`` otherwise,
    after ``wait`` seconds: VIGIE_PIPELINE_WAIT by default)."""
    with one_run(lambda message: notify(SyncNotice(message, True)), wait):
        yield


def analyse(uids: Iterable[str], options: AnalysisOptions | None = None) -> StepReport:
    """Analyse these texts' missing or stale decisions (``force``: all), chunk by chunk."""
    from vigie.analysis.store import freshness
    options = options or AnalysisOptions()
    return _analysed([(None, options, freshness(uids, force=options.force))])


def _analysed(planned: list[tuple[FollowUp | None, AnalysisOptions, Freshness]],
              counts: Counter[str] | None = None, early: Deciders | None = None,
              ahead: Ahead | None = None) -> StepReport:
    """Each planned analysis in order (a follow-up marked done after its own), with one set
    of deciders for them all: a delivery commits in chunks, each its own follow-up, and
    workers started for each would spend more starting than deciding (or ``early`` ones).
    The search entries of the texts decided are written as they go (``Alongside``), from
    what was made of them ``ahead`` when decided in advance."""
    from vigie.analysis.store import analyse_documents, deciders_for, documents_in
    from vigie.web.search.index import Alongside
    total, changed = StepReport(ANALYSIS, frozenset(), Counter(counts)), set()
    texts = sum(len(found.stale) for *_, found in planned)
    with (nullcontext(early) if early is not None else deciders_for(texts)) as deciders:
        alongside = Alongside(deciders, patiently, ahead.made if ahead is not None else None)
        for followup, options, found in planned:
            total.counts["unchanged"] += found.current
            documents = documents_in(paced(chunks(found.stale), ANALYSIS), patiently)
            total.counts.update(analyse_documents(
                documents, today=options.today, urgent_days=options.urgent_days,
                force=options.force, changed=changed, deciders=deciders, attempt=patiently,
                alongside=alongside.take, ahead=ahead))
            if followup is not None:
                patiently(lambda followup=followup: followups.mark_done([followup], ANALYSIS))
        alongside.flush(lambda: checkpoint(INDEX))  # the crash tests' pause in the index
    total.uids, total.indexed = frozenset(changed), frozenset(alongside.uids)
    return total


def index(uids: set[str], helpers: Deciders | None = None,
          done: Set[str] = frozenset(), words: CatchingUp | None = None) -> StepReport:
    """Index these texts for search (every text, with its theme, whatever the decision) but
    those ``done`` by the analysis; ``helpers``: its workers, idle now, make the words;
    ``words``: the vocabulary's catching up, only begun (``search.refresh_chunks``)."""
    from vigie.web import search
    indexed = search.refresh_chunks(paced(chunks(sorted(uids - done)), INDEX), helpers,
                                    patiently, words)
    return StepReport(INDEX, frozenset(uids), Counter(indexed=indexed + len(done & uids)))


def editions(uids: set[str], days: Iterable[date] = (), left: Iterable[date] = ()
             ) -> StepReport:
    """Rebuild the editions of the days these texts were published, of the days ``left``
    (where some were published before a change moved them), and of ``days`` (edition days;
    unchanged editions stay)."""
    from vigie.editions.builder import build_day, edition_days
    from vigie.editions.sources import Reading
    from vigie.web import warm
    report = StepReport(EDITIONS, frozenset(uids))
    ordered = sorted(edition_days(uids, left) | set(days))
    reading = Reading(ordered)  # what the days' builds read, a window of days per query
    for day in paced(ordered, EDITIONS):
        report.days[day] = patiently(lambda day=day: build_day(day, sources=reading.of(day)))
        report.counts.update(report.days[day])
    warm.warm_days(report.days)  # the latest days' pages, rendered before readers ask (Redis)
    return report


def _record(report: PipelineReport, step: StepReport, notify: Notify) -> None:
    report.steps.append(step)
    logger.info("étape %s : %s", step.name, dict(step.counts),
                extra={"step": step.name, "texts": len(step.uids), "counts": dict(step.counts)})
    notify(step)


def finish(report: PipelineReport, notify: Notify = _quiet, *, left: set[int] | None = None,
           analysed: Counter[str] | None = None, deciders: Deciders | None = None,
           ahead: Ahead | None = None, upgrade: bool = True) -> PipelineReport:
    """Every later step still owed, in order — analysis, search index, editions — to the
    texts of every pending follow-up: this run's and those ``left`` by earlier runs; then
    (``upgrade``) search entries of an older format written again (``upgrade_index``).
    ``analysed``: counts the analysis step starts from, reported even if nothing is owed;
    ``deciders``: the analysis's, already started (``early_deciders``); ``ahead``: theirs."""
    owed = followups.pending()
    for (origin, steps), texts in followups.by_origin(f for f in owed if left and f.pk in left):
        report.resumed.append(Resumed(origin, texts, steps))
        notify(report.resumed[-1])
    done: frozenset[str] = frozenset()  # the texts whose search entry the analysis wrote
    if analysed is not None or any(ANALYSIS not in f.done for f in owed):
        from vigie.analysis.store import owed_analysis
        _record(report, _analysed(owed_analysis(owed), analysed, deciders, ahead), notify)
        done = report.steps[-1].indexed
    from vigie.pipeline.later import index_and_editions
    index_and_editions(lambda step: _record(report, step, notify), owed, deciders, done)
    if upgrade:
        upgrade_index(report, notify)
    return report


def upgrade_index(report: PipelineReport, notify: Notify = _quiet) -> None:
    """Write again up to VIGIE_INDEX_UPGRADE_PER_RUN search entries of an older format,
    newest texts first (``search.upgrade``), each chunk on its own: a run killed midway
    leaves the rest for the next one. Told and logged when some were written."""
    from django.conf import settings

    from vigie.web.search.upgrade import rewrite_old
    limit = settings.VIGIE_INDEX_UPGRADE_PER_RUN
    done = rewrite_old(limit, patiently, partial(paced, step=UPGRADE)) if limit else None
    if done is not None and done.rewritten:
        report.upgraded = done
        logger.info("index : %d entrées d'un ancien format réécrites en %.1f s, %d restent",
                    done.rewritten, done.seconds, done.remaining,
                    extra={"step": UPGRADE, "counts": {"rewritten": done.rewritten,
                                                       "remaining": done.remaining}})
        notify(done)


def _owe(origin: str, uids: Iterable[str], options: dict | None = None) -> None:
    """Record a follow-up before the work it announces (so a crash leaves it pending)."""
    patiently(lambda: followups.record(origin, uids, options))


def follow(report: PipelineReport, uids: set[str], notify: Notify = _quiet) -> PipelineReport:
    """The later steps for these texts, in order: analysis, search index, editions."""
    if uids:
        _owe("suivi", uids)
        finish(report, notify)
    return report


def _summarise(entry: Entry, report: PipelineReport, failure: str) -> None:
    # Each step in one figure: texts decided (not the « retained » among them a second time),
    # texts indexed, editions built or checked.
    entry.summary = {"inputs": len(report.inputs), "texts": len(report.touched),
                     "resumed": len(report.resumed),
                     **{s.name: s.counts["created"] + s.counts["updated"] if s.name == ANALYSIS
                        else sum(s.counts.values()) for s in report.steps}}
    if report.upgraded is not None:
        entry.summary[UPGRADE] = report.upgraded.rewritten
    if report.status != EXIT_OK:
        entry.failed = failure


def ingest(paths: list[Path], *, force: bool = False, analysis: bool = True,
           progress: bool = False, notify: Notify = _quiet) -> PipelineReport:
    """Ingest inputs, then the later steps for what they changed and for what earlier runs
    left (``analysis`` False: the texts are stored only; a later run takes them up)."""
    from vigie.operations.early_analysis import deciding_ahead, early_deciders
    with _exclusive(notify), recording(Run.INGEST, ", ".join(p.name for p in paths)) as entry, \
            early_deciders(paths, analysis) as deciders, \
            deciding_ahead(deciders, paths, patiently) as ahead:
        left = followups.left_over()
        inputs = ingest_paths(paths, force=force, progress=progress, notify=notify,
                              attempt=patiently, assembled=ahead and ahead.assembled)
        report = PipelineReport(exit_status(inputs), inputs)
        if analysis:
            finish(report, notify, left=left, deciders=deciders, ahead=ahead)
        _summarise(entry, report, "une entrée n'a pas pu être lue entièrement")
    return report


def _collecting(report: PipelineReport, notify: Notify) -> Notify:
    """A ``notify`` that also keeps each input's report in ``report``."""

    def seen(event: Event) -> None:
        if isinstance(event, InputReport):
            report.inputs.append(event)
        notify(event)
    return seen


def fetched(source: str, fetch: Callable[[Notify], int], failure: str, notify: Notify,
            wait: float | None = None) -> PipelineReport:
    """A sync of any source (``vigie sync`` calls it for Judilibre): ``fetch`` stores what the
    source published (its inputs go to ``notify``) and returns a status; then the later steps,
    also for what was stored before a failure and what earlier runs left."""
    report = PipelineReport()
    with _exclusive(notify, wait), recording(Run.SYNC, source) as entry:
        left = followups.left_over()
        try:
            report.status = fetch(_collecting(report, notify))
        finally:  # whatever the network did, what was stored goes on to the later steps
            finish(report, notify, left=left)
        _summarise(entry, report, failure)
    return report


def sync(base_url: str, flow: str, *, since: date | None = None, progress: bool = False,
         notify: Notify = _quiet, wait: float | None = None) -> PipelineReport:
    """Fetch and ingest the new deliveries of a DILA flow, then the later steps."""
    return fetched(flow, lambda seen: sync_flow(base_url, flow, since=since, progress=progress,
                                                 notify=seen, attempt=patiently).status,
                    "synchronisation incomplète (réseau ou livraison illisible)", notify, wait)


def sync_parlement(sources: list[str], *, since: date | None = None, progress: bool = False,
                   notify: Notify = _quiet, wait: float | None = None) -> PipelineReport:
    """Fetch and ingest what the Assemblée (``an``) and the Sénat (``senat``) published, then
    the later steps for what changed: answers and bills are analysed (``analysis.questions``)
    and go to the editions of their day, after the Journal officiel."""
    from vigie.documents.parlement_sync import sync_parlement as parlement_sync
    return fetched(" ".join(sources), lambda seen: parlement_sync(
        sources, since=since, progress=progress, notify=seen).status,
        "synchronisation du Parlement incomplète (réseau ou fichier illisible)", notify, wait)


def sync_feeds(options: feed_poll.PollOptions | None = None, *, notify: Notify = _quiet,
               client=None, wait: float | None = None) -> PipelineReport:
    """Poll the due feeds (news, BOAMP notices, aid schemes), then the later steps; status 1
    when a feed failed (the others are taken)."""
    from vigie.documents import feed_poll
    return fetched(FEEDS_RUN, lambda seen: int(feed_poll.poll(options, client=client,
                                                            notify=seen).failed),
                    "des flux n'ont pas pu être lus (vigie status)", notify, wait)


def reanalyse(day: date | None, options: AnalysisOptions | None = None,
              notify: Notify = _quiet) -> PipelineReport:
    """Analyse the stored texts of one publication day (all of them when ``day`` is None)
    whose decision is missing or stale, then index and publish them; what earlier runs left
    is finished too."""
    from vigie.analysis.store import freshness
    options, report = options or AnalysisOptions(), PipelineReport()
    with _exclusive(notify), recording(Run.ANALYSE, day.isoformat() if day else "tout") as entry:
        left = followups.left_over()
        found = freshness(day=day, force=options.force)
        _owe(f"analyse {day.isoformat() if day else 'tout'}", found.stale, options.to_json())
        finish(report, notify, left=left, analysed=Counter(unchanged=found.current))
        _summarise(entry, report, "")
    return report


def repair(*, everything: bool = False, notify: Notify = _quiet) -> RepairReport:
    """Finish what crashes left: the deliveries stopped midway (read again when found), the
    pending follow-ups, then whatever the stored state shows undone (texts without a current
    decision, search entries missing or out of step, edition days not matching their
    decisions; ``everything``: every text indexed and every day built again, unchanged
    editions staying); then the web's backlog of unsubscribes and requests."""
    from vigie.operations import repairs
    report = RepairReport()
    with _exclusive(notify), recording(Run.REPAIR, "tout" if everything else "") as entry:
        left = followups.left_over()
        report.inputs, report.lost = repairs.read_again(notify)  # deliveries stopped midway
        report.status = exit_status(report.inputs)
        finish(report, notify, left=left, upgrade=False)  # all entries below, not a few
        report.findings = found = repairs.scan(everything)
        _owe("réparation", found.texts)
        finish(report, notify, upgrade=False)
        built = {day for step in report.steps if step.name == EDITIONS for day in step.days}
        days = [day for day in found.days if day not in built]
        if days:
            _record(report, editions(set(), days), notify)
        report.mailing, report.mailing_problem = repairs.mailing_backlog()
        report.sessions = repairs.expired_sessions()
        _summarise(entry, report, "")
        entry.summary.update(report.mailing, sessions=report.sessions)
    return report


def publish(day: date, notify: Notify = _quiet) -> StepReport:
    """Build (or bring up to date) the editions of one edition day, then render its pages."""
    from vigie.editions.builder import build_day
    from vigie.web import warm
    with recording(Run.EDITIONS, day.isoformat()) as entry:
        step = StepReport(EDITIONS, frozenset(), build_day(day), {})
        step.days[day] = step.counts
        entry.summary = dict(step.counts)
    warm.warm_days(step.days)  # as after the editions step (``editions``)
    notify(step)
    return step
