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
of each worker for N/4 and N readers (it should not grow with N).

    python bench/send.py [--readers 10000] [--concurrency 4] [--pg postgres://…/vigie_x]
    python bench/send.py --pg postgres://…/vigie_x --redis redis://127.0.0.1:6379/5 \
        --workers 1,2,4
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GOAL_RATIO = 0.5
KEY = os.environ.get("VIGIE_SECRET_KEY") or secrets.token_urlsafe(50)  # signs the links
REPO = Path(__file__).resolve().parents[1]
DAY = "2026-10-14"

SEED = """
import os, random, sys, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vigie.settings")
django.setup()
from datetime import datetime, timezone
from vigie.reference.taxonomy import ROLES, THEMES
from vigie.reference.places import places
from vigie.mailing.subscribing.communes import communes_of
from vigie.mailing.models import Subscriber
rng = random.Random(2026)
codes, roles, themes = places(), list(ROLES), list(THEMES)
count, batch = int(sys.argv[1]), []
for i in range(count):
    dep = rng.choice(codes)
    commune = rng.choice(communes_of(dep)) if rng.random() < 0.33 and communes_of(dep) else ("", "")
    batch.append(Subscriber(
        email=f"lecteur{i}@exemple.fr", status="active", departement=dep,
        commune=commune[0], commune_name=commune[1], alerts=False, frequency="daily",
        roles=rng.sample(roles, rng.randint(0, 3)), themes=rng.sample(themes, rng.randint(0, 2)),
        confirmed_at=datetime(2026, 10, 1, tzinfo=timezone.utc), consent_means="banc d'essai"))
    if len(batch) == 2000:
        Subscriber.objects.bulk_create(batch)
        batch = []
Subscriber.objects.bulk_create(batch)
"""

CEILING = """
import smtplib, sys, threading, time
host, port = sys.argv[1], int(sys.argv[2])
size, count, workers = int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
line = b"x" * 74 + b"\\r\\n"
body = (b"From: Vigie <vigie@vigie.test>\\r\\nTo: lecteur@exemple.fr\\r\\n"
        b"Subject: plafond\\r\\n\\r\\n")
message = body + line * max(1, (size - len(body)) // len(line))
def push(n):
    client = smtplib.SMTP(host, port)
    for i in range(n):
        if i and i % 100 == 0:  # as vigie does: a new session every 100 messages
            client.quit()
            client = smtplib.SMTP(host, port)
        client.sendmail("vigie@vigie.test", ["lecteur@exemple.fr"], message)
    client.quit()
start = time.perf_counter()
threads = [threading.Thread(target=push, args=(count // workers,)) for _ in range(workers)]
for t in threads: t.start()
for t in threads: t.join()
print((count // workers * workers) / (time.perf_counter() - start))
"""


# --- a minimal SMTP sink: accepts everything, counts messages and bytes -------------------

def run_sink(port: int, stats: Path) -> None:
    counts = {"messages": 0, "bytes": 0, "first": 0.0, "last": 0.0}

    async def session(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(b"220 sink ESMTP\r\n")
        while line := await reader.readline():
            verb = line[:4].upper()
            if verb == b"EHLO":
                writer.write(b"250-sink\r\n250-8BITMIME\r\n250 SIZE 33554432\r\n")
            elif verb == b"DATA":
                writer.write(b"354 Fin par <CRLF>.<CRLF>\r\n")
                data = await reader.readuntil(b"\r\n.\r\n")
                counts["messages"] += 1
                counts["bytes"] += len(data)
                counts["last"] = time.time()
                counts["first"] = counts["first"] or counts["last"]
                writer.write(b"250 2.0.0 OK\r\n")
            elif verb == b"XRST":  # the bench starts a new measure: forget the first message
                counts["first"] = 0.0
                writer.write(b"250 2.0.0 OK\r\n")
            elif verb == b"QUIT":
                writer.write(b"221 2.0.0 Au revoir\r\n")
                break
            else:
                writer.write(b"250 2.0.0 OK\r\n")
            await writer.drain()
        writer.close()

    async def main() -> None:
        server = await asyncio.start_server(session, "127.0.0.1", port, limit=2 ** 24)
        stop = asyncio.Event()
        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
        async with server:
            while not stop.is_set():
                stats.write_text(" ".join(str(v) for v in counts.values()))
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), 0.2)
        stats.write_text(" ".join(str(v) for v in counts.values()))

    asyncio.run(main())


