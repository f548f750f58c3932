"""A send run: lock, recover, plan, then claim, compose and send until nothing is due.

The main thread claims rows by batches, composes each message and hands it to
VIGIE_SEND_CONCURRENCY worker threads, one SMTP connection each, paced by VIGIE_SEND_RATE;
a recorder thread commits their outcomes, many per statement (``recorder``). With a
concurrency of 1 the sending happens in the calling thread. Rows that fail for a while come
back after their backoff: the run waits for those due within VIGIE_SEND_MAX_WAIT seconds
and leaves later ones to the next run. A relay that refuses us
whatever the message (login, sender) stops the run, claimed rows going back untouched.
The exactly-once reasoning is in ``vigie.mailing.sending.ledger``.

Spread over workers (``vigie.tasks``): ``plan_shares`` plans under the run lock and cuts the
rows to send into shares of neighbouring readers as it plans them; each share is sent by
``send_share``, on any worker of any machine, without the run lock — the ledger's claim and
each claimer's lock keep every message once. The shares a worker's thread sends share one composer
(``share_composer``): editions are loaded once for all of them, not once per share.

``send_now`` is the web's path for a confirmation or a management link: the row is created
« en cours » after the answer (``subscribing.outbox``), sent at once, and left to the next
run if the relay fails. A run first applies the unsubscribes that waited while the database
was busy (``subscribing.leaving``), again before each claim, and handles the requests the
pages recorded, so that nothing leaves for a reader who asked to leave.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.db import connections
from django.utils import timezone

from vigie import config
from vigie.mailing.composing.composer import Composer, Nothing
from vigie.mailing.models import Delivery
from vigie.mailing.sending import ledger, planner, smtp
from vigie.mailing.sending.claims import Claims
from vigie.mailing.sending.lock import claimer, run_lock
from vigie.mailing.sending.recorder import Recorder
from vigie.mailing.sending.smtp import Courier, Outcome, Pace
from vigie.mailing.subscribing import leaving, outbox

logger = logging.getLogger("vigie.mailing")


class AlreadyRunning(RuntimeError):
    """Another ``vigie send`` holds the lock: this one has nothing to do (cron runs that
    overlap), which the journal records as such, not as a failure."""

    nothing_to_do = True


@dataclass
class Job:
    """A composed message and what recording its outcome needs."""

    row: ledger.Claimed
    to: str
    data: bytes


def job(composer: Composer, delivery: Delivery) -> Job:
    """The message of a claimed row; raises ``Nothing`` when none is due."""
    s = delivery.subscriber
    return Job(ledger.Claimed(delivery.pk, s.pk, delivery.attempts, s.bounces), s.email,
               composer.message(delivery))


@dataclass
class Report:
    """What a run did, for the command's summary."""

    day: date | None = None
    forced: bool = False  # a day given explicitly: sent to every active reader
    recovered: int = 0
    planned: Counter[str] = field(default_factory=Counter)
    outcomes: Counter[str] = field(default_factory=Counter)
    stopped: str = ""  # why the run stopped early (relay refusing us)
    elapsed: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    retrying: set[int] = field(default_factory=set, repr=False)  # rows left « à réessayer »

    def count(self, status: str, rows: Collection[int]) -> None:
        """``rows`` (deliveries) ended an attempt in ``status``. A row left to retry counts
        as such only until a later attempt of the same run sends it or gives it up: the
        summary says where each message ended, not every attempt."""
        with self.lock:
            if status == Delivery.PENDING:
                self.retrying.update(rows)
            else:
                self.retrying.difference_update(rows)
                self.outcomes[status] += len(rows)
            if self.retrying:
                self.outcomes[Delivery.PENDING] = len(self.retrying)
            else:
                del self.outcomes[Delivery.PENDING]  # (a Counter: no KeyError)

    @property
    def to_send(self) -> int:
        """Messages planned by this run (not the alerts a digest carries)."""
        return sum(n for kind, n in self.planned.items() if kind != planner.CARRIED_COUNT)

    @property
    def carried(self) -> int:
        """Alerts planned as carried by a digest still to leave (``planner``)."""
        return self.planned.get(planner.CARRIED_COUNT, 0)


