"""The Celery application, configured from Django's settings (``CELERY_*``, see settings)."""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vigie.settings")

app = Celery("vigie", include=["vigie.tasks.work"])
app.config_from_object("django.conf:settings", namespace="CELERY")


def queued() -> bool:
    """Whether work goes to a queue (VIGIE_REDIS_URL set) rather than this process."""
    from django.conf import settings

    return bool(settings.VIGIE_REDIS_URL)
