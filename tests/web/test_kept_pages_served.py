"""How kept pages are served (``vigie.web.page_cache``): compressed for clients that take
gzip, plain for the others, with every header a rendered page has (CSP, HSTS over HTTPS,
Vary, a validator good for a 304); the reader's remembered département never shown to
another; each process's own copy in front of Redis; the day's pages rendered right after
its editions (``vigie.web.warm``); nothing personal kept, the unsubscribe page never."""

from __future__ import annotations

import gzip
import uuid
from datetime import UTC, datetime

import pytest
from django.core.cache import caches
from django.test import Client

from tests.web.shared_cache import REDIS_URL, get, pages_in
from vigie.web import page_cache
from vigie.web.hardening import CSP

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_pages(settings, redis_server):
    """The shared page cache in Redis under a prefix of this test, emptied after."""
    prefix = f"vigie-test-{uuid.uuid4().hex}"
    pages_in(settings, REDIS_URL, prefix)
    settings.VIGIE_REDIS_URL = REDIS_URL
    yield prefix
    for key in redis_server.keys(f"{prefix}:*"):
        redis_server.delete(key)


def test_kept_pages_are_sent_compressed_to_clients_that_take_gzip(client, ingested_demo):
    for url in (f"/edition/{ingested_demo}/national/", "/recherche/?q=communes", "/"):
        plain = client.get(url)
        for _ in range(2):  # rendered and kept, then the kept page
            packed = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
            assert packed.status_code == 200 and packed["Content-Encoding"] == "gzip", url
            assert gzip.decompress(packed.content) == plain.content, url
            assert "Accept-Encoding" in packed["Vary"] and "Accept-Encoding" in plain["Vary"]
            assert packed["Content-Security-Policy"] == CSP and packed["X-Frame-Options"]
            assert not packed.cookies
        assert "Content-Encoding" not in client.get(url)  # no gzip asked: plain, from the kept


def test_a_kept_edition_page_answers_304_to_its_validator(client, ingested_demo):
    url = f"/edition/{ingested_demo}/18/"
    client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    packed = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    plain = client.get(url)
    assert packed["ETag"] == f"W/{plain['ETag']}"  # other bytes: a weak validator
    for etag in (packed["ETag"], plain["ETag"]):
        again = client.get(url, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=etag)
        assert again.status_code == 304 and not again.content
    assert "public" in packed["Cache-Control"] and "Cookie" in packed["Vary"]


def test_kept_pages_over_https_keep_hsts(client, ingested_demo):
    url = f"/edition/{ingested_demo}/national/"
    for _ in range(2):
        answer = client.get(url, secure=True, HTTP_ACCEPT_ENCODING="gzip")
        assert answer["Strict-Transport-Security"].startswith("max-age=")
    assert "Strict-Transport-Security" not in client.get(url)  # plain HTTP: never


def test_the_remembered_departement_is_never_shown_to_another_reader(ingested_demo):
    cher, nobody = Client(), Client()
    cher.cookies["vigie_departement"] = "18"
    urls = ("/", f"/edition/{ingested_demo}/36/")
    rendered = {(reader, url): reader.get(url).content for reader in (cher, nobody)
                for url in urls}
    assert "Cher (18)" in rendered[cher, "/"].decode()
    assert "Édition nationale" in rendered[nobody, "/"].decode()
    for (reader, url), page in rendered.items():  # kept now: each reader still gets theirs
        assert gzip.decompress(reader.get(url, HTTP_ACCEPT_ENCODING="gzip").content) == page
        assert reader.get(url).content == page


def test_each_process_keeps_its_own_copy_in_front_of_redis(client, ingested_demo,
                                                           shared_pages, redis_server):
    url = f"/edition/{ingested_demo}/national/"
    caches[page_cache.LOCAL].clear()  # the pages kept by earlier tests of this process
    page, rendered = get(client, url)
    for key in redis_server.keys(f"{shared_pages}:*"):
        redis_server.delete(key)  # the shared copy gone (expired, or Redis restarted)
    again, queries = get(client, url)  # this process's copy: its version, not a render
    assert again == page and queries < rendered


def test_the_days_pages_are_rendered_right_after_its_editions(client, ingested_demo,
                                                              shared_pages, redis_server):
    from vigie import pipeline
    from vigie.editions.models import Edition

    caches[page_cache.LOCAL].clear()  # the pages a reader met earlier in this process
    pipeline.editions(set(), [ingested_demo])  # the editions step of every ingest
    places = Edition.objects.filter(date=ingested_demo).count()
    assert len(redis_server.keys(f"{shared_pages}:*:edition:*")) == places + 1  # and the home
    caches[page_cache.LOCAL].clear()  # another server process
    page, queries = get(client, f"/edition/{ingested_demo}/36/")
    assert queries == 1 and "Indre (36)" in page.decode()  # the version, then the kept page


def test_without_a_shared_cache_nothing_is_rendered_in_advance(ingested_demo, settings):
    from vigie.web.warm import warm_days

    settings.VIGIE_REDIS_URL = ""
    assert warm_days([ingested_demo]) == 0


def test_the_unsubscribe_page_is_never_kept(client):
    from vigie.mailing.models import Subscriber
    from vigie.mailing.subscribing import links

    reader = Subscriber.objects.create(
        email="lecteur@exemple.fr", status="active", departement="18", alerts=False,
        confirmed_at=datetime(2026, 10, 1, tzinfo=UTC), consent_means="test")
    leave = links.unsubscribe_path(links.holder_of(reader))
    for _ in range(2):
        page = client.get(leave, HTTP_ACCEPT_ENCODING="gzip")
        assert page.status_code == 200 and "Content-Encoding" not in page
        assert "public" not in page.get("Cache-Control", "")
    left = Client().post(leave, "List-Unsubscribe=One-Click",
                         content_type="application/x-www-form-urlencoded")
    assert left.status_code == 200
    assert Subscriber.objects.get().status == Subscriber.UNSUBSCRIBED