class Dispatch:
    """Hands composed jobs to the couriers and records what happens to them."""

    def __init__(self, report: Report, keep_open: bool = False) -> None:
        self.report = report
        self.keep_open = keep_open  # sessions left open for the next share (``smtp.keep``)
        self.concurrency = settings.VIGIE_SEND_CONCURRENCY
        self.pace = Pace(settings.VIGIE_SEND_RATE)
        self.fatal = threading.Event()
        self.recorder = Recorder(report.count, threaded=self.concurrency > 1)
        self.jobs: queue.Queue[Job | None] = queue.Queue(maxsize=self.concurrency * 4)
        self.threads: list[threading.Thread] = []
        self.inline = Courier(settings.VIGIE_MAIL_FROM) if self.concurrency == 1 else None
        if self.inline is None:
            for n in range(self.concurrency):
                thread = threading.Thread(target=self._work, name=f"vigie-send-{n}", daemon=True)
                thread.start()
                self.threads.append(thread)

    def deliver(self, courier: Courier, job: Job) -> None:
        if self.fatal.is_set():
            ledger.release(job.row.delivery_id)
            return
        self.pace.wait()
        outcome = courier.send(job.to, job.data)
        self.recorder.add(job.row, outcome)
        if outcome.fatal and not self.fatal.is_set():
            self.report.stopped = ("le serveur SMTP est injoignable ou refuse l'envoi "
                                   f"({outcome.error})")
            self.fatal.set()

    def _work(self) -> None:
        # No database: the recorder writes.
        courier = smtp.take() if self.keep_open else Courier(settings.VIGIE_MAIL_FROM)
        try:
            while (job := self.jobs.get()) is not None:
                try:
                    self.deliver(courier, job)
                except Exception:  # never lose the thread: the row stays « en cours »
                    logger.exception("envoi %s : erreur inattendue", job.row.delivery_id)
                finally:
                    self.jobs.task_done()
            self.jobs.task_done()
        finally:
            if self.keep_open and not self.fatal.is_set():
                smtp.keep(courier)
            else:
                courier.close()
            connections.close_all()  # this thread's database connection

    def put(self, job: Job) -> None:
        if self.inline is not None:
            self.deliver(self.inline, job)
        else:
            self.jobs.put(job)

    def drain(self) -> None:
        """Wait until every job handed over has been recorded."""
        if self.inline is None:
            self.jobs.join()
        self.recorder.flush()

    def close(self) -> None:
        for _ in self.threads:
            self.jobs.put(None)
        for thread in self.threads:
            thread.join()
        if self.inline is not None:
            self.inline.close()
        self.recorder.close()


def _compose_and_put(composer: Composer, dispatch: Dispatch, delivery: Delivery,
                     report: Report) -> None:
    try:
        composed = job(composer, delivery)
    except Nothing as nothing:
        ledger.settle(delivery.pk, nothing.status, str(nothing))
        report.count(nothing.status, [delivery.pk])
        return
    dispatch.put(composed)


_COMPOSERS = threading.local()  # per thread: a worker's shares share editions and drafts


def share_composer() -> Composer:
    """The composer of this thread's shares, revalidated (``Composer.revalidate``); a new
    one if what its messages depend on changed (database, site address, sender)."""
    key = (connections["default"].settings_dict["NAME"], settings.VIGIE_SITE_URL,
           settings.VIGIE_MAIL_FROM, settings.VIGIE_EMPTY_DIGEST)
    if getattr(_COMPOSERS, "key", None) != key:
        _COMPOSERS.key, _COMPOSERS.composer = key, Composer()
    else:
        _COMPOSERS.composer.revalidate()
    return _COMPOSERS.composer


def dispatch_due(run_id: str, report: Report, scope: ledger.Scope | None = None,
                 wait: bool = True, composer: Composer | None = None,
                 keep_open: bool = False) -> None:
    """Send every due row (of ``scope``'s subscribers), waiting for retries that fall due
    within VIGIE_SEND_MAX_WAIT — or, ``wait`` False, leaving them to a later call.
    ``keep_open``: leave the SMTP sessions open for this process's next call."""
    ledger.relaxed_commits()
    composer, dispatch = composer or Composer(), Dispatch(report, keep_open)
    claims = Claims(run_id, scope)
    give_up_at = time.monotonic() + (settings.VIGIE_SEND_MAX_WAIT if wait else 0)
    try:
        while not dispatch.fatal.is_set():
            batch = claims.take()
            for delivery in batch:
                if dispatch.fatal.is_set():
                    ledger.release(delivery.pk)
                else:
                    _compose_and_put(composer, dispatch, delivery, report)
            if batch:
                continue
            dispatch.drain()  # in-flight messages may come back as retries
            due = ledger.next_due(scope)
            if due is None or dispatch.fatal.is_set():  # (the relay refuses us: not wait
                break  # for a retry it would refuse too, VIGIE_SEND_RETRY_DELAY in silence)
            pause = (due - timezone.now()).total_seconds()
            if pause > 0 and time.monotonic() + pause > give_up_at:
                break
            time.sleep(max(pause, 0.01))
    finally:
        try:
            claims.close()
        finally:
            dispatch.drain()
            dispatch.close()


