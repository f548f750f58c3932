"""The README's « Configuration » table is the operator's list of settings: every environment
variable Vigie reads has its row there, once (four — the feeds' parallelism and politeness, the
Aides-territoires key, the aid reminder — were only in the text of other sections)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# A variable written as a string in the code: what ``os.environ``, ``env_number``,
# ``optional_date``… are given (and the constants that name one, ``KEY_VARIABLE``).
READ = re.compile(r"""["'](VIGIE_[A-Z0-9_]*[A-Z0-9])["']""")
# Read by the crash tests only, never set in production (``operations.pacing``).
TEST_HOOKS = {"VIGIE_PAUSE_AT"}


def _read_by_vigie() -> set[str]:
    return {name for path in (ROOT / "vigie").rglob("*.py")
            for name in READ.findall(path.read_text(encoding="utf-8"))} - TEST_HOOKS


def _configuration_rows() -> list[str]:
    """The first cell of each row of the table under « ## Configuration »."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Configuration\n", 1)[1].split("\n## ", 1)[0]
    return [line.split("|")[1] for line in section.splitlines()
            if line.startswith("| `VIGIE_")]


def test_every_variable_vigie_reads_has_one_row_in_the_configuration_table():
    named = [name for cell in _configuration_rows()
             for name in re.findall(r"`(VIGIE_[A-Z0-9_]+)`", cell)]
    read = _read_by_vigie()
    assert len(read) > 70, sorted(read)  # the search itself still finds them
    assert sorted(read - set(named)) == []
    assert sorted({name for name in named if named.count(name) > 1}) == []
    assert sorted(set(named) - read) == []


def _subparsers(parser) -> dict:
    import argparse

    found = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            found.update(action.choices)
    return found


def _options(parser) -> set[str]:
    """The long options of a command and of its actions (``feeds add``, ``labels export``)."""
    options = {flag for action in parser._actions for flag in action.option_strings
               if flag.startswith("--") and flag != "--help"}
    for sub in _subparsers(parser).values():
        options |= _options(sub)
    return options


def test_the_commands_table_names_every_option_of_each_command():
    """The « Commandes » table, row by row (a command may have several), names each option its
    command takes (``vigie run --host``, ``--no-serve``, ``vigie sync --base-url``… were
    missing)."""
    from vigie.cli import build_parser

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    table = text.split("\n## Commandes\n", 1)[1].strip().split("\n\n", 1)[0]
    missing = {}
    for name, command in _subparsers(build_parser()).items():
        rows = " ".join(line for line in table.splitlines()
                        if line.split("|")[1].strip().startswith(f"`vigie {name}"))
        assert rows, name
        left = sorted(option for option in _options(command)
                      if not re.search(re.escape(option) + r"(?![\w-])", rows))
        if left:
            missing[name] = left
    assert missing == {}
