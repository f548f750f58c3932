"""Synchronisation with Judilibre: the export's pages, each ingested as it arrives, and a
watermark, the day of the last decision taken in.

A run asks for the decisions changed since the watermark (that day included: a day may have
been taken in part), or since ``--since``, or the last ``DEFAULT_DAYS`` days the first time,
up to today; it reads the pages in order until the API says there is no next one, at most
``VIGIE_JUDILIBRE_MAX_PAGES`` (said when reached: the next run goes on from there). Each page
is written to ``downloads/judilibre`` and stored by ``judilibre_store`` (a decision given
again is updated, never doubled), then the watermark moves to the page's last day: a run
stopped anywhere loses nothing, and the next one resumes from that day.

The API pages no deeper than ``RESULT_WINDOW`` decisions into one query: past it, the query
starts again from the last day reached. A page over ``VIGIE_INGEST_MAX_FILE_MB`` is asked
again as smaller pages holding the same decisions (the export pages by offset), down to one
decision, which is then left out as an anomaly: the run and the watermark go on past it. A
page that cannot be read is an anomaly; the run goes on with the next page, but the
watermark stays where it was, so that the next run asks for that page again. What happens
goes to ``notify`` (a ``SyncNotice`` or an ``InputReport``); nothing here prints.
"""

from __future__ import annotations

import time
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

import httpx
from django.conf import settings
from django.utils import timezone

from vigie.config import max_file_bytes
from vigie.documents.ingest import EXIT_UNREADABLE, InputReport, count, record_anomaly
from vigie.documents.judilibre_store import ingest_judilibre
from vigie.documents.models import Anomaly, Watermark
from vigie.documents.sync import Attempt, Notify, SyncNotice, SyncReport
from vigie.parsing.json_reading import load
from vigie.parsing.judilibre import page_opening
from vigie.reference.french import french_date
from vigie.sources.http import Sleep, SourceError, make_client
from vigie.sources.judilibre import (
    KEY_VARIABLE,
    ExportQuery,
    KeyRefused,
    PageTooBig,
    api_key,
    fetch_batch,
    smaller_size,
)
from vigie.sources.members import megabytes

DEFAULT_DAYS = 30  # the first run, without --since: the decisions changed in the last 30 days
RESULT_WINDOW = 10_000  # decisions the export gives at most for one query (batch × size)
PAUSE = 0.5  # seconds between two pages (politeness towards the gateway)
DATE_FIELDS = {"update": "update_date", "creation": "decision_date"}


def watermark_key(date_type: str) -> str:
    return "judilibre" if date_type == "update" else f"judilibre-{date_type}"


def _quiet(event: SyncNotice | InputReport) -> None:
    pass


@dataclass
class JudilibreRun:
    """One synchronisation: its query, how far it got, what it reports."""

    query: ExportQuery
    key: str
    client: httpx.Client
    max_pages: int
    notify: Notify = _quiet
    attempt: Attempt | None = None
    sleep: Sleep = time.sleep
    retries: int = 5
    window: int = RESULT_WINDOW
    report: SyncReport = field(default_factory=SyncReport)
    mark: str = ""  # the watermark: the day of the last decision taken in (AAAA-MM-JJ)
    reached: str = ""  # the day of the last decision read this run (a page kept or not)
    held: bool = False  # a page could not be read: the watermark stays for the next run
    pages: int = 0

    @property
    def date_field(self) -> str:
        return DATE_FIELDS[self.query.date_type]

    def fail(self, message: str) -> None:
        self.notify(SyncNotice(message, problem=True))
        self.report.status = EXIT_UNREADABLE

    def move_mark(self, day: str) -> None:
        """The watermark to ``day`` (never backwards), unless a page was left behind."""
        if self.held or not day or day <= self.mark:
            return
        self.mark = day
        Watermark.objects.update_or_create(source=watermark_key(self.query.date_type),
                                           defaults={"value": day})


def get_watermark(date_type: str = "update") -> str:
    mark = Watermark.objects.filter(source=watermark_key(date_type)).first()
    return mark.value if mark else ""


def first_day(mark: str, since: date | None, today: date) -> date:
    """Where a run starts: ``since``, else the watermark's day, else ``DEFAULT_DAYS`` ago."""
    if since:
        return since
    try:
        return date.fromisoformat(mark)
    except ValueError:
        return today - timedelta(DEFAULT_DAYS)


