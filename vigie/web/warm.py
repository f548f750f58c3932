"""Rendering the day's pages right after its editions are built, so that readers never pay
the first render (``page_cache``).

Once a delivery's editions are built (``pipeline.editions``: the ingest, sync, analysis and
repair; the editions task of the workers; ``vigie editions``), the home page and the page of
every place of the latest edition days are requested here as a reader without a chosen
département would request them — the whole site application, middleware included — and so
kept in the shared cache for every server process. Only with a shared cache (Redis): without
one, pages kept in this batch process's memory would serve no reader; and only with the
site's secret key (the site application refuses to start without one). Only the latest days
(``DAYS``): a repair rebuilding a year of editions does not render a year of pages. A page
already kept for its version costs one small query and is left as it is; a failure is logged,
never raised — warming is a convenience, the site renders what it lacks.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterable
from datetime import date
from urllib.parse import urlsplit

from django.conf import settings

from vigie import config
from vigie.editions.models import Edition
from vigie.web.addresses import edition_path, home_path

DAYS = 2  # the latest edition days whose pages are rendered in advance
logger = logging.getLogger(__name__)


def warm_days(days: Iterable[date]) -> int:
    """Render and keep the pages of ``days`` that are among the latest edition days, and
    the home page; returns the number of pages requested (0 without a shared cache)."""
    if not settings.VIGIE_REDIS_URL:
        return 0
    problem = config.secret_key_problem(settings.SECRET_KEY)
    if problem:  # the site application refuses to start without a key of its own
        logger.info("pages du jour non rendues d'avance : %s", problem)
        return 0
    latest = set(Edition.objects.order_by("-date").values_list("date", flat=True)
                 .distinct()[:DAYS])
    wanted = sorted(set(days) & latest)
    if not wanted:
        return 0
    paths = [home_path()] + [
        edition_path(day, place) for day, place in
        Edition.objects.filter(date__in=wanted).order_by("date", "departement")
        .values_list("date", "departement")]
    try:
        request = _requester()
        for path in paths:
            request(path)
    except Exception:  # noqa: BLE001  (the editions are built: a page not warmed is rendered)
        logger.exception("pages du jour non rendues d'avance")
        return 0
    return len(paths)


def _requester():
    """A function requesting a path from the site application, as a plain reader would:
    every middleware and view, but not the WSGI handler's request signals, which would close
    this batch's database connection (and with it the session lock of its run)."""
    from django.core.handlers.wsgi import WSGIHandler, WSGIRequest

    application = WSGIHandler()
    site = urlsplit(settings.VIGIE_SITE_URL)
    host = site.hostname or "127.0.0.1"
    allowed = settings.ALLOWED_HOSTS
    if host not in allowed and "*" not in allowed:
        host = next((h for h in allowed if h and not h.startswith(".") and h != "*"), host)
    secure = site.scheme == "https"
    port = str(site.port or (443 if secure else 80))

    def request(path: str) -> None:
        application.get_response(WSGIRequest({
            "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "",
            "SERVER_NAME": host, "SERVER_PORT": port, "HTTP_HOST": host,
            "SERVER_PROTOCOL": "HTTP/1.1", "wsgi.url_scheme": site.scheme or "http",
            "wsgi.input": io.BytesIO(), "wsgi.errors": io.StringIO(),
            "HTTP_ACCEPT_ENCODING": "gzip",
        }))  # not closed: closing fires ``request_finished``

    return request
