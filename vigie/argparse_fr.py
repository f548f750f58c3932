"""argparse speaking French: usage, help headings and error messages of the ``vigie`` command,
and the argument types every sub-command shares (dates, places).

argparse looks its messages up through ``gettext`` at the moment it prints them, so a
translation table installed as its ``_`` covers every sub-command at once.
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from collections.abc import Iterable
from datetime import date
from typing import Any

MESSAGES = {
    "usage: ": "usage : ",
    "positional arguments": "arguments",
    "options": "options",
    "show this help message and exit": "afficher cette aide et quitter",
    "the following arguments are required: %s": "arguments obligatoires manquants : %s",
    "unrecognized arguments: %s": "arguments non reconnus : %s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "choix invalide : %(value)r (possibles : %(choices)s)",
    "expected one argument": "une valeur est attendue",
    "expected at least one argument": "au moins une valeur est attendue",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s : %(message)s",
    "not allowed with argument %s": "incompatible avec l'argument %s",
    "invalid %(type)s value: %(value)r": "valeur invalide : %(value)r",
    "one of the arguments %s is required": "l'un des arguments %s est obligatoire",
    "ambiguous option: %(option)s could match %(matches)s":
        "option ambiguë : %(option)s peut désigner %(matches)s",
}


def french(message: str) -> str:
    return MESSAGES.get(message, message)


class FrenchArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose messages are French and whose errors exit with status 2.

    A mistyped option of a sub-command is said by that sub-command, with its own usage (the
    top-level parser said it, with the usage of ``vigie``), and a near miss is suggested
    (« vouliez-vous dire --force ? »), for commands as for options."""

    def add_subparsers(self, **kwargs: Any) -> argparse._SubParsersAction:
        self._commands = super().add_subparsers(**kwargs)
        return self._commands

    def parse_args(self, args: Any = None, namespace: Any = None) -> argparse.Namespace:
        parsed, extras = self.parse_known_args(args, namespace)
        if extras:
            commands = getattr(self, "_commands", None)
            chosen = getattr(parsed, commands.dest, None) if commands else None
            owner = commands.choices[chosen] if chosen in (commands.choices or {}) else self
            owner.error(french("unrecognized arguments: %s") % " ".join(extras)
                        + _suggestion(extras[0], owner._option_string_actions))
        return parsed

    def error(self, message: str) -> None:  # type: ignore[override]
        wrong = re.search(r"choix invalide : '([^']*)'", message)
        commands = getattr(self, "_commands", None)
        if wrong and commands is not None:
            message += _suggestion(wrong.group(1), commands.choices or {})
        self.print_usage(sys.stderr)
        self.exit(2, f"vigie : erreur : {message}\n")


def _suggestion(typed: str, known: Iterable[str]) -> str:
    """« ; vouliez-vous dire « ingest » ? » for the known name closest to ``typed``."""
    near = difflib.get_close_matches(typed.split("=", 1)[0], list(known), n=1, cutoff=0.7)
    return f" ; vouliez-vous dire « {near[0]} » ?" if near else ""


def iso_date(value: str) -> date:
    """An AAAA-MM-JJ argument."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"date invalide « {value} » (format attendu : AAAA-MM-JJ)"
        ) from None


def place(value: str) -> str:
    """A place argument (« 18 », « 2a », « 1 »), in its canonical form; empty: national."""
    # Imported here: every command, and every worker process of the ingest, starts without
    # the geography.
    from vigie.reference.places import PlaceError, parse_place

    try:
        return parse_place(value, national=True) if not value else parse_place(value)
    except PlaceError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def port_number(value: str) -> int:
    """A TCP port argument (0: any free port)."""
    if not value.isdigit() or not 0 <= int(value) <= 65535:
        raise argparse.ArgumentTypeError(f"port invalide « {value} » (0 à 65535)")
    return int(value)


def whole_number(value: str) -> int:
    """A whole number of at least 0 (how many lines to show…)."""
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"nombre invalide « {value} » (entier ≥ 0 attendu)")
    return int(value)


def positive(value: str) -> int:
    """A whole number of at least 1 (processes, threads…)."""
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"nombre invalide « {value} » (entier ≥ 1 attendu)")
    return int(value)


argparse._ = french  # type: ignore[attr-defined]
