"""The shared page cache of the web tests: the test Redis (VIGIE_TEST_REDIS_URL), an address
where no Redis answers, pointing the ``pages`` cache at either, and reading a page with the
number of queries it took (a kept page takes fewer than a rendered one)."""

from __future__ import annotations

import os

from django.db import connection
from django.test.utils import CaptureQueriesContext

REDIS_URL = os.environ.get("VIGIE_TEST_REDIS_URL", "redis://127.0.0.1:6379/5")
NOBODY = "redis://127.0.0.1:1/0"  # no server listens on port 1


def pages_in(settings, url: str, prefix: str) -> None:
    """The shared page cache at ``url``, its keys under ``prefix``."""
    settings.CACHES = {**settings.CACHES, "pages": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url,
        "KEY_PREFIX": prefix, "OPTIONS": {"socket_connect_timeout": 0.3, "socket_timeout": 0.5}}}


def get(client, url: str) -> tuple[bytes, int]:
    with CaptureQueriesContext(connection) as queries:
        answer = client.get(url)
    assert answer.status_code == 200
    return answer.content, len(queries)
