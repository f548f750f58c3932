"""Synchronisation with Cellar, the Publications Office's repository: the acts of EU law the
Official Journal published since the watermark, each stored as ``vigie ingest`` stores a
notice (``eu_store``), and a watermark, the day of the last publication taken in whole.

A run asks Cellar's SPARQL endpoint for the acts of law (CELEX sector 3) published from
``LOOKBACK`` days before the watermark's day (Cellar may list an act some time after its
day), or from ``--since``, or the last ``DEFAULT_DAYS`` days the first time, up to today.
An act already stored whole (its publication and its French title known) is not asked again;
for each new one, at most ``VIGIE_CELLAR_MAX_ACTS`` a run (the acts already stored do not
count: the listing asks for as many more), the object notice of its work (dates,
classification), then that of its French expression (its title), are fetched, written to
``downloads/eu`` and stored by ``eu_store.ingest_eu``: the same parsing and the same store as
a notice given to ``vigie ingest``; an act read again is updated, never doubled. An act stored
without its French expression waits for it (``eu_stored``): each run asks for that notice
only, its day listed again or not, for ``VIGIE_CELLAR_FRENCH_DAYS`` days after its
publication; then it is given up, an anomaly said once.

The watermark moves to a day once each of its acts is stored; a listing cut by the cap may
have left acts of its last day out (or, past the cap, acts of the day of the first left out),
so that day waits for the next run (and a listing cut with nothing to fetch is said). A
notice that cannot be read, or that Cellar lists but does not give, is an anomaly: the other
acts go in, the status is 1, and the watermark stays before that day, so that the next run
asks for that act again. An act without a French expression keeps its French name by kind and
number (said). The server
that cannot be reached, or keeps failing, stops the run (status 1) and leaves the watermark
where the acts already stored put it. What happens goes to ``notify`` (a ``SyncNotice`` or an
``InputReport``); nothing here prints.
"""

from __future__ import annotations

import time
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import groupby
from pathlib import Path

import httpx
from django.conf import settings
from django.utils import timezone

from vigie.config import max_file_bytes
from vigie.documents.eu_store import ingest_eu
from vigie.documents.eu_stored import (
    Waiting,
    given_up,
    notice_name,
    oldest_asked,
    stored_in_span,
    stored_states,
    waiting_french,
)
from vigie.documents.ingest import EXIT_UNREADABLE, InputReport, count, record_anomaly
from vigie.documents.models import Watermark
from vigie.documents.sync import Attempt, Notify, SyncNotice, SyncReport
from vigie.parsing.cellar_listing import Listed, Listing, read_listing
from vigie.parsing.model import ParseError
from vigie.reference.french import french_date
from vigie.sources.cellar import (
    FRENCH,
    AnswerTooBig,
    NoticeMissing,
    cellar_client,
    fetch_notice,
    list_acts,
    notice_url,
)
from vigie.sources.http import Sleep, SourceError

WATERMARK = "eu-cellar"
DEFAULT_DAYS = 7  # the first run, without --since: the acts of the last seven days
LOOKBACK = 3  # days listed again before the watermark's: an act Cellar listed late
PAUSE = 0.2  # seconds between two acts (politeness towards Cellar)
LABEL = "Union européenne"
PROBLEMS_SAID = 10  # a listing's lines left out, each an anomaly; beyond, one line counts them


def _quiet(event: SyncNotice | InputReport) -> None:
    pass


