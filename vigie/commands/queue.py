"""Handing the sending to the workers (VIGIE_REDIS_URL) and waiting for them, with news.

``vigie send`` and ``vigie morning`` end here when a queue is configured: the planning task
cuts the subscribers into shares, the workers send them, and this process adds up what each
share reports into the same summary as a run in one process.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Callable
from datetime import date

PLAN_TIMEOUT = 3600  # seconds to wait for the planning task


def deliver_queued(day: date | None, summary: Callable) -> int:
    from celery.result import AsyncResult
    from django.utils import timezone

    from vigie.mailing.models import Delivery
    from vigie.mailing.sending.sender import Report
    from vigie.tasks.app import app

    started, since = time.monotonic(), timezone.now()
    print("Envoi confié aux processus de travail (vigie worker)…", flush=True)
    # By name: importing the tasks would import the whole pipeline (seconds of start-up).
    planned = app.send_task("vigie.send", [day.isoformat() if day else None]).get(PLAN_TIMEOUT)
    if planned.get("already_running"):
        print("vigie : un envoi est déjà en cours ; rien à faire.", file=sys.stderr)
        return 0
    report = Report(day=date.fromisoformat(planned["day"]) if planned["day"] else None,
                    forced=day is not None, recovered=planned["recovered"],
                    planned=Counter(planned["planned"]))
    shares = [AsyncResult(task_id) for task_id in planned["shares"]]
    print(f"{len(shares)} lot(s) d'abonnés répartis.", flush=True)
    failed = 0
    for number, share in enumerate(shares, 1):
        outcome = share.get(propagate=False)
        if isinstance(outcome, dict):
            report.recovered += outcome.pop("recovered", 0)
            report.outcomes.update(outcome)
        else:
            failed += 1
        if sys.stderr.isatty():
            print(f"\r{number}/{len(shares)} lots terminés", end="", file=sys.stderr)
    report.elapsed = time.monotonic() - started
    # A share whose worker died is sent again by another, which reports only its own part:
    # what left is counted in the ledger.
    report.outcomes["sent"] = Delivery.objects.filter(sent_at__gte=since).count()
    print(summary(report))
    if failed:
        print(f"vigie : {failed} lot(s) en échec (vigie status, journaux des processus de "
              "travail) ; ils seront repris au prochain envoi.", file=sys.stderr)
        return 1
    return 0