def require_key() -> None:
    """No e-mail signed with the published, an empty or a short key (``ConfigError``)."""
    config.require_secret_key(settings.SECRET_KEY, "d'envoyer des courriels",
                              settings.SECRET_KEY_FALLBACKS)


def _plan(day: date | None, report: Report, planned: Callable[[], None] = lambda: None
          ) -> None:
    leaving.apply_queue()  # unsubscribes that waited for a busy database: before planning
    outbox.handle_all(web=False)  # sign-ups and link requests the pages left
    report.recovered = ledger.recover()
    planned()  # rows recovered or left by an earlier run can go at once
    report.day, report.forced = day or planner.latest_day(), day is not None
    if report.day is not None:
        report.planned = planner.plan(report.day, forced=day is not None, planned=planned)


def run(day: date | None = None) -> Report:
    """Plan and send what is due for ``day`` (default: the latest edition day).

    An explicit ``day`` is sent to every active reader, even those who subscribed later.
    Refuses (``ConfigError``) with the published or an empty secret key.
    """
    require_key()
    started = time.monotonic()
    report = Report()
    with run_lock() as held:
        if not held:
            raise AlreadyRunning("un envoi est déjà en cours")
        _plan(day, report)
        run_id = uuid.uuid4().hex
        with claimer(run_id):
            dispatch_due(run_id, report)
    report.elapsed = time.monotonic() - started
    return report


def plan_shares(day: date | None, chunk: int,
                hand_out: Callable[[ledger.Scope], None] = lambda scope: None
                ) -> tuple[Report, list[ledger.Scope]]:
    """Plan what is due for ``day`` like ``run``, cutting the rows to send into shares of
    ``chunk`` messages (neighbouring readers) as they are planned: ``hand_out`` gets each
    share at once, for sending tasks spread over workers, which may start on the first
    readers while the others are planned."""
    require_key()
    report = Report()
    shares: list[ledger.Scope] = []

    def out(scope: ledger.Scope) -> None:
        shares.append(scope)
        hand_out(scope)
    ranges = ledger.Ranges(chunk, out)
    with run_lock() as held:
        if not held:
            raise AlreadyRunning("un envoi est déjà en cours")
        _plan(day, report, ranges.cut)
        ranges.cut(last=True)
    return report, shares


def send_share(scope: ledger.Scope) -> tuple[Report, datetime | None]:
    """Send what is due now for one share of rows (a task, on any worker); returns
    the report and when the share's next retry falls due (None: nothing left).

    Runs beside other shares and runs: the claim gives each row to one claimer, and this
    claimer's lock tells the others it is alive (``ledger.recover``).
    """
    require_key()
    started = time.monotonic()
    report = Report()
    report.recovered = ledger.recover()
    claim_id = uuid.uuid4().hex
    with claimer(claim_id):
        dispatch_due(claim_id, report, scope, wait=False, composer=share_composer(),
                     keep_open=True)
    report.elapsed = time.monotonic() - started
    return report, ledger.next_due(scope)


def send_now(delivery: Delivery) -> None:
    """Send at once a confirmation or a management link the web just claimed (``outbox``).

    Failures are recorded as for any delivery; the next run retries temporary ones.
    """
    try:
        composed = job(Composer(), delivery)
    except Nothing as nothing:
        ledger.settle(delivery.pk, nothing.status, str(nothing))
        return
    courier = Courier(settings.VIGIE_MAIL_FROM)
    try:
        outcome = courier.send(composed.to, composed.data)
    except Exception:  # whatever happens to the relay, the row is recorded
        logger.exception("envoi %s : erreur inattendue", delivery.pk)
        outcome = Outcome("temporary", 0, "erreur inattendue")
    finally:
        courier.close()
    ledger.record(composed.row, outcome)
