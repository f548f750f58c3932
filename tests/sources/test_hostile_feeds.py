"""A feed written to break Vigie: half a surrogate pair (« &#xD800; ») made feedparser raise
in the thread that fetched it, which died, and the feeds' sync waited for its answer forever;
a date « 0000 » did the same; « &#0; » reached PostgreSQL, which refuses NUL; a title of
200 000 characters was stored whole. Each is now said or mended, and the sync goes on."""

from __future__ import annotations

import threading

import pytest

from vigie import pipeline
from vigie.documents import feed_poll, feed_reading
from vigie.documents.feed_list import add_feed
from vigie.documents.feed_poll import PollOptions
from vigie.documents.feed_reading import Payload, read_body
from vigie.documents.models import Anomaly, Document, Feed
from vigie.parsing.feed import TITLE_LIMIT
from vigie.sources.feeds import Request, fetch_and_read

from .feed_server import FeedServer

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Veille</title><link>https://exemple.fr/</link>
<item><title>Commune de Bourges {title}</title><link>https://exemple.fr/{path}</link>
<guid>https://exemple.fr/{path}</guid><description>La commune {description}</description>
<pubDate>{published}</pubDate></item></channel></rss>"""
DAY = "Mon, 05 Oct 2026 10:00:00 +0000"


def _feed(title: str = "", description: str = "", published: str = DAY,
          path: str = "a") -> bytes:
    return RSS.format(title=title, description=description, published=published,
                      path=path).encode()


def test_half_a_surrogate_pair_is_an_unreadable_feed_not_an_exception():
    payload = read_body(_feed(title="&#xD800;"))
    assert payload.feed is None and payload.error.startswith(
        "ce n'est pas un flux RSS ou Atom lisible : feedparser n'a pas pu le lire")


def test_a_date_of_year_zero_is_no_date_and_controls_are_dropped():
    payload = read_body(_feed(title="&#0;x&#1;y", description="&#x7;z", published="0000"))
    entry = payload.feed.entries[0]
    assert entry.published is None
    assert entry.title == "Commune de Bourges xy" and entry.summary == "La commune z"


def test_a_huge_title_is_cut():
    entry = read_body(_feed(title="x" * 200_000)).feed.entries[0]
    assert len(entry.title) <= TITLE_LIMIT


def test_a_reading_that_raises_is_that_feeds_failure_not_waited_for():
    def read(body: bytes) -> str:
        if b"piege" in body:
            raise RuntimeError("lecture impossible")
        return "lu"

    outcome: list[tuple[str, str, str | None]] = []

    def run() -> None:
        requests = [Request(server.url(p)) for p in ("/piege.xml", "/ok.xml")]
        for answer, read_as in fetch_and_read(requests, read, workers=1, host_delay=0.0):
            outcome.append((answer.url.rpartition("/")[2], answer.error, read_as))

    with FeedServer({"/piege.xml": _feed(path="piege"), "/ok.xml": _feed()}) as server:
        waiting = threading.Thread(target=run, daemon=True)
        waiting.start()
        waiting.join(20)
    assert not waiting.is_alive(), "the sync waited forever for a dead reader"
    assert outcome == [("piege.xml", "erreur inattendue en lisant ce flux (RuntimeError : "
                        "lecture impossible)", None), ("ok.xml", "", "lu")]


def test_a_reading_process_says_an_unforeseen_error_as_that_feeds_failure(monkeypatch):
    def read(body: bytes) -> Payload:
        if b"piege" in body:
            raise KeyError("entries")
        return Payload()

    monkeypatch.setattr(feed_reading, "read_body", read)
    payloads = feed_reading._read_batch([_feed(path="piege"), _feed()])
    assert [p.error for p in payloads] == [
        "erreur inattendue en lisant ce flux (KeyError : 'entries')", ""]


@pytest.mark.django_db
def test_a_feed_whose_reading_raises_fails_alone_and_the_sync_says_it(monkeypatch, vigie):
    """README: « Un flux en échec n'arrête jamais les autres ». An error nothing foresaw in
    one feed's reading stopped the whole ``vigie sync --source feeds``."""
    real = feed_poll.read_body

    def read(body: bytes) -> Payload:
        if b"piege" in body:
            raise RuntimeError("lecture impossible")
        return real(body)

    monkeypatch.setattr(feed_poll, "read_body", read)
    with FeedServer({"/piege.xml": _feed(title="piégé", path="piege"),
                     "/ok.xml": _feed()}) as server:
        add_feed(server.url("/piege.xml"), "actualite")
        add_feed(server.url("/ok.xml"), "actualite")
        Feed.objects.update(fetch_articles=False)
        status, out, err = vigie("sync", "--source", "feeds")
    assert status == 1
    assert list(Document.objects.values_list("title", flat=True)) == ["Commune de Bourges"]
    trapped = Feed.objects.get(url=server.url("/piege.xml"))
    assert trapped.failures == 1 and trapped.next_attempt is not None
    assert trapped.last_error == "erreur inattendue en lisant ce flux (RuntimeError : " \
                                 "lecture impossible)"
    said = Anomaly.objects.get(delivery=trapped.url)
    assert said.message == trapped.last_error
    assert "Traceback" not in out + err


@pytest.mark.django_db
def test_a_sync_stores_the_mended_items_and_says_the_broken_feed():
    with FeedServer({"/ok.xml": _feed(title="&#0;", published="0000"),
                     "/broken.xml": _feed(title="&#xD800;", path="b")}) as server:
        add_feed(server.url("/ok.xml"), "actualite")
        add_feed(server.url("/broken.xml"), "actualite")
        Feed.objects.update(fetch_articles=False)
        report = pipeline.sync_feeds(PollOptions(workers=1, host_delay=0.0))
    said = {i.input.rpartition("/")[2]: i for i in report.inputs}
    assert said["broken.xml"].status != "ok" and "feedparser" in str(said["broken.xml"])
    assert list(Document.objects.values_list("title", flat=True)) == ["Commune de Bourges"]


@pytest.mark.parametrize("head, said", [
    (b'{"idweb": "26-1", "objet": ', "réponse de l'API BOAMP illisible"),
    (b'{"ListeDispositifs": ', "liste d'aides illisible"),
    (b'[{"targeted_audiences": ', "liste d'aides illisible"),
])
def test_json_nested_past_pythons_stack_is_said_not_raised(head, said):
    """« [[[[… » 100 000 deep in a BOAMP answer or an aid list raised ``RecursionError``
    out of ``read_body`` (an « unexpected error » of the feed, in Python's words)."""
    payload = read_body(head + b"[" * 100_000 + b"]" * 100_000 + b"}")
    assert payload.error == f"{said} (imbrication trop profonde pour être lue)"
