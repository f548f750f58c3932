"""A real HTTP server on 127.0.0.1 that imitates ``echanges.dila.gouv.fr/OPENDATA/`` in tests.

Plain helper module (no pytest import) so that any test package can use it::

    with DilaServer({"JORF/JORF_20260921-220149.tar.gz": data}) as server:
        list_deliveries(server.base_url, "jorf")          # listing generated on the fly
        server.cut("JORF/JORF_20260921-220149.tar.gz", after=100)   # first GET stops early
        server.fail("JORF/JORF_20260921-220149.tar.gz", status=503, times=2)
        server.requests_for("JORF/JORF_20260921-220149.tar.gz")[1].headers["range"]

Paths are relative to ``base_url`` (``http://127.0.0.1:<port>/OPENDATA/``). Every folder that
holds a file gets a directory listing (``listing_style``: "nginx" with exact byte sizes,
"apache" with rounded sizes, "bare" with links only); ``listings`` overrides a folder's HTML
and ``sizes`` overrides the size a listing shows. Files honour ``Range: bytes=a-[b]`` unless
told to ignore it. Rules (``fail``, ``cut``, ``stall``) are consumed one per GET of the path.

Files carry an ``ETag`` (from their content) and a ``Last-Modified`` (``modified`` overrides the
default); a GET with a matching ``If-None-Match`` or a recent enough ``If-Modified-Since`` gets
``304 Not Modified``, and a ``Range`` whose ``If-Range`` names another version gets the whole
file, as real servers do for files republished under a fixed address.
"""

from __future__ import annotations

import hashlib
import re
import sys
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import quote, unquote, urlsplit

_RANGE = re.compile(r"^bytes=(\d+)-(\d*)$")
_STAMP = re.compile(r"(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})")
DEFAULT_MODIFIED = "Mon, 21 Sep 2026 22:05:00 GMT"
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@dataclass(frozen=True)
class RecordedRequest:
    """A request as the server saw it; ``headers`` keys are lower-case."""

    method: str
    path: str
    headers: dict[str, str]


@dataclass
class _Rules:
    fail: list[tuple[int, str | None]] = field(default_factory=list)
    cut: list[int] = field(default_factory=list)
    stall: list[float] = field(default_factory=list)


