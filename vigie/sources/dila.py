"""The DILA open-data connector: list the daily deliveries of a flow, download one of them.

This module owns the HTTP side of the ``sources`` stage: which folder holds which flow, which
file names are daily deliveries, and a download that survives a flaky network (resume with
``Range``, retries with exponential backoff, size and gzip checks, atomic rename). It returns
paths and never opens the archives: :mod:`vigie.sources.archives` does that.

Nothing here reads Django settings: the caller passes the base URL (``VIGIE_DILA_BASE_URL``)
and, if it wants, an ``httpx.Client`` built by :func:`make_client`.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import httpx
from tqdm import tqdm

from .http import USER_AGENT, Sleep, SourceError, busy, make_client
from .http import client_or_own as _client_or_own
from .http import content_range as _content_range
from .http import download_label as _label
from .http import progress_bar as _progress_bar
from .http import retry_after as _retry_after
from .http import retry_delay as _delay
from .http import transport_reason as _transport_reason
from .http import unreachable as _unreachable
from .http import user_agent as _user_agent
from .listing import ListingError, parse_listing
from .pace import TooSlow, at_pace
from .patient_get import read_within

__all__ = ["USER_AGENT", "RemoteDelivery", "Sleep", "SourceError", "download", "fetch_listing",
           "flow_url", "list_deliveries", "make_client"]

DEFAULT_BASE_URL = "https://echanges.dila.gouv.fr/OPENDATA/"
FLOWS = {"jorf": "JORF", "jorfsimple": "JORFSIMPLE"}
_DELIVERY_NAMES = {
    flow: re.compile(rf"^{folder}_(?P<stamp>\d{{8}}-\d{{6}})\.tar\.gz$")
    for flow, folder in FLOWS.items()
}
GZIP_MAGIC = b"\x1f\x8b"
# A listing is a page of links (some hundreds of kilobytes): beyond this, not a listing.
MAX_LISTING_BYTES = 16 * 2**20
@dataclass(frozen=True)
class RemoteDelivery:
    """A daily delivery seen in a listing; ``stamp`` looks like ``20260921-220149``."""

    name: str
    url: str
    flow: str
    stamp: str
    size: int | None = None


def flow_url(base_url: str, flow: str) -> str:
    """The listing address of a flow: ``{base_url}JORF/`` or ``{base_url}JORFSIMPLE/``."""
    if flow not in FLOWS:
        known = ", ".join(sorted(FLOWS))
        raise SourceError(f"Flux DILA inconnu : « {flow} » (flux connus : {known}).")
    return urljoin(base_url.rstrip("/") + "/", FLOWS[flow] + "/")


def list_deliveries(
    base_url: str,
    flow: str,
    *,
    client: httpx.Client | None = None,
    timeout: float = 30.0,
    retries: int = 2,
    backoff: float = 1.0,
    sleep: Sleep = time.sleep,
) -> list[RemoteDelivery]:
    """The daily deliveries of ``flow`` ("jorf" or "jorfsimple"), sorted by stamp.

    The stock archive (``Freemium_…``) and any other file are left out. ``timeout`` only
    applies when no ``client`` is given.
    """
    url = flow_url(base_url, flow)
    with _client_or_own(client, timeout) as http:
        html = fetch_listing(http, url, retries, backoff, sleep)
    try:
        entries = parse_listing(html, url)
    except ListingError as error:
        raise SourceError(str(error)) from None
    pattern = _DELIVERY_NAMES[flow]
    found = [
        RemoteDelivery(entry.name, entry.url, flow, match["stamp"], entry.size)
        for entry in entries
        if (match := pattern.match(entry.name))
    ]
    return sorted(found, key=lambda delivery: (delivery.stamp, delivery.name))


def download(
    remote: RemoteDelivery,
    dest_dir: Path,
    *,
    client: httpx.Client | None = None,
    retries: int = 5,
    backoff: float = 1.0,
    progress: bool = True,
    timeout: float = 60.0,
    sleep: Sleep = time.sleep,
) -> Path:
    """Download ``remote`` to ``dest_dir/remote.name`` and return that path.

    Bytes go to ``name.part`` first (resumed with ``Range`` on the next attempt or the next
    run), then the file is renamed. A finished file already there is kept without any request
    when its size matches the listing's (or the listing gives none). ``retries`` counts the
    attempts after the first failure; an attempt that received bytes restarts the count.
    """
    dest_dir = Path(dest_dir)
    final = dest_dir / remote.name
    if _already_downloaded(final, remote):
        return final
    dest_dir.mkdir(parents=True, exist_ok=True)
    part = dest_dir / f"{remote.name}.part"
    with _client_or_own(client, timeout) as http, _progress_bar(remote.name, progress) as bar:
        transfer = _Transfer(http, remote, part, bar)
        _with_retries(transfer, retries, backoff, sleep)
    _check_finished(part, remote)
    part.replace(final)
    return final


# --- listing ---------------------------------------------------------------------------------


def fetch_listing(
    http: httpx.Client, url: str, retries: int, backoff: float, sleep: Sleep
) -> str:
    """The HTML of the listing at ``url``, tried again on a network failure, a 429 or a 5xx;
    ``SourceError`` when it cannot be had (:mod:`vigie.sources.dila_circulaires` too)."""
    failures, final = 0, False
    while True:
        try:
            status, text = _listing_answer(http, url)
        except httpx.RequestError as error:
            reason, final = _transport_reason(error), _unreachable(error)
        except TooSlow as error:  # asked again, it would drip again
            reason, final = str(error), True
        else:
            if status == 200:
                return text
            if not _retryable_status(status):
                raise SourceError(f"La liste des livraisons « {url} » est inaccessible "
                                  f"(réponse HTTP {status}).", status)
            reason = f"réponse HTTP {status}"
        failures += 1
        if failures > retries or final:
            raise SourceError(f"La liste des livraisons « {url} » est inaccessible ({reason}).")
        sleep(_delay(backoff, failures, None))


def _listing_answer(http: httpx.Client, url: str) -> tuple[int, str]:
    """The status and, for a 200, the text of the listing, read within ``pace.within`` and
    never more than ``MAX_LISTING_BYTES``: a listing is a page of links, not a stream."""
    with http.stream("GET", url, headers={"User-Agent": _user_agent(http)}) as response:
        if response.status_code != 200:
            return response.status_code, ""
        body = read_within(response, MAX_LISTING_BYTES, lambda _read: SourceError(
            f"La liste des livraisons « {url} » dépasse {MAX_LISTING_BYTES // 2**20} Mo : ce "
            "n'est pas une liste de livraisons, vérifiez l'adresse."))
        return 200, body.decode(response.encoding or "utf-8", errors="replace")


# --- download --------------------------------------------------------------------------------


class _Retry(Exception):
    """An attempt failed in a way that another attempt may fix."""

    def __init__(self, reason: str, *, progressed: bool = False, wait: float | None = None,
                 final: bool = False):
        super().__init__(reason)
        self.reason = reason
        self.progressed = progressed
        self.wait = wait
        self.final = final  # not worth another attempt (``http.unreachable``)


def _with_retries(transfer: _Transfer, retries: int, backoff: float, sleep: Sleep) -> None:
    failures = 0
    while True:
        try:
            transfer.attempt()
            return
        except _Retry as error:
            failures = 1 if error.progressed else failures + 1
            if failures > retries or error.final:
                raise SourceError(
                    f"Téléchargement de « {transfer.remote.name} » abandonné après "
                    f"{failures} échec(s) consécutif(s) : {error.reason}."
                ) from None
            transfer.bar.set_description(f"{_label(transfer.remote.name)} (reprise)")
            sleep(_delay(backoff, failures, error.wait))


class _Transfer:
    """One file being fetched into its ``.part`` file, attempt after attempt."""

    def __init__(self, http: httpx.Client, remote: RemoteDelivery, part: Path, bar: tqdm):
        self.http, self.remote, self.part, self.bar = http, remote, part, bar
        self.written = 0

    def attempt(self) -> None:
        """Fetch what is missing; raise ``_Retry`` or ``SourceError`` on failure."""
        offset = self.part.stat().st_size if self.part.exists() else 0
        headers = {"User-Agent": _user_agent(self.http)}
        if offset:
            headers["Range"] = f"bytes={offset}-"
        self.written = 0
        try:
            with self.http.stream("GET", self.remote.url, headers=headers) as response:
                start, total = self._window(response, offset)
                self.bar.reset(total=total)
                self.bar.update(start)
                if response.status_code != 416:  # 416 here: the part holds the whole file
                    self._receive(response, start)
        except httpx.RequestError as error:
            raise _Retry(_transport_reason(error), progressed=self.written > 0,
                         final=_unreachable(error)) from None
        except TooSlow as error:  # what came is kept: the next run resumes it
            raise _Retry(str(error), progressed=self.written > 0, final=True) from None
        self._check_length(start + self.written, total, progressed=self.written > 0)

    def _receive(self, response: httpx.Response, start: int) -> None:
        """Write the body into the part file from ``start``, counting bytes as they come."""
        with self.part.open("r+b" if start else "wb") as out:
            out.seek(start)
            out.truncate()
            for chunk in at_pace(response.iter_bytes()):  # as received, so a cut keeps them
                out.write(chunk)
                self.written += len(chunk)
                self.bar.update(len(chunk))

    def _window(self, response: httpx.Response, offset: int) -> tuple[int, int | None]:
        """Where the body starts in the file and the file's total size, from the headers."""
        status = response.status_code
        if status == 416 and offset:
            total = _range_total(response.headers.get("Content-Range"))
            if total == offset:
                return offset, total
            self.part.unlink(missing_ok=True)
            raise _Retry("reprise refusée par le serveur, nouveau départ de zéro")
        if status == 429 or status >= 500:
            wait = _retry_after(response)
            reason, final = busy(status, wait)
            raise _Retry(reason, wait=wait, final=final)
        if status == 206:
            start, total = _content_range(response.headers.get("Content-Range"))
            if start is None or start > offset:
                self.part.unlink(missing_ok=True)
                raise _Retry("plage de reprise incohérente, nouveau départ de zéro")
        elif status == 200:  # also a server that ignores Range: restart from zero
            start, total = 0, _int_header(response, "Content-Length")
        else:
            raise SourceError(
                f"Le serveur DILA a répondu {status} pour « {self.remote.url} » : "
                "téléchargement impossible."
            )
        self._check_announced(total)
        return start, total

    def _check_announced(self, total: int | None) -> None:
        expected = self.remote.size
        if total is not None and expected is not None and total != expected:
            self.part.unlink(missing_ok=True)
            raise SourceError(
                f"Taille incohérente pour « {self.remote.name} » : le serveur annonce "
                f"{total} octets, la liste des livraisons {expected}."
            )

    def _check_length(self, size: int, total: int | None, *, progressed: bool) -> None:
        if total is None or size == total:
            return
        if size < total:
            raise _Retry(f"réception incomplète ({size} sur {total} octets)", progressed=progressed)
        self.part.unlink(missing_ok=True)
        raise SourceError(
            f"Taille incohérente pour « {self.remote.name} » : {size} octets reçus pour "
            f"{total} annoncés."
        )


