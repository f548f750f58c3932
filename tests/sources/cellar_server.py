"""A real HTTP server on 127.0.0.1 that answers as Cellar's public interfaces do.

    with CellarServer() as cellar:
        cellar.sparql_url                   # http://127.0.0.1:<port>/webapi/rdf/sparql
        cellar.resource_url                 # http://127.0.0.1:<port>/resource
        cellar.publish("32026L2110", "2026-10-14", work=b"<NOTICE…", french=b"<NOTICE…")
        cellar.failures["celex/32026L2110"] = [503, 500]   # the next GETs of that notice
        cellar.retry_after = "3600"                         # …answered with that Retry-After
        cellar.redirects["celex/32026L2110"] = "http://…"  # a 303 there
        release = cellar.stall("celex/32026L2110")  # answered once released (a kill)
        cellar.requests                     # [(path, query, headers)] in arrival order

The SPARQL endpoint answers W3C's JSON results with the acts published between the two days
the query names (``"AAAA-MM-JJ"^^xsd:date``), in order, at most its ``LIMIT``;
``/resource/celex/<CELEX>`` and ``/resource/celex/<CELEX>.FRA`` answer the notices given, 404
otherwise, as Cellar does for a resource it does not have. (The real Cellar answers the notice
after a 303 to the resource's own address: here, directly.)
"""

from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, unquote, urlsplit

from .local_server import LocalServer, QuietHandler

SPARQL, RESOURCE = "/webapi/rdf/sparql", "/resource"
_DAY = re.compile(r'"(\d{4}-\d{2}-\d{2})"\^\^xsd:date')
_LIMIT = re.compile(r"\bLIMIT (\d+)")
XSD = "http://www.w3.org/2001/XMLSchema#"


def sparql_answer(acts: list[tuple[str, str]]) -> bytes:
    """The JSON results of the listing query for ``acts`` ((CELEX, day) pairs)."""
    return json.dumps({"head": {"link": [], "vars": ["celex", "date"]}, "results": {
        "distinct": False, "ordered": True, "bindings": [
            {"celex": {"type": "literal", "datatype": XSD + "string", "value": celex},
             "date": {"type": "literal", "datatype": XSD + "date", "value": day}}
            for celex, day in acts]}}).encode()


class CellarServer(LocalServer):
    def __init__(self) -> None:
        self.acts: list[tuple[str, str]] = []  # (CELEX, day of publication)
        self.notices: dict[str, bytes] = {}  # "celex/32026L2110" or "celex/32026L2110.FRA"
        self.failures: dict[str, list[int]] = {}  # path → statuses of its next GETs
        self.listing: bytes | None = None  # an answer to give instead of the acts'
        self.redirects: dict[str, str] = {}  # path → the address a 303 sends to
        self.stalled: dict[str, threading.Event] = {}  # path → held until the event is set
        self.retry_after = ""  # the Retry-After of the failures' answers, when set
        self.requests: list[tuple[str, dict[str, list[str]], dict[str, str]]] = []
        super().__init__()

    @property
    def sparql_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}{SPARQL}"

    @property
    def resource_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}{RESOURCE}"

    def publish(self, celex: str, day: str, *, work: str | bytes | None = None,
                french: str | bytes | None = None) -> None:
        """An act listed on ``day``, with its work's and its French expression's notices."""
        self.acts.append((celex, day))
        for path, notice in ((f"celex/{celex}", work), (f"celex/{celex}.FRA", french)):
            if notice is not None:
                self.notices[path] = notice.encode() if isinstance(notice, str) else notice

    def stall(self, path: str) -> threading.Event:
        """Hold the answers to ``path`` until the event returned is set (60 s at most)."""
        self.stalled[path] = threading.Event()
        return self.stalled[path]

    def notice_requests(self) -> list[str]:
        return [path for path, _, _ in self.requests if path.startswith("celex/")]

    def queries(self) -> list[str]:
        return [query["query"][0] for path, query, _ in self.requests if path == "sparql"]

    def answer(self, query: str) -> bytes:
        start, end = (_DAY.findall(query) + ["0000-00-00", "9999-99-99"])[:2]
        limit = int((_LIMIT.findall(query) or [10**9])[-1])
        return self.listing if self.listing is not None else sparql_answer(sorted(
            ((c, d) for c, d in self.acts if start <= d <= end), key=lambda a: (a[1], a[0])
        )[:limit])

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        owner = self

        class Handler(QuietHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                parts = urlsplit(self.path)
                path = unquote(parts.path)
                name = "sparql" if path == SPARQL else path.removeprefix(RESOURCE + "/")
                query = parse_qs(parts.query)
                with owner._lock:
                    owner.requests.append((name, query, {k.lower(): v for k, v in
                                                         self.headers.items()}))
                    failing = owner.failures.get(name, [])
                    status = failing.pop(0) if failing else 200
                    location = owner.redirects.get(name)
                    held = owner.stalled.get(name)
                if held is not None:
                    held.wait(60)
                if location:
                    self._send(303, b"", "text/plain", {"Location": location})
                elif status != 200:
                    wait = {"Retry-After": owner.retry_after} if owner.retry_after else {}
                    self._send(status, b"Service indisponible", "text/plain", wait)
                elif name == "sparql":
                    self._send(200, owner.answer(query.get("query", [""])[0]),
                               "application/sparql-results+json")
                elif name in owner.notices:
                    self._send(200, owner.notices[name], "application/xml;notice=object")
                else:
                    self._send(404, b"Not Found", "text/plain")

            def _send(self, status: int, body: bytes, kind: str,
                      headers: dict[str, str] | None = None) -> None:
                self.send(status, body, {"Content-Type": kind, **(headers or {})})

        return Handler
