"""The ``vigie`` command: parses arguments, starts Django, hands over to ``vigie.commands``.

Exit status: 0 success, 1 an input could not be read or the work failed, 2 bad arguments,
3 another run of the pipeline held the database longer than VIGIE_PIPELINE_WAIT.
"""

from __future__ import annotations

import argparse
import atexit
import gc
import importlib
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress

from vigie.argparse_fr import FrenchArgumentParser
from vigie.commands.pipes import flush_all

MIGRATION_LOCK = 0x5649474D  # "VIGM": advisory lock taken while migrating

# One module per sub-command in vigie/commands; each exposes register(subparsers).
COMMANDS = (
    "ingest", "sync", "anomalies", "show", "export", "demo", "analyse", "eval", "train",
    "editions", "send", "morning", "repair", "feeds",
    "run", "serve", "status", "worker", "beat", "createeditor", "labels",
)
# Batch commands run below the site's CPU priority (VIGIE_BATCH_NICE, ``operations.priority``);
# ``run`` and ``demo`` serve the site from the same process, so keep theirs.
BATCH = ("ingest", "sync", "analyse", "eval", "train", "editions", "send", "morning", "repair",
         "feeds", "worker")


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The ``vigie`` parser, every command in it; with arguments ``argv`` naming a command
    first, that command alone: the others would parse nothing of them, and importing and
    registering them all cost some 75 M instructions of each command's start-up (« vigie
    --help », an unknown or a misspelt command: the whole parser, to list them)."""
    names = (argv[0],) if argv and argv[0] in COMMANDS else COMMANDS
    parser = FrenchArgumentParser(
        prog="vigie",
        description="Vigie : la veille officielle des collectivités territoriales.",
    )
    sub = parser.add_subparsers(
        dest="command", metavar="COMMANDE", parser_class=FrenchArgumentParser
    )
    for name in names:
        module = importlib.import_module(f"vigie.commands.{name}")
        module.register(sub)
    return parser


def setup_django() -> None:
    """Configure Django and bring the database schema up to date (silently)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vigie.settings")
    import django

    django.setup()
    from django.db import connection

    if connection.vendor == "sqlite":
        # Even the first look under the lock: the first connections to a new base each turn
        # on WAL (``config``), and two doing so at once can fail at once, whatever the busy
        # timeout (« database is locked »: SQLite refuses to wait where it could deadlock).
        with _sqlite_migration_lock(str(connection.settings_dict["NAME"])):
            _migrated()
        return
    from vigie.operations import schema

    if schema.is_current():  # a second of start-up saved (see ``operations.schema``)
        return
    with _migration_lock():
        _migrated()


def _migrated() -> None:
    """The schema brought up to date, unless it is (another command may have done it)."""
    from vigie.operations import schema

    if schema.is_current():
        return
    # Imported only to migrate: a tenth of a second of start-up otherwise.
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


@contextmanager
def _migration_lock() -> Iterator[None]:
    """One migration at a time: web servers and workers starting together on several
    machines (PostgreSQL) would otherwise race to create the same tables (« table … already
    exists », migrations recorded twice); on SQLite, ``setup_django`` takes a file lock."""
    from django.db import connection

    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [MIGRATION_LOCK])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [MIGRATION_LOCK])


@contextmanager
def _sqlite_migration_lock(name: str) -> Iterator[None]:
    """A ``flock`` on a file beside the SQLite base (which may not exist yet: named after
    its real path). Where that file cannot be made, SQLite will say why it cannot either."""
    import fcntl

    if name.startswith(("file:", ":memory:")):
        yield
        return
    try:
        handle = os.open(os.path.realpath(name) + ".migration.lock",
                         os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        yield
        return
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)  # waits for the other command's migration
        yield
    finally:
        os.close(handle)  # releases the lock


def needs_database(args: argparse.Namespace) -> bool:
    """Whether the command needs Django and the database; a command says otherwise with
    ``set_defaults(needs_database=False)`` or a function of its arguments."""
    needs = getattr(args, "needs_database", True)
    return bool(needs(args) if callable(needs) else needs)


def guarded_work(args: argparse.Namespace) -> str:
    """What the command does that a published secret key would make unsafe (« de servir le
    site », « d'envoyer des courriels »), or "": set with ``set_defaults(guarded=…)``, a
    string or a function of the arguments."""
    guarded = getattr(args, "guarded", "")
    return str(guarded(args) if callable(guarded) else guarded)


def throwaway_secret_key() -> None:
    """For ``vigie demo`` only: a random key for this process when none fit is set."""
    import secrets

    from vigie import config

    if not config.secret_key_problem(config.secret_key()):
        return
    os.environ["VIGIE_SECRET_KEY"] = key = secrets.token_urlsafe(50)
    from django.conf import settings

    if settings.configured:
        settings.SECRET_KEY = key
    print("Démonstration : clé secrète jetable générée pour cette session (VIGIE_SECRET_KEY "
          "non définie) ; les liens des courriels signés avec elle cesseront de fonctionner "
          "à l'arrêt. En production, définissez VIGIE_SECRET_KEY.")


def check_secret_key(args: argparse.Namespace) -> None:
    """Refuse to serve or send with the published, an empty or a short key (ConfigError)."""
    doing = guarded_work(args)
    if getattr(args, "throwaway_key", False) and doing:
        throwaway_secret_key()
    if doing:
        from django.conf import settings

        from vigie import config

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vigie.settings")
        config.require_secret_key(settings.SECRET_KEY, doing, settings.SECRET_KEY_FALLBACKS)


def _sqlite_path() -> str:
    """The SQLite file Vigie opens ("" on PostgreSQL)."""
    from vigie import config

    url = config.database_url()
    return url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else ""


