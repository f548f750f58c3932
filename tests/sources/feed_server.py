"""A real HTTP server on 127.0.0.1 for feed tests: files with ETag / Last-Modified (304 on a
matching ``If-None-Match``), permanent redirects (301), gone feeds (410), failures (503).

    with FeedServer({"/cnsa.xml": data}) as server:
        server.url("/cnsa.xml"); server.moved["/old.xml"] = "/new.xml"; server.gone.add("/x")
        server.requests  # [(path, headers)] in arrival order
"""

from __future__ import annotations

import hashlib
from http.server import BaseHTTPRequestHandler

from .local_server import LocalServer, QuietHandler

MODIFIED = "Wed, 19 Aug 2026 06:00:00 GMT"


class FeedServer(LocalServer):
    def __init__(self, files: dict[str, bytes] | None = None) -> None:
        self.files: dict[str, bytes] = dict(files or {})
        self.moved: dict[str, str] = {}
        self.gone: set[str] = set()
        self.failing: set[str] = set()
        self.requests: list[tuple[str, dict[str, str]]] = []
        super().__init__()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}{path}"

    def hits(self, path: str) -> list[dict[str, str]]:
        return [headers for seen, headers in self.requests if seen == path]

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        owner = self

        class Handler(QuietHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                path = self.path
                with owner._lock:
                    owner.requests.append((path, {k.lower(): v for k, v in self.headers.items()}))
                if path in owner.moved:
                    target = owner.moved[path]  # a path here, or any address as it is
                    self.send(301, b"", {"Location": target if "://" in target
                                         else owner.url(target)})
                elif path in owner.gone:
                    self.send(410, b"gone")
                elif path in owner.failing:
                    self.send(503, b"busy")
                elif path not in owner.files:
                    self.send(404, b"not found")
                else:
                    body = owner.files[path]
                    etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
                    headers = {"ETag": etag, "Last-Modified": MODIFIED}
                    if self.headers.get("If-None-Match") == etag:
                        self.send(304, b"", headers)
                    else:
                        self.send(200, body, headers)

        return Handler