@dataclass
class EuRun:
    """One synchronisation: where it reads, how far it got, what it reports."""

    client: httpx.Client
    notify: Notify = _quiet
    attempt: Attempt | None = None
    sleep: Sleep = time.sleep
    retries: int = 2
    report: SyncReport = field(default_factory=SyncReport)
    mark: str = ""  # the watermark: the last day whose acts are all stored (AAAA-MM-JJ)
    held: bool = False  # an act could not be taken: the watermark stays for the next run
    stopped: bool = False  # the server gave up: the run ends
    taken: int = 0
    cut: date | None = None  # the first day not read whole: the cap cut the listing there
    capped: bool = False  # the listing held more than the cap: said once, where it is cut
    # French versions that may still be asked for this run (the cap, less the new acts), and
    # those left to the next run once none may (``may_ask_french``).
    french_left: int = 0
    french_put_off: int = 0

    def may_ask_french(self) -> bool:
        """Whether the French version of an act waiting for it may be asked for now: the cap
        bounds these requests too (were Cellar to stop giving French versions, each run
        would otherwise ask again for every act of the last ``VIGIE_CELLAR_FRENCH_DAYS``)."""
        if self.french_left > 0:
            self.french_left -= 1
            return True
        self.french_put_off += 1
        return False

    def fail(self, message: str) -> None:
        self.notify(SyncNotice(message, problem=True))
        self.report.status = EXIT_UNREADABLE

    def anomaly(self, url: str, delivery: str, message: str, *, hold: bool = True) -> None:
        """A French line recorded as an anomaly (``vigie anomalies``) and told."""
        self.held = self.held or hold
        self.fail(f"{LABEL} : anomalie — {record_anomaly(url, delivery, '', message)}")

    def move_mark(self, day: date) -> None:
        """The watermark to ``day`` (never backwards), unless an act was left behind."""
        if self.held or day.isoformat() <= self.mark:
            return
        self.mark = day.isoformat()
        Watermark.objects.update_or_create(source=WATERMARK, defaults={"value": self.mark})


def get_watermark() -> str:
    mark = Watermark.objects.filter(source=WATERMARK).first()
    return mark.value if mark else ""


def first_day(mark: str, since: date | None, today: date) -> date:
    """Where a run starts: ``since``, else ``LOOKBACK`` days before the watermark's day,
    else ``DEFAULT_DAYS`` ago."""
    if since:
        return since
    try:
        return date.fromisoformat(mark) - timedelta(LOOKBACK)
    except ValueError:
        return today - timedelta(DEFAULT_DAYS)


def sync_eu(*, since: date | None = None, notify: Notify | None = None,
            attempt: Attempt | None = None, client: httpx.Client | None = None,
            sleep: Sleep = time.sleep, retries: int = 2, today: date | None = None
            ) -> SyncReport:
    """Fetch and store the acts the Official Journal published since the watermark (or
    ``since``); ``attempt`` runs each ingestion (the pipeline's: again while the database is
    busy). Status 1 when Cellar could not be read or an act could not be taken."""
    tell = notify or _quiet
    today = today or timezone.localdate()
    mark = get_watermark()
    if mark > today.isoformat():  # set by a listing before its days were checked
        tell(SyncNotice(f"{LABEL} : repère {mark} postérieur à aujourd'hui, ignoré."))
        mark = ""
    start = first_day(mark, since, today)
    with cellar_client() if client is None else nullcontext(client) as http:
        run = EuRun(http, tell, attempt, sleep, retries, mark=mark)
        tell(SyncNotice(_plan(start, first=not mark and not since)))
        waiting = waiting_french(today)  # before this run stores anything
        give_up(run, waiting)
        listing = _listing(run, start, today)
        if listing is not None:
            read_days(run, listing, waiting, today)
    return run.report


def _plan(start: date, *, first: bool) -> str:
    if first:
        return (f"{LABEL} : premier passage, actes publiés au Journal officiel de l'UE depuis "
                f"le {french_date(start)} (les {DEFAULT_DAYS} derniers jours ; vigie sync "
                "--source eu --since AAAA-MM-JJ pour remonter plus loin).")
    return f"{LABEL} : actes publiés au Journal officiel de l'UE depuis le {french_date(start)}."


def _listing(run: EuRun, start: date, end: date) -> Listing | None:
    """The acts Cellar lists from ``start`` to ``end``, or None (told) when it cannot. The
    cap counts the acts to fetch: the listing may hold as many more, those already stored."""
    url = settings.VIGIE_CELLAR_SPARQL_URL
    limit = settings.VIGIE_CELLAR_MAX_ACTS + stored_in_span(start, end)
    try:
        listing = read_listing(list_acts(run.client, url, start, end, limit=limit,
                                         retries=run.retries, sleep=run.sleep))
    except SourceError as error:
        run.fail(f"{error} Les actes déjà stockés sont intacts ; reprise à la prochaine "
                 "synchronisation.")
        return None
    except ParseError as error:
        run.fail(f"Cellar : {error} ; reprise à la prochaine synchronisation.")
        return None
    name = f"cellar_liste_{start:%Y%m%d}-{end:%Y%m%d}"
    problems = listing.problems + asked_span(listing, start, end)
    for problem in problems[:PROBLEMS_SAID]:
        run.anomaly(url, name, problem, hold=False)
    if len(problems) > PROBLEMS_SAID:
        run.anomaly(url, name, f"et {len(problems) - PROBLEMS_SAID} autre(s) ligne(s) de la "
                    "liste laissée(s) de côté", hold=False)
    if listing.rows >= limit:
        cap_reached(run, listing, limit)
    return listing


