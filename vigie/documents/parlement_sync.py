"""Synchronisation with the Assemblée nationale and the Sénat, with a watermark per file.

Each published file (an Assemblée archive, the Sénat dump, the list of Sénat dossiers, each
dossier page) has its watermark: the validators (``ETag``, ``Last-Modified``) of the last copy
ingested completely. A run asks for each file only if it changed (``304 Not Modified``
otherwise), downloads it resumably, ingests it, and only then moves its watermark; a download
that does not finish or an input read in part leaves the watermark (and the stored data) as
they were, so the next run takes it again. What happens goes to ``notify`` as it happens (a
``SyncNotice`` or an ``InputReport``, as for DILA); nothing here prints.
"""

from __future__ import annotations

import fcntl
import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import httpx
from django.conf import settings

from vigie.documents.ingest import EXIT_OK, EXIT_UNREADABLE, InputReport
from vigie.documents.models import Watermark
from vigie.documents.parlement_ingest import ingest_parlement
from vigie.documents.sync import Notify, SyncNotice, SyncReport
from vigie.parsing.model import ParseError
from vigie.parsing.senat_dossier_list import parse_dossier_list
from vigie.sources.assemblee import RemoteFile, an_files
from vigie.sources.fetch import (
    NOT_MODIFIED,
    Check,
    Fetched,
    GaveUp,
    Validators,
    fetch,
    zip_check,
)
from vigie.sources.http import Sleep, SourceError, make_client
from vigie.sources.senat import dossier_page, dossiers_list, questions_file

SOURCES = ("an", "senat")
logger = logging.getLogger("vigie.documents")
DEFAULT_DAYS = 730  # without VIGIE_PARLEMENT_SINCE or --since: the last two years


def html_check(path: Path) -> str:
    with path.open("rb") as handle:
        head = handle.read(2048).lower()
    return "" if b"<html" in head or b"<!doctype" in head else "la page reçue n'est pas du HTML"


def csv_check(path: Path) -> str:
    with path.open("rb") as handle:
        head = handle.read(2048).lower()
    return "la liste reçue n'est pas un fichier CSV" if b"<html" in head or not head else ""


def _quiet(event: SyncNotice | InputReport) -> None:
    pass


@dataclass
class SyncRun:
    """One ``vigie sync`` over Parliament sources: its options, what it reports."""

    since: date
    progress: bool = False
    notify: Notify = _quiet
    report: SyncReport = field(default_factory=SyncReport)
    client: httpx.Client | None = None
    retries: int = 5  # consecutive failed attempts per file before giving up until next run
    sleep: Sleep = time.sleep
    unreachable: bool = False  # the source's server gave up: its other files wait too

    def file(self, remote: RemoteFile, check: Check, *, ingest: bool = True
             ) -> tuple[int, Fetched | None]:
        """Fetch one file if it changed, ingest it, then move its watermark.

        Returns the exit status and, when a new copy came, what was fetched (``ingest=False``
        leaves ingesting and the watermark to the caller, for the list of dossiers).
        """
        mark = Watermark.objects.filter(source=remote.key).first()
        known = Validators.from_text(mark.value) if mark else None
        try:
            fetched = fetch(remote.url, download_folder() / remote.name, known=known, check=check,
                            client=self.client, progress=self.progress, retries=self.retries,
                            sleep=self.sleep)
        except SourceError as error:
            self.unreachable = isinstance(error, GaveUp)
            self.notify(SyncNotice(f"{remote.name} : {error} Les données déjà stockées sont "
                                   "intactes ; reprise à la prochaine synchronisation.", True))
            return EXIT_UNREADABLE, None
        if fetched.status == NOT_MODIFIED:
            self.notify(SyncNotice(f"{remote.name} : inchangé depuis la dernière "
                                   "synchronisation."))
            return EXIT_OK, None
        if not ingest:
            return EXIT_OK, fetched
        report = ingest_parlement(fetched.path, progress=self.progress, since=self.since)
        self.report.inputs.append(report)
        logger.info("fichier %s : %s", remote.name, report.status,
                    extra={"source": remote.key, "status": report.status})
        self.notify(report)
        if report.failed:
            self.notify(SyncNotice(f"{remote.name} lu en partie seulement ; il sera repris à la "
                                   "prochaine synchronisation.", True))
            return EXIT_UNREADABLE, fetched
        self.mark(remote, fetched.validators)
        return EXIT_OK, fetched

    def mark(self, remote: RemoteFile, validators: Validators) -> None:
        value = validators.to_text()
        if len(value) > 255:  # keep what fits: the date alone still avoids needless downloads
            value = Validators(validators.url[:150], "", validators.last_modified).to_text()
        Watermark.objects.update_or_create(source=remote.key, defaults={"value": value[:255]})