def sync_judilibre(*, since: date | None = None, notify: Notify | None = None,
                   attempt: Attempt | None = None, client: httpx.Client | None = None,
                   sleep: Sleep = time.sleep, retries: int = 5, today: date | None = None
                   ) -> SyncReport:
    """Fetch and store the decisions Judilibre changed since the watermark (or ``since``);
    ``attempt`` runs each page's ingestion (the pipeline's: again while the database is
    busy). Status 1 when the key is missing or refused, the server gave up, or a page could
    not be read."""
    tell = notify or _quiet
    key = api_key()
    if not key:
        tell(SyncNotice(f"Judilibre : aucune clé d'accès ({KEY_VARIABLE}) ; rien n'est "
                        "demandé.", problem=True))
        return SyncReport(status=EXIT_UNREADABLE)
    today = today or timezone.localdate()  # Judilibre's days are French days
    date_type = settings.VIGIE_JUDILIBRE_DATE_TYPE
    mark = get_watermark(date_type)
    query = ExportQuery(settings.VIGIE_JUDILIBRE_URL, first_day(mark, since, today), today,
                        settings.VIGIE_JUDILIBRE_JURISDICTIONS,
                        settings.VIGIE_JUDILIBRE_BATCH_SIZE, date_type)
    with make_client() if client is None else nullcontext(client) as http:
        run = JudilibreRun(query, key, http, settings.VIGIE_JUDILIBRE_MAX_PAGES, tell, attempt,
                           sleep, retries, window=RESULT_WINDOW, mark=mark)
        tell(SyncNotice(f"Judilibre : décisions {_changed(date_type)} depuis le "
                        f"{french_date(query.start)} (lots de {query.batch_size}, au plus "
                        f"{run.max_pages} par passage)."))
        read_pages(run)
    return run.report


def _changed(date_type: str) -> str:
    return "publiées ou modifiées" if date_type == "update" else "rendues"


def read_pages(run: JudilibreRun) -> None:
    """Page after page until the last, the cap, or a failure of the server."""
    batch, more = 0, True
    while more and run.pages < run.max_pages:
        if (batch + 1) * run.query.batch_size > run.window:
            if not restart(run):
                return
            batch = 0
        if run.pages:
            run.sleep(PAUSE)
        try:
            more = read_page(run, batch, run.query.batch_size)
        except SourceError as error:
            kept = " Les pages déjà reçues sont gardées." if run.report.inputs else ""
            again = "" if isinstance(error, KeyRefused) else (
                " Reprise à la prochaine synchronisation.")
            run.fail(f"{error}{kept}{again}")
            return
        run.pages += 1  # (a page asked again in smaller ones counts once: the cap never
        batch += 1      # stops a run inside it, which would stop every run at the same page)
    if more:
        resume = (f"au {french_date(date.fromisoformat(run.mark))}" if run.mark
                  else "au même point de départ")
        run.notify(SyncNotice(f"Judilibre : plafond de {run.max_pages} pages atteint "
                              "(VIGIE_JUDILIBRE_MAX_PAGES) ; la prochaine synchronisation "
                              f"reprendra {resume}."))
    elif run.pages == 1 and not run.report.inputs:
        run.notify(SyncNotice("Judilibre : aucune décision nouvelle."))


def read_page(run: JudilibreRun, batch: int, size: int) -> bool:
    """Fetch and store page ``batch`` of ``size`` decisions; whether another page follows.
    A page over ``VIGIE_INGEST_MAX_FILE_MB`` is asked again as smaller pages holding the
    same decisions; raises ``SourceError`` when the server fails."""
    try:
        data = fetch_batch(run.client, run.query.resized(size), batch, key=run.key,
                           retries=run.retries, sleep=run.sleep, max_bytes=max_file_bytes())
    except PageTooBig as error:
        return split_page(run, batch, size, error.head)
    return take_page(run, batch, size, data)


