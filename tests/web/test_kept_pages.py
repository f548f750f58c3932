"""Rendered pages kept in the shared cache (Redis) when it is configured, and the site still
answering, from each process's memory, when Redis is down (``vigie.web.page_cache``)."""

from __future__ import annotations

import uuid

import pytest

from tests.web.shared_cache import NOBODY, REDIS_URL, get, pages_in
from vigie.web import page_cache

pytestmark = pytest.mark.django_db
def test_pages_are_kept_in_redis_for_every_worker(client, settings, ingested_demo,
                                                  redis_server):
    prefix = f"vigie-test-{uuid.uuid4().hex}"
    pages_in(settings, REDIS_URL, prefix)
    urls = (f"/edition/{ingested_demo}/national/", f"/edition/{ingested_demo}/36/",
            "/recherche/?q=communes")
    try:
        first = {url: get(client, url) for url in urls}
        assert len(redis_server.keys(f"{prefix}:*")) == len(urls)
        settings.CACHES = {**settings.CACHES, "pages-local": {  # another process's memory
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": prefix}}
        pages_in(settings, REDIS_URL, prefix)
        for url, (page, queries) in first.items():
            again, fewer = get(client, url)
            assert again == page and fewer < queries, url
    finally:
        for key in redis_server.keys(f"{prefix}:*"):
            redis_server.delete(key)


def test_the_site_answers_when_redis_is_down(client, settings, ingested_demo, monkeypatch):
    monkeypatch.setattr(page_cache, "_down_until", 0.0)  # restored after the test
    url = f"/edition/{ingested_demo}/18/"
    expected, rendered = get(client, url)  # this process's memory: the embedded default
    pages_in(settings, NOBODY, "vigie-test")
    for address in (url, "/recherche/?q=communes", "/"):
        assert client.get(address).status_code == 200
    page, queries = get(client, url)  # Redis left aside: this process's memory serves
    assert page == expected and queries < rendered
