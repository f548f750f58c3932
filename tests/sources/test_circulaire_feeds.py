"""A bulletin officiel's feed followed in « Circulaires et instructions »: ``vigie feeds add
URL --rubric circulaires`` is accepted and its items land in that rubric, selected as the
other feeds' items are (a feed written for these tests, served on 127.0.0.1)."""

from __future__ import annotations

from datetime import date

import pytest

from vigie import pipeline
from vigie.analysis.models import Analysis
from vigie.documents.feed_poll import PollOptions
from vigie.documents.models import Document, Feed
from vigie.editions.models import Edition
from vigie.editions.reading import content_of

from .feed_server import FeedServer
from .test_feeds import rss

pytestmark = pytest.mark.django_db


def test_a_bulletin_officiel_feed_fills_the_circulaires_rubric(vigie):
    with FeedServer() as server:
        server.files["/bo.xml"] = rss([
            ("Circulaire relative à l'organisation du temps scolaire dans les écoles "
             "maternelles et élémentaires des communes", server.url("/bo/temps-scolaire.html"),
             "Instruction aux préfets et aux maires sur les demandes de dérogation à "
             "l'organisation de la semaine scolaire présentées par les communes."),
        ], title="Bulletin officiel de l'éducation nationale")
        code, out, err = vigie("feeds", "add", server.url("/bo.xml"), "--rubric",
                               "circulaires")
        assert code == 0 and "Flux ajouté" in out, err
        Feed.objects.update(fetch_articles=False)
        pipeline.sync_feeds(PollOptions(workers=1, host_delay=0.0))
    doc = Document.objects.get(rubric="circulaires")
    assert doc.title.startswith("Circulaire relative à l'organisation du temps scolaire")
    analysis = Analysis.objects.get(document=doc)
    assert analysis.retained and analysis.decision["theme"] == "education", analysis.decision
    edition = Edition.objects.get(date=date(2026, 10, 14), departement="73")
    assert [i.uid for i in content_of(edition).items() if i.rubric == "circulaires"] == [doc.uid]
