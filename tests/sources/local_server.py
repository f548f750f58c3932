"""What the tests' local HTTP servers share (feeds, Judilibre, Cellar): a real server on
127.0.0.1 served from its own thread while in a ``with`` block, a handler that says nothing,
and one way to answer.

    class MyServer(LocalServer):
        def _handler(self) -> type[BaseHTTPRequestHandler]: ...  # a ``QuietHandler``
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Self


class QuietHandler(BaseHTTPRequestHandler):
    """A handler that logs nothing and answers with ``send``."""

    def log_message(self, *args: object) -> None:
        pass

    def send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        """The status, the headers and ``Content-Length``, then the body (none for a 304)."""
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body and status != 304:
            self.wfile.write(body)


class LocalServer:
    """A server on a free port of 127.0.0.1 answering with ``_handler()``; call
    ``super().__init__()`` once the attributes the handler reads are set."""

    def __init__(self) -> None:
        self._lock = threading.Lock()  # around what the handler's threads record
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        raise NotImplementedError

    @property
    def root(self) -> str:
        """The server's address, ``http://127.0.0.1:<port>/``."""
        return f"http://127.0.0.1:{self._server.server_address[1]}/"

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