class DilaServer:
    """A threaded HTTP server serving ``files`` (relative path → bytes)."""

    def __init__(
        self,
        files: dict[str, bytes] | None = None,
        *,
        prefix: str = "OPENDATA/",
        listing_style: str = "nginx",
    ) -> None:
        self.files: dict[str, bytes] = dict(files or {})
        self.prefix = prefix.strip("/") + "/" if prefix.strip("/") else ""
        self.listing_style = listing_style
        self.listings: dict[str, str] = {}
        self.sizes: dict[str, int] = {}
        self.modified: dict[str, str] = {}  # path → Last-Modified (HTTP date)
        self.ignore_range_paths: set[str] = set()
        self.ignore_range_everywhere = False
        self.requests: list[RecordedRequest] = []
        self._rules: dict[str, _Rules] = defaultdict(_Rules)
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # --- lifecycle -----------------------------------------------------------------------

    def start(self) -> DilaServer:
        handler = type("Handler", (_Handler,), {"dila": self})
        self._httpd = _QuietServer(("127.0.0.1", 0), handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self._thread.start()
        return self

    def close(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> DilaServer:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # --- addresses -----------------------------------------------------------------------

    @property
    def root_url(self) -> str:
        if self._httpd is None:
            raise RuntimeError("server not started")
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}/"

    @property
    def base_url(self) -> str:
        """What Vigie calls ``VIGIE_DILA_BASE_URL``, e.g. ``http://127.0.0.1:8123/OPENDATA/``."""
        return self.root_url + self.prefix

    def url(self, path: str) -> str:
        return self.base_url + quote(path)

    # --- behaviour -----------------------------------------------------------------------

    def add(self, path: str, data: bytes) -> None:
        self.files[path] = data

    def fail(
        self, path: str, *, status: int = 503, times: int = 1, retry_after: str | None = None
    ) -> None:
        """Answer ``status`` to the next ``times`` GETs of ``path``."""
        with self._lock:
            self._rules[path].fail.extend([(status, retry_after)] * times)

    def cut(self, path: str, *, after: int, times: int = 1) -> None:
        """Close the connection after ``after`` body bytes on the next ``times`` GETs."""
        with self._lock:
            self._rules[path].cut.extend([after] * times)

    def stall(self, path: str, *, seconds: float, times: int = 1) -> None:
        """Wait ``seconds`` before answering the next ``times`` GETs (timeout tests)."""
        with self._lock:
            self._rules[path].stall.extend([seconds] * times)

    def ignore_range(self, path: str | None = None) -> None:
        """Answer 200 with the whole file even when asked for a range (one path or all)."""
        if path is None:
            self.ignore_range_everywhere = True
        else:
            self.ignore_range_paths.add(path)

    def requests_for(self, path: str, method: str = "GET") -> list[RecordedRequest]:
        with self._lock:
            return [r for r in self.requests if r.path == path and r.method == method]

    # --- serving (called from the handler threads) ----------------------------------------

    def _record(self, method: str, path: str, headers: dict[str, str]) -> None:
        with self._lock:
            self.requests.append(RecordedRequest(method, path, headers))

    def _take_fail(self, path: str) -> tuple[int, str | None] | None:
        with self._lock:
            pending = self._rules[path].fail
            return pending.pop(0) if pending else None

    def _take_cut(self, path: str) -> int | None:
        with self._lock:
            pending = self._rules[path].cut
            return pending.pop(0) if pending else None

    def _take_stall(self, path: str) -> float | None:
        with self._lock:
            pending = self._rules[path].stall
            return pending.pop(0) if pending else None

    def _is_folder(self, path: str) -> bool:
        return path == "" or path in self.listings or any(f.startswith(path) for f in self.files)

    def _listing(self, folder: str) -> str:
        if folder in self.listings:
            return self.listings[folder]
        children: dict[str, int | None] = {}
        for name, data in self.files.items():
            if name.startswith(folder):
                head, slash, _rest = name[len(folder) :].partition("/")
                key = head + slash
                children[key] = None if slash else self.sizes.get(name, len(data))
        title = "/" + self.prefix + folder
        render = _apache_listing if self.listing_style == "apache" else _nginx_listing
        return render(title, sorted(children.items()), exact=self.listing_style == "nginx")


class _QuietServer(ThreadingHTTPServer):
    """A client that hangs up mid-answer is part of the tests, not an error to print."""

    def handle_error(self, request, client_address) -> None:  # type: ignore[no-untyped-def]
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    dila: DilaServer

    def do_GET(self) -> None:  # noqa: N802 - http.server naming
        self._serve(head=False)

    def do_HEAD(self) -> None:  # noqa: N802 - http.server naming
        self._serve(head=True)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """Silence the default stderr logging."""

    def _serve(self, *, head: bool) -> None:
        dila = self.dila
        raw_path = unquote(urlsplit(self.path).path)
        prefix = "/" + dila.prefix
        path = raw_path[len(prefix) :] if raw_path.startswith(prefix) else None
        headers = {key.lower(): value for key, value in self.headers.items()}
        dila._record(self.command, path if path is not None else raw_path, headers)
        if path is None:
            return self._send(404, b"Introuvable", "text/plain")
        if not head and (seconds := dila._take_stall(path)) is not None:
            time.sleep(seconds)
        failure = None if head else dila._take_fail(path)
        if failure is not None:
            status, retry_after = failure
            extra = {"Retry-After": retry_after} if retry_after else {}
            return self._send(status, b"Service indisponible", "text/plain", extra)
        if path in dila.files:
            return self._send_file(path, dila.files[path], head=head)
        if (path == "" or path.endswith("/")) and dila._is_folder(path):
            return self._send(200, dila._listing(path).encode(), "text/html; charset=utf-8")
        if dila._is_folder(path + "/"):
            return self._send(301, b"", "text/plain", {"Location": prefix + quote(path) + "/"})
        return self._send(404, b"Introuvable", "text/plain")

    def _send_file(self, path: str, data: bytes, *, head: bool) -> None:
        dila = self.dila
        etag = f'"{hashlib.sha256(data).hexdigest()[:20]}"'
        modified = dila.modified.get(path, DEFAULT_MODIFIED)
        status, body = 200, data
        extra = {"Accept-Ranges": "bytes", "ETag": etag, "Last-Modified": modified}
        if _not_modified(self.headers, etag, modified):
            return self._send(304, b"", _content_type(path), extra, head=True)
        asked = _RANGE.match(self.headers.get("Range", "").strip())
        if_range = self.headers.get("If-Range", "").strip()
        if asked and if_range and if_range not in (etag, modified):
            asked = None  # another version than the client's part: send it all
        if asked and not (dila.ignore_range_everywhere or path in dila.ignore_range_paths):
            start = int(asked.group(1))
            end = min(int(asked.group(2)), len(data) - 1) if asked.group(2) else len(data) - 1
            if start >= len(data):
                extra["Content-Range"] = f"bytes */{len(data)}"
                return self._send(416, b"", "text/plain", extra)
            status, body = 206, data[start : end + 1]
            extra["Content-Range"] = f"bytes {start}-{end}/{len(data)}"
        cut = None if head else dila._take_cut(path)
        self._send(status, body, _content_type(path), extra, head=head, cut=cut)

    def _send(
        self,
        status: int,
        body: bytes,
        content_type: str,
        extra: dict[str, str] | None = None,
        *,
        head: bool = False,
        cut: int | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        if cut is not None:
            self.send_header("Connection", "close")
        self.end_headers()
        if head:
            return
        if cut is not None:
            body = body[:cut]
            self.close_connection = True
        self.wfile.write(body)
        self.wfile.flush()


def _not_modified(headers, etag: str, modified: str) -> bool:  # noqa: ANN001 - http.client
    """RFC 9110: If-None-Match wins over If-Modified-Since."""
    match = headers.get("If-None-Match")
    if match:
        return etag in [tag.strip() for tag in match.split(",")] or match.strip() == "*"
    since = headers.get("If-Modified-Since")
    if not since:
        return False
    try:
        return parsedate_to_datetime(modified) <= parsedate_to_datetime(since)
    except (TypeError, ValueError):
        return False


def _content_type(path: str) -> str:
    if path.endswith((".gz", ".tgz")):
        return "application/gzip"
    if path.endswith(".xml"):
        return "application/xml"
    return "application/octet-stream"


def _stamp(name: str) -> tuple[str, str]:
    """(nginx date, apache date) for a listing line, taken from the stamp in the name."""
    match = _STAMP.search(name)
    year, month, day, hour, minute = match.groups() if match else ("2026", "09", "21", "22", "05")
    nginx = f"{day}-{_MONTHS[int(month) - 1]}-{year} {hour}:{minute}"
    return nginx, f"{year}-{month}-{day} {hour}:{minute}"


def _human(size: int) -> str:
    value = float(size)
    for unit in ("", "K", "M", "G"):
        if value < 1024 or unit == "G":
            return f"{value:.0f}{unit}" if unit == "" else f"{value:.1f}{unit}"
        value /= 1024
    return str(size)  # pragma: no cover


def _nginx_listing(title: str, children: list[tuple[str, int | None]], *, exact: bool) -> str:
    lines = ['<a href="../">../</a>']
    for name, size in children:
        shown = "-" if size is None else (str(size) if exact else _human(size))
        link = f'<a href="{quote(name)}">{escape(name)}</a>'
        lines.append(f"{link}{' ' * max(1, 52 - len(name))}{_stamp(name)[0]} {shown:>19}")
    body = "\n".join(lines)
    return (
        f"<html>\r\n<head><title>Index of {escape(title)}</title></head>\r\n<body>\r\n"
        f"<h1>Index of {escape(title)}</h1><hr><pre>{body}\n</pre><hr></body>\r\n</html>\r\n"
    )


def _apache_listing(title: str, children: list[tuple[str, int | None]], *, exact: bool) -> str:
    rows = [
        '<tr><th valign="top"><img src="/icons/blank.gif" alt="[ICO]"></th>'
        '<th><a href="?C=N;O=D">Name</a></th><th><a href="?C=M;O=A">Last modified</a></th>'
        '<th><a href="?C=S;O=A">Size</a></th><th><a href="?C=D;O=A">Description</a></th></tr>',
        '<tr><th colspan="5"><hr></th></tr>',
        '<tr><td valign="top"><img src="/icons/back.gif" alt="[PARENTDIR]"></td>'
        '<td><a href="../">Parent Directory</a></td><td>&nbsp;</td>'
        '<td align="right">  - </td><td>&nbsp;</td></tr>',
    ]
    for name, size in children:
        shown = "  - " if size is None else (str(size) if exact else _human(size))
        rows.append(
            '<tr><td valign="top"><img src="/icons/compressed.gif" alt="[   ]"></td>'
            f'<td><a href="{quote(name)}">{escape(name)}</a></td>'
            f'<td align="right">{_stamp(name)[1]}  </td><td align="right">{shown}</td>'
            "<td>&nbsp;</td></tr>"
        )
    return (
        '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">\n<html>\n <head>\n'
        f"  <title>Index of {escape(title)}</title>\n </head>\n <body>\n"
        f"<h1>Index of {escape(title)}</h1>\n  <table>\n" + "\n".join(rows) + "\n</table>\n"
        "</body></html>\n"
    )