def cap_reached(run: EuRun, listing: Listing, limit: int) -> None:
    """A listing cut at ``limit`` rows (the query's LIMIT): its last day may hold more acts
    than were listed, so it is not taken as read whole (``read_days``) and the next run lists
    it again (said by ``to_fetch``). An answer past the LIMIT asked is cut to it here, and
    then where is known: the day of the first act left out."""
    beyond, listing.acts = listing.acts[limit:], listing.acts[:limit]
    run.capped = True
    if listing.acts:
        run.cut = beyond[0].day if beyond else listing.acts[-1].day


def to_fetch(run: EuRun, listing: Listing, known: dict[str, bool]) -> set[str]:
    """The listed acts to fetch (not stored with their publication), the first
    ``VIGIE_CELLAR_MAX_ACTS`` of them: the day of the first one left out is not read whole.
    Where the listing is cut, said."""
    cap = settings.VIGIE_CELLAR_MAX_ACTS
    new = [act for act in listing.acts if act.celex not in known]
    if len(new) > cap:
        run.capped = True
        run.cut = min(run.cut or new[cap].day, new[cap].day)
    if run.capped:
        rest = f"les actes à partir du {french_date(run.cut)}" if run.cut else "la suite"
        run.notify(SyncNotice(f"{LABEL} : plafond de {cap} actes atteint (VIGIE_CELLAR_MAX_"
                              f"ACTS) ; {rest} seront lus à la prochaine synchronisation."))
    return {act.celex for act in new[:cap]}


def asked_span(listing: Listing, start: date, end: date) -> list[str]:
    """Keep the acts of the span asked; the French lines of the acts left out. A day after
    ``end`` would take the watermark past today, and every later run would ask for nothing."""
    outside = [act for act in listing.acts if not start <= act.day <= end]
    listing.acts = [act for act in listing.acts if start <= act.day <= end]
    return [f"acte {act.celex} : jour de publication {act.day.isoformat()} hors de la période "
            f"demandée ({start.isoformat()} – {end.isoformat()}), acte laissé de côté"
            for act in outside]


def read_days(run: EuRun, listing: Listing, waiting: Waiting, today: date) -> None:
    """The French version of the acts waiting for it, oldest first, then the listed acts day
    after day: the new ones (at most the cap), the French version of those stored without it
    otherwise (those French versions within what the new acts leave of the cap); the
    watermark moves past each day taken whole."""
    known, before = stored_states(act.celex for act in listing.acts), run.mark
    fresh, oldest = to_fetch(run, listing, known), oldest_asked(today)
    run.french_left = settings.VIGIE_CELLAR_MAX_ACTS - len(fresh)
    for act in waiting.asked:  # oldest first: the nearest to being given up
        if run.may_ask_french():
            take_act(run, act, (FRENCH,))
            if run.stopped:
                return
    asked = {act.celex for act in waiting.asked}
    for day, acts in groupby(listing.acts, key=lambda act: act.day):
        for act in acts:
            if act.celex in fresh:
                take_act(run, act, ("", FRENCH))
            elif (known.get(act.celex) is False and act.day >= oldest
                  and act.celex not in asked and run.may_ask_french()):
                take_act(run, act, (FRENCH,))  # (stored otherwise than by a sync)
            if run.stopped:
                return
        if run.cut is None or day < run.cut:  # a day cut short is listed again next run
            run.move_mark(day)
    if run.cut and not run.held and run.mark == before and not fresh:
        stuck(run, before)
    summary(run, listing, sum(known.values()), today)


