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
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # imported where used: this command starts without the pipeline
    from celery.result import AsyncResult

    from vigie.mailing.sending.sender import Report

PLAN_TIMEOUT = 3600  # seconds to wait for the planning task
WORKERS_WAIT = 60  # seconds to wait for a worker taking the queue (one may be starting)
STALL = 30  # seconds without news after which the workers are asked whether they still live
LOST = ("la file d'attente (Redis, VIGIE_REDIS_URL) ne répond plus : les lots déjà confiés "
        "aux processus de travail partent, chaque message une seule fois ; relancez vigie "
        "send une fois Redis revenu (il reprend ce qui reste), vigie status pour suivre")


def deliver_queued(day: date | None, summary: Callable) -> int:
    """Hand the sending to the workers and wait for their report; the exit status."""
    from celery.exceptions import TimeoutError as WaitedTooLong
    from kombu.exceptions import OperationalError
    from redis import RedisError

    workers: set[str] = set()
    problem = queue_problem(workers)
    if problem:
        print(f"vigie : {problem}", file=sys.stderr)
        return 1
    try:
        return _deliver(day, summary, workers)
    # RuntimeError: Celery's result store gave up reconnecting to Redis.
    except (OperationalError, RedisError, RuntimeError, WaitedTooLong) as error:
        print(f"vigie : {LOST} ({type(error).__name__}).", file=sys.stderr)
        return 1


def queue_problem(workers: set[str] | None = None) -> str:
    """Why the sending cannot be handed out now, in French: Redis does not answer, or no
    worker takes this deployment's queue (waited for WORKERS_WAIT seconds); "" when it can,
    ``workers`` then holding the names of those that take it."""
    import redis
    from django.conf import settings

    from vigie.tasks.app import app, bind_queue

    shown = settings.VIGIE_TASK_QUEUE
    try:
        redis.Redis.from_url(settings.VIGIE_REDIS_URL, socket_connect_timeout=5,
                             socket_timeout=5).ping()
    except redis.RedisError as error:
        return (f"la file d'attente (Redis, VIGIE_REDIS_URL) ne répond pas ({error}) : rien "
                "n'a été envoyé. Vérifiez Redis et VIGIE_REDIS_URL, puis relancez.")
    queue = bind_queue()
    deadline, others, said = time.monotonic() + WORKERS_WAIT, set(), False
    while time.monotonic() < deadline:
        replies = app.control.inspect(timeout=1.0).active_queues() or {}
        taken = {(worker, q["name"]) for worker, queues in replies.items() for q in queues}
        ours = {worker for worker, name in taken if name == queue}
        if ours:
            if workers is not None:
                workers |= ours
            return ""
        others |= taken
        if not said:
            print(f"Aucun processus de travail ne prend encore la file « {shown} » de cette "
                  f"installation ; attente ({WORKERS_WAIT} s au plus)…", file=sys.stderr,
                  flush=True)
            said = True
        time.sleep(1)
    found, advice = _elsewhere(others, shown)
    return (f"aucun processus de travail (vigie worker) ne prend la file « {shown} » de "
            f"cette installation{found} : rien n'a été envoyé. {advice}, puis relancez.")


def _elsewhere(taken: set[tuple[str, str]], shown: str) -> tuple[str, str]:
    """What the workers that answered take instead, and what to do, in French."""
    former = {worker for worker, name in taken if name == shown}
    if former:  # a queue without a fingerprint: Vigie before the twenty-fourth session
        one = len(former) == 1
        return (f" ; {len(former)} processus de travail {'prend' if one else 'prennent'} la "
                f"file « {shown} » sans empreinte d'installation : "
                f"{'il tourne' if one else 'ils tournent'} avec une version antérieure de "
                "Vigie", "Mettez à jour et redémarrez les processus de travail")
    same = {worker for worker, name in taken if name.startswith(f"{shown}.")}
    if same:  # the same VIGIE_TASK_QUEUE, another fingerprint: another deployment
        they = "la prend" if len(same) == 1 else "la prennent"
        return (f" ; {len(same)} processus de travail {they} pour une autre installation "
                "(autre base de données ou autre clé secrète, ou démarrés avant une mise à "
                "jour de Vigie qui a changé l'empreinte), sans prendre ses tâches",
                "Vérifiez leur configuration : donnez-leur les mêmes VIGIE_DATABASE_URL et "
                "VIGIE_SECRET_KEY qu'à cette commande et redémarrez-les (ou démarrez-en un "
                "de cette installation)")
    names = sorted({name for _, name in taken})
    if names:
        return (f" (des processus de travail prennent d'autres files : {', '.join(names)} ; "
                "VIGIE_TASK_QUEUE doit être la même partout)",
                "Démarrez-en un avec les mêmes VIGIE_TASK_QUEUE, VIGIE_DATABASE_URL et "
                "VIGIE_SECRET_KEY que cette commande")
    return "", ("Démarrez-en un, avec les mêmes VIGIE_DATABASE_URL et VIGIE_SECRET_KEY que "
                "cette commande")


