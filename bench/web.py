"""Benchmark of the web site at 100 000 documents: edition page, item page and search, each
beside a trivial page answered by the same server in the same run (the ceiling), under
gunicorn (``vigie serve``) and under Django's development server, while an ingest runs.

For each database (a fresh SQLite file; on PostgreSQL, a schema ``bench_web`` made and dropped
again in the database given with ``--pg`` — on a shared server the benchmark touches nothing
else), a first process fills it: synthetic texts of ``vigie.demo.factory`` spread over a year
of Journal officiel days, varied natures and ministries, a commune named now and then, and a
decision shaped like the analysis' (about one text in five retained, some local, some urgent,
key dates); then the real ``vigie.editions.builder.build_day`` for every edition day and the
real search index refresh; on PostgreSQL, VACUUM ANALYZE before each measure, as autovacuum
would have run (``web_databases.vacuum``). Then, while another process ingests the
demonstration deliveries again and again (``--force``: stored, analysed, indexed, editions
rebuilt — a morning's writes) at the CPU priority of batch work, as ``vigie ingest`` and the
workers run it (VIGIE_BATCH_NICE, default 10: the report states it; ``VIGIE_BATCH_NICE=0``
measures an ingest at the site's own priority), each server in turn serves the site on a free
loopback port, and this process measures it with concurrent clients (threads + httpx, bounded
by count and time; ``web_measure``). The machine's load average is printed with the figures.
Prints figures only, never asserts.

    python bench/web.py [--documents 100000] [--clients 8] [--seconds 6] [--pg URL|""]
                        [--no-sqlite] [--servers gunicorn,dev] [--no-ingest] [--keep DOSSIER]
                        [--redis redis://127.0.0.1:6379/N] [--warm SECONDES]

Each scenario is measured with one client (latency alone), then with ``--clients`` at once
(latency under load, requests/s; the goals are for this one, under gunicorn). Filling
dominates the run time: shrink it with ``--documents 20000``; ``--keep DOSSIER`` keeps the
filled databases and measures again without refilling. Every edition is built (each refers to
items stored once per day); pages are requested for the national edition and a few
départements (``--departements``): another département's edition costs the same.

Rendered pages are kept (``vigie.web.page_cache``) in each server process's memory, or with
``--redis`` in that Redis database, shared by every process as in production; each server
starts with none kept; each address is requested once first (``--warm``, reported apart:
what a reader meets before a page is kept), then the measures read kept pages, as on a site
that has been serving for a while — whose server threads have opened their database
connections too (a few seconds of ``/sante/`` with ``--clients`` clients first).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

# bench/ is the script's folder, on sys.path.
from web_databases import (  # noqa: E402
    SCHEMA,
    documents_in,
    fresh_database,
    postgres,
    schema_url,
    vacuum,
)
from web_fill import django_setup, fill  # noqa: E402
from web_measure import CEILING, SERVERS, measure, report  # noqa: E402

from vigie.config import batch_nice  # noqa: E402  (the ingest's priority, from the environment)


def child(role: str, label: str, url: str, data_dir: Path, args: argparse.Namespace,
          *extra: str, **popen) -> subprocess.Popen:
    env = dict(os.environ, VIGIE_DATABASE_URL=url, VIGIE_DATA_DIR=str(data_dir),
               BENCH_LABEL=label)
    if role == "serve" and args.redis:  # the servers share their kept pages there
        env["VIGIE_REDIS_URL"] = args.redis
    env.setdefault("VIGIE_SECRET_KEY", "banc-d-essai-" + "k" * 40)
    env.setdefault("VIGIE_LOG_LEVEL", "WARNING")
    command = [sys.executable, __file__, "--role", role, "--documents", str(args.documents),
               "--departements", args.departements, *extra]
    return subprocess.Popen(command, env=env, **popen)


def fill_all(runs: list[tuple[str, str]], folder: Path, args: argparse.Namespace) -> dict:
    """Fill the databases side by side (one process each); reuse a kept one when it holds
    at least as many documents (the ingest run beside the measures adds the demonstration's)."""
    filled, started = {}, {}
    for label, url in runs:
        state = folder / f"{label}.json"
        if args.keep and state.exists() and documents_in(url) >= args.documents:
            print(f"{label} : base gardée réutilisée ({args.documents} textes)")
            filled[label] = json.loads(state.read_text())
            continue
        fresh_database(url)
        started[label] = (time.perf_counter(), child("fill", label, url, folder, args,
                                                     stdout=subprocess.PIPE, text=True))
    for label, (began, process) in started.items():
        out, _ = process.communicate()
        if process.returncode:
            raise SystemExit(f"{label} : le remplissage a échoué (code {process.returncode})")
        filled[label] = json.loads(out.strip().splitlines()[-1])
        (folder / f"{label}.json").write_text(json.dumps(filled[label]))
        steps = ", ".join(f"{k} {v:.0f} s" for k, v in filled[label]["timings"].items())
        print(f"{label} : rempli en {time.perf_counter() - began:.0f} s ({steps})", flush=True)
    return filled


def started(server: subprocess.Popen) -> str:
    """The address the server printed once it listens."""
    import re

    for line in server.stdout:
        found = re.search(r"servi sur (http://[\d.:]+)/", line)
        if found:
            return found.group(1)
    raise SystemExit(f"le serveur n'a pas démarré (code {server.wait()})")


def bench_server(label: str, server_kind: str, url: str, folder: Path, targets: dict,
                 args: argparse.Namespace) -> dict:
    """Serve the site from this database with one server and measure each scenario alone,
    then under load."""
    server = child("serve", label, url, folder, args, "--server", server_kind,
                   stdout=subprocess.PIPE, text=True, start_new_session=True)
    try:
        base = started(server)
        # Each server thread opens its database connection, kept from then on
        # (VIGIE_WEB_CONN_MAX_AGE), as on a site that has been serving for a while: without
        # this, the first scenario to query the database would pay a connection per thread.
        measure(base, ["/sante/"], args.clients, 3.0, args.clients * 100)
        results = {}
        for name, urls in {CEILING: ["/__bench__/page/"], **targets}.items():
            print(f"{label}, {SERVERS[server_kind]} : {name}…", flush=True)
            # Mixed once, the same way each run: a short measure still samples every kind.
            urls = random.Random(name).sample(urls, len(urls))
            # Each address once first, one client (bounded in time): the pages rendered before
            # they are kept — what a reader meets first; the measures then read kept pages,
            # as on a site that has been serving for a while.
            first = (measure(base, urls, 1, args.warm, len(urls)) if args.warm
                     and name != CEILING else None)
            results[name] = {
                "alone": measure(base, urls, 1, args.seconds, args.requests),
                "load": measure(base, urls, args.clients, args.seconds, args.requests),
                "first": first,
            }
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    return results


def bench_database(label: str, url: str, folder: Path, targets: dict,
                   args: argparse.Namespace) -> dict:
    """Each server in turn, while an ingest runs on the same database (``--ingest``)."""
    vacuum(url)
    counter = folder / f"{label}-ingests.txt"
    counter.write_text("0")
    ingest = child("ingest", label, url, folder, args, "--counter", str(counter),
                   start_new_session=True) if args.ingest else None
    results, load = {}, [os.getloadavg()[0]]
    try:
        for kind in args.servers.split(","):
            results[kind] = bench_server(label, kind, url, folder, targets, args)
            load.append(os.getloadavg()[0])
    finally:
        if ingest is not None:
            os.killpg(ingest.pid, signal.SIGTERM)
            ingest.wait(timeout=60)
    return {"servers": results, "ingests": int(counter.read_text() or 0), "nice": batch_nice(),
            "load": (min(load), max(load))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=8, help="clients simultanés (charge)")
    parser.add_argument("--servers", default="gunicorn,dev",
                        help="serveurs mesurés, dans l'ordre : gunicorn, dev")
    parser.add_argument("--ingest", action=argparse.BooleanOptionalAction, default=True,
                        help="une ingestion tourne pendant les mesures (défaut : oui)")
    parser.add_argument("--seconds", type=float, default=6.0, help="durée max. par mesure")
    parser.add_argument("--requests", type=int, default=1500, help="requêtes max. par mesure")
    parser.add_argument("--departements", default="18,36,75,13,69,2A",
                        help="départements dont les pages sont demandées, ou « all »")
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432/vigie_bench_web",
                        help=f"base PostgreSQL (existante) où le schéma {SCHEMA} est recréé "
                        "puis supprimé ; vide : ne pas mesurer")
    parser.add_argument("--keep", type=Path, metavar="DOSSIER",
                        help="garder les bases (SQLite dans ce dossier, PostgreSQL non "
                        "supprimée) et les réutiliser au prochain lancement")
    parser.add_argument("--warm", type=float, default=90.0, metavar="SECONDES",
                        help="demander d'abord chaque adresse une fois (au plus ce temps), "
                        "mesuré à part ; 0 : non (les mesures comptent alors les premiers "
                        "rendus)")
    parser.add_argument("--redis", default="", metavar="URL",
                        help="Redis (VIGIE_REDIS_URL) des serveurs mesurés, où les pages "
                        "rendues sont gardées pour tous les processus ; ces pages y sont "
                        "effacées au démarrage de chaque serveur. Vide (défaut) : la mémoire de "
                        "chaque processus")
    parser.add_argument("--sqlite", action=argparse.BooleanOptionalAction, default=True,
                        help="mesurer aussi SQLite (défaut : oui)")
    parser.add_argument("--role", choices=("fill", "serve", "ingest"), help=argparse.SUPPRESS)
    parser.add_argument("--server", default="dev", help=argparse.SUPPRESS)
    parser.add_argument("--counter", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.role:
        django_setup()
        if args.role == "fill":
            only = None if args.departements == "all" else args.departements.split(",")
            print(json.dumps(fill(args.documents, only)))
        elif args.role == "ingest":
            from web_roles import ingest_forever

            ingest_forever(args.counter)
        else:
            from web_roles import serve

            serve(args.server)
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        runs = [("SQLite", f"sqlite:///{folder.resolve() / 'bench-web.sqlite3'}")
                ] if args.sqlite else []
        if args.pg and postgres(args.pg):
            runs.append(("PostgreSQL", schema_url(args.pg)))
        try:
            filled = fill_all(runs, folder, args)
            results = {label: bench_database(label, url, folder, filled[label]["targets"], args)
                       for label, url in runs}
        finally:
            if args.pg and not args.keep and len(runs) > 1:
                postgres(args.pg, "DROP")
        print(f"\n{args.documents} textes ; {args.clients} clients simultanés pour la charge ; "
              f"chaque mesure : {args.seconds:.0f} s ou {args.requests} requêtes au plus.")
        for label, measured in results.items():
            report(label, measured, args.clients)
        print(f"\nObjectifs ({args.clients} clients, gunicorn) : page d'édition p95 < 100 ms, "
              "recherche p95 < 200 ms.")


if __name__ == "__main__":
    main()
