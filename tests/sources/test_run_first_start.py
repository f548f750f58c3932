"""A new user's first ``vigie run``: on a database that never had its feeds set up, Vigie's
default list is installed before the feeds are read, and said; once only (an operator who
removed them all keeps none; ``vigie feeds defaults`` counts as the offer), never with
``--offline`` nor for a run that does not read the feeds."""

from __future__ import annotations

import pytest

from vigie.documents import feed_list
from vigie.documents.models import Document, Feed, Watermark
from vigie.operations.models import Run

from .every_source import NEWS
from .feed_server import FeedServer

HR = (NEWS.replace(b"Dotation de soutien aux communes rurales : les montants 2026",
                  b"Temps partiel des agents territoriaux : le nouveau bar\xc3\xa8me")
      .replace(b"/dotation", b"/temps-partiel"))
LIST = """<?xml version="1.0" encoding="UTF-8"?><opml version="2.0"><head><title>Défaut</title>
</head><body><outline text="Actualité" category="actualite">
<outline type="rss" text="Actualités A" category="actualite" xmlUrl="{a}"/>
<outline type="rss" text="Actualités B" category="rh" xmlUrl="{b}"/>
</outline></body></opml>"""


@pytest.fixture
def default_feeds(db, monkeypatch):
    """Vigie's default list: two feeds on a server of 127.0.0.1."""
    with FeedServer({"/a.xml": NEWS, "/b.xml": HR}) as server:
        opml = LIST.format(a=server.url("/a.xml"), b=server.url("/b.xml")).encode()
        monkeypatch.setattr(feed_list, "default_list", lambda: opml)
        yield server


def test_a_first_run_follows_the_default_list_and_reads_it(vigie, default_feeds):
    code, out, err = vigie("run", "--source", "feeds", "--no-serve")
    assert code == 0, err
    assert ("Flux suivis : aucun encore, Vigie suit sa liste par défaut (2 flux d'actualités, "
            "d'avis du BOAMP et d'aides aux collectivités) ; vigie feeds list pour les voir, "
            "vigie feeds remove ADRESSE pour en retirer un") in out
    assert Feed.objects.filter(shipped=True).count() == 2
    assert len(default_feeds.hits("/a.xml")) == 1 and len(default_feeds.hits("/b.xml")) == 1
    assert set(Document.objects.values_list("rubric", flat=True)) == {"actualite", "rh"}
    assert dict(Run.objects.values_list("source", "status")) == {"flux": Run.OK}


def test_feeds_removed_are_not_given_back(vigie, default_feeds):
    assert vigie("run", "--source", "feeds", "--no-serve")[0] == 0
    assert Feed.objects.count() == 2
    for url in Feed.objects.values_list("url", flat=True):
        assert vigie("feeds", "remove", url)[0] == 0
    code, out, err = vigie("run", "--no-serve", "--source", "feeds")
    assert code == 0, err
    assert "liste par défaut" not in out and not Feed.objects.exists()
    assert "Aucun flux suivi" in out


def test_vigie_feeds_defaults_counts_as_the_offer(vigie, default_feeds):
    assert vigie("feeds", "defaults")[0] == 0
    assert Watermark.objects.filter(source=feed_list.OFFERED).exists()
    Feed.objects.all().delete()
    code, out, _ = vigie("run", "--source", "feeds", "--no-serve")
    assert code == 0 and "liste par défaut" not in out and not Feed.objects.exists()


def test_followed_feeds_are_left_as_they_are(vigie, default_feeds):
    vigie("feeds", "add", default_feeds.url("/a.xml"), "--rubric", "documentation")
    code, out, _ = vigie("run", "--source", "feeds", "--no-serve")
    assert code == 0 and "liste par défaut" not in out
    assert list(Feed.objects.values_list("rubric", flat=True)) == ["documentation"]


@pytest.mark.parametrize("options", [["--offline"], ["--source", "dila"]])
def test_no_list_without_reading_the_feeds(vigie, default_feeds, options):
    code, out, _ = vigie("run", "--no-serve", *options)
    assert "liste par défaut" not in out and not Feed.objects.exists()
    assert not Watermark.objects.filter(source=feed_list.OFFERED).exists()
    assert not default_feeds.requests


def test_no_list_when_the_feeds_are_skipped(vigie, default_feeds, settings):
    settings.VIGIE_SOURCES_SKIPPED = "feeds dila circulaires an senat eu"  # nothing to wait for
    code, out, _ = vigie("run", "--no-serve")
    assert "liste par défaut" not in out and not Feed.objects.exists()
    assert "Laissé(s) de côté (VIGIE_SOURCES_SKIPPED)" in out
    assert not default_feeds.requests
