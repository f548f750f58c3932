"""The Celery application, configured from Django's settings (``CELERY_*``, see settings),
and the deployment's queue it sends to and takes from (``bind_queue``)."""

from __future__ import annotations

import os

from celery import Celery
from celery.signals import before_task_publish

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vigie.settings")

app = Celery("vigie", include=["vigie.tasks.work"])
app.config_from_object("django.conf:settings", namespace="CELERY")
_BOUND: list[str] = []  # the queue of this process, once read from the database


def queued() -> bool:
    """Whether work goes to a queue (VIGIE_REDIS_URL set) rather than this process."""
    from django.conf import settings

    return bool(settings.VIGIE_REDIS_URL)


def bind_queue() -> str:
    """This deployment's queue, « VIGIE_TASK_QUEUE.empreinte », the fingerprint an HMAC under
    SECRET_KEY of what the database says of itself (``operations.deployment``), read once
    per process: the queue tasks are sent to, and the keys of its tasks under way (every
    worker puts back in the queue those older than its own VIGIE_TASK_VISIBILITY_TIMEOUT:
    another deployment's, with a shorter one, made ours run twice). Called by whatever
    uses the broker (worker, beat, ``vigie send``) before it does."""
    if _BOUND:
        return _BOUND[0]
    from django.conf import settings
    from django.db import connection

    from vigie import config
    from vigie.operations.deployment import identity

    fingerprint = config.task_fingerprint(settings.SECRET_KEY, identity(connection))
    queue = f"{settings.VIGIE_TASK_QUEUE}.{fingerprint}"
    app.conf.task_default_queue = queue
    app.conf.broker_transport_options = {
        **app.conf.broker_transport_options,
        **{f"unacked{part}_key": f"{queue}.unacked{part}" for part in ("", "_index", "_mutex")}}
    _BOUND.append(queue)
    return queue


@before_task_publish.connect
def _refuse_unbound(**_: object) -> None:
    """A task sent before ``bind_queue`` would go to Celery's own queue, which no worker of
    Vigie takes: lost in silence. A fault of Vigie's code, raised."""
    if not _BOUND:
        raise RuntimeError("tâche envoyée avant vigie.tasks.app.bind_queue() : elle irait "
                           "dans une file qu'aucun processus de travail ne prend")
