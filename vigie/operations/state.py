"""What the health endpoint and ``vigie status`` read: the state of the morning's work.

Plain reads, a handful of small queries (the health endpoint is polled by load balancers):
the last successful sync of each DILA flow (the CIRCULAIRES fund's once used) and its
watermark, Judilibre's likewise (the day of the last decision taken in; shown once Judilibre
is used: a key, a run or a watermark), the EU acts' (Cellar: the last day of the Official
Journal whose acts are all stored; shown once read: a run or a watermark), the ingested
deliveries, the anomalies, the e-mail deliveries by state, and the latest runs of the
journal. (DECP has no sync, hence no watermark: its files are deliveries ingested.)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection
from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet
from django.utils import timezone

from vigie.documents import eu_sync, followups, judilibre_sync
from vigie.documents.interrupted import begun
from vigie.documents.models import Anomaly, Watermark
from vigie.documents.models import Delivery as Input
from vigie.documents.sync import CIRCULAIRES, watermark_key
from vigie.mailing.models import Delivery
from vigie.operations.models import Run
from vigie.sources.dila import FLOWS
from vigie.sources.judilibre import api_key


@dataclass(frozen=True)
class SyncState:
    flow: str
    last_success: datetime | None  # last sync that finished well (journal)
    last_failure: datetime | None  # last one that failed, if later than the last success
    watermark: str  # last delivery processed
    watermark_at: datetime | None


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
    used = state.last_success or state.last_failure or state.watermark
    return state if used else None


def _sync_state(name: str, source: str, key: str) -> SyncState:
    """A source's syncs in the journal (``source``) and its watermark (``key``)."""
    runs = Run.objects.filter(kind=Run.SYNC, source=source)
    success = runs.filter(status=Run.OK).aggregate(at=Max("finished_at"))["at"]
    failure = runs.filter(status=Run.FAILED).aggregate(at=Max("started_at"))["at"]
    mark = Watermark.objects.filter(source=key).first()
    return SyncState(name, success, failure if failure and (not success or failure > success)
                     else None, mark.value if mark else "", mark.updated_at if mark else None)


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