def sync_an(run: SyncRun) -> int:
    """The Assemblée's question archives and dossiers of the configured legislature."""
    status, run.unreachable = EXIT_OK, False
    for remote in an_files(settings.VIGIE_AN_BASE_URL, settings.VIGIE_AN_LEGISLATURE):
        status = max(status, run.file(remote, zip_check)[0])
        if run.unreachable:  # a network down costs one file's attempts, not every file's
            break
    return status


def sync_senat(run: SyncRun) -> int:
    """The Sénat questions base, then the pages of the dossiers that moved since ``since``."""
    run.unreachable = False
    status = run.file(questions_file(settings.VIGIE_SENAT_BASE_URL), zip_check)[0]
    return status if run.unreachable else max(status, _senat_dossiers(run))


def _senat_dossiers(run: SyncRun) -> int:
    """The pages of the dossiers that moved since ``since``, from the Sénat's list: the last
    copy of the list when it did not change (a page can change while its row does not)."""
    listing = dossiers_list(settings.VIGIE_SENAT_BASE_URL)
    status, fetched = run.file(listing, csv_check, ingest=False)
    path = fetched.path if fetched else download_folder() / listing.name
    if not path.exists():
        return status
    try:
        dossiers = parse_dossier_list(path.read_bytes())
    except ParseError as error:
        run.notify(SyncNotice(f"{listing.name} : {error}", True))
        return EXIT_UNREADABLE
    recent = [d for d in dossiers if d.latest and d.latest >= run.since]
    chosen = recent[:settings.VIGIE_SENAT_DOSSIERS_MAX]
    run.notify(SyncNotice(f"Dossiers du Sénat : {len(chosen)} à vérifier sur {len(recent)} "
                          f"ayant bougé depuis le {run.since.strftime('%d/%m/%Y')}."))
    for dossier in chosen:
        status = max(status, run.file(dossier_page(settings.VIGIE_SENAT_SITE_URL, dossier.id),
                                      html_check)[0])
        if run.unreachable:
            break
    if status == EXIT_OK and fetched:  # every page taken: this copy of the list is done
        run.mark(listing, fetched.validators)
    return status


SYNCS: dict[str, Callable[[SyncRun], int]] = {"an": sync_an, "senat": sync_senat}


def download_folder() -> Path:
    return settings.DATA_DIR / "downloads" / "parlement"


@contextmanager
def one_run(folder: Path) -> Iterator[bool]:
    """True when no other Parliament sync runs on these downloads (a ``flock`` the kernel
    releases if the process dies), False otherwise."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / ".sync.lock").open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        yield True


def default_since(today: date | None = None) -> date:
    return settings.VIGIE_PARLEMENT_SINCE or (today or date.today()) - timedelta(DEFAULT_DAYS)


def sync_parlement(sources: list[str], *, since: date | None = None, progress: bool = False,
                   notify: Notify | None = None, retries: int = 5, sleep: Sleep = time.sleep
                   ) -> SyncReport:
    """Synchronise the given Parliament sources in turn; the worst exit status, and a report
    per file ingested."""
    run = SyncRun(since or default_since(), progress, notify or _quiet, retries=retries,
                  sleep=sleep)
    with one_run(download_folder()) as alone, make_client() as client:
        if not alone:
            run.notify(SyncNotice("une autre synchronisation du Parlement est en cours ; rien "
                                  "n'est fait (relancez quand elle aura fini).", True))
            run.report.status = EXIT_UNREADABLE
            return run.report
        run.client = client
        for source in sources:
            run.report.status = max(run.report.status, SYNCS[source](run))
    return run.report
