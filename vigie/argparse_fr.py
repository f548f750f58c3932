"""argparse speaking French: usage, help headings and error messages of the ``vigie`` command.

argparse looks its messages up through ``gettext`` at the moment it prints them, so a
translation table installed as its ``_`` covers every sub-command at once.
"""

from __future__ import annotations

import argparse
import sys

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
    """An ArgumentParser whose messages are French and whose errors exit with status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"vigie : erreur : {message}\n")


argparse._ = french  # type: ignore[attr-defined]