class SinkProcess:
    def __init__(self, folder: Path) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.stats = folder / "sink.txt"
        self.process = subprocess.Popen([sys.executable, __file__, "--sink", str(self.port),
                                         str(self.stats)])
        deadline = time.monotonic() + 10
        while not self.stats.exists() and time.monotonic() < deadline:
            time.sleep(0.05)

    def read(self) -> tuple[int, int]:
        messages, size, *_ = self.stats.read_text().split()
        return int(messages), int(size)

    def restart(self) -> None:
        """A new measure: the sink forgets when its first message came."""
        with socket.create_connection(("127.0.0.1", self.port)) as conn:
            conn.recv(100)
            conn.sendall(b"XRST\r\n")
            conn.recv(100)
            conn.sendall(b"QUIT\r\n")
            conn.recv(100)

    def span(self) -> tuple[float, float]:
        """(first, last) message received since ``restart`` (epoch seconds)."""
        _, _, first, last = self.stats.read_text().split()
        return float(first), float(last)

    def settled(self, at_least: int) -> tuple[int, int]:
        """The counts once the sink has written them after the last message (0.2 s period)."""
        deadline = time.monotonic() + 3
        while (counts := self.read())[0] < at_least and time.monotonic() < deadline:
            time.sleep(0.05)
        return counts

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=10)


# --- the measured runs ---------------------------------------------------------------------

def vigie(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "vigie.cli", *args], env=env, cwd=REPO,
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"vigie {' '.join(args)} a échoué :\n{done.stdout}{done.stderr}")
    return done


def _pg_admin(base: str, name: str, create: bool) -> str:
    """The database of ``base`` emptied (its schema dropped and made again): the bench uses
    only the database it is given, on a server that may be shared. ``name`` is unused (kept
    for the callers); ``create`` False empties it at the end."""
    from urllib.parse import urlsplit

    import psycopg

    parts = urlsplit(base)
    with psycopg.connect(host=parts.hostname, port=parts.port or 5432,
                         user=parts.username or "postgres", password=parts.password or "",
                         dbname=parts.path.lstrip("/") or "postgres", autocommit=True) as db:
        db.execute("DROP SCHEMA IF EXISTS public CASCADE")
        db.execute("CREATE SCHEMA public")
    return base


def fresh_database(base: str | None, folder: Path, name: str) -> str:
    if not base:
        return f"sqlite:///{folder / (name + '.sqlite3')}"
    return _pg_admin(base, name, create=True)


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
    env = dict(os.environ, VIGIE_DATABASE_URL=url, VIGIE_DATA_DIR=str(folder),
               VIGIE_SMTP_HOST="127.0.0.1", VIGIE_SMTP_PORT=str(sink.port),
               VIGIE_SEND_CONCURRENCY=str(args.concurrency), VIGIE_SEND_RATE="0",
               VIGIE_EMPTY_DIGEST="short", VIGIE_MAIL_FROM="Vigie <vigie@vigie.test>",
               VIGIE_SITE_URL="https://vigie.example.fr", VIGIE_SECRET_KEY=KEY)
    if template and not args.pg:
        shutil.copy(template, url.removeprefix("sqlite:///"))
    else:
        vigie(env, "ingest", *[str(p) for p in sorted((REPO / "vigie/demo/sample").iterdir())
                               if p.is_dir()])
    seeded = subprocess.run([sys.executable, "-c", SEED, str(readers)], env=env, cwd=REPO,
                            capture_output=True, text=True)
    if seeded.returncode:
        raise SystemExit(seeded.stderr)
    before = sink.read()
    result = timed_send(env)
    after = sink.settled(before[0] + int(result["sent"]))
    result["messages"] = after[0] - before[0]
    result["avg_bytes"] = (after[1] - before[1]) / max(1, result["messages"])
    if args.pg:
        _pg_admin(args.pg, name, create=False)
    return result