def split_page(run: JudilibreRun, batch: int, size: int, head: bytes) -> bool:
    """Page ``batch`` of ``size``, too big, asked again as the smaller pages that cover it
    (the export pages by offset), in order, each stored and moving the watermark as any
    page; down to one decision, then left out (``skip_decision``). Asked again whole, the
    page would be as big, at every run: the sync stopped there until the limit was raised."""
    smaller = smaller_size(size)
    if not smaller:
        return skip_decision(run, batch, head)
    parts = range(batch * (size // smaller), (batch + 1) * (size // smaller))
    run.notify(SyncNotice(
        f"Judilibre : le lot {batch} ({count(size, 'décision', 'décisions')}) dépasse "
        f"{megabytes(max_file_bytes())} (VIGIE_INGEST_MAX_FILE_MB) ; ses décisions sont "
        f"redemandées par lots de {smaller} (lots {parts[0]} "
        f"{'et' if len(parts) == 2 else 'à'} {parts[-1]})."))
    more = True
    for part in parts:
        if not more:
            break
        run.sleep(PAUSE)
        more = read_page(run, part, smaller)
    return more


def skip_decision(run: JudilibreRun, batch: int, head: bytes) -> bool:
    """A decision that alone exceeds the limit: an anomaly naming its rank in the query,
    its day and its id when the bytes read show them, and the run goes on past it (the
    watermark too); whether another decision follows (when the page's opening says).
    A decision already recorded so (by its id) is said again, not recorded nor failed: on
    the watermark's day, or with its day unseen, every later run meets it again."""
    seen = page_opening(head, run.date_field)
    limit = megabytes(max_file_bytes())
    if seen.first_id and left_out_before(seen.first_id):
        run.notify(SyncNotice(
            f"Judilibre : la décision {seen.first_id}, déjà signalée (vigie anomalies), est "
            f"toujours laissée de côté : elle dépasse à elle seule {limit} "
            "(VIGIE_INGEST_MAX_FILE_MB)."))
    else:
        day = seen.first_day or run.reached
        after = "du" if seen.first_day else "venue après une décision du"
        where = f", {after} {french_date(date.fromisoformat(day))}" if day else ""
        ident = f" (identifiant {seen.first_id})" if seen.first_id else ""
        line = record_anomaly(run.query.url, page_path(run.query, batch, 1).name, "", (
            f"décision n° {batch + 1} des décisions {_changed(run.query.date_type)} depuis le "
            f"{french_date(run.query.start)}{where}{ident}, laissée de côté : elle dépasse à "
            f"elle seule {limit} (VIGIE_INGEST_MAX_FILE_MB). Pour la lire, relevez la limite "
            f"puis vigie sync --source judilibre --since {day or run.query.start.isoformat()}."))
        run.fail(f"Judilibre : anomalie — {line}")
    if seen.first_day:
        run.reached = max(run.reached, seen.first_day)
        run.move_mark(seen.first_day)
    return seen.total is None or batch + 1 < seen.total


def left_out_before(ident: str) -> bool:
    """Whether a decision of this id was already recorded as left out (``skip_decision``'s
    anomaly names it: the page's name and the query's first day differ from run to run)."""
    return Anomaly.objects.filter(delivery__startswith="judilibre_",
                                  message__contains=f"(identifiant {ident})").exists()


def restart(run: JudilibreRun) -> bool:
    """A new query from the last day reached, the export paging no deeper; a day that alone
    fills the window is left for the next (said). False when nothing is left to ask."""
    start = date.fromisoformat(run.reached) if run.reached else run.query.start
    if start <= run.query.start:
        run.fail(f"Judilibre : plus de {run.window} décisions pour le "
                 f"{french_date(run.query.start)} ; l'export ne va pas au-delà, la suite de ce "
                 "jour est laissée de côté.")
        start = run.query.start + timedelta(1)
    if start > run.query.end:
        return False
    run.query = replace(run.query, start=start)
    return True


def take_page(run: JudilibreRun, batch: int, size: int, data: bytes) -> bool:
    """Store page ``batch`` of ``size`` and move the watermark; whether another follows."""
    results, more = page_contents(data)
    if results == []:
        return False
    path = page_path(run.query, batch, size)
    path.write_bytes(data)
    delivered = run.attempt(lambda: ingest_judilibre(path)) if run.attempt else \
        ingest_judilibre(path)
    run.report.inputs.append(delivered)
    run.notify(delivered)
    if results is None or delivered.failed:
        run.held = True  # the next run asks for this page again, from the watermark
        run.report.status = EXIT_UNREADABLE
        return more
    path.unlink(missing_ok=True)  # stored: the page's decisions are in the database
    last = last_day(results, run.date_field)
    run.reached = max(run.reached, last)
    run.move_mark(last)
    return more


def page_contents(data: bytes) -> tuple[list | None, bool]:
    """(the page's decisions, whether a next page follows); decisions None when the page
    cannot be read (then a next page is asked for: the export says nothing more)."""
    try:
        payload = load(data)
    except (ValueError, UnicodeDecodeError):
        return None, True
    if not isinstance(payload, dict) or not isinstance(payload.get("results"), list):
        return None, True
    return payload["results"], bool(payload.get("next_batch"))


def last_day(results: list, name: str) -> str:
    """The latest day (AAAA-MM-JJ) a page's decisions give in ``name`` ("" when none)."""
    days = []
    for record in results:
        value = str(record.get(name) or "")[:10] if isinstance(record, dict) else ""
        try:
            days.append(date.fromisoformat(value).isoformat())
        except ValueError:
            continue
    return max(days, default="")


def page_path(query: ExportQuery, batch: int, size: int) -> Path:
    """``judilibre_update_20261001-20261014_lot00003.json``: the query and the page;
    ``…_lot00007_taille50.json`` for a page asked again smaller (a page of another size
    holds other decisions under the same number)."""
    folder = settings.DATA_DIR / "downloads" / "judilibre"
    folder.mkdir(parents=True, exist_ok=True)
    resized = f"_taille{size}" if size != query.batch_size else ""
    return folder / (f"judilibre_{query.date_type}_{query.start:%Y%m%d}-{query.end:%Y%m%d}"
                     f"_lot{batch:05d}{resized}.json")
