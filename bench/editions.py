"""Benchmark of the editions of a day of many texts: table size and build time, against the
layout that copied every item into each of the 108 editions (the baseline, measured in the
same run from the last commit that had it).

For each database (a fresh SQLite file; a fresh PostgreSQL database when reachable) and each
code (the baseline, extracted with ``git archive``; this tree), a child process fills one
Wednesday with N synthetic texts (``web_fill``: about one in five retained, some local, some
urgent), then times the real ``build_day``: the first build, a second build where nothing
changed, and a build after one national text's analysis changed (a revision of every
edition). It then measures the size of the editions tables (SQLite ``dbstat``, PostgreSQL
``pg_total_relation_size``, indexes included). Prints figures and ratios, never asserts.

    python bench/editions.py [--texts 5000] [--baseline 07bbc54]
                             [--pg postgres://postgres@127.0.0.1:5432/vigie_bench_editions|""]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from datetime import date
from pathlib import Path

from ingest import fresh_postgres  # bench/ is the script folder

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
# The last commit whose editions copied each item into every edition (before issue 13.5).
BASELINE = "07bbc54"
DAY = date(2026, 10, 14)
SIZE_SQLITE = ("SELECT COALESCE(SUM(d.pgsize), 0) FROM dbstat d JOIN sqlite_master m "
               "ON d.name = m.name WHERE m.tbl_name LIKE 'editions%'")
SIZE_PG = ("SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
           "WHERE c.relkind = 'r' AND c.relname LIKE 'editions%'")


# --- Child: one code, one database ------------------------------------------------------------

def fill_one_day(count: int) -> int:
    """``count`` texts published on DAY, with their decisions; returns how many are retained."""
    import web_fill

    from vigie.documents.models import JoIssue

    web_fill.publication_days = lambda: [DAY]  # the whole corpus on one day
    _, retained, _, ranks = web_fill.insert_texts(count)
    JoIssue.objects.create(jo_id=f"JORFCONT{DAY:%Y%m%d}0000", number=web_fill.jo_number(DAY),
                           date_publi=DAY, title="JORF", entries=ranks[DAY])
    return len(retained)


def timed(step) -> float:
    start = time.perf_counter()
    step()
    return time.perf_counter() - start


def revise_one_national_text() -> None:
    from vigie.analysis.models import Analysis

    analysis = Analysis.objects.filter(retained=True, scope="national").order_by("id").first()
    analysis.decision = dict(analysis.decision, short_title="Titre corrigé par une analyse")
    analysis.save()


def table_size() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(SIZE_PG if connection.vendor == "postgresql" else SIZE_SQLITE)
        return int(cursor.fetchone()[0])


def child(count: int) -> dict:
    import web_fill

    web_fill.django_setup()
    from django.core.management import call_command

    from vigie.editions.builder import build_day
    from vigie.editions.models import Edition, EditionItem

    call_command("migrate", verbosity=0)
    retained = fill_one_day(count)
    first = timed(lambda: build_day(DAY))
    again = timed(lambda: build_day(DAY))
    revise_one_national_text()
    revision = timed(lambda: build_day(DAY))
    return {"retained": retained, "first": first, "again": again, "revision": revision,
            "editions": Edition.objects.count(), "items": EditionItem.objects.count(),
            "revisions": sorted(set(Edition.objects.values_list("revision", flat=True))),
            "bytes": table_size()}


# --- Parent -----------------------------------------------------------------------------------

def baseline_tree(revision: str, folder: Path) -> Path | None:
    """The baseline's ``vigie`` package, extracted from git; None when it cannot be."""
    archive = folder / "baseline.tar"
    done = subprocess.run(["git", "-C", str(REPO), "archive", "-o", str(archive), revision,
                           "vigie"], capture_output=True, text=True)
    if done.returncode:
        print(f"Référence {revision} indisponible ({done.stderr.strip()}) : seule la version "
              "actuelle est mesurée.")
        return None
    root = folder / "baseline"
    with tarfile.open(archive) as tar:
        tar.extractall(root, filter="data")
    return root


def run_child(code: Path, database_url: str, data_dir: Path, count: int) -> dict:
    env = dict(os.environ, VIGIE_DATABASE_URL=database_url, VIGIE_DATA_DIR=str(data_dir),
               DJANGO_SETTINGS_MODULE="vigie.settings",
               PYTHONPATH=os.pathsep.join([str(code), str(BENCH)]), BENCH_LABEL=code.name)
    done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child",
                           "--texts", str(count)], env=env, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"mesure impossible ({code}) :\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def report(label: str, new: dict, old: dict | None) -> None:
    print(f"\n{label} — {new['retained']} textes retenus, {new['editions']} éditions")
    rows = (("taille des tables d'éditions", "bytes", lambda v: f"{v / 1e6:9.2f} Mo"),
            ("lignes d'éléments stockées", "items", lambda v: f"{v:9d}   "),
            ("première construction", "first", lambda v: f"{v:9.2f} s "),
            ("reconstruction, rien de changé", "again", lambda v: f"{v:9.2f} s "),
            ("révision (un texte national)", "revision", lambda v: f"{v:9.2f} s "))
    print(f"  {'mesure':<32}{'références':>14}{'copies (réf.)':>16}{'rapport':>10}")
    for name, key, shown in rows:
        before = f"{shown(old[key]):>16}" if old else f"{'—':>16}"
        ratio = f"{new[key] / old[key]:9.3f}" if old and old[key] else f"{'—':>9}"
        print(f"  {name:<32}{shown(new[key]):>14}{before}{ratio:>10}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=5000, help="textes publiés le jour mesuré")
    parser.add_argument("--baseline", default=BASELINE, help="commit de référence (copies)")
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432/vigie_bench_editions",
                        help="base PostgreSQL à recréer pour la mesure ; vide : ne pas mesurer")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.texts)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        old_code = baseline_tree(args.baseline, folder)
        databases = [("SQLite", lambda name: f"sqlite:///{folder / name}.sqlite3")]
        if args.pg:
            databases.append(("PostgreSQL", lambda name: fresh_postgres(args.pg)))
        for label, url in databases:
            new_url = url("new")
            if new_url is None:
                continue
            new = run_child(REPO, new_url, folder, args.texts)
            old = run_child(old_code, url("old"), folder, args.texts) if old_code else None
            report(f"{label}, {args.texts} textes publiés le {DAY:%d/%m/%Y}", new, old)
    print("\nRapport = références / copies : en dessous de 1, la version actuelle est plus "
          "petite ou plus rapide.")


if __name__ == "__main__":
    main()
