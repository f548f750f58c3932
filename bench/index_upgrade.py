"""Cost of the daily work's bounded rewrite of search entries of an older index format
(``vigie.web.search.upgrade``), on SQLite and PostgreSQL.

Fills a fresh database with synthetic texts as ``bench/web.py`` does (``web_fill``: a year of
the Journal officiel, one text in a thousand with an annex of 700 communes), indexes them,
marks every entry as written in format 3, then times what a run of the pipeline does: one
``rewrite_old`` of ``--per-run`` entries (the newest), then the queries a run and ``/sante/``
make once none remain. Prints figures only, never asserts.

    python bench/index_upgrade.py [--documents 12000] [--per-run 5000] [--no-sqlite]
                                  [--pg postgres://postgres@127.0.0.1:5432/vigie_bench]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from web_databases import SCHEMA, fresh_database, postgres, schema_url  # noqa: E402
from web_fill import analyse_tables, django_setup, insert_texts  # noqa: E402


def measure(documents: int, per_run: int) -> dict:
    """In the child process: fill, mark old, rewrite one run's worth, time it."""
    from django.core.management import call_command

    from vigie.web.models import SearchEntry
    from vigie.web.search import refresh
    from vigie.web.search.upgrade import rewrite_old

    call_command("migrate", verbosity=0)
    uids = insert_texts(documents)[0]
    for offset in range(0, len(uids), 10_000):
        refresh(uids[offset:offset + 10_000])
    SearchEntry.objects.update(index_version=3)
    analyse_tables()
    done = rewrite_old(per_run)
    figures = {"rewritten": done.rewritten, "remaining": done.remaining,
               "seconds": round(done.seconds, 2)}
    rewrite_old(documents)  # the rest: none remain
    figures["none_left_ms"] = _asked(per_run)
    analyse_tables()  # as autovacuum does after so many changed rows
    figures["none_left_analysed_ms"] = _asked(per_run)
    return figures


def _asked(per_run: int) -> float:
    """Milliseconds of what a run and ``/sante/`` ask when no entry of an older format is
    left (a mean of 20)."""
    from vigie.web.search.upgrade import newest_old, old_format_count

    started = time.perf_counter()
    for _ in range(20):
        old_format_count()
        newest_old(per_run)
    return round((time.perf_counter() - started) / 20 * 1000, 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=12_000)
    parser.add_argument("--per-run", type=int, default=5000)
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432/vigie_bench",
                        help=f"base PostgreSQL (existante) où le schéma {SCHEMA} est recréé "
                        "puis supprimé ; vide : ne pas mesurer")
    parser.add_argument("--sqlite", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        django_setup()
        print(json.dumps(measure(args.documents, args.per_run)))
        return
    with tempfile.TemporaryDirectory() as folder:
        runs = [("SQLite", f"sqlite:///{folder}/bench.sqlite3")] if args.sqlite else []
        if args.pg and postgres(args.pg, "DROP", "CREATE"):
            runs.append(("PostgreSQL", schema_url(args.pg)))
        try:
            for label, url in runs:
                fresh_database(url) if label == "SQLite" else None
                env = dict(os.environ, VIGIE_DATABASE_URL=url, VIGIE_DATA_DIR=folder,
                           BENCH_LABEL=label, VIGIE_LOG_LEVEL="WARNING")
                out = subprocess.run([sys.executable, __file__, "--child", "--documents",
                                      str(args.documents), "--per-run", str(args.per_run)],
                                     env=env, check=True, capture_output=True, text=True).stdout
                figures = json.loads(out.strip().splitlines()[-1])
                print(f"{label} : {figures['rewritten']} entrées réécrites en "
                      f"{figures['seconds']} s ({figures['remaining']} restent) ; "
                      f"une fois toutes réécrites, ce qu'une exécution demande : "
                      f"{figures['none_left_ms']} ms ({figures['none_left_analysed_ms']} ms "
                      "une fois les statistiques de la base refaites)", flush=True)
        finally:
            if args.pg:
                postgres(args.pg, "DROP")


if __name__ == "__main__":
    main()
