"""What a feed's server or content names — where it redirects, the pages its items link to —
is fetched from public addresses only (or from the feed's own host and port, the operator's
choice): a feed cannot make Vigie query a service of its own machine or network (issue 13,
tried as an attacker)."""

from __future__ import annotations

import pytest

from vigie import pipeline
from vigie.documents.feed_list import add_feed
from vigie.documents.models import Anomaly, Document, Feed
from vigie.sources.public import is_private

from .feed_server import FeedServer
from .test_feeds import ARTICLE, FAST, rss

PAGE = ARTICLE.format(title="Page", body="Le texte de la page publiée par la source. " * 8)
SECRET = ARTICLE.format(title="Secret", body="Réponse d'un service interne, à ne pas lire. " * 8)


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "intranet.localhost", "10.1.2.3",
                                  "192.168.0.10", "169.254.169.254", "100.64.0.1", "::1",
                                  "[::ffff:127.0.0.1]", "0.0.0.0", "2130706433", "127.1"])
def test_addresses_that_are_not_public(host):
    assert is_private(host)


@pytest.mark.parametrize("host", ["8.8.8.8", "2001:4860:4860::8888",
                                  "nom-qui-ne-se-resout-pas.invalid"])
def test_public_or_unresolved_addresses_are_left_to_the_request(host):
    assert not is_private(host)


@pytest.mark.django_db
def test_a_feed_cannot_make_vigie_read_another_service_of_the_machine():
    """Items linking to another port of this machine, directly or through a redirect of
    the feed's own server: neither is asked; the feed's own pages still are."""
    with FeedServer({"/secret.html": SECRET.encode()}) as inside, FeedServer() as srv:
        srv.files.update({
            "/page.html": PAGE.encode(),
            "/flux.xml": rss([
                ("Une page de la source", srv.url("/page.html"), "Sur le site de la source."),
                ("Un service interne", inside.url("/secret.html"), "Lien direct."),
                ("Un détour", srv.url("/detour.html"), "Redirigé vers le service interne."),
            ], title="Flux piégé"),
        })
        srv.moved["/detour.html"] = inside.url("/secret.html")
        add_feed(srv.url("/flux.xml"), "actualite", licence="Licence Ouverte 2.0")
        pipeline.sync_feeds(FAST)
        assert inside.requests == []  # never asked, directly or redirected
        assert len(srv.hits("/detour.html")) == 1 and len(srv.hits("/page.html")) == 1
    page = Document.objects.get(title="Une page de la source")
    assert page.details["extraction"] == "done"
    for title in ("Un service interne", "Un détour"):
        doc = Document.objects.get(title=title)
        assert doc.details["extraction"] == "failed" and not doc.details["full_text"]
    refused = list(Anomaly.objects.filter(message__contains="adresse non publique refusée")
                   .values_list("message", flat=True))
    assert len(refused) == 2, refused
    assert all("article non extrait : adresse non publique refusée (127.0.0.1)" in m
               for m in refused), refused
    assert not [d for d in Document.objects.all()
                if "service interne" in d.details.get("full_text", "")]


@pytest.mark.django_db
def test_a_feed_redirected_to_another_service_of_the_machine_stays_where_it_was():
    """« Moved permanently » to another port of this machine: not followed, the feed keeps its
    address (it moved there for good before), the failure is said; a move on the feed's own
    server is still followed."""
    with FeedServer({"/flux.xml": rss([("Intérieur", "https://exemple.fr/i", "x")])}) as inside, \
            FeedServer({"/nouveau.xml": rss([("Déménagé", "https://exemple.fr/d", "y")])}) as srv:
        srv.moved["/bascule.xml"] = inside.url("/flux.xml")
        srv.moved["/ancien.xml"] = "/nouveau.xml"
        for path in ("/bascule.xml", "/ancien.xml"):
            add_feed(srv.url(path), "actualite")
        Feed.objects.update(fetch_articles=False)
        pipeline.sync_feeds(FAST)
        assert inside.requests == []
    tricked = Feed.objects.get(url=srv.url("/bascule.xml"))
    assert not tricked.moved_from and tricked.failures == 1
    assert tricked.last_error.startswith("adresse non publique refusée (127.0.0.1)")
    assert Feed.objects.get(moved_from=srv.url("/ancien.xml")).url == srv.url("/nouveau.xml")
    assert not Document.objects.filter(title="Intérieur").exists()
    assert Document.objects.filter(title="Déménagé").exists()