def _check_finished(part: Path, remote: RemoteDelivery) -> None:
    size = part.stat().st_size
    if remote.size is not None and size != remote.size:
        part.unlink(missing_ok=True)
        raise SourceError(
            f"Taille incohérente pour « {remote.name} » : {size} octets reçus, "
            f"{remote.size} attendus d'après la liste des livraisons."
        )
    if not _has_gzip_magic(part, remote.name):
        part.unlink(missing_ok=True)
        raise SourceError(
            f"« {remote.name} » reçu n'est pas une archive gzip (le serveur a sans doute "
            "renvoyé une page d'erreur)."
        )


def _already_downloaded(final: Path, remote: RemoteDelivery) -> bool:
    if not final.is_file():
        return False
    if remote.size is not None and final.stat().st_size != remote.size:
        return False
    return _has_gzip_magic(final, remote.name)


def _has_gzip_magic(path: Path, name: str) -> bool:
    if not name.endswith((".gz", ".tgz")):
        return True
    with path.open("rb") as handle:
        return handle.read(len(GZIP_MAGIC)) == GZIP_MAGIC


# --- small helpers ---------------------------------------------------------------------------


def _retryable_status(status: int) -> bool:
    return status == 429 or status >= 500


def _int_header(response: httpx.Response, name: str) -> int | None:
    value = response.headers.get(name, "").strip()
    return int(value) if value.isdigit() else None


def _range_total(header: str | None) -> int | None:
    return _content_range(header)[1]
