"""A server that drips its answer (each byte within the client's read timeout) no longer holds
a run: feeds, retried API reads, DILA listings and downloads, Parliament downloads give up
with a French reason, and a download keeps what came for the next run (``sources.pace``).

The drip server sends a byte every 20 ms for at most 6 s and then closes the connection
cut short: without the pace rules the small answers end on a transport error after the whole
drip, and the downloads ask again for ever (each attempt brings bytes, which restarts their
count of failures)."""

from __future__ import annotations

import itertools
import time
from http.server import BaseHTTPRequestHandler

import httpx
import pytest

from tests.sources.local_server import LocalServer, QuietHandler
from vigie.sources import dila, feeds, fetch, pace
from vigie.sources.http import SourceError
from vigie.sources.patient_get import Asked, get_whole

DRIP_SECONDS = 6.0
LENGTH = 100_000


class DripServer(LocalServer):
    """Answers every GET with a 200 announcing ``LENGTH`` bytes, sent a byte at a time."""

    def __init__(self) -> None:
        self.asked = 0
        super().__init__()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(QuietHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                with server._lock:
                    server.asked += 1
                self.send_response(200)
                self.send_header("Content-Length", str(LENGTH))
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.end_headers()
                stop = time.monotonic() + DRIP_SECONDS
                try:
                    while time.monotonic() < stop:
                        self.wfile.write(b"<")
                        self.wfile.flush()
                        time.sleep(0.02)
                except OSError:  # the client gave up: what the tests want
                    pass

        return Handler


@pytest.fixture
def drip(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(pace, "ANSWER_SECONDS", 0.5)
    monkeypatch.setattr(pace, "WINDOW_SECONDS", 0.5)
    monkeypatch.setattr(pace, "FLOOR_BYTES", 10_000)
    with DripServer() as server:
        yield server


def test_a_dripping_feed_is_given_up_with_a_reason(drip: DripServer) -> None:
    with httpx.Client() as client:
        answer = feeds.fetch(client, feeds.Request(drip.root))
    assert answer.status == 0
    assert "réponse trop lente" in answer.error


def test_a_dripping_api_answer_is_not_asked_again(drip: DripServer) -> None:
    asked = Asked(drip.root, None, {}, refuse=lambda response: None,
                  too_big=lambda body: SourceError("trop gros"),
                  gave_up=lambda failures, reason: f"{failures} échec(s) : {reason}")
    with httpx.Client() as client, pytest.raises(SourceError) as raised:
        get_whole(client, asked, max_bytes=10 * LENGTH, retries=3, backoff=0.0,
                  sleep=lambda seconds: None)
    assert str(raised.value).startswith("1 échec(s) : réponse trop lente")
    assert drip.asked == 1


def test_a_dripping_dila_listing_is_given_up(drip: DripServer) -> None:
    with httpx.Client() as client, pytest.raises(SourceError) as raised:
        dila.fetch_listing(client, drip.root, 3, 0.0, lambda seconds: None)
    assert "réponse trop lente" in str(raised.value)
    assert drip.asked == 1


def test_a_dripping_delivery_keeps_what_came_for_the_next_run(drip: DripServer,
                                                              tmp_path) -> None:
    remote = dila.RemoteDelivery("JORF_20261014-011502.tar.gz", drip.root, "jorf",
                                 "20261014-011502")
    with pytest.raises(SourceError) as raised:
        dila.download(remote, tmp_path, retries=3, backoff=0.0, progress=False,
                      sleep=lambda seconds: None)
    assert "téléchargement trop lent" in str(raised.value)
    assert drip.asked == 1
    part = tmp_path / "JORF_20261014-011502.tar.gz.part"
    assert 0 < part.stat().st_size < LENGTH


def test_a_dripping_parliament_archive_is_given_up(drip: DripServer, tmp_path) -> None:
    with pytest.raises(SourceError) as raised:
        fetch.fetch(drip.root, tmp_path / "Dossiers.json.zip", retries=3, backoff=0.0,
                    progress=False, sleep=lambda seconds: None)
    assert "téléchargement trop lent" in str(raised.value)
    assert drip.asked == 1


class HugeListing(LocalServer):
    """A « listing » that never ends, fast."""

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        class Handler(QuietHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                self.send_response(200)
                self.end_headers()
                try:
                    for _ in range(20_000):  # 20 Mo of links, over the cap
                        self.wfile.write(b'<a href="x">x</a>' * 60)
                except OSError:
                    pass

        return Handler


def test_a_listing_past_its_cap_is_refused() -> None:
    with HugeListing() as server, httpx.Client() as client, \
            pytest.raises(SourceError) as raised:
        dila.fetch_listing(client, server.root, 0, 0.0, lambda seconds: None)
    assert "dépasse 16 Mo" in str(raised.value)


def test_a_slow_line_passes_the_pace_a_drip_does_not() -> None:
    ticks = itertools.count(0, 1.0)  # a chunk every second
    clock = lambda: float(next(ticks))  # noqa: E731 - a clock
    slow_line = [b"x" * 70_000] * 300  # 70 ko/s: under a modem's pace, over the floor
    assert len(list(pace.at_pace(slow_line, clock=clock))) == 300
    with pytest.raises(pace.TooSlow, match="trop lent"):
        list(pace.at_pace([b"x" * 500] * 300, clock=clock))
    with pytest.raises(pace.TooSlow, match="après 120 s"):
        list(pace.within([b"x"] * 300, clock=clock))
