"""``vigie beat``: the scheduler that starts the morning run (Celery beat).

One for the whole installation (two would start the morning twice — harmless, every step
being idempotent, but wasteful): ``vigie.morning`` every day at VIGIE_MORNING_AT (06:30 by
default, Europe/Paris), taken by whichever ``vigie worker`` is free. On a single machine
without Redis, cron does the same with ``vigie morning`` (README).
"""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "beat", help="planificateur de la tâche du matin (Celery beat)",
        description="Lance chaque jour à VIGIE_MORNING_AT (défaut 06:30, heure de Paris) la "
        "tâche du matin (synchronisation, analyse, éditions, envoi), prise par les processus "
        "de travail (vigie worker). Un seul planificateur par installation.",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from django.conf import settings

    from vigie.commands.worker import NEEDS_REDIS
    from vigie.config import ConfigError
    from vigie.tasks.app import app, bind_queue
    from vigie.tasks.schedule import beat_schedule, described

    if not settings.VIGIE_REDIS_URL:
        print(NEEDS_REDIS, file=sys.stderr)
        return 2
    try:
        app.conf.beat_schedule = beat_schedule(settings.VIGIE_MORNING_AT,
                                               settings.VIGIE_MORNING_EVERY)
    except ConfigError as error:
        print(f"vigie : {error}", file=sys.stderr)
        return 2
    when = described(settings.VIGIE_MORNING_AT, settings.VIGIE_MORNING_EVERY,
                     settings.TIME_ZONE)
    bind_queue()  # the deployment's queue, read from its database
    print(f"Tâche du matin planifiée {when}.", flush=True)
    app.start(["beat", f"--loglevel={settings.LOGGING['root']['level']}",
               f"--schedule={settings.CELERY_BEAT_SCHEDULE_FILENAME}"])
    return 0
