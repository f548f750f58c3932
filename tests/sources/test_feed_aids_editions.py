"""The real aids of the Manche (``../shared/corpus/aides``), polled from a server on 127.0.0.1
from a feed followed without a title, reach the editions: they name no financer (no
``source``), so their origin link is labelled by their publisher (« Aides aux collectivités »)
— a value the edition builder once did not read (``'Shown' object has no attribute
'ministry'``: the feeds' sync stopped on a traceback, its editions never built)."""

from __future__ import annotations

from datetime import date

import pytest

from vigie import pipeline
from vigie.documents.feed_list import add_feed
from vigie.documents.feed_poll import PollOptions
from vigie.documents.models import Document, Feed
from vigie.editions.models import Edition
from vigie.editions.reading import content_of

from .feed_server import FeedServer


@pytest.mark.django_db
def test_aids_without_financer_are_built_into_editions_with_their_origin(shared):
    data = shared("corpus", "aides", "aides-territoires_dataprovider_departement_manche_data"
                  ".json").read_bytes()
    with FeedServer({"/manche.json": data}) as server:
        add_feed(server.url("/manche.json"), "financements", departement="50")
        Feed.objects.update(fetch_articles=False)
        report = pipeline.sync_feeds(PollOptions(workers=1, host_delay=0.0))
    assert report.status == 0
    aid = Document.objects.get(title__startswith="Appel à projets 80ème anniversaire")
    assert not aid.details.get("source")  # the Manche names no financer
    day = aid.date_publi
    assert day == date(2023, 8, 22)
    items = [i for i in content_of(Edition.objects.get(date=day, departement="50")).items()
             if i.uid == aid.uid]
    assert items and items[0].origin is not None
    assert items[0].origin.label == "Aides aux collectivités"
    assert items[0].origin.url.startswith("https://test.manche.fr/guide-des-aides/")


@pytest.mark.django_db
def test_a_sync_of_feeds_with_nothing_to_tell_says_so(vigie, shared):
    """``vigie sync --source feeds`` told each feed with news or a problem, and nothing else:
    with no feed followed, or none due, it printed nothing at all."""
    code, out, err = vigie("sync", "--source", "feeds")
    assert code == 0 and out.startswith("Aucun flux suivi : vigie feeds add ADRESSE"), out + err
    data = shared("corpus", "aides", "aides-territoires_dataprovider_ademe_agir_data.json")
    with FeedServer({"/ademe.json": data.read_bytes()}) as server:
        add_feed(server.url("/ademe.json"), "financements")
        Feed.objects.update(fetch_articles=False)
        code, out, err = vigie("sync", "--source", "feeds")
        assert code == 0 and "ademe.json : 5 nouveau(x)" in out, out + err
        code, out, err = vigie("sync", "--source", "feeds")  # polled already: none is due
    assert code == 0 and out.startswith("Flux suivis : rien de nouveau, aucune anomalie "
                                        "(1 actif(s), relevés quand ils sont dus"), out + err
