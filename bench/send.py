"""Benchmark of ``vigie send``: one morning's digests to N readers, against plain smtplib.

Builds a database with the demonstration editions (14 October 2026) and N readers of varied
profiles (all départements, 0 to 3 roles, 0 to 2 themes, a commune for one in three), starts
a minimal SMTP sink in its own process, then measures in the same run:

- ``vigie send`` (plan, compose, send, record; VIGIE_SEND_CONCURRENCY connections), in its
  own process: messages/s over the run as the command reports it, and over the whole
  process (Django start-up and the loading of the Code officiel géographique included);
- the ceiling: plain ``smtplib`` pushing pre-rendered messages of the same average size to
  the same sink, over as many connections (threads), in its own process;
- the peak memory (max RSS) of ``vigie send`` for N/4 and N readers: it should not grow
  with N.

With ``--workers 1,2,4`` (PostgreSQL and Redis), the sending is spread over that many
``vigie worker`` processes (one process each, VIGIE_SEND_CONCURRENCY connections each),
``vigie send`` handing the shares out and waiting: messages/s for each number of workers,
beside the single-connection ceiling (plain smtplib, one connection), and the peak memory
of each worker for N/4 and N readers (it should not grow with N). The workers are started,
and answer, before the measure: « sur la commande entière » is ``vigie send`` from its start
(Python, Django, the planning, the wait for the last share's report) to its end; « sur
l'envoi », from the first to the last message the sink received. Each measure also gives the
CPU seconds per message of the workers (all together) and of the sink, and the ceiling's those
of its client and of the sink: whether the sink, sharing the cores, is what limits.

The readers, the ceiling and the workers are set up by ``send_setup``, the SMTP sink is
``send_sink``.

    python bench/send.py [--readers 10000] [--concurrency 4] [--pg postgres://…/vigie_x]
    python bench/send.py --pg postgres://…/vigie_x --redis redis://127.0.0.1:6379/5 \
        --workers 1,2,4
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/ is the script folder
from send_setup import (  # noqa: E402
    DAY,
    KEY,
    REPO,
    _pg_admin,
    ceiling,
    cpu_seconds,
    fresh_database,
    peak_rss_mb,
    seed,
    start_workers,
    stop_workers,
    vigie,
)
from send_sink import SinkProcess  # noqa: E402

GOAL_RATIO = 0.5  # one process
SPREAD_GOAL = 0.8  # two workers, against the single-connection ceiling


def bench_env(url: str, folder: Path, sink: SinkProcess, args: argparse.Namespace,
              **more: str) -> dict[str, str]:
    return dict(os.environ, VIGIE_DATABASE_URL=url, VIGIE_DATA_DIR=str(folder),
                VIGIE_SMTP_HOST="127.0.0.1", VIGIE_SMTP_PORT=str(sink.port),
                VIGIE_SEND_CONCURRENCY=str(args.concurrency), VIGIE_SEND_RATE="0",
                VIGIE_EMPTY_DIGEST="short", VIGIE_MAIL_FROM="Vigie <vigie@vigie.test>",
                VIGIE_SITE_URL="https://vigie.example.fr", VIGIE_SECRET_KEY=KEY, **more)


# --- the measured runs ---------------------------------------------------------------------

def timed_send(env: dict[str, str]) -> dict[str, float]:
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "vigie.cli", "send", "--date", DAY],
                               env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    out = process.stdout.read() + process.stderr.read()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"vigie send a échoué :\n{out}")
    sent = int(re.search(r"(\d+) envoyé", out).group(1))
    run_seconds = float(re.search(r"\(([\d.]+) s,", out).group(1))
    return {"sent": sent, "run_rate": sent / run_seconds, "process_rate": sent / elapsed,
            "rss_mb": usage.ru_maxrss / 1024, "run_seconds": run_seconds, "elapsed": elapsed}


def one_size(readers: int, args: argparse.Namespace, folder: Path, sink: SinkProcess,
             template: Path | None) -> dict[str, float]:
    name = f"vigie_bench_send_{readers}"
    url = fresh_database(args.pg, folder, name)
    env = bench_env(url, folder, sink, args)
    if template and not args.pg:
        shutil.copy(template, url.removeprefix("sqlite:///"))
    else:
        vigie(env, "ingest", *[str(p) for p in sorted((REPO / "vigie/demo/sample").iterdir())
                               if p.is_dir()])
    seed(env, readers)
    before = sink.read()
    result = timed_send(env)
    after = sink.settled(before[0] + int(result["sent"]))
    result["messages"] = after[0] - before[0]
    result["avg_bytes"] = (after[1] - before[1]) / max(1, result["messages"])
    if args.pg:
        _pg_admin(args.pg, name, create=False)
    return result


def with_workers(count: int, readers: int, args: argparse.Namespace, folder: Path,
                 sink: SinkProcess) -> dict[str, float]:
    """``vigie send`` spread over ``count`` workers: messages/s and each worker's peak RSS.

    The workers are started and answering before the measure starts (in production they
    run all along); the command is measured whole (its start-up, the planning, the wait
    for the last share's report), and the sending alone from the first to the last message
    the sink received."""
    name = f"vigie_bench_send_w{count}_{readers}"
    url = fresh_database(args.pg, folder, name)
    env = bench_env(url, folder, sink, args, VIGIE_REDIS_URL=args.redis,
                    VIGIE_TASK_QUEUE=f"vigie-bench-{uuid.uuid4().hex}",
                    VIGIE_SEND_CHUNK=str(max(50, readers // (count * 8))))
    vigie(env, "ingest", str(REPO / "vigie/demo/sample/JORFSIMPLE_20261014-011502"))
    seed(env, readers)
    workers = start_workers(env, count)
    try:
        sink.restart()
        before = sink.read()
        cpu = [cpu_seconds(p) for p in (sink.process.pid, *(w.pid for w in workers))]
        start, at = time.perf_counter(), time.time()
        vigie(env, "send", "--date", DAY)
        elapsed = time.perf_counter() - start
        after = sink.settled(before[0] + readers)
        first, last = sink.span()
        used = [cpu_seconds(p) - c for p, c in
                zip((sink.process.pid, *(w.pid for w in workers)), cpu, strict=True)]
        rss = [peak_rss_mb(w.pid) for w in workers]
    finally:
        stop_workers(workers)
        _pg_admin(args.pg, name, create=False)
    messages = after[0] - before[0]
    return {"messages": messages, "rate": messages / elapsed, "elapsed": elapsed,
            "sending": last - first, "send_rate": messages / max(1e-6, last - first),
            "before": first - at, "rss_mb": max(rss),
            "sink_ms": 1000 * used[0] / max(1, messages),
            "worker_ms": 1000 * sum(used[1:]) / max(1, messages),
            "avg_bytes": (after[1] - before[1]) / max(1, messages)}


def spread(args: argparse.Namespace) -> int:
    """Each number of workers in turn, the ceiling measured after each run: on a machine
    shared with other work, each ratio is taken against the ceilings measured just before
    and just after it."""
    counts = [int(c) for c in args.workers.split(",")]
    results, tops, loads, costs = {}, [], [], []
    with tempfile.TemporaryDirectory(prefix="vigie-bench-send-") as tmp:
        folder = Path(tmp)
        sink = SinkProcess(folder)
        try:
            for count in counts:
                results[count] = with_workers(count, args.readers, args, folder, sink)
                loads.append(os.getloadavg()[0])
                size = int(results[count]["avg_bytes"])
                sink_cpu = cpu_seconds(sink.process.pid)
                top, client_s = ceiling(sink.port, size, min(args.readers, 5000), 1)
                sink_s = (cpu_seconds(sink.process.pid) - sink_cpu) / min(args.readers, 5000)
                tops.append(top)
                costs.append((1000 * client_s, 1000 * sink_s))
            small = with_workers(2, max(1, args.readers // 4), args, folder, sink)
        finally:
            sink.stop()
    print(f"vigie send réparti (Celery, Redis, PostgreSQL), {args.readers} lecteurs, "
          f"{args.concurrency} connexions par processus de travail, digests de {DAY}, "
          f"messages de {size / 1024:.1f} Ko ; machine de {os.cpu_count()} cœurs, charge "
          f"moyenne {min(loads):.1f} à {max(loads):.1f} pendant les mesures")
    print("  plafond : smtplib, une connexion, messages prérendus de même taille, mesuré après "
          "chaque série : " + ", ".join(f"{t:.0f}" for t in tops) + " messages/s ; CPU par "
          "message : client " + ", ".join(f"{c:.2f}" for c, _ in costs) + " ms, puits "
          + ", ".join(f"{k:.2f}" for _, k in costs) + " ms")
    for n, (count, r) in enumerate(results.items()):
        around = tops[max(0, n - 1):n + 1]
        top = sum(around) / len(around)
        print(f"  {count} processus de travail : {r['messages']} messages ; sur l'envoi "
              f"(du premier au dernier message reçu, {r['sending']:.1f} s) "
              f"{r['send_rate']:.0f} messages/s = {r['send_rate'] / top:.0%} du plafond "
              f"({top:.0f}) ; sur la commande entière ({r['elapsed']:.1f} s, démarrage et "
              f"planification compris, premier message à {r['before']:.1f} s) "
              f"{r['rate']:.0f} messages/s = {r['rate'] / top:.0%} ; "
              f"mémoire max par processus {r['rss_mb']:.0f} Mo ; CPU par message : processus "
              f"de travail {r['worker_ms']:.2f} ms (tous ensemble), puits {r['sink_ms']:.2f} ms")
    print(f"  mémoire par processus de travail (2) : {small['rss_mb']:.0f} Mo pour "
          f"{args.readers // 4} lecteurs → {results.get(2, small)['rss_mb']:.0f} Mo pour "
          f"{args.readers} (objectif : plat) ; objectif 2 processus ≥ {SPREAD_GOAL:.0%} du "
          "plafond")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readers", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--pg", help="adresse PostgreSQL (une base de banc y est créée)")
    parser.add_argument("--workers", help="nombres de processus de travail, ex. 1,2,4 "
                        "(demande --pg et --redis)")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/5",
                        help="Redis de la file d'attente (avec --workers)")
    args = parser.parse_args()
    if args.workers:
        if not args.pg:
            raise SystemExit("--workers demande PostgreSQL (--pg) : SQLite n'accepte qu'un "
                             "processus de travail.")
        return spread(args)
    with tempfile.TemporaryDirectory(prefix="vigie-bench-send-") as tmp:
        folder = Path(tmp)
        sink = SinkProcess(folder)
        try:
            template = None
            if not args.pg:  # ingest the demo once, copy it for each size
                model = f"sqlite:///{folder / 'modele.sqlite3'}"
                env = dict(os.environ, VIGIE_DATABASE_URL=model, VIGIE_DATA_DIR=str(folder))
                vigie(env, "ingest", str(REPO / "vigie/demo/sample/JORFSIMPLE_20261014-011502"))
                template = folder / "modele.sqlite3"
            small = one_size(max(1, args.readers // 4), args, folder, sink, template)
            big = one_size(args.readers, args, folder, sink, template)
            top, _ = ceiling(sink.port, int(big["avg_bytes"]), args.readers, args.concurrency)
        finally:
            sink.stop()
    base = "PostgreSQL" if args.pg else "SQLite"
    print(f"vigie send, {base}, {args.concurrency} connexions, digests de {DAY}")
    for label, r in (("N/4", small), ("N", big)):
        print(f"  {label:>3} = {r['sent']:>6} lecteurs : {r['run_rate']:7.0f} messages/s sur "
              f"l'envoi ({r['run_seconds']:.1f} s), {r['process_rate']:7.0f} messages/s sur le "
              f"processus ({r['elapsed']:.1f} s), {r['avg_bytes'] / 1024:.1f} Ko/message, "
              f"mémoire max {r['rss_mb']:.0f} Mo")
    ratio, whole = big["run_rate"] / top, big["process_rate"] / top
    print(f"  plafond smtplib (messages prérendus de même taille, {args.concurrency} "
          f"connexions) : {top:.0f} messages/s")
    print(f"  rapport : {ratio:.0%} du plafond sur l'envoi, {whole:.0%} sur le processus "
          f"(objectif {GOAL_RATIO:.0%}) ; mémoire {small['rss_mb']:.0f} Mo → "
          f"{big['rss_mb']:.0f} Mo pour 4 × plus de lecteurs")
    if big["messages"] != big["sent"]:
        print(f"  ATTENTION : le puits a reçu {big['messages']} messages pour {big['sent']} "
              "envois enregistrés")
    return 0


if __name__ == "__main__":
    sys.exit(main())
