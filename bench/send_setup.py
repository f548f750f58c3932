"""What ``bench/send.py`` sets up: readers, databases, workers, and the ceiling to compare with.

- ``SEED``: N readers of varied profiles (all départements, 0 to 3 roles, 0 to 2 themes, a
  commune for one in three), written in bulk by a child process;
- ``CEILING``: plain ``smtplib`` pushing pre-rendered messages of a given size to the sink,
  over as many connections (threads) as asked, a new session every 100 messages as Vigie's;
- ``start_workers``: ``vigie worker`` processes, returned once each answers a ping — their
  start-up (Django, the Code officiel géographique) is not part of any measure, as workers
  in production are started once, long before the morning.
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
from pathlib import Path

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

PING = """
import os, sys, time, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vigie.settings")
django.setup()
from vigie.tasks.app import app
wanted, deadline = set(sys.argv[1:]), time.monotonic() + 300
while time.monotonic() < deadline:
    answered = {name.split("@")[0] for reply in app.control.ping(timeout=1.0) for name in reply}
    if wanted <= answered:
        sys.exit(0)
sys.exit("processus de travail muets : " + ", ".join(sorted(wanted - answered)))
"""


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


def seed(env: dict[str, str], readers: int) -> None:
    seeded = subprocess.run([sys.executable, "-c", SEED, str(readers)], env=env, cwd=REPO,
                            capture_output=True, text=True)
    if seeded.returncode:
        raise SystemExit(seeded.stderr)


def ceiling(port: int, size: int, count: int, workers: int) -> tuple[float, float]:
    """Messages/s of plain smtplib into the sink at ``port``, and the CPU seconds its client
    process used per message."""
    process = subprocess.Popen([sys.executable, "-c", CEILING, "127.0.0.1", str(port),
                                str(size), str(count), str(workers)], stdout=subprocess.PIPE,
                               text=True)
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status):
        raise SystemExit("le plafond smtplib a échoué")
    sent = count // workers * workers
    return float(process.stdout.read().strip()), (usage.ru_utime + usage.ru_stime) / sent


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds a running process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def start_workers(env: dict[str, str], count: int) -> list[subprocess.Popen]:
    """``count`` workers (one process each, ``--pool solo``), once all answer a ping."""
    workers = [subprocess.Popen([sys.executable, "-m", "vigie.cli", "worker", "--pool", "solo"],
                                env=env, cwd=REPO, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL) for _ in range(count)]
    ready = subprocess.run([sys.executable, "-c", PING, *(f"vigie-{w.pid}" for w in workers)],
                           env=env, cwd=REPO, capture_output=True, text=True)
    if ready.returncode:
        stop_workers(workers)
        raise SystemExit(ready.stderr)
    return workers


def stop_workers(workers: list[subprocess.Popen]) -> None:
    for w in workers:
        w.send_signal(signal.SIGTERM)
    for w in workers:
        w.wait(timeout=60)
