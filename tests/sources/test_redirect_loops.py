"""A server that answers every request with a redirect to another of its addresses (a loop,
a misconfigured proxy): each source says so in French and the run goes on. ``vigie sync``
of the Journal officiel and of the Parliament ended on a Python trace (« TooManyRedirects :
Exceeded maximum allowed redirects. »), a feed said it in English."""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from vigie.commands.output import printer
from vigie.sources.dila import RemoteDelivery, download, list_deliveries
from vigie.sources.feeds import Request, feed_client, fetch
from vigie.sources.http import SourceError

LOOP = "trop de redirections"


class _Looping(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self.send_response(302)
        self.send_header("Location", "/b" if self.path != "/b" else "/a")
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture
def looping() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Looping)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def test_a_feed_in_a_redirect_loop_says_so_in_french(looping):
    with feed_client() as client:
        answer = fetch(client, Request(looping + "rss.xml"))
    assert answer.status == 0 and LOOP in answer.error, answer.error
    assert "Exceeded" not in answer.error


def test_the_dila_listing_and_download_in_a_loop_are_a_french_failure(looping, tmp_path):
    with pytest.raises(SourceError, match=LOOP):
        list_deliveries(looping, "jorfsimple", sleep=lambda _s: None)
    name = "JORFSIMPLE_20260921-220149.tar.gz"
    remote = RemoteDelivery(name, looping + name, "jorfsimple", "20260921-220149")
    with pytest.raises(SourceError, match=LOOP):
        download(remote, tmp_path, progress=False, sleep=lambda _s: None)


@pytest.mark.django_db
def test_a_parliament_sync_in_a_loop_is_a_french_failure(looping, settings):
    from vigie.documents.parlement_sync import sync_parlement

    settings.VIGIE_AN_BASE_URL = looping + "an/"
    out, err = io.StringIO(), io.StringIO()
    report = sync_parlement(["an"], since=date(2024, 1, 1), notify=printer(out, err),
                            sleep=lambda _s: None)
    assert report.status == 1
    assert LOOP in err.getvalue(), (out.getvalue(), err.getvalue())
    assert isinstance(httpx.TooManyRedirects("x"), httpx.RequestError)  # (what is caught)
