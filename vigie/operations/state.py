"""What the health endpoint and ``vigie status`` read: the state of the morning's work.

Plain reads, a handful of small queries (the health endpoint is polled by load balancers): the
last successful sync of each DILA flow (the CIRCULAIRES fund's once used) and its watermark,
Judilibre's likewise (the day of the last decision taken in; shown once Judilibre is used: a
key, a run or a watermark), the EU acts' (Cellar: the last day of the Official Journal whose
acts are all stored; shown once read: a run or a watermark), the Parliament's (its runs,
whichever chambers they read, and per chamber the last file taken in whole: its watermark
moved), the followed feeds' (the last polls, and how many feeds are followed, failing now,
retired), the ingested deliveries, the anomalies, the e-mail deliveries by state, and the
latest runs of the journal; each source's runs in one query, read from their own index
(``run_source``), however long the journal. (DECP has no sync, hence no watermark: its files
are deliveries ingested.)
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection
from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet
from django.utils import timezone

from vigie.documents import eu_sync, followups, judilibre_sync
from vigie.documents.eu_stored import waiting_french
from vigie.documents.interrupted import begun
from vigie.documents.models import Anomaly, Feed, Watermark
from vigie.documents.models import Delivery as Input
from vigie.documents.sync import CIRCULAIRES, watermark_key
from vigie.mailing.models import Delivery
from vigie.operations.models import Run
from vigie.reference.followed_sources import FEEDS_RUN, PARLEMENT
from vigie.sources.dila import FLOWS
from vigie.sources.judilibre import api_key


@dataclass(frozen=True)
class SyncState:
    flow: str
    last_success: datetime | None  # last sync that finished well (journal)
    last_failure: datetime | None  # last one that failed, if later than the last success
    watermark: str  # last delivery processed
    watermark_at: datetime | None
    waiting: int = 0  # EU acts stored without their French version, still asked for it


@dataclass(frozen=True)
class Received:
    """A chamber's last file taken in whole (its watermark moved: a new copy, read to the end)."""

    chamber: str  # "an", "senat"
    file: str  # its watermark: « an-17-questions_ecrites », « senat-dossier-pjl07-488 »…
    at: datetime


@dataclass(frozen=True)
class ParlementState:
    last_success: datetime | None  # last sync of the Parliament that finished well
    last_failure: datetime | None  # last one that failed, if later than the last success
    received: tuple[Received, ...]  # per chamber (none for a chamber never read)


@dataclass(frozen=True)
class FeedsState:
    last_success: datetime | None  # last poll of the feeds that finished well
    last_failure: datetime | None  # last one that failed, if later than the last success
    followed: int  # active feeds
    failing: int  # active ones whose last poll failed (tried again later)
    retired: int  # gone for good (410), still listed


def ping() -> None:
    """Raises a ``DatabaseError`` when the database cannot be reached."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def syncs() -> list[SyncState]:
    """Each DILA flow's: its watermark, the last delivery processed; the CIRCULAIRES fund's
    once it is used (a run or a watermark: ``vigie sync --source circulaires``)."""
    found = [_sync_state(flow, flow, watermark_key(flow)) for flow in sorted(FLOWS)]
    fund = _sync_state(CIRCULAIRES, CIRCULAIRES, watermark_key(CIRCULAIRES))
    used = fund.last_success or fund.last_failure or fund.watermark
    return found + [fund] if used else found


def judilibre() -> SyncState | None:
    """Judilibre's: its watermark, the day of the last decision taken in (the one of the
    date followed, VIGIE_JUDILIBRE_DATE_TYPE); None when Judilibre is not used (no key, never
    synced)."""
    state = _sync_state("judilibre", "judilibre",
                        judilibre_sync.watermark_key(settings.VIGIE_JUDILIBRE_DATE_TYPE))
    used = api_key() or state.last_success or state.last_failure or state.watermark
    return state if used else None


def eu() -> SyncState | None:
    """The EU acts' (``vigie sync --source eu``, within ``all`` and the morning): its watermark,
    the last day of the Official Journal of the EU whose acts are all stored; None before the
    source was ever read (no run, no watermark)."""
    state = _sync_state("eu", "eu", eu_sync.WATERMARK)
    if not (state.last_success or state.last_failure or state.watermark):
        return None
    return replace(state, waiting=len(waiting_french(timezone.localdate()).asked))


# The journal's names of a Parliament sync: both chambers (``all``, the morning), or one.
PARLEMENT_RUNS = (PARLEMENT, *PARLEMENT.split())
CHAMBERS = {"an": "an-", "senat": "senat-"}  # each chamber's files' watermarks begin so


def parlement() -> ParlementState | None:
    """The Parliament's syncs (``an``, ``senat``, both: the journal does not tell which chamber
    failed) and each chamber's last file taken in whole; None before it was ever read."""
    success, failure = _runs(PARLEMENT_RUNS)
    received = []
    for chamber, prefix in CHAMBERS.items():
        mark = (Watermark.objects.filter(source__startswith=prefix).order_by("-updated_at")
                .values_list("source", "updated_at").first())
        if mark:
            received.append(Received(chamber, *mark))
    used = success or failure or received
    return ParlementState(success, failure, tuple(received)) if used else None


