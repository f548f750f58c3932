"""``vigie worker``: a Celery worker taking the morning's tasks from the queue (Redis).

Start as many as needed, on as many machines as needed, all with the same environment as
every other command (VIGIE_DATABASE_URL, VIGIE_REDIS_URL, VIGIE_SMTP_*…): the queue they
take is this deployment's, named after what its database says of itself and
VIGIE_SECRET_KEY (``vigie.tasks.app.bind_queue``).
Several workers, or one with several processes, need PostgreSQL: SQLite is one file on one
machine, and Vigie refuses to start them on it (exit status 2).
"""

from __future__ import annotations

import argparse
import fcntl
import os
import sys
from pathlib import Path

from vigie.argparse_fr import positive

POOLS = ("prefork", "threads", "solo")
WORKER_CONNECTION_AGE = 300  # seconds a worker keeps its database connection
NEEDS_REDIS = ("vigie : VIGIE_REDIS_URL n'est pas définie : sans file d'attente, Vigie "
               "travaille dans un seul processus (vigie morning, vigie send). Définissez "
               "VIGIE_REDIS_URL=redis://hôte:6379/0 pour répartir le travail.")
_HELD: list[int] = []  # the SQLite worker lock, kept open for the life of the process


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "worker", help="processus de travail de la file d'attente (Celery, Redis)",
        description="Prend les tâches de la file d'attente (VIGIE_REDIS_URL) : ingestion, "
        "analyse, éditions, envoi des courriels par lots d'abonnés. Autant de processus de "
        "travail que voulu, sur autant de machines que voulu, avec PostgreSQL.",
    )
    parser.add_argument("--concurrency", type=positive, metavar="N",
                        help="tâches menées en même temps (défaut : nombre de cœurs avec "
                        "PostgreSQL, 1 avec SQLite)")
    parser.add_argument("--pool", choices=POOLS, default="prefork",
                        help="processus (prefork, défaut), fils (threads) ou aucun (solo)")
    parser.set_defaults(handler=run)


def check_database(concurrency: int | None) -> str | None:
    """Why this worker may not start on this database, or None."""
    from django.db import connection

    if connection.vendor != "sqlite":
        return None
    if concurrency and concurrency > 1:
        return ("vigie : plusieurs processus de travail demandent PostgreSQL "
                "(VIGIE_DATABASE_URL=postgres://…) : SQLite n'accepte qu'un processus de "
                f"travail à la fois (--concurrency 1), or --concurrency vaut {concurrency}.")
    name = Path(str(connection.settings_dict["NAME"]) + ".worker.lock")
    handle = os.open(name, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(handle)
        return ("vigie : un autre processus de travail utilise déjà cette base SQLite ; "
                "plusieurs processus de travail demandent PostgreSQL "
                "(VIGIE_DATABASE_URL=postgres://…).")
    _HELD.append(handle)
    return None


def run(args: argparse.Namespace) -> int:
    from django.conf import settings
    from django.db import connection, connections

    from vigie.tasks.app import app, bind_queue

    if not settings.VIGIE_REDIS_URL:
        print(NEEDS_REDIS, file=sys.stderr)
        return 2
    refused = check_database(args.concurrency)
    if refused:
        print(refused, file=sys.stderr)
        return 2
    queue = bind_queue()  # read from the database, before the pool's processes are made
    concurrency = args.concurrency or (1 if connection.vendor == "sqlite" else os.cpu_count())
    connections.close_all()  # the pool's processes open their own
    # A worker runs task after task: Celery closes the database connection after each one
    # unless it may live on, and a new PostgreSQL connection per task (a server process
    # started, authenticated) cost as much as sending a few dozen messages. Kept, checked
    # before reuse, closed after WORKER_CONNECTION_AGE seconds.
    connection.settings_dict.update(CONN_MAX_AGE=WORKER_CONNECTION_AGE, CONN_HEALTH_CHECKS=True)
    app.worker_main(["worker", f"--loglevel={settings.LOGGING['root']['level']}",
                     f"--concurrency={concurrency}", f"--pool={args.pool}",
                     f"--queues={queue}",
                     f"--hostname=vigie-{os.getpid()}@%h", "--without-gossip"])
    return 0
