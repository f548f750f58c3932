"""What the child processes of ``bench/web.py`` do besides filling: serve the site (gunicorn
as ``vigie serve`` runs it, or Django's development server) with a trivial page beside it,
the ceiling; and ingest the demonstration again and again, the load of a morning.
"""

from __future__ import annotations

import sys
from pathlib import Path

urlpatterns: list = []  # set by ``serve``: the trivial page, then the site's


def trivial_page(request):
    """The ceiling: a fixed small page through the same server, middleware and URL routing."""
    from django.http import HttpResponse

    return HttpResponse("<!DOCTYPE html><html lang=\"fr\"><title>Vigie</title><p>Bonjour.</p>",
                        content_type="text/html; charset=utf-8")


def serve(server: str) -> None:
    """Serve the site with the trivial page beside it: Django's development server
    (``dev``: threaded WSGIServer, one process) or gunicorn as ``vigie serve`` runs it
    (``gunicorn``: VIGIE_WEB_WORKERS processes of VIGIE_WEB_THREADS threads)."""
    from django.conf import settings
    from django.core.cache import caches
    from django.urls import include, path

    # Every server starts with no page kept.
    if settings.VIGIE_REDIS_URL:  # only the pages' keys: the database may hold a task queue
        import redis

        shared = redis.Redis.from_url(settings.VIGIE_REDIS_URL)
        for key in shared.scan_iter(f"{settings.CACHES['pages']['KEY_PREFIX']}:*"):
            shared.delete(key)
    else:
        caches["pages"].clear()
    global urlpatterns
    urlpatterns = [path("__bench__/page/", trivial_page), path("", include("vigie.urls"))]
    settings.ROOT_URLCONF = __name__  # bench/ is on sys.path: « web_roles »
    if server == "gunicorn":
        from vigie.commands.serve import serve as serve_with_gunicorn

        print(f"gunicorn : {settings.VIGIE_WEB_WORKERS} processus × "
              f"{settings.VIGIE_WEB_THREADS} fils", file=sys.stderr, flush=True)
        serve_with_gunicorn("127.0.0.1", 0)  # prints « Vigie est servi sur http://…:port/ »
        return
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.core.wsgi import get_wsgi_application

    class Quiet(WSGIRequestHandler):
        # Headers and body leave in separate writes: without TCP_NODELAY, Nagle's algorithm
        # and the client's delayed ACK add about 40 ms to every keep-alive answer.
        disable_nagle_algorithm = True

        def log_message(self, *args) -> None:  # one line per request would skew the figures
            pass

    httpd = ThreadedWSGIServer(("127.0.0.1", 0), Quiet)
    httpd.set_app(get_wsgi_application())
    print(f"Vigie est servi sur http://127.0.0.1:{httpd.server_address[1]}/", flush=True)
    httpd.serve_forever()


def ingest_forever(done: Path) -> None:
    """The load of a morning: the demonstration deliveries ingested again and again
    (``--force``: stored, analysed, indexed, editions rebuilt), until stopped, at the CPU
    priority of batch work; the number of ingests finished is kept in ``done``."""
    from vigie import pipeline
    from vigie.commands.demo import sample_deliveries
    from vigie.operations.priority import lower_batch_priority

    # As ``vigie ingest`` and the task queue's workers do: batch work below the site
    # (VIGIE_BATCH_NICE, default 10; 0 to measure an ingest at the site's own priority).
    lower_batch_priority()
    count = 0
    while True:
        pipeline.ingest(sample_deliveries(), force=True)
        count += 1
        done.write_text(str(count))