def ceiling(sink: SinkProcess, size: int, count: int, workers: int) -> float:
    done = subprocess.run([sys.executable, "-c", CEILING, "127.0.0.1", str(sink.port),
                           str(size), str(count), str(workers)], capture_output=True, text=True,
                          check=True)
    return float(done.stdout.strip())


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def with_workers(count: int, readers: int, args: argparse.Namespace, folder: Path,
                 sink: SinkProcess) -> dict[str, float]:
    """``vigie send`` spread over ``count`` workers: messages/s and each worker's peak RSS."""
    import uuid

    name = f"vigie_bench_send_w{count}_{readers}"
    url = fresh_database(args.pg, folder, name)
    env = dict(os.environ, VIGIE_DATABASE_URL=url, VIGIE_DATA_DIR=str(folder),
               VIGIE_SMTP_HOST="127.0.0.1", VIGIE_SMTP_PORT=str(sink.port),
               VIGIE_SEND_CONCURRENCY=str(args.concurrency), VIGIE_SEND_RATE="0",
               VIGIE_EMPTY_DIGEST="short", VIGIE_MAIL_FROM="Vigie <vigie@vigie.test>",
               VIGIE_SITE_URL="https://vigie.example.fr", VIGIE_REDIS_URL=args.redis,
               VIGIE_SECRET_KEY=KEY,
               VIGIE_TASK_QUEUE=f"vigie-bench-{uuid.uuid4().hex}",
               VIGIE_SEND_CHUNK=str(max(50, readers // (count * 8))))
    vigie(env, "ingest", str(REPO / "vigie/demo/sample/JORFSIMPLE_20261014-011502"))
    seeded = subprocess.run([sys.executable, "-c", SEED, str(readers)], env=env, cwd=REPO,
                            capture_output=True, text=True)
    if seeded.returncode:
        raise SystemExit(seeded.stderr)
    workers = [subprocess.Popen([sys.executable, "-m", "vigie.cli", "worker", "--pool", "solo"],
                                env=env, cwd=REPO, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL) for _ in range(count)]
    try:
        time.sleep(6)  # workers up and listening
        sink.restart()
        before = sink.read()
        start = time.perf_counter()
        vigie(env, "send", "--date", DAY)
        elapsed = time.perf_counter() - start
        after = sink.settled(before[0] + readers)
        first, last = sink.span()
        rss = [peak_rss_mb(w.pid) for w in workers]
    finally:
        for w in workers:
            w.send_signal(signal.SIGTERM)
        for w in workers:
            w.wait(timeout=60)
        _pg_admin(args.pg, name, create=False)
    messages = after[0] - before[0]
    return {"messages": messages, "rate": messages / elapsed, "elapsed": elapsed,
            "sending": last - first, "send_rate": messages / max(1e-6, last - first),
            "rss_mb": max(rss), "avg_bytes": (after[1] - before[1]) / max(1, messages)}


def spread(args: argparse.Namespace) -> int:
    """Each number of workers in turn, the ceiling measured after each run: on a machine
    shared with other work, each ratio is taken against the ceilings measured just before
    and just after it."""
    counts = [int(c) for c in args.workers.split(",")]
    results, tops, loads = {}, [], []
    with tempfile.TemporaryDirectory(prefix="vigie-bench-send-") as tmp:
        folder = Path(tmp)
        sink = SinkProcess(folder)
        try:
            for count in counts:
                results[count] = with_workers(count, args.readers, args, folder, sink)
                loads.append(os.getloadavg()[0])
                size = int(results[count]["avg_bytes"])
                tops.append(ceiling(sink, size, min(args.readers, 5000), 1))
            small = with_workers(2, max(1, args.readers // 4), args, folder, sink)
        finally:
            sink.stop()
    print(f"vigie send réparti (Celery, Redis, PostgreSQL), {args.readers} lecteurs, "
          f"{args.concurrency} connexions par processus de travail, digests de {DAY}, "
          f"messages de {size / 1024:.1f} Ko ; machine de {os.cpu_count()} cœurs, charge "
          f"moyenne {min(loads):.1f} à {max(loads):.1f} pendant les mesures")
    print("  plafond : smtplib, une connexion, messages prérendus de même taille, mesuré après "
          "chaque série : " + ", ".join(f"{t:.0f}" for t in tops) + " messages/s")
    for n, (count, r) in enumerate(results.items()):
        around = tops[max(0, n - 1):n + 1]
        top = sum(around) / len(around)
        print(f"  {count} processus de travail : {r['messages']} messages ; sur l'envoi "
              f"(du premier au dernier message reçu, {r['sending']:.1f} s) "
              f"{r['send_rate']:.0f} messages/s = {r['send_rate'] / top:.0%} du plafond "
              f"({top:.0f}) ; sur la commande entière ({r['elapsed']:.1f} s, démarrage et "
              f"planification compris) {r['rate']:.0f} messages/s = {r['rate'] / top:.0%} ; "
              f"mémoire max par processus {r['rss_mb']:.0f} Mo")
    print(f"  mémoire par processus de travail (2) : {small['rss_mb']:.0f} Mo pour "
          f"{args.readers // 4} lecteurs → {results.get(2, small)['rss_mb']:.0f} Mo pour "
          f"{args.readers} (objectif : plat) ; objectif 2 processus ≥ 80 % du plafond")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readers", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--pg", help="adresse PostgreSQL (une base de banc y est créée)")
    parser.add_argument("--sink", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--workers", help="nombres de processus de travail, ex. 1,2,4 "
                        "(demande --pg et --redis)")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/5",
                        help="Redis de la file d'attente (avec --workers)")
    args = parser.parse_args()
    if args.sink:
        run_sink(int(args.sink[0]), Path(args.sink[1]))
        return 0
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
            top = ceiling(sink, int(big["avg_bytes"]), args.readers, args.concurrency)
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
