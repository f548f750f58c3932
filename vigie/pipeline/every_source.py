"""Every source in one run: ``vigie sync --source all``, ``vigie morning`` and the
``vigie.morning`` task read the Journal officiel, the DILA's circulaires, the followed feeds
(news, BOAMP notices, aid schemes), the Assemblée nationale and the Sénat, the acts of EU law
(Cellar), and Judilibre when a key is configured — one after the other, each in its own run
of the pipeline (its own entry in the journal, ``vigie status``).

One source failing costs that source only: its server cannot be listed or a download fails
(its run says so and gives a status), or something nobody foresaw is raised (a full disk, a
fault of Vigie: told in one French line, logged with its traceback, the journal has it) —
the other sources are read all the same, and the worst status is the run's at the end.
Another run holding the database past its wait still stops the whole (``AnotherRun``): the
sources after it would wait as long.

The first read of the circulaires within ``all`` starts at VIGIE_CIRCULAIRES_SINCE (default:
1 January of the current year), not at the flow's first archive of 2015 — thousands of them
for an installation that only wants what is in force and new. With ``Plan.first_days``
(``vigie run``, a new user's first start), the first read of each source that keeps a
watermark (the Journal officiel, the circulaires, EU acts, Judilibre) goes back that many
days only, told. With ``Plan.impatient`` (``vigie run`` too: someone waits for the site), a
server that cannot be reached at all — no network — is not asked again (``sources.http``
``impatient``): a minute less on a machine without network, the Parliament's retries above
all; the morning keeps its patience. Nothing here prints.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.conf import settings

from vigie import pipeline
from vigie.documents.models import Watermark
from vigie.documents.sync import CIRCULAIRES, SyncNotice, get_watermark, watermark_key
from vigie.operations.exclusive import AnotherRun
from vigie.reference.followed_sources import (
    LABELS,
    NO_KEY,
    SKIPPED_VARIABLE,
    SOURCES,
    every,
    skipped_sources,
)
from vigie.reference.french import french_date

if TYPE_CHECKING:
    from vigie.documents import feed_poll

logger = logging.getLogger("vigie.pipeline")
EXIT_FAILED = 1


@dataclass(frozen=True)
class Plan:
    """How to read the sources: the DILA's address and Journal officiel flow; ``since`` for
    every source that takes one (``vigie sync --since``); the feeds' polling options;
    ``first_days``: without ``since``, how far back a source's first read goes (``vigie run``;
    None: each source's own first start); ``impatient``: see the module."""

    base_url: str
    flow: str = "jorfsimple"
    since: date | None = None
    progress: bool = False
    wait: float | None = None  # how long to wait for another run (VIGIE_PIPELINE_WAIT)
    feeds: feed_poll.PollOptions | None = None
    first_days: int | None = None
    impatient: bool = False  # a server that cannot be reached is not asked again (vigie run)


@dataclass
class SourceFailed(pipeline.PipelineReport):
    """A source's run stopped by an error nobody foresaw; ``error`` says it, in French."""

    error: str = ""


def _quiet(event: pipeline.Event) -> None:
    """Nobody listens (a task: the journal and the logs have it)."""


Told = Callable[[str, pipeline.PipelineReport], None]


def units(source: str) -> tuple[str, ...]:
    """The runs a ``--source`` choice stands for (``all``: every source but those of
    VIGIE_SOURCES_SKIPPED; one named is read even when skipped)."""
    if source not in SOURCES:
        raise ValueError(f"source inconnue : « {source} » (attendu : {', '.join(SOURCES)})")
    return every(skipped_sources(settings.VIGIE_SOURCES_SKIPPED)) if source == "all" \
        else (source,)


def _tell_skipped(source: str, notify: pipeline.Notify) -> None:
    """Within ``all``, the sources left out by VIGIE_SOURCES_SKIPPED, said once."""
    skipped = [LABELS[name] for name in sorted(skipped_sources(settings.VIGIE_SOURCES_SKIPPED))]
    if source == "all" and skipped:
        notify(SyncNotice(f"Laissé(s) de côté ({SKIPPED_VARIABLE}) : {', '.join(skipped)}."))


def sync_sources(source: str, plan: Plan, notify: pipeline.Notify | None = None,
                 told: Told | None = None) -> dict[str, pipeline.PipelineReport]:
    """Each run ``source`` stands for, in order, whatever the others did; ``told`` hears each
    report as soon as its source is done (``vigie sync`` adds a line about the feeds)."""
    from vigie.sources.http import impatient

    reports: dict[str, pipeline.PipelineReport] = {}
    notify = notify or _quiet
    _tell_skipped(source, notify)
    with impatient(plan.impatient):
        for unit in units(source):
            reports[unit] = _guarded(unit, lambda unit=unit: _one(unit, plan, notify,
                                                                  everything=source == "all"),
                                     notify)
            if told:
                told(unit, reports[unit])
    return reports


