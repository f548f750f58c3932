"""What is due on an edition day: one delivery row per (subscriber, edition or alert).

- daily digest: key = the edition day, for daily readers (not yet for the readers of a
  département the newsroom holds until its edition is reviewed: ``newsroom.reviews.held``);
- weekly digest: key = a Monday (``editions.calendar.weekly_view``); it covers the editions
  from the Tuesday before to that Monday, the weekend's included, and is planned by the first
  run once that Monday has come, even when the JO has no Monday issue;
- alert: key = the JORFTEXT of an urgent item of the reader's département edition (of the
  day sent, and of the week before: ``earlier_days``). When the
  reader's daily digest of that day is still to leave, it carries every urgent item of the
  edition (it is composed when it leaves): the alert's row is recorded « sans objet »
  (``Delivery.CARRIED``), never sent nor planned again — a reader got four alerts and the
  digest that held them, all at once, on an ordinary morning. An item that becomes urgent
  once the digest has left (or while it is leaving), a weekly reader, a reader of alerts
  only, a digest held by the newsroom: an alert, at once.

A reader gets what was published on or after the day they confirmed (a new reader does not
receive last week's digest), unless the run is told a day explicitly (``forced``). Rows are
created by chunks of subscribers (memory does not grow with their number) and the unique
key makes planning idempotent: planning again, or after a crash, adds nothing.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from vigie.editions.calendar import weekly_view
from vigie.editions.models import Edition
from vigie.editions.reading import urgent_by_place
from vigie.mailing.composing.mime import sender_domain
from vigie.mailing.models import Delivery, Subscriber
from vigie.newsroom.reviews import held
from vigie.reference.places import NATIONAL

CHUNK = 1000
# Days back from the day sent whose editions' urgent items are alerted if still owed
# (``earlier_days``): an urgent item read later than that is stale news for an alert.
ALERT_LOOKBACK_DAYS = 7
# The key of ``plan``'s counts for the alerts carried by a digest: no message of their own.
CARRIED_COUNT = "carried"


def new_message_id() -> str:
    """A Message-ID that reveals nothing (no address, no database id)."""
    return f"<{uuid.uuid4().hex}@{sender_domain(settings.VIGIE_MAIL_FROM)}>"


def latest_day() -> date | None:
    return Edition.objects.exclude(departement=NATIONAL).order_by("-date").values_list(
        "date", flat=True).first()


def _readers(kind_filter: dict, day: date, forced: bool) -> QuerySet[Subscriber]:
    readers = Subscriber.objects.filter(status=Subscriber.ACTIVE, suspended_at=None,
                                        **kind_filter)
    if not forced:
        end = timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))
        readers = readers.filter(confirmed_at__lt=end)
    return readers


def _not_planned(readers: QuerySet[Subscriber], kind: str, key: str) -> QuerySet[Subscriber]:
    done = Delivery.objects.filter(subscriber=OuterRef("pk"), kind=kind, key=key)
    return readers.filter(~Exists(done))


def _chunks(readers: QuerySet[Subscriber]) -> Iterator[list[tuple[int, str]]]:
    # By département: rows are then claimed and composed département by département.
    rows = (readers.order_by("departement", "pk").values_list("pk", "departement")
            .iterator(chunk_size=CHUNK))
    chunk: list[tuple[int, str]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


_COLUMNS = ("subscriber_id", "kind", "key", "edition_id", "priority", "status", "message_id",
            "attempts", "next_attempt_at", "claimed_by", "last_error", "created_at")


ROWS_PER_INSERT = 500  # 12 columns: 6 000 parameters, well under SQLite's 32 766


def _create(rows: list[tuple[int, str, str, int | None]], now: datetime,
            status: str = Delivery.PENDING) -> int:
    """Insert (subscriber, kind, key, edition) rows, skipping those that exist already;
    ``status`` SKIPPED: recorded as carried by the digest (``Delivery.CARRIED``), not to send.

    Plain SQL, several rows per statement: the ORM's bulk_create costs a third of a
    millisecond a row, one statement per row (``executemany``) still a round trip each —
    for ten thousand readers, seconds before the first message leaves. ``ON CONFLICT DO
    NOTHING`` is understood by SQLite and PostgreSQL.
    """
    if not rows:
        return 0
    at = connection.ops.adapt_datetimefield_value(now)
    why = Delivery.CARRIED if status == Delivery.SKIPPED else ""
    if connection.vendor == "postgresql":
        _create_from_arrays(rows, at, status, why)
        return len(rows)
    values = [(sid, kind, key, edition, Delivery.PRIORITY[kind], status,
               new_message_id(), 0, at, "", why, at) for sid, kind, key, edition in rows]
    one = f"({', '.join(['%s'] * len(_COLUMNS))})"
    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(0, len(values), ROWS_PER_INSERT):
            part = values[start:start + ROWS_PER_INSERT]
            cursor.execute(f"INSERT INTO {Delivery._meta.db_table} ({', '.join(_COLUMNS)}) "
                           f"VALUES {', '.join([one] * len(part))} ON CONFLICT DO NOTHING",
                           [v for row in part for v in row])
    return len(rows)


def _create_from_arrays(rows: list[tuple[int, str, str, int | None]], at: object,
                        status: str, why: str) -> None:
    """PostgreSQL: the rows as one array per column, one short statement — a statement of
    thousands of placeholders cost more to build and parse on our side than to run."""
    columns = list(zip(*rows, strict=True))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {Delivery._meta.db_table} ({', '.join(_COLUMNS)}) "
            "SELECT s, k, key, e, p, %s, m, 0, %s, '', %s, %s FROM unnest("
            "%s::bigint[], %s::text[], %s::text[], %s::bigint[], %s::smallint[], %s::text[]) "
            "WITH ORDINALITY AS u(s, k, key, e, p, m, n) ORDER BY n ON CONFLICT DO NOTHING",
            [status, at, why, at, list(columns[0]), list(columns[1]), list(columns[2]),
             list(columns[3]), [Delivery.PRIORITY[k] for k in columns[1]],
             [new_message_id() for _ in rows]])


def plan_digests(kind: str, day: date, forced: bool, now: datetime,
                 planned: Callable[[], None] = lambda: None) -> int:
    """Rows for the daily digest of ``day``, or the weekly one of its week."""
    frequency = Subscriber.DAILY if kind == Delivery.DAILY else Subscriber.WEEKLY
    edition_day = day if kind == Delivery.DAILY else weekly_view(
        day, timezone.localdate(), forced=forced)
    editions = dict(Edition.objects.filter(date=edition_day).values_list("departement", "id"))
    if kind == Delivery.DAILY and not editions:
        return 0
    key = edition_day.isoformat()
    readers = _not_planned(_readers({"frequency": frequency}, edition_day, forced), kind, key)
    if kind == Delivery.DAILY:
        # A newsroom may hold a département's digests until its edition is reviewed, up to
        # a deadline hour: those readers are planned by a later run (vigie send).
        readers = readers.exclude(departement__in=held(edition_day, now))
    created = 0
    for chunk in _chunks(readers):
        created += _create([(pk, kind, key, editions.get(dep)) for pk, dep in chunk
                            if kind == Delivery.WEEKLY or dep in editions], now)
        planned()
    return created


def why_idle(day: date | None, forced: bool) -> str:
    """Why a run planned nothing, in French, for the person who ran it."""
    if day is None:
        return "aucune édition construite (vigie sync, ou vigie editions)"
    if not Subscriber.objects.filter(status=Subscriber.ACTIVE, suspended_at=None).exists():
        return "aucun abonné confirmé"
    if not forced and not _readers({}, day, forced).exists():
        return "aucun abonné confirmé avant cette édition ; --date pour forcer"
    return "ce qui était dû pour cette édition a déjà été préparé"


def plan_alerts(day: date, forced: bool, now: datetime,
                planned: Callable[[], None] = lambda: None) -> tuple[int, int]:
    """Rows for each urgent item of each département edition of ``day``: (alerts to send,
    alerts carried by a digest still to leave)."""
    urgent = urgent_by_place(day)
    if not urgent:
        return 0, 0
    keys = {uid for items in urgent.values() for _, uid in items}
    readers = _readers({"alerts": True, "departement__in": list(urgent)}, day, forced)
    created = carried = 0
    for chunk in _chunks(readers):
        ids = [pk for pk, _ in chunk]
        done = set(Delivery.objects.filter(kind=Delivery.ALERT, key__in=keys,
                                           subscriber_id__in=ids)
                   .values_list("subscriber_id", "key"))
        waiting = set(Delivery.objects.filter(kind=Delivery.DAILY, key=day.isoformat(),
                                              status=Delivery.PENDING, subscriber_id__in=ids)
                      .values_list("subscriber_id", flat=True))
        rows = [(pk, Delivery.ALERT, uid, edition_id) for pk, dep in chunk
                for edition_id, uid in urgent[dep] if (pk, uid) not in done]
        created += _create([row for row in rows if row[0] not in waiting], now)
        carried += _create([row for row in rows if row[0] in waiting], now, Delivery.SKIPPED)
        planned()
    return created, carried


def purge_unconfirmed(now: datetime) -> int:
    """Erase requests never confirmed once their link has expired (nothing kept without
    consent)."""
    limit = now - timedelta(days=settings.VIGIE_CONFIRM_MAX_AGE_DAYS + 1)
    deleted, _ = Subscriber.objects.filter(status=Subscriber.PENDING,
                                           updated_at__lt=limit).delete()
    return deleted


def plan(day: date, forced: bool = False, planned: Callable[[], None] = lambda: None
         ) -> Counter[str]:
    """Create every row due for the editions of ``day``; counts by kind. ``planned`` is
    called once the day's digests and alerts are written, then after each chunk of the
    earlier days' alerts (``ledger.Ranges`` hands out shares)."""
    now = timezone.now()
    counts: Counter[str] = Counter()
    counts["daily"] = plan_digests(Delivery.DAILY, day, forced, now)
    counts["weekly"] = plan_digests(Delivery.WEEKLY, day, forced, now)
    # After the digests: those still to leave carry the urgent items (module docstring).
    # Nothing is handed out before: a digest a worker had already taken would not count as
    # still to leave, and its reader would get each urgent item twice, digest and alert.
    counts["alert"], counts[CARRIED_COUNT] = plan_alerts(day, forced, now)
    planned()
    for earlier in () if forced else earlier_days(day):
        alerts, carried = plan_alerts(earlier, forced, now, planned)
        counts["alert"] += alerts
        counts[CARRIED_COUNT] += carried
    purge_unconfirmed(now)
    return counts


def earlier_days(day: date) -> list[date]:
    """The edition days of the ``ALERT_LOOKBACK_DAYS`` before ``day``, whose urgent items
    still owe their alerts. An aid or a notice dated before the latest edition (read a few
    days after it was published) turned an earlier edition's item urgent: only the latest
    day's were looked at, so nobody was ever told. Planning is idempotent: an alert sent,
    or carried by that day's digest, is never planned again."""
    return sorted(set(Edition.objects.filter(
        date__gte=day - timedelta(days=ALERT_LOOKBACK_DAYS), date__lt=day)
        .exclude(departement=NATIONAL).values_list("date", flat=True)))
