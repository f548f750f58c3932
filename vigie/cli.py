"""The ``vigie`` command: parses arguments, starts Django, hands over to ``vigie.commands``.

Exit status: 0 success, 1 an input could not be read or the work failed, 2 bad arguments.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from vigie.argparse_fr import FrenchArgumentParser

MIGRATION_LOCK = 0x5649474D  # "VIGM": advisory lock taken while migrating

# One module per sub-command in vigie/commands; each exposes register(subparsers).
COMMANDS = (
    "ingest", "sync", "anomalies", "show", "export", "demo", "analyse", "eval", "editions",
    "send", "morning",
    "run", "serve", "status", "worker", "beat",
)


def build_parser() -> argparse.ArgumentParser:
    parser = FrenchArgumentParser(
        prog="vigie",
        description="Vigie : la veille officielle des collectivités territoriales.",
    )
    sub = parser.add_subparsers(
        dest="command", metavar="COMMANDE", parser_class=FrenchArgumentParser
    )
    for name in COMMANDS:
        module = importlib.import_module(f"vigie.commands.{name}")
        module.register(sub)
    return parser


def setup_django() -> None:
    """Configure Django and bring the database schema up to date (silently)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vigie.settings")
    import django
    from django.core.management import call_command

    django.setup()
    with _migration_lock():
        call_command("migrate", verbosity=0, interactive=False)


@contextmanager
def _migration_lock() -> Iterator[None]:
    """On PostgreSQL, one migration at a time: web servers and workers starting together on
    several machines would otherwise race to create the same tables."""
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


def needs_database(args: argparse.Namespace) -> bool:
    """Whether the command needs Django and the database; a command says otherwise with
    ``set_defaults(needs_database=False)`` or a function of its arguments."""
    needs = getattr(args, "needs_database", True)
    return bool(needs(args) if callable(needs) else needs)


def main(argv: list[str] | None = None) -> int:
    from vigie.config import ConfigError

    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        if needs_database(args):
            setup_django()
    except ConfigError as error:
        print(f"vigie : {error}", file=sys.stderr)
        return 2
    except Exception as error:  # database unreachable, unwritable data directory…
        print(f"vigie : impossible d'ouvrir la base de données : {error}", file=sys.stderr)
        return 1
    try:
        return int(args.handler(args) or 0)
    except KeyboardInterrupt:
        print("\nvigie : interrompu.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