def feeds() -> FeedsState | None:
    """The followed feeds' polls (``vigie sync --source feeds``, the morning) and how many
    feeds are followed, failing, retired (``vigie feeds list`` tells each); None when no feed
    is followed nor was ever polled."""
    success, failure = _runs((FEEDS_RUN,))
    counts = Feed.objects.aggregate(
        followed=Count("id", filter=Q(status=Feed.ACTIVE)),
        failing=Count("id", filter=Q(status=Feed.ACTIVE, failures__gt=0)),
        retired=Count("id", filter=Q(status=Feed.RETIRED)))
    used = success or failure or counts["followed"] or counts["retired"]
    return FeedsState(success, failure, **counts) if used else None


def _runs(sources: tuple[str, ...]) -> tuple[datetime | None, datetime | None]:
    """The last sync of ``sources`` that finished well, and the last one that failed if it is
    later (one query, whatever the length of the journal)."""
    found = Run.objects.filter(kind=Run.SYNC, source__in=sources).aggregate(
        success=Max("finished_at", filter=Q(status=Run.OK)),
        failure=Max("started_at", filter=Q(status=Run.FAILED)))
    success, failure = found["success"], found["failure"]
    return success, failure if failure and (not success or failure > success) else None


def _sync_state(name: str, source: str, key: str) -> SyncState:
    """A source's syncs in the journal (``source``) and its watermark (``key``)."""
    success, failure = _runs((source,))
    mark = Watermark.objects.filter(source=key).first()
    return SyncState(name, success, failure, mark.value if mark else "",
                     mark.updated_at if mark else None)


def mail_counts() -> dict[str, int]:
    """E-mail deliveries by state: pending, sending, sent, failed, skipped, cancelled; and
    ``carried``: the skipped alerts a digest carried (counted in skipped too)."""
    # One query still (the health endpoint asks too): the carried ones counted alongside.
    found = {status: (n, carried) for status, n, carried in Delivery.objects
             .values_list("status").annotate(n=Count("id"), carried=Count(
                 "id", filter=Q(last_error=Delivery.CARRIED)))}
    counts = {status: found.get(status, (0, 0))[0] for status in (
        Delivery.PENDING, Delivery.SENDING, Delivery.SENT, Delivery.FAILED, Delivery.SKIPPED,
        Delivery.CANCELLED)}
    counts["carried"] = found.get(Delivery.SKIPPED, (0, 0))[1]
    return counts


def mail_waiting() -> dict[str, int]:
    """E-mail deliveries pending, sending and failed: what ``/sante/`` tells, polled every few
    seconds. Each counted on its own partial index, never over the history of messages sent
    (millions of rows: ``mail_counts`` read them all, a third of a second at 1.5 million)."""
    counts = dict.fromkeys((Delivery.PENDING, Delivery.SENDING), 0)
    counts.update(Delivery.objects.filter(status__in=list(counts)).order_by()
                  .values_list("status").annotate(n=Count("*")))
    counts[Delivery.FAILED] = Delivery.objects.filter(status=Delivery.FAILED).count()
    return counts


@dataclass
class Overview:
    """Everything ``vigie status`` tells."""

    syncs: list[SyncState]
    judilibre: SyncState | None  # None: Judilibre not used
    inputs: int
    partial_inputs: list[str]
    started_inputs: list[str]  # begun and not finished: being read, or stopped midway
    last_input: tuple[str, datetime] | None
    anomalies: int
    recent_anomalies: int  # in the last RECENT
    mail: dict[str, int]
    last_sent: datetime | None
    failures: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, source, why)
    runs: list[Run] = field(default_factory=list)  # the latest ones, as many as asked for
    latest: Run | None = None  # the latest run, shown or not: its failure needs attention
    owed: list[str] = field(default_factory=list)  # follow-ups pending (a crash, a run under way)
    eu: SyncState | None = None  # None: the EU acts never read
    parlement: ParlementState | None = None  # None: the Parliament never read
    feeds: FeedsState | None = None  # None: no feed followed, none polled


RECENT = timedelta(days=1)


def partial() -> QuerySet[Input]:
    """The deliveries read in part only (« incomplète »: a truncated copy, a file refused for
    its size, one given up), but those read entirely since under the same name (a full copy
    of a truncated one, the same file once the limit raised)."""
    complete_since = Input.objects.filter(name=OuterRef("name"), status=Input.STATUS_DONE,
                                          processed_at__gt=OuterRef("processed_at"))
    return Input.objects.filter(status=Input.STATUS_PARTIAL).exclude(Exists(complete_since))


def anomaly_counts() -> dict[str, int]:
    """The anomalies recorded: in all, and in the last ``RECENT``."""
    since = timezone.now() - RECENT
    return {"total": Anomaly.objects.count(),
            "last_24h": Anomaly.objects.filter(created_at__gte=since).count()}


def overview(runs: int = 10) -> Overview:
    anomalies = anomaly_counts()
    latest = list(Run.objects.order_by("-started_at")[:max(runs, 1)])
    read = Input.objects.exclude(status=Input.STATUS_STARTED)
    last = read.order_by("-processed_at").values_list("name", "processed_at").first()
    return Overview(
        syncs=syncs(),
        judilibre=judilibre(),
        eu=eu(),
        parlement=parlement(),
        feeds=feeds(),
        inputs=read.count(),
        partial_inputs=list(partial().order_by("-processed_at")
                            .values_list("name", flat=True)[:5]),
        started_inputs=list(begun().order_by("-processed_at").values_list("name", flat=True)[:5]),
        last_input=last,
        anomalies=anomalies["total"],
        recent_anomalies=anomalies["last_24h"],
        mail=mail_counts(),
        last_sent=Delivery.objects.aggregate(at=Max("sent_at"))["at"],
        runs=latest[:runs],
        latest=latest[0] if latest else None,
        owed=followups.waiting_lines(),
    )