def summary(run: EuRun, listing: Listing, complete: int, today: date) -> None:
    """The run's last line: the acts listed, those already stored whole, the notices read,
    and the acts that still wait for their French version."""
    left = len(waiting_french(today).asked)
    run.notify(SyncNotice(
        f"{LABEL} : {count(len(listing.acts), 'acte listé', 'actes listés')} par Cellar, "
        f"{complete} déjà lu(s), {count(run.taken, 'notice lue', 'notices lues')}"
        + (f" ; {count(left, 'acte attend sa', 'actes attendent leur')} version française "
           f"(redemandée jusqu'à {settings.VIGIE_CELLAR_FRENCH_DAYS} jours après la "
           "publication" + (f", {run.french_put_off} au prochain passage : plafond "
                            "VIGIE_CELLAR_MAX_ACTS atteint" if run.french_put_off else "")
           + ")" if left else "") + "."))


def give_up(run: EuRun, waiting: Waiting) -> None:
    """The acts still without their French version ``VIGIE_CELLAR_FRENCH_DAYS`` days after
    their publication: each an anomaly, said once; not asked again."""
    for act, name in waiting.overdue:
        run.anomaly(notice_url(settings.VIGIE_CELLAR_URL, act.celex, FRENCH),
                    notice_name(act.celex, FRENCH), given_up(act, name), hold=False)


def stuck(run: EuRun, mark: str) -> None:
    """A listing cut by the cap with no act to fetch and before the watermark could move: the
    next run would list the same acts again, and no run go further. (The acts of the span
    already stored do not count; acts stored on another day than the one listed do.)"""
    where = f"reste au {french_date(date.fromisoformat(mark))}" if mark else "n'est pas posé"
    run.fail(f"{LABEL} : plafond de {settings.VIGIE_CELLAR_MAX_ACTS} actes "
             "(VIGIE_CELLAR_MAX_ACTS) trop bas pour avancer : la liste s'arrête au "
             f"{french_date(run.cut)}, jour non lu en entier, et le repère {where} ; "
             "augmentez VIGIE_CELLAR_MAX_ACTS.")


def take_act(run: EuRun, act: Listed, languages: tuple[str, ...]) -> None:
    """The notices of an act: its work's (""), then its French expression's (``FRENCH``),
    each stored; only the latter for an act stored without its French version."""
    if run.taken:
        run.sleep(PAUSE)
    for language in languages:
        data = fetch(run, act, language, again="" not in languages)
        if data is None:
            return
        store(run, act, language, data)
        if run.stopped:
            return


def fetch(run: EuRun, act: Listed, language: str, *, again: bool = False) -> bytes | None:
    """One notice of ``act``, or None (told: an anomaly, a missing French expression — not
    ``again``: the last line counts the acts waiting —, or the server given up, which stops
    the run)."""
    url = notice_url(settings.VIGIE_CELLAR_URL, act.celex, language)
    try:
        return fetch_notice(run.client, settings.VIGIE_CELLAR_URL, act.celex, language,
                            retries=run.retries, sleep=run.sleep, max_bytes=max_file_bytes())
    except NoticeMissing as error:
        if language:  # the act stays named in French by its kind and number
            if not again:
                run.notify(SyncNotice(f"{LABEL} : acte {act.celex}, pas de version française "
                                      "chez Cellar pour l'instant."))
        else:
            run.anomaly(url, notice_name(act.celex, language), f"acte {act.celex} du "
                        f"{french_date(act.day)}, listé par Cellar : {error}")
    except AnswerTooBig as error:  # as big at every run: left out, the run goes on past it
        run.anomaly(url, notice_name(act.celex, language),
                    f"{error} (VIGIE_INGEST_MAX_FILE_MB) ; notice laissée de côté.", hold=False)
    except SourceError as error:
        run.stopped = True
        run.fail(f"{error} Les actes déjà stockés sont gardés ; reprise à la prochaine "
                 "synchronisation.")
    return None


def store(run: EuRun, act: Listed, language: str, data: bytes) -> None:
    """A notice written to ``downloads/eu``, then stored as ``vigie ingest`` would."""
    path = download_folder() / notice_name(act.celex, language)
    path.write_bytes(data)
    delivered = run.attempt(lambda: ingest_eu(path)) if run.attempt else ingest_eu(path)
    run.taken += 1
    run.report.inputs.append(delivered)
    run.notify(delivered)
    if delivered.failed:  # its anomaly is recorded; the next run asks for the act again
        run.held = True
        run.report.status = EXIT_UNREADABLE
        return
    path.unlink(missing_ok=True)


def download_folder() -> Path:
    folder = settings.DATA_DIR / "downloads" / "eu"
    folder.mkdir(parents=True, exist_ok=True)
    return folder

