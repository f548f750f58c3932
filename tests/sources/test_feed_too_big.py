"""A feed larger than Vigie reads (``sources.feeds.MAX_BYTES``), served over HTTP or given as
a ``file://`` address: refused unread, as before, but the failure said only « réponse trop
volumineuse »: neither the limit nor what to check. Found by following a 110 Mo copy of a
real feed (its items repeated)."""

from __future__ import annotations

import httpx
import pytest

from tests.sources.feed_server import FeedServer
from vigie.sources import feeds
from vigie.sources.feeds import Request, fetch

ITEM = b"<item><title>Actualit\xc3\xa9</title><link>https://exemple.fr/a</link></item>"
BIG = b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>' + ITEM * 100 + \
    b"</channel></rss>"
SAID = ("réponse de plus de 4 ko (la limite de Vigie pour un flux ou une page), refusée sans "
        "être lue : vérifiez l'adresse (un export complet plutôt que le flux ?)")


@pytest.fixture
def small_limit(monkeypatch) -> None:
    monkeypatch.setattr(feeds, "MAX_BYTES", 4096)


def test_a_feed_too_big_over_http_says_the_limit(small_limit):
    with FeedServer({"/gros.xml": BIG}) as srv, httpx.Client() as client:
        answer = fetch(client, Request(srv.url("/gros.xml")))
    assert answer.status == 0 and not answer.body and answer.error == SAID


def test_a_feed_file_too_big_says_the_limit(small_limit, tmp_path):
    path = tmp_path / "gros.xml"
    path.write_bytes(BIG)
    with httpx.Client() as client:
        answer = fetch(client, Request(path.as_uri()))
    assert answer.status == 0 and answer.error == SAID
