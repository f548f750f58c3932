"""The Aides-territoires API's key exchanged for a bearer token (``X-AUTH-TOKEN`` on
``/api/connexion/``, then ``Authorization: Bearer``), against a real server on 127.0.0.1;
and the shipped list of default feeds: valid addresses, each with its rubric."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from vigie.documents.feed_list import check_url, default_list
from vigie.parsing.aides import read_aids
from vigie.parsing.opml import read_opml
from vigie.reference.taxonomy import FEED_RUBRICS
from vigie.sources import aides_territoires
from vigie.sources.feeds import Request, feed_client, fetch

KEY = "cle-de-test-0123"
AIDS = json.dumps({"count": 1, "next": None, "previous": None, "results": [{
    "id": 1, "slug": "renovation-ecoles", "name": "Rénovation énergétique des écoles",
    "targeted_audiences": ["Communes"], "submission_deadline": "2026-12-31",
    "url": "/aides/renovation-ecoles/"}]}).encode()


class ApiServer:
    """The two endpoints of the API, as its documentation describes them."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, str, dict[str, str]]] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                owner.seen.append(("POST", self.path, dict(self.headers.items())))
                if self.path == "/api/connexion/" and self.headers.get("X-AUTH-TOKEN") == KEY:
                    self._send(200, json.dumps({"token": "jeton-jwt"}).encode())
                else:
                    self._send(401, b'{"detail": "cle invalide"}')

            def do_GET(self) -> None:  # noqa: N802
                owner.seen.append(("GET", self.path, dict(self.headers.items())))
                if self.headers.get("Authorization") == "Bearer jeton-jwt":
                    self._send(200, AIDS)
                else:
                    self._send(401, b'{"detail": "authentification requise"}')

            def _send(self, status: int, body: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"


@pytest.fixture
def api() -> Iterator[ApiServer]:
    server = ApiServer()
    thread = threading.Thread(target=server.server.serve_forever, daemon=True)
    thread.start()
    aides_territoires.forget()
    yield server
    aides_territoires.forget()
    server.server.shutdown()
    server.server.server_close()


def test_the_key_is_exchanged_once_for_a_bearer_token(api, monkeypatch):
    monkeypatch.setenv(aides_territoires.KEY_VARIABLE, KEY)
    url = api.url("/api/aids/?targeted_audiences=commune")
    with feed_client() as client:
        first, second = fetch(client, Request(url)), fetch(client, Request(url))
    assert first.ok and second.ok
    assert [a.name for a in read_aids(first.body)[0]] == ["Rénovation énergétique des écoles"]
    posts = [s for s in api.seen if s[0] == "POST"]
    assert len(posts) == 1 and posts[0][2]["X-AUTH-TOKEN"] == KEY


def test_without_a_key_or_with_a_wrong_one_the_refusal_is_the_feeds_error(api, monkeypatch):
    url = api.url("/api/aids/")
    monkeypatch.delenv(aides_territoires.KEY_VARIABLE, raising=False)
    with feed_client() as client:
        answer = fetch(client, Request(url))
        assert answer.error == "le serveur a répondu 401" and not api.seen[-1][2].get(
            "Authorization")
        monkeypatch.setenv(aides_territoires.KEY_VARIABLE, "mauvaise-cle")
        assert fetch(client, Request(url)).error == "le serveur a répondu 401"
        other = fetch(client, Request(api.url("/flux.xml")))  # not the aid API: no exchange
    assert other.status == 401 and [s[1] for s in api.seen if s[0] == "POST"] == [
        "/api/connexion/"]


def test_the_shipped_default_feeds_are_valid_addresses_each_with_its_rubric():
    outlines = read_opml(default_list(), FEED_RUBRICS)
    assert outlines
    for outline in outlines:
        assert check_url(outline.url) == outline.url and outline.url.startswith("https://")
        assert outline.rubric in FEED_RUBRICS and outline.title
    rubrics = {o.rubric for o in outlines}
    assert {"actualite", "rh", "marches", "financements"} <= rubrics
    aids = [o for o in outlines if o.rubric == "financements"]
    assert all(aides_territoires.is_aids_api(o.url) for o in aids)