def main(argv: list[str] | None = None) -> int:
    """Run the command ``argv`` names (the process's arguments by default); its exit code."""
    given = sys.argv[1:] if argv is None else argv
    parser = build_parser(given)
    return _execute(parser, parser.parse_args(given))


def _execute(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    from vigie.config import ConfigError

    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        check_secret_key(args)
        if args.command in BATCH:
            _prepare_batch()
        if getattr(args, "before_django", None):  # work that needs no database starts now
            args.before_django(args)
        if needs_database(args):
            setup_django()
    except ConfigError as error:
        print(f"vigie : {error}", file=sys.stderr)
        return 2
    except Exception as error:  # database unreachable, unwritable data directory…
        from vigie.operations.database_problems import database_problem

        print(f"vigie : impossible d'ouvrir la base de données : "
              f"{database_problem(error, _sqlite_path())}", file=sys.stderr)
        return 1
    if not gc.isenabled():  # (``run``: off while starting up)
        gc.freeze()
        gc.enable()
    try:
        return int(args.handler(args) or 0)
    except ConfigError as error:  # a setting read only once under way (a worker's, a feed's)
        print(f"vigie : {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt as stop:
        return _interrupted(stop)
    except BrokenPipeError:
        return 0
    except Exception as error:
        return _stopped(error)


def _prepare_batch() -> None:
    """Before a batch command's work: its lower priority; every setting it reads later,
    checked now (a bad one is a ConfigError, said at once); SIGTERM said as Ctrl+C is."""
    from vigie.config import check_batch_settings
    from vigie.operations.priority import lower_batch_priority
    from vigie.operations.stopping import quiet_resource_tracker, stop_on_term

    lower_batch_priority()
    check_batch_settings()
    stop_on_term()
    quiet_resource_tracker()


def _interrupted(stop: KeyboardInterrupt) -> int:
    """Ctrl+C (status 130) or SIGTERM (143, ``operations.stopping``), said in French."""
    from vigie.operations.stopping import EXIT_TERMINATED, Terminated

    if isinstance(stop, Terminated):
        print("vigie : arrêté (signal TERM). Ce qui était enregistré est gardé ; relancez la "
              "commande (ou vigie repair) : elle reprend le reste.", file=sys.stderr)
        return EXIT_TERMINATED
    print("\nvigie : interrompu.", file=sys.stderr)
    return 130


def _stopped(error: Exception) -> int:
    """The exit status of a command stopped by ``error``, said in French when it is another
    run holding the database or the machine's condition (a full disk…); raised otherwise."""
    from vigie.operations.database_problems import operational_problem
    from vigie.operations.exclusive import EXIT_BUSY, AnotherRun

    if isinstance(error, AnotherRun):  # another ingestion, sync, analysis, repair
        print(f"vigie : {error}", file=sys.stderr)
        return EXIT_BUSY
    problem = operational_problem(error)
    if not problem:
        raise error
    import logging

    logging.getLogger("vigie").debug("arrêt", exc_info=error)  # VIGIE_LOG_LEVEL=DEBUG
    print(f"vigie : arrêt : {problem}. Ce qui était enregistré est gardé ; une fois le "
          "problème réglé, relancez la commande (ou vigie repair) : elle reprend le reste.",
          file=sys.stderr)
    return 1


def run() -> None:
    """The ``vigie`` program: ``main``, then, for a command that asks it (``set_defaults(
    quick_exit=True)``: ``vigie ingest``), out once the exit handlers have run and the
    database connections are closed, without tearing the interpreter down: freeing Django's
    and the pipeline's objects one by one took a tenth to a quarter of a second of each
    ingest, with nothing left to write."""
    # Off while the program starts up (``_execute`` turns it on before the command's work,
    # with what the start-up made left out of its scans: ``gc.freeze``): importing Django and
    # the pipeline makes objects that live until the end, yet the collector scanned them a
    # hundred times, some 70 ms of the 0.45 s of start-up of an ingest.
    gc.disable()
    # Run at any exit (``--help`` included): a reader gone (``vigie … | head``) leaves no
    # traceback and the status as it is.
    atexit.register(flush_all)
    parser = build_parser(sys.argv[1:])
    args = parser.parse_args()
    code = _execute(parser, args)
    if not getattr(args, "quick_exit", False):
        sys.exit(code)
    import logging

    if "django.db" in sys.modules:
        from django.db import connections

        from vigie.config import ConfigError

        with suppress(ConfigError):  # settings refused (said already): nothing was opened
            connections.close_all()
    _stop_leftover_workers()
    atexit._run_exitfuncs()
    logging.shutdown()
    flush_all()
    os._exit(code)


def _stop_leftover_workers() -> None:
    """Before the exit handlers: end the worker processes still alive (a pool stopped
    without waiting: parsing workers started for a delivery already ingested, analysis
    workers still starting). Their work is not needed any more, and waiting for them could
    last for ever: the exit handlers close the pools' task queues before joining their
    workers, and a pool's own thread, not joined on this way out, sends them the order to
    stop only once their running tasks are over, into a queue closed by then."""
    if "multiprocessing" not in sys.modules:
        return
    import multiprocessing

    threading.excepthook = _quiet_pool_teardown
    for child in multiprocessing.active_children():
        child.terminate()


def _quiet_pool_teardown(args: threading.ExceptHookArgs) -> None:
    """Once the command is done: a pool's own thread that fails to tear down the workers
    just ended (Python 3.11 may close their task queue twice: « Bad file descriptor ») says
    nothing; it printed a stray traceback after « déjà ingérée … rien n'a changé »."""
    if type(args.thread).__module__ != "concurrent.futures.process":  # a pool's own thread
        threading.__excepthook__(args)


if __name__ == "__main__":
    run()