def _deliver(day: date | None, summary: Callable, workers: set[str]) -> int:
    from celery.result import AsyncResult
    from django.utils import timezone

    from vigie.mailing.models import Delivery
    from vigie.mailing.sending.sender import Report
    from vigie.tasks.app import app

    started, since = time.monotonic(), timezone.now()
    print("Envoi confié aux processus de travail (vigie worker)…", flush=True)
    # By name: importing the tasks would import the whole pipeline (seconds of start-up).
    planned = _waited(app.send_task("vigie.send", [day.isoformat() if day else None]),
                      workers, PLAN_TIMEOUT)
    if planned.get("already_running"):
        print("vigie : un envoi est déjà en cours ; rien à faire.", file=sys.stderr)
        return 0
    report = Report(day=date.fromisoformat(planned["day"]) if planned["day"] else None,
                    forced=day is not None, recovered=planned["recovered"],
                    planned=Counter(planned["planned"]))
    shares = [AsyncResult(task_id) for task_id in planned["shares"]]
    print(f"{len(shares)} lot(s) d'abonnés répartis.", flush=True)
    failed = _add_up(shares, report, workers)
    report.elapsed = time.monotonic() - started
    # A share whose worker died is sent again by another, which reports only its own part:
    # what left is counted in the ledger.
    sent = Delivery.objects.filter(sent_at__gte=since).count()
    if sent or shares:  # else the summary says why nothing was to send, as in one process
        report.outcomes["sent"] = sent
    print(summary(report))
    if failed:
        print(f"vigie : {failed} lot(s) en échec (vigie status, journaux des processus de "
              "travail) ; ils seront repris au prochain envoi.", file=sys.stderr)
        return 1
    return 0


def _add_up(shares: list[AsyncResult], report: Report, workers: set[str]) -> int:
    """Wait for each share, adding what it reports to ``report``; the number that failed."""
    failed = 0
    for number, share in enumerate(shares, 1):
        outcome = _waited(share, workers)
        if isinstance(outcome, dict):
            report.recovered += outcome.pop("recovered", 0)
            report.outcomes.update(outcome)
        else:
            failed += 1
        if sys.stderr.isatty():
            print(f"\r{number}/{len(shares)} lots terminés", end="", file=sys.stderr)
    return failed


def _waited(result: AsyncResult, workers: set[str], limit: float | None = None) -> Any:
    """What the task of ``result`` returned (a shares' failure: its exception; the planning
    task's is raised), or celery's TimeoutError after ``limit`` seconds. Every STALL seconds
    without it, says which of ``workers`` no longer answer (``_say_lost``)."""
    from celery.exceptions import TimeoutError as NotYet

    deadline = None if limit is None else time.monotonic() + limit
    while True:
        left = STALL if deadline is None else max(0.0, deadline - time.monotonic())
        try:
            return result.get(timeout=min(STALL, left), propagate=limit is not None)
        except NotYet:
            if deadline is not None and time.monotonic() >= deadline:
                raise
            _say_lost(workers)


def _say_lost(workers: set[str]) -> None:
    """Tell, once, which of ``workers`` no longer answer (killed, machine lost): what they
    held comes back to the queue after VIGIE_TASK_VISIBILITY_TIMEOUT only, and a new
    ``vigie send`` resumes it at once. (A worker of the « solo » pool answers between tasks
    only: a long share of its own may make it look lost for a while.)"""
    from django.conf import settings

    from vigie.tasks.app import app

    answered = {name for reply in app.control.ping(destination=sorted(workers), timeout=1.0)
                for name in reply} if workers else set()
    lost = workers - answered
    if not lost:
        return
    workers -= lost
    names = ", ".join(sorted(lost))
    who = (f"le processus de travail {names} ne répond plus (arrêté, ou sa machine perdue) : "
           "ce qu'il menait revient" if len(lost) == 1 else
           f"les processus de travail {names} ne répondent plus (arrêtés, ou leur machine "
           "perdue) : ce qu'ils menaient revient")
    print(f"{chr(10) if sys.stderr.isatty() else ''}vigie : {who} dans la file au bout de "
          f"VIGIE_TASK_VISIBILITY_TIMEOUT ({settings.VIGIE_TASK_VISIBILITY_TIMEOUT} s), puis "
          "part, chaque message une seule fois. Pour ne pas attendre : Ctrl+C, puis vigie "
          "send, qui reprend aussitôt ce qui reste.", file=sys.stderr, flush=True)
