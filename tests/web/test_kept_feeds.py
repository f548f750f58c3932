"""Feeds and calendars rendered once per version of their editions and kept
(``vigie.web.conditional``, ``vigie.web.page_cache``): asked again without a validator, as
many calendar programs do, they cost the validator's queries, not a reading of every item of
their window."""

from __future__ import annotations

import gzip

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from vigie.editions.models import Edition

pytestmark = pytest.mark.django_db
URLS = ["/calendrier/departement/36.ics", "/calendrier/national.ics",
        "/calendrier/theme/risques.ics", "/flux/departement/36/rss/",
        "/flux/national/atom/", "/flux/theme/risques/rss/", "/flux/rubrique/jo/atom/"]


def item_queries(queries: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in queries.captured_queries if "editions_editionitem" in q["sql"]]


@pytest.mark.parametrize("url", URLS)
def test_a_feed_asked_again_is_not_rendered_again(client, ingested_demo, url):
    first = client.get(url)
    assert first.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url)
    assert again.status_code == 200 and again.content == first.content
    assert again["ETag"] == first["ETag"] and again["Last-Modified"] == first["Last-Modified"]
    assert again.get("Content-Disposition") == first.get("Content-Disposition")
    assert item_queries(queries) == []
    assert len(queries) <= 2  # the window and its editions' state: whatever the items


@pytest.mark.parametrize("url", URLS[:2])
def test_a_kept_feed_is_sent_compressed_with_a_weak_validator(client, ingested_demo, url):
    plain = client.get(url)
    packed = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == plain.content
    assert packed["ETag"] == f"W/{plain['ETag']}"
    assert client.get(url, HTTP_ACCEPT_ENCODING="gzip",
                      HTTP_IF_NONE_MATCH=packed["ETag"]).status_code == 304


def test_a_new_edition_renders_the_calendar_again(client, ingested_demo):
    url = "/calendrier/departement/36.ics"
    first = client.get(url)
    Edition.objects.get(date=ingested_demo, departement="36").save()  # a revision
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url)
    assert again.status_code == 200 and again["ETag"] != first["ETag"]
    assert item_queries(queries)
