"""Conditional, resumable download of one published file (Assemblée, Sénat open data).

Unlike the DILA flows, these sources publish one file under a fixed address and replace it
when it changes. This module owns fetching such a file only when it changed since the last
time (``If-None-Match`` / ``If-Modified-Since`` with the validators the caller kept, answered
``304 Not Modified``) and surviving a cut: bytes go to ``<name>.part`` beside the target, with
the validators of that download in ``<name>.part.json``; the next attempt or the next run asks
for the rest (``Range`` with ``If-Range``, so that a file replaced meanwhile restarts from
zero). The previous complete copy is replaced only once the new one is whole and checked:
a download that does not finish leaves it, and everything stored from it, as it was.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import httpx

from .http import (
    Sleep,
    SourceError,
    busy,
    client_or_own,
    content_range,
    progress_bar,
    retry_after,
    retry_delay,
    transport_reason,
    unreachable,
    user_agent,
)
from .pace import TooSlow, at_pace

MODIFIED, NOT_MODIFIED = "modified", "not_modified"
Check = Callable[[Path], str]  # returns a French problem, or "" when the file is fine


@dataclass(frozen=True)
class Validators:
    """What the server said identifies a version of the file (any may be empty)."""

    url: str = ""
    etag: str = ""
    last_modified: str = ""

    def to_text(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_text(cls, text: str) -> Validators:
        try:
            values = json.loads(text) if text else {}
        except json.JSONDecodeError:
            return cls()
        return cls(**{k: str(v) for k, v in values.items() if k in cls.__dataclass_fields__})

    @classmethod
    def of(cls, url: str, response: httpx.Response) -> Validators:
        return cls(url, response.headers.get("ETag", ""),
                   response.headers.get("Last-Modified", ""))


@dataclass(frozen=True)
class Fetched:
    """Outcome: ``MODIFIED`` (a new complete copy is at ``path``) or ``NOT_MODIFIED``."""

    status: str
    path: Path
    validators: Validators


class GaveUp(SourceError):
    """The server could not be reached, or kept failing, attempt after attempt."""


class _Retry(Exception):
    def __init__(self, reason: str, *, progressed: bool = False, wait: float | None = None,
                 final: bool = False):
        super().__init__(reason)
        self.reason, self.progressed, self.wait = reason, progressed, wait
        self.final = final  # not worth another attempt (``http.unreachable``)


def fetch(url: str, target: Path, *, known: Validators | None = None,
          client: httpx.Client | None = None, check: Check | None = None, retries: int = 5,
          backoff: float = 1.0, progress: bool = True, timeout: float = 60.0,
          sleep: Sleep = time.sleep) -> Fetched:
    """Fetch ``url`` into ``target`` unless it is unchanged since ``known`` (the validators of
    the copy already taken in). Raises :class:`SourceError` with a French message."""
    target.parent.mkdir(parents=True, exist_ok=True)
    known = known if known is not None and known.url == url else Validators()
    download = _Download(url, target, known, check)
    failures = 0
    with client_or_own(client, timeout) as http, progress_bar(target.name, progress) as bar:
        while True:
            try:
                return download.attempt(http, bar)
            except _Retry as error:
                failures = 1 if error.progressed else failures + 1
                if failures > retries or error.final:
                    raise GaveUp(f"Téléchargement de « {url} » abandonné après {failures} "
                                 f"échec(s) consécutif(s) : {error.reason}.") from None
                sleep(retry_delay(backoff, failures, error.wait))


class _Download:
    def __init__(self, url: str, target: Path, known: Validators, check: Check | None):
        self.url, self.target, self.known, self.check = url, target, known, check
        self.part = target.with_name(target.name + ".part")
        self.meta = target.with_name(target.name + ".part.json")

    def _partial(self) -> tuple[int, Validators]:
        """Bytes already received for the version being fetched, and that version."""
        if not self.part.exists() or not self.meta.exists():
            self._forget()
            return 0, Validators()
        version = Validators.from_text(self.meta.read_text(encoding="utf-8"))
        if version.url != self.url or not (version.etag or version.last_modified):
            self._forget()
            return 0, Validators()
        return self.part.stat().st_size, version

    def _forget(self) -> None:
        self.part.unlink(missing_ok=True)
        self.meta.unlink(missing_ok=True)

    def _headers(self, http: httpx.Client, offset: int, version: Validators) -> dict[str, str]:
        headers = {"User-Agent": user_agent(http)}
        if self.known.etag:
            headers["If-None-Match"] = self.known.etag
        if self.known.last_modified:
            headers["If-Modified-Since"] = self.known.last_modified
        if offset:
            headers["Range"] = f"bytes={offset}-"
            headers["If-Range"] = version.etag or version.last_modified
        return headers

    def attempt(self, http: httpx.Client, bar) -> Fetched:  # noqa: ANN001 - tqdm bar
        offset, version = self._partial()
        written = 0
        try:
            with http.stream("GET", self.url, headers=self._headers(http, offset, version)) as r:
                if r.status_code == 304:
                    self._forget()
                    return Fetched(NOT_MODIFIED, self.target, self.known)
                start, total, version = self._window(r, offset, version)
                bar.reset(total=total)
                bar.update(start)
                if r.status_code != 416:
                    with self.part.open("r+b" if start else "wb") as out:
                        out.seek(start)
                        out.truncate()
                        for chunk in at_pace(r.iter_bytes()):
                            out.write(chunk)
                            written += len(chunk)
                            bar.update(len(chunk))
        except httpx.RequestError as error:
            raise _Retry(transport_reason(error), progressed=written > 0,
                         final=unreachable(error)) from None
        except TooSlow as error:  # what came is kept: the next run resumes it
            raise _Retry(str(error), progressed=written > 0, final=True) from None
        size = self.part.stat().st_size if self.part.exists() else 0
        if total is not None and size < total:
            raise _Retry(f"réception incomplète ({size} sur {total} octets)",
                         progressed=written > 0)
        return self._finish(version)

    def _window(self, r: httpx.Response, offset: int, version: Validators
                ) -> tuple[int, int | None, Validators]:
        status = r.status_code
        if status == 429 or status >= 500:
            wait = retry_after(r)
            reason, final = busy(status, wait)
            raise _Retry(reason, wait=wait, final=final)
        if status == 416 and offset:
            total = content_range(r.headers.get("Content-Range"))[1]
            if total == offset:
                return offset, total, version
            self._forget()
            raise _Retry("reprise refusée par le serveur, nouveau départ de zéro")
        if status == 206:
            start, total = content_range(r.headers.get("Content-Range"))
            if start != offset:
                self._forget()
                raise _Retry("plage de reprise incohérente, nouveau départ de zéro")
            return start, total, version
        if status == 200:  # a new version, or a server that ignores Range: from zero
            version = Validators.of(self.url, r)
            self.meta.write_text(version.to_text(), encoding="utf-8")
            length = r.headers.get("Content-Length", "")
            return 0, int(length) if length.isdigit() else None, version
        raise SourceError(f"Le serveur a répondu {status} pour « {self.url} » : "
                          "téléchargement impossible.")

    def _finish(self, version: Validators) -> Fetched:
        problem = self.check(self.part) if self.check else ""
        if problem:
            self._forget()
            raise SourceError(f"« {self.url} » : {problem}")
        self.part.replace(self.target)  # the previous copy is replaced only now
        self.meta.unlink(missing_ok=True)
        return Fetched(MODIFIED, self.target, version)


def zip_check(path: Path) -> str:
    """A problem with a downloaded zip archive ("" when it looks whole)."""
    with path.open("rb") as handle:
        head = handle.read(4)
        handle.seek(0, 2)
        size = handle.tell()
        handle.seek(max(0, size - 65557))
        tail = handle.read()
    if head not in (b"PK\x03\x04", b"PK\x05\x06"):
        return "le fichier reçu n'est pas une archive zip (page d'erreur du serveur ?)"
    if b"PK\x05\x06" not in tail:
        return "archive zip incomplète (fin de l'archive absente)"
    return ""
