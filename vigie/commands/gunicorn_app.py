"""The gunicorn application of ``vigie serve``: its configuration, from the settings.

gthread workers (threads share a worker's memory; a slow request does not hold a whole
process), the Django application — its URLs and views too — loaded in the master before
forking (``preload_app``:
settings changed by ``vigie run`` reach the workers, and they start in a blink), workers
recycled after some thousands of requests, logs through Vigie's LOGGING (JSON if asked).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from gunicorn.app.base import BaseApplication

MAX_REQUESTS, JITTER = 5000, 500  # a worker is replaced after about this many requests
# The longest request line gunicorn reads (its most; 4 094 by default, answered beyond with its
# own page, in English: « URI Too Long »): what nginx passes (8 kio) reaches Vigie, which says
# in French what it refuses (a search of more than 200 characters).
REQUEST_LINE = 8190


def options(fd: int, workers: int | None, threads: int | None,
            when_ready: Callable[[Any], None]) -> dict[str, Any]:
    from django.conf import settings

    level = settings.LOGGING["root"]["level"]
    logging = {**settings.LOGGING, "loggers": {
        "gunicorn.error": {"level": level, "handlers": ["console"], "propagate": False},
        "gunicorn.access": {"level": "CRITICAL", "handlers": [], "propagate": False},
    }}
    return {
        "bind": [f"fd://{fd}"],
        "workers": workers or settings.VIGIE_WEB_WORKERS,
        "threads": threads or settings.VIGIE_WEB_THREADS,
        "worker_class": "gthread",
        "timeout": settings.VIGIE_WEB_TIMEOUT,
        "graceful_timeout": 5,  # SIGTERM: requests under way get this long to finish
        "keepalive": 2,
        "limit_request_line": REQUEST_LINE,
        "preload_app": True,
        "max_requests": MAX_REQUESTS,
        "max_requests_jitter": JITTER,
        "proc_name": "vigie",
        "logconfig_dict": logging,
        "when_ready": when_ready,
        "post_fork": _post_fork,
        "control_socket_disable": True,  # gunicorn ≥ 25: no control socket in $HOME
    }


def _post_fork(server: Any, worker: Any) -> None:
    from django.db import connections

    connections.close_all()


class Site(BaseApplication):
    """Vigie's WSGI application under gunicorn, on an already bound socket."""

    def __init__(self, fd: int, *, workers: int | None = None, threads: int | None = None,
                 when_ready: Callable[[Any], None]) -> None:
        self.settings_given = options(fd, workers, threads, when_ready)
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.settings_given.items():
            if key in self.cfg.settings:  # older gunicorn lacks some
                self.cfg.set(key, value)

    def load(self) -> Any:
        from django.core.wsgi import get_wsgi_application
        from django.urls import get_resolver

        application = get_wsgi_application()
        # The URLs and every view with what it imports (seconds on a loaded machine) loaded
        # once here, not by each worker at its first request (nor again when it is recycled).
        get_resolver().url_patterns  # noqa: B018  (loading is the point)
        return application
