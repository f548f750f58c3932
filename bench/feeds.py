"""Benchmark of feed polling: N feeds of 25 items on a local server, a first poll (200, parse,
store) then a second where nothing changed (all 304), beside plain httpx + feedparser.

A server process serves N generated RSS 2.0 feeds (ETag, 304 on ``If-None-Match``) on eight
loopback addresses (127.0.0.1 … 127.0.0.8, so that per-host politeness lets eight hosts be
fetched side by side; ``VIGIE_FEEDS_HOST_DELAY`` is 0 here: the hosts are ours). Measured in
the same run, each in its own process:

- Vigie: ``feed_poll.poll`` (conditional GET, feedparser, dedupe, one ``Document`` per item,
  feed state), articles not fetched — Miniflux does not fetch them by default either;
- the baseline: plain httpx + feedparser with as many threads, parsing only, nothing stored;
- the peak memory (max RSS) of Vigie's process for N/4 and N feeds: it should not grow with N.

Reference (issue 15): Miniflux 2.0.21, measured on another machine, 38 feeds/s cold and
440 feeds/s when nothing changed.

    python bench/feeds.py [--feeds 1000] [--pg postgres://…/vigie_bench]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import multiprocessing
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
HOSTS = [f"127.0.0.{n}" for n in range(1, 9)]
ITEMS = 25
WORKERS = 8
MINIFLUX = {"cold": 38.0, "unchanged": 440.0}


SUBJECTS = ("la dotation globale de fonctionnement", "le plan local d'urbanisme",
            "la collecte des biodéchets", "les polices municipales", "la petite enfance",
            "le logement social", "la voirie communale", "les élections municipales",
            "l'assainissement collectif", "la restauration scolaire", "le fonds vert",
            "les agents territoriaux", "la commande publique", "la sécurité civile",
            "le très haut débit", "les transports scolaires", "la taxe d'aménagement",
            "les gens du voyage", "la revitalisation rurale", "le budget primitif")
VERBS = ("précise", "réforme", "assouplit", "encadre", "finance", "simplifie", "prolonge",
         "renforce", "ouvre", "reporte")
WHO = ("Le ministère", "La préfecture", "L'agence", "Le Gouvernement", "Le Conseil d'État",
       "La Cour des comptes", "Le centre de gestion", "L'association des maires")


def feed_body(index: int) -> bytes:
    """A feed of 25 news items written from a vocabulary of local government, each item
    different from the others as real news are (see ``vigie.documents.likeness``)."""
    rng = random.Random(index)
    items = []
    for n in range(ITEMS):
        subject, other = rng.sample(SUBJECTS, 2)
        title = (f"{rng.choice(WHO)} {rng.choice(VERBS)} {subject} : {rng.randint(2, 90)} "
                 f"communes concernées en {rng.choice(('2026', '2027'))}")
        text = (f"{rng.choice(WHO)} {rng.choice(VERBS)} {other} et {subject} ; "
                f"{rng.randint(3, 400)} millions d'euros, {rng.choice(VERBS)} au "
                f"{rng.randint(1, 28)} {rng.choice(('mars', 'juin', 'novembre'))}. "
                f"Référence {index}-{n}.")
        link = f"https://source{index % 50}.example/articles/{index}/{n}"
        items.append(f"<item><title>{title}</title><link>{link}</link><guid>{link}</guid>"
                     f"<description>{text}</description>"
                     f"<pubDate>Wed, 14 Oct 2026 0{n % 10}:00:00 +0200</pubDate></item>")
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
            f"<title>Source {index}</title><link>https://source{index}.example/</link>"
            f"<description>Flux de banc d'essai</description>{''.join(items)}</channel>"
            "</rss>").encode()


def serve(port: int, feeds: int, ready: multiprocessing.Event) -> None:
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    bodies = {f"/feed/{i}.xml": feed_body(i) for i in range(feeds)}
    tags = {path: '"' + hashlib.sha256(b).hexdigest()[:20] + '"' for path, b in bodies.items()}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            body = bodies.get(self.path)
            if body is None:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if self.headers.get("If-None-Match") == tags[self.path]:
                self.send_response(304)
                self.send_header("ETag", tags[self.path])
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("ETag", tags[self.path])
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    servers = [ThreadingHTTPServer((host, port), Handler) for host in HOSTS]
    for server in servers:
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
    ready.set()
    threading.Event().wait()


def urls(port: int, feeds: int) -> list[str]:
    return [f"http://{HOSTS[i % len(HOSTS)]}:{port}/feed/{i}.xml" for i in range(feeds)]


def max_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_vigie(port: int, feeds: int) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vigie.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from vigie.documents.feed_poll import PollOptions, poll
    from vigie.documents.models import Document, Feed

    Feed.objects.bulk_create([Feed(url=u, rubric="actualite", fetch_articles=False)
                              for u in urls(port, feeds)])
    options = PollOptions(workers=WORKERS, host_delay=0.0, articles=False, everything=True)
    start = time.perf_counter()
    first = poll(options)
    cold = time.perf_counter() - start
    start = time.perf_counter()
    second = poll(options)
    unchanged = time.perf_counter() - start
    return {"cold": feeds / cold, "unchanged": feeds / unchanged,
            "stored": Document.objects.count(), "not_modified": second.counts["not_modified"],
            "failed": first.counts["failed"] + second.counts["failed"], "rss_mb": max_rss_mb()}


def child_baseline(port: int, feeds: int) -> dict:
    from concurrent.futures import ThreadPoolExecutor

    import feedparser
    import httpx

    client = httpx.Client(timeout=30)
    tags: dict[str, str] = {}

    def cold(url: str) -> int:
        response = client.get(url)
        tags[url] = response.headers.get("ETag", "")
        return len(feedparser.parse(response.content).entries)

    def again(url: str) -> int:
        response = client.get(url, headers={"If-None-Match": tags[url]})
        return 0 if response.status_code == 304 else len(feedparser.parse(response.content)
                                                         .entries)

    with ThreadPoolExecutor(WORKERS) as pool:
        start = time.perf_counter()
        items = sum(pool.map(cold, urls(port, feeds)))
        first = time.perf_counter() - start
        start = time.perf_counter()
        sum(pool.map(again, urls(port, feeds)))
        second = time.perf_counter() - start
    return {"cold": feeds / first, "unchanged": feeds / second, "items": items,
            "rss_mb": max_rss_mb()}


def run_child(kind: str, port: int, feeds: int, database: str) -> dict:
    env = {**os.environ, "VIGIE_DATABASE_URL": database, "PYTHONPATH": str(REPO)}
    out = subprocess.run([sys.executable, __file__, "--child", kind, "--port", str(port),
                          "--feeds", str(feeds)], env=env, capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def fresh_database(pg: str | None, folder: str, name: str) -> str:
    if not pg:
        return f"sqlite:///{folder}/{name}.sqlite3"
    import psycopg

    base, _, db = pg.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{db}"')
        conn.execute(f'CREATE DATABASE "{db}"')
    return pg


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--pg", help="PostgreSQL database to (re)create for Vigie")
    parser.add_argument("--child", choices=("vigie", "baseline"))
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    if args.child:
        work = child_vigie if args.child == "vigie" else child_baseline
        print(json.dumps(work(args.port, args.feeds)))
        return
    port = 18000 + os.getpid() % 2000
    ready = multiprocessing.Event()
    server = multiprocessing.Process(target=serve, args=(port, args.feeds, ready), daemon=True)
    server.start()
    ready.wait(60)
    try:
        with tempfile.TemporaryDirectory() as folder:
            base = run_child("baseline", port, args.feeds, "")
            small = run_child("vigie", port, args.feeds // 4,
                              fresh_database(args.pg, folder, "small"))
            vigie = run_child("vigie", port, args.feeds, fresh_database(args.pg, folder, "full"))
    finally:
        server.terminate()
    report(args.feeds, vigie, base, small)


def report(feeds: int, vigie: dict, base: dict, small: dict) -> None:
    print(f"{feeds} flux × {ITEMS} éléments, {len(HOSTS)} hôtes locaux, {WORKERS} en parallèle")
    for phase, label in (("cold", "premier relevé (200, lecture, stockage)"),
                         ("unchanged", "relevé sans changement (tout en 304)")):
        print(f"  {label} : Vigie {vigie[phase]:.0f} flux/s ; httpx + feedparser seuls "
              f"{base[phase]:.0f} flux/s (rapport {vigie[phase] / base[phase]:.2f}) ; "
              f"Miniflux (référence) {MINIFLUX[phase]:.0f} flux/s "
              f"(rapport {vigie[phase] / MINIFLUX[phase]:.1f})")
    print(f"  éléments stockés : {vigie['stored']} ; réponses 304 : {vigie['not_modified']} ; "
          f"échecs : {vigie['failed']}")
    print(f"  mémoire max de Vigie : {small['rss_mb']:.0f} Mo pour {feeds // 4} flux, "
          f"{vigie['rss_mb']:.0f} Mo pour {feeds} flux (rapport "
          f"{vigie['rss_mb'] / small['rss_mb']:.2f})")


if __name__ == "__main__":
    main()