def status(reports: dict[str, pipeline.PipelineReport]) -> int:
    """The worst status of the runs (0 when all went well)."""
    return max((report.status for report in reports.values()), default=0)


def _one(unit: str, plan: Plan, notify: pipeline.Notify, *, everything: bool
         ) -> pipeline.PipelineReport:
    if unit in ("dila", CIRCULAIRES):
        flow = plan.flow if unit == "dila" else CIRCULAIRES
        since = first_read(unit, watermark_key(flow), plan, notify)
        if unit == CIRCULAIRES and everything:
            since = first_since(since, notify)
        return pipeline.sync(plan.base_url, flow, since=since, progress=plan.progress,
                             notify=notify, wait=plan.wait)
    if unit == "feeds":
        return pipeline.sync_feeds(plan.feeds or feed_options(), notify=notify, wait=plan.wait)
    if unit == "judilibre":
        return sync_judilibre(plan, notify)
    if unit == "eu":
        from vigie.documents.eu_sync import WATERMARK
        from vigie.pipeline.eu_source import sync_eu
        return sync_eu(first_read(unit, WATERMARK, plan, notify), notify, plan.wait)
    return pipeline.sync_parlement(unit.split(), since=plan.since, progress=plan.progress,
                                   notify=notify, wait=plan.wait)


def _guarded(unit: str, run: Callable[[], pipeline.PipelineReport], notify: pipeline.Notify
             ) -> pipeline.PipelineReport:
    """``run``'s report, or, when it raised, a ``SourceFailed`` told to ``notify``."""
    from vigie.operations.database_problems import operational_problem
    from vigie.operations.logs import mask

    try:
        return run()
    except AnotherRun:
        raise
    except Exception as error:  # noqa: BLE001 — told, logged, journaled; the others go on
        logger.warning("source %s : échec", unit, exc_info=error, extra={"source": unit})
        why = operational_problem(error) or mask(f"{type(error).__name__} : {error}")
        notify(SyncNotice(f"{LABELS[unit]} : échec ({why}) ; les autres sources sont lues "
                          "quand même.", problem=True))
        return SourceFailed(status=EXIT_FAILED, error=why)


def first_since(since: date | None, notify: pipeline.Notify, today: date | None = None
                ) -> date | None:
    """``since`` when given or once the circulaires were read (their watermark); on their
    first read, VIGIE_CIRCULAIRES_SINCE or 1 January of this year, told."""
    if since or get_watermark(CIRCULAIRES):
        return since
    start = settings.VIGIE_CIRCULAIRES_SINCE or date((today or date.today()).year, 1, 1)
    notify(SyncNotice(f"Circulaires : premier passage, à partir du {french_date(start)} "
                      "(VIGIE_CIRCULAIRES_SINCE ; vigie sync --source circulaires --since "
                      "AAAA-MM-JJ pour remonter plus loin)."))
    return start


def first_read(unit: str, mark: str, plan: Plan, notify: pipeline.Notify,
               today: date | None = None) -> date | None:
    """``plan.since``; without it, on the first read of a source (no watermark ``mark`` yet)
    when ``plan.first_days`` is set: that many days back, told."""
    if plan.since or not plan.first_days or Watermark.objects.filter(source=mark).exists():
        return plan.since
    start = (today or date.today()) - timedelta(days=plan.first_days)
    notify(SyncNotice(f"{LABELS[unit]} : premier passage, les {plan.first_days} derniers jours "
                      f"seulement (depuis le {french_date(start)} ; vigie sync --source {unit} "
                      "--since AAAA-MM-JJ pour remonter plus loin)."))
    return start


def sync_judilibre(plan: Plan, notify: pipeline.Notify) -> pipeline.PipelineReport:
    """Judilibre's new decisions, then the later steps; without a key, said (status 0)."""
    from vigie.documents.judilibre_sync import sync_judilibre as fetch
    from vigie.documents.judilibre_sync import watermark_key as judilibre_key
    from vigie.operations.exclusive import patiently
    from vigie.sources.judilibre import api_key

    if not api_key():
        notify(SyncNotice(NO_KEY))
        return pipeline.PipelineReport()
    since = first_read("judilibre", judilibre_key(settings.VIGIE_JUDILIBRE_DATE_TYPE), plan,
                       notify)
    return pipeline.fetched("judilibre", lambda seen: fetch(
        since=since, notify=seen, attempt=patiently).status,
        "synchronisation Judilibre incomplète (clé, réseau ou page illisible)", notify,
        plan.wait)


def feed_options() -> feed_poll.PollOptions:
    """How to poll feeds, from the settings (``VIGIE_FEEDS_*``)."""
    from vigie.documents.feed_poll import PollOptions

    return PollOptions(workers=settings.VIGIE_FEEDS_WORKERS,
                       host_delay=settings.VIGIE_FEEDS_HOST_DELAY)
