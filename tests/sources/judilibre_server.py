"""A real HTTP server on 127.0.0.1 that answers as Judilibre's ``/export`` does, behind PISTE.

    with JudilibreServer(decisions, key="k") as server:
        server.base_url                     # http://127.0.0.1:<port>/cassation/judilibre/v1.0
        server.failures[1] = [503, 429]     # the first GETs of batch 1 get these statuses
        server.broken.add(2)                # batch 2 answered with a page cut short
        server.stall(3)                     # batch 3 answered only once released (a kill)
        server.stall(3, size=2)             # … only batch 3 of 2 decisions
        server.requests                     # [(query, headers)] in arrival order

It keeps the decisions whose ``update_date`` (``date_type=update``) or ``decision_date``
(``creation``) lies between ``date_start`` and ``date_end``, of the courts asked for
(``jurisdiction`` repeated), sorted by that date as asked (``order``), and pages them by
``batch`` and ``batch_size``; ``next_batch`` is the next page's query string, null on the last.
A request without the right ``KeyId`` gets 401, as the gateway answers.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlencode, urlsplit

from .local_server import LocalServer, QuietHandler

PATH = "/cassation/judilibre/v1.0"
COURTS = {"cc": "Cour de cassation", "ca": "Cour d'appel", "tj": "Tribunal judiciaire"}


class JudilibreServer(LocalServer):
    def __init__(self, decisions: list[dict] | None = None, key: str = "cle-de-test") -> None:
        self.decisions = list(decisions or [])
        self.key = key
        self.failures: dict[int, list[int]] = {}
        self.broken: set[int] = set()
        self.stalled: dict[tuple[int, int | None], threading.Event] = {}
        self.requests: list[tuple[dict[str, list[str]], dict[str, str]]] = []
        super().__init__()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}{PATH}"

    def stall(self, batch: int, size: int | None = None) -> threading.Event:
        """Hold the answers to ``batch`` (of ``size`` decisions, of any size when None) until
        the event returned is set (60 s at most)."""
        self.stalled[batch, size] = threading.Event()
        return self.stalled[batch, size]

    def queries(self) -> list[dict[str, list[str]]]:
        return [query for query, _ in self.requests]

    def page(self, query: dict[str, list[str]]) -> dict:
        """The answer to an export query, as the API builds it."""
        name = "update_date" if query.get("date_type", ["update"])[0] == "update" \
            else "decision_date"
        start, end = query.get("date_start", [""])[0], query.get("date_end", ["9999"])[0]
        courts = [COURTS[c] for c in query.get("jurisdiction", ["cc"])]
        chosen = [d for d in self.decisions if start <= str(d.get(name, ""))[:10] <= end
                  and any(str(d.get("jurisdiction", "")).startswith(c) for c in courts)]
        chosen.sort(key=lambda d: d[name], reverse=query.get("order", ["desc"])[0] == "desc")
        batch, size = int(query["batch"][0]), int(query.get("batch_size", ["10"])[0])
        more = (batch + 1) * size < len(chosen)
        following = urlencode({**{k: v[0] for k, v in query.items()}, "batch": batch + 1})
        return {"batch": batch, "batch_size": size, "total": len(chosen),
                "next_batch": following if more else None, "took": 3,
                "results": chosen[batch * size:(batch + 1) * size]}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        owner = self

        class Handler(QuietHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                parts = urlsplit(self.path)
                query = parse_qs(parts.query)
                with owner._lock:
                    owner.requests.append((query, {k.lower(): v for k, v in
                                                   self.headers.items()}))
                    batch = int(query.get("batch", ["0"])[0])
                    failing = owner.failures.get(batch, [])
                    status = failing.pop(0) if failing else 200
                    size = int(query.get("batch_size", ["10"])[0])
                    held = owner.stalled.get((batch, size)) or owner.stalled.get((batch, None))
                if held is not None:
                    held.wait(60)
                if parts.path != f"{PATH}/export":
                    self._send(404, b'{"errors": ["not found"]}')
                elif self.headers.get("KeyId") != owner.key:
                    self._send(401, b'{"error": "invalid_client"}')
                elif status != 200:
                    self._send(status, b'{"errors": ["busy"]}', {"Retry-After": "0"})
                elif batch in owner.broken:
                    self._send(200, b'{"batch": %d, "results": [{"id": "abc", "te' % batch)
                else:
                    self._send(200, json.dumps(owner.page(query)).encode())

            def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None
                      ) -> None:
                self.send(status, body, {"Content-Type": "application/json", **(headers or {})})

        return Handler
