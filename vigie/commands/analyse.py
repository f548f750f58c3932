"""``vigie analyse``: run the analysis on jsonl records, or on stored texts (database mode).

``--jsonl FILE`` (``-`` for standard input) reads one JSON object per line (keys ``title``,
``nature``, ``ministry``, ``section``, ``text``, ``date``, optionally ``nor``, ``notice``,
``cited``) and writes one JSON decision per line on standard output. A malformed line is
reported in French on standard error with its number and the run goes on; the exit status is
1 when any line failed. ``--date`` / ``--all`` analyse the texts stored in the database
through ``vigie.analysis.store``, redoing only decisions that are missing or stale.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from datetime import date
from typing import TextIO

from vigie.argparse_fr import iso_date
from vigie.reference.system_errors import os_reason


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "analyse", help="sélectionner, classer et résumer des textes",
        description="Décide pour chaque texte s'il intéresse les collectivités, pour quelle "
                    "édition, sous quel thème et pour quels lecteurs, avec les raisons.")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--jsonl", metavar="FICHIER",
                        help="textes à analyser, un objet JSON par ligne (« - » : entrée "
                             "standard) ; une décision JSON par ligne en sortie")
    # Database mode: the texts stored by the ingestion, for one day or all of them.
    source.add_argument("--date", metavar="AAAA-MM-JJ", type=iso_date,
                        help="analyser les textes stockés publiés ce jour-là")
    source.add_argument("--all", action="store_true",
                        help="analyser tous les textes stockés (décisions absentes ou "
                        "périmées), puis mettre à jour leur index de recherche et leurs "
                        "éditions ; vigie repair vérifie l'index et les éditions de toute la "
                        "base")
    parser.add_argument("--today", metavar="AAAA-MM-JJ", type=iso_date,
                        help="date de référence de l'urgence (par défaut : date de publication)")
    parser.add_argument("--urgent-days", metavar="N", type=_days, default=15,
                        help="urgent si une échéance tombe dans les N jours (défaut : 15)")
    # Analysing jsonl records is pure: it works without any database configured or reachable.
    parser.set_defaults(handler=run, needs_database=lambda args: not args.jsonl)


def _days(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"nombre de jours invalide « {value} »")
    return int(value)


def run(args: argparse.Namespace) -> int:
    if args.jsonl:
        if args.jsonl == "-":
            return analyse_jsonl(sys.stdin, sys.stdout, sys.stderr, today=args.today,
                                 urgent_days=args.urgent_days)
        try:
            with open(args.jsonl, encoding="utf-8") as handle:
                return analyse_jsonl(handle, sys.stdout, sys.stderr, today=args.today,
                                     urgent_days=args.urgent_days)
        except OSError as error:
            print(f"vigie : impossible de lire « {args.jsonl} » : {os_reason(error)}",
                  file=sys.stderr)
            return 1
    if args.date or args.all:
        return _database_mode(args)
    print("vigie analyse : indiquez --jsonl FICHIER, --date AAAA-MM-JJ ou --all.",
          file=sys.stderr)
    return 2


def analyse_jsonl(lines: Iterable[str], out: TextIO, err: TextIO, *, today: date | None = None,
                  urgent_days: int = 15) -> int:
    """One decision per well-formed line; French errors with line numbers for the others."""
    from vigie.analysis.engine import analyse
    from vigie.analysis.records import Item, ItemError

    failed = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = Item.from_json(json.loads(line))
        except json.JSONDecodeError as error:
            print(f"vigie analyse : ligne {number} : JSON invalide ({error.msg}, colonne "
                  f"{error.colno})", file=err)
            failed += 1
            continue
        except ItemError as error:
            print(f"vigie analyse : ligne {number} : {error}", file=err)
            failed += 1
            continue
        decision = analyse(item, today=today, urgent_within_days=urgent_days)
        out.write(json.dumps(decision.to_json(), ensure_ascii=False) + "\n")
        out.flush()
    return 1 if failed else 0


def _database_mode(args: argparse.Namespace) -> int:
    """Analyse the stored texts of one day, or all of them; only stale decisions are redone,
    then search and editions follow the new decisions."""
    from vigie import pipeline
    from vigie.commands.output import printer

    shown = printer()

    def notify(event: pipeline.Event) -> None:
        if isinstance(event, pipeline.StepReport) and event.name == pipeline.ANALYSIS:
            counts = event.counts
            print(f"{counts['created'] + counts['updated']} texte(s) analysé(s), "
                  f"{counts['unchanged']} inchangé(s), {counts['retained']} retenu(s).")
        else:
            shown(event)

    options = pipeline.AnalysisOptions(today=args.today, urgent_days=args.urgent_days)
    pipeline.reanalyse(None if args.all else args.date, options, notify)
    return 0
