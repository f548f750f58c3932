"""Benchmark of the web site at 100 000 documents: edition page, item page and search, each
beside a trivial page answered by the same server in the same run (the ceiling).

For each database (a fresh SQLite file; a PostgreSQL database ``vigie_bench_web`` created and
dropped again when 127.0.0.1:5432 answers), a first process fills it: synthetic texts of
``vigie.demo.factory`` spread over a year of Journal officiel days, varied natures and
ministries, a commune named now and then, and a decision shaped like the analysis' (about one
text in five retained, some local, some urgent, key dates); then the real
``vigie.editions.builder.build_day`` for every edition day and the real search index refresh.
A second process serves the site with Django's threaded WSGI server on a free loopback port;
this one measures it with concurrent clients (threads + httpx, bounded by count and time).
Prints figures only, never asserts.

    python bench/web.py [--documents 100000] [--clients 4] [--seconds 6] [--pg URL|""]
                        [--keep DOSSIER]

Each scenario is measured with one client (latency alone), then with ``--clients`` at once
(latency under load, requests/s). Filling dominates the run time: shrink it with
``--documents 20000``; ``--keep DOSSIER`` keeps the filled databases and measures again
without refilling. Editions are built for the national edition and a few départements
(``--departements``): another département's edition costs the same and is not measured.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import quote

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

GOALS = {"page d'édition": 100.0, "recherche": 200.0, "recherche (mots fréquents)": 200.0}
CEILING = "page triviale (plafond)"
TIMEOUT = 30.0  # seconds a client waits for one answer
NATURES = (("ARRETE", "Arrêté", 55), ("DECRET", "Décret", 20), ("AVIS", "Avis", 10),
           ("DECISION", "Décision", 8), ("LOI", "Loi", 2), ("ORDONNANCE", "Ordonnance", 2),
           ("CIRCULAIRE", "Circulaire", 3))
MINISTRIES = ("Ministère de l'intérieur", "Ministère de l'aménagement du territoire et de la "
              "décentralisation", "Ministère de la transition écologique", "Ministère du travail "
              "et des solidarités", "Ministère de l'économie et des finances",
              "Ministère de l'éducation nationale", "Ministère de la santé")
LAST_DAY = date(2026, 10, 14)


# --- The corpus (pure: no Django) ------------------------------------------------------------

def publication_days() -> list[date]:
    """A year of Journal officiel days: every day but Monday."""
    days = [LAST_DAY - timedelta(days=n) for n in range(365)]
    return sorted(d for d in days if d.weekday() != 0)


def decision_for(rng: random.Random, title: str, day: date, essentials: list[str],
                 departement: str, theme: str) -> dict:
    from vigie.analysis.taxonomy import roles_for, theme_label

    retained = rng.random() < 0.2
    local = bool(departement) and retained and rng.random() < 0.3
    dates = []
    if retained and rng.random() < 0.35:
        when = day + timedelta(days=rng.choice((1, 1, 15, 30, 90, 180)))
        dates.append({"date": when.isoformat(), "kind": "entree_en_vigueur",
                      "label": "Entrée en vigueur",
                      "evidence": f"Le présent texte entre en vigueur le {when:%d/%m/%Y}."})
    if retained and rng.random() < 0.1:
        when = day + timedelta(days=rng.randint(20, 200))
        dates.append({"date": when.isoformat(), "kind": "echeance", "label": "Date limite",
                      "evidence": f"Les demandes sont déposées avant le {when:%d/%m/%Y}."})
    return {
        "retained": retained, "scope": ("local" if local else "national") if retained else "no",
        "departements": [departement] if departement else [],
        "score": round(rng.uniform(0.3, 1.0), 3) if retained else 0.0,
        "reasons": [f"thème « {theme_label(theme)} »"] if retained else ["hors sujet"],
        "theme": theme if retained else "", "themes": [], "roles": list(roles_for((theme,))),
        "territories": [{"kind": "departement", "code": departement, "name": departement,
                         "departement": departement}] if departement else [],
        "dates": dates, "urgent": retained and rng.random() < 0.08,
        "short_title": title.split(" portant ")[-1][:200].capitalize(),
        "essentials": essentials if retained else [], "version": "bench",
    }


def corpus(count: int, seed: int = 2026):
    """(document fields, article texts, decision) for ``count`` texts, day by day."""
    from vigie.analysis.geo import load_geo
    from vigie.analysis.taxonomy import THEMES
    from vigie.demo.factory import random_text
    from vigie.editions.calendar import french_day
    from vigie.editions.places import departements

    rng = random.Random(seed)
    days = publication_days()
    communes = [c for c in load_geo().communes.values() if c.kind == "COM"]
    codes, themes = departements(), list(THEMES)
    natures = [n for n in NATURES for _ in range(n[2])]
    for index in range(count):
        day = days[index * len(days) // count]
        fake = random_text(rng, index, day=day.isoformat())
        nature, label, _ = rng.choice(natures)
        theme = rng.choice(themes)
        topic = THEMES[theme].split(",")[0].lower()
        commune = rng.choice(communes) if rng.random() < 0.25 else None
        where = f" dans la commune de {commune.name}" if commune else ""
        title = (f"{label} du {french_day(day - timedelta(days=rng.randint(1, 9)), weekday=False)}"
                 f" portant mesure n° {index} relative à {topic}{where}")
        articles = [f"{topic.capitalize()}{where}. {a}" if i == 0 else a
                    for i, a in enumerate(fake.articles)]
        essentials = [a.split(".")[0][:240] + "." for a in articles[:rng.randint(0, 3)]]
        departement = commune.departement if commune else (
            rng.choice(codes) if rng.random() < 0.1 else "")
        fields = {
            "uid": f"JORFTEXT{800_000_000 + index:012d}", "nature": nature, "title": title,
            "nor": f"BEN{theme[:1].upper()}26{index:05d}{nature[0]}"[:12], "date_publi": day,
            "ministry": rng.choice(MINISTRIES), "short_title": title.split(" portant ")[0],
        }
        decision = decision_for(rng, title, day, essentials, departement, theme)
        yield fields, articles, decision, commune.name if commune else ""


# --- Filling (child process, Django) ---------------------------------------------------------

def django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vigie.settings")
    import django

    django.setup()


def jo_number(day: date) -> str:
    return f"{(day - date(day.year, 1, 1)).days + 1:04d}"


def document_row(pk: int, fields: dict, rank: int, articles: list[str]) -> dict:
    day = fields["date_publi"]
    digest = hashlib.sha256("\n".join([fields["title"], *articles]).encode()).hexdigest()
    return {
        **fields, "id": pk, "rubric": "jo", "status": "complete", "flow": "jorfsimple",
        "rank": rank, "eli": f"https://www.legifrance.gouv.fr/eli/texte/{fields['nor']}",
        "date_text": day - timedelta(days=2), "jo_number": jo_number(day),
        "jo_id": f"JORFCONT{day:%Y%m%d}0000", "origine_publi": f"JORF n°{jo_number(day)}",
        "section": f"Décrets, arrêtés, circulaires / Textes généraux / {fields['ministry']}",
        "visas": "Vu le code général des collectivités territoriales ;",
        "signatories": ["Fait le 12 octobre 2026.", "Jeanne DUPONT"], "content_hash": digest,
        "delivery": "bench", "member": f"{fields['uid']}.xml",
    }


def insert(model, rows: list[dict]) -> None:
    """Plain INSERTs (executemany): at 10⁵ rows, bulk_create's per-object work dominates.
    Values go through each field's own conversion; absent ones take the field's default."""
    from django.db import connection
    from django.utils import timezone

    now, fields = timezone.now(), model._meta.concrete_fields

    def value(field, row: dict):
        if field.attname in row:
            return row[field.attname]
        return now if getattr(field, "auto_now_add", False) or getattr(
            field, "auto_now", False) else field.get_default()

    quote = connection.ops.quote_name
    sql = (f"INSERT INTO {quote(model._meta.db_table)} "
           f"({', '.join(quote(f.column) for f in fields)}) "
           f"VALUES ({', '.join(['%s'] * len(fields))})")
    with connection.cursor() as cursor:
        cursor.executemany(sql, [[f.get_db_prep_save(value(f, row), connection) for f in fields]
                                 for row in rows])


def insert_texts(count: int) -> tuple[list[str], list[str], list[str], dict[date, int]]:
    """Documents, articles and decisions; returns (uids, retained uids, towns, texts a day)."""
    from types import SimpleNamespace

    from django.core.management.color import no_style
    from django.db import connection, transaction

    from vigie.analysis.model import ANALYSIS_VERSION
    from vigie.analysis.models import Analysis
    from vigie.analysis.store import input_hash
    from vigie.documents.models import Article, Document

    uids, retained, towns, ranks = [], [], [], {}
    docs, articles, analyses = [], [], []
    for pk, (fields, texts, decision, town) in enumerate(corpus(count), start=1):
        day = fields["date_publi"]
        ranks[day] = ranks.get(day, 0) + 1
        doc = document_row(pk, fields, ranks[day], texts)
        docs.append(doc)
        articles += [{"id": pk * 10 + n, "article_id": f"JORFARTI{pk * 10 + n:012d}",
                      "text_uid": doc["uid"], "num": str(n), "position": n, "text": text,
                      "html": f"<p>{text}</p>"} for n, text in enumerate(texts, start=1)]
        analyses.append({
            "id": pk, "document_id": pk, "version": ANALYSIS_VERSION,
            "input_hash": input_hash(SimpleNamespace(**doc)), "decision": decision,
            **{k: decision[k] for k in ("retained", "scope", "score", "departements", "theme",
                                        "urgent")}})
        uids.append(doc["uid"])
        if decision["retained"]:
            retained.append(doc["uid"])
        if town and len(towns) < 1000:
            towns.append(town)
        if len(docs) == 2000 or pk == count:
            with transaction.atomic():
                for model, rows in ((Document, docs), (Article, articles), (Analysis, analyses)):
                    insert(model, rows)
                    rows.clear()
            progress(f"textes : {pk}/{count}")
    with connection.cursor() as cursor:  # ids were given: move PostgreSQL's sequences on
        for sql in connection.ops.sequence_reset_sql(no_style(), [Document, Article, Analysis]):
            cursor.execute(sql)
    return uids, retained, towns, ranks


def fill(count: int, only: list[str] | None) -> dict:
    """Fill the (empty) database; returns what to request and how long each step took."""
    from django.core.management import call_command

    from vigie.documents.models import JoIssue
    from vigie.editions.builder import build_day
    from vigie.editions.calendar import edition_day
    from vigie.web.search import refresh

    timings: dict[str, float] = {}
    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    uids, retained, towns, ranks = insert_texts(count)
    JoIssue.objects.bulk_create([
        JoIssue(jo_id=f"JORFCONT{day:%Y%m%d}0000", number=jo_number(day), date_publi=day,
                title=f"JORF du {day:%d/%m/%Y}", entries=n) for day, n in ranks.items()])
    timings["textes"] = time.perf_counter() - start

    start = time.perf_counter()
    edition_days = sorted({edition_day(d) for d in ranks})
    for n, day in enumerate(edition_days, start=1):
        build_day(day, only=only)
        if n % 50 == 0:
            progress(f"éditions : {n}/{len(edition_days)} jours")
    timings["éditions"] = time.perf_counter() - start

    start = time.perf_counter()
    for offset in range(0, len(uids), 10_000):
        refresh(uids[offset:offset + 10_000])
        progress(f"index de recherche : {min(offset + 10_000, len(uids))}/{len(uids)}")
    timings["index"] = time.perf_counter() - start
    return {"documents": count, "timings": timings,
            "targets": targets(edition_days, only, retained, towns)}


def targets(edition_days: list[date], only: list[str] | None, retained: list[str],
            towns: list[str]) -> dict:
    """The addresses each scenario requests, drawn among what exists."""
    from vigie.editions.places import departements

    rng = random.Random(7)
    places = ["national", *(only if only is not None else departements())]
    recent = edition_days[-60:]
    # Words a reader looks for: a theme (about one text in twenty), a commune named in a few
    # texts, a JORFTEXT id, with a filter now and then.
    targeted = ["fiscalité", "climat", "outre-mer", "habitat", "numérique",
                *rng.sample(retained, 3), *rng.sample(towns, min(20, len(towns)))]
    return {
        "page d'édition": [f"/edition/{rng.choice(recent)}/{rng.choice(places)}/"
                           for _ in range(60)],
        "page d'un texte": [f"/texte/{uid}/"
                            for uid in rng.sample(retained, min(200, len(retained)))],
        "recherche": [f"/recherche/?q={quote(q)}" for q in targeted]
        + [f"/recherche/?q=climat&theme=energie&du={recent[0]}",
           f"/recherche/?q={quote('sécurité')}&departement=36"],
        # Words of the synthetic filler (factory.WORDS), in nearly every text: the worst case.
        "recherche (mots fréquents)": [f"/recherche/?q={quote(q)}" for q in (
            "commune", "permis de construire", "police municipale", "dotation budget")],
    }


def progress(message: str) -> None:
    print(f"  … {os.environ.get('BENCH_LABEL', '')} {message}", file=sys.stderr, flush=True)


# --- Serving (child process) -----------------------------------------------------------------

def trivial_page(request):
    """The ceiling: a fixed small page through the same server, middleware and URL routing."""
    from django.http import HttpResponse

    return HttpResponse("<!DOCTYPE html><html lang=\"fr\"><title>Vigie</title><p>Bonjour.</p>",
                        content_type="text/html; charset=utf-8")


def serve() -> None:
    from django.conf import settings
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.core.wsgi import get_wsgi_application
    from django.urls import include, path

    global urlpatterns
    urlpatterns = [path("__bench__/page/", trivial_page), path("", include("vigie.web.urls"))]
    settings.ROOT_URLCONF = __name__

    class Quiet(WSGIRequestHandler):
        # Headers and body leave in separate writes: without TCP_NODELAY, Nagle's algorithm
        # and the client's delayed ACK add about 40 ms to every keep-alive answer.
        disable_nagle_algorithm = True

        def log_message(self, *args) -> None:  # one line per request would skew the figures
            pass

    server = ThreadedWSGIServer(("127.0.0.1", 0), Quiet)
    server.set_app(get_wsgi_application())
    print(server.server_address[1], flush=True)
    server.serve_forever()


# --- Measuring (this process) ----------------------------------------------------------------

def measure(base: str, urls: list[str], clients: int, seconds: float, most: int) -> dict:
    """``clients`` threads request ``urls`` in turn until ``most`` requests or ``seconds``
    (a request under way then still ends, within TIMEOUT)."""
    import httpx

    with httpx.Client(base_url=base, timeout=TIMEOUT) as warm, contextlib.suppress(
            httpx.HTTPError):  # caches, connections
        warm.get(urls[-1])
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds
    counter = iter(range(most))

    def client(offset: int) -> None:
        with httpx.Client(base_url=base, timeout=TIMEOUT) as http:
            for n in counter:
                if time.perf_counter() > deadline:
                    return
                began = time.perf_counter()
                try:
                    ok = http.get(urls[(n + offset) % len(urls)]).status_code == 200
                except httpx.HTTPError:  # a timeout counts, as an error, at its full length
                    ok = False
                with lock:
                    latencies.append(time.perf_counter() - began)
                    errors[0] += not ok

    start = time.perf_counter()
    threads = [threading.Thread(target=client, args=(k * 7,)) for k in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - start
    cuts = statistics.quantiles(latencies, n=100, method="inclusive") if len(latencies) > 1 \
        else latencies * 99
    return {"p50": cuts[49] * 1000, "p95": cuts[94] * 1000, "rps": len(latencies) / wall,
            "count": len(latencies), "errors": errors[0]}


def child(role: str, label: str, url: str, data_dir: Path, args: argparse.Namespace,
          **popen) -> subprocess.Popen:
    env = dict(os.environ, VIGIE_DATABASE_URL=url, VIGIE_DATA_DIR=str(data_dir),
               BENCH_LABEL=label)
    command = [sys.executable, __file__, "--role", role, "--documents", str(args.documents),
               "--departements", args.departements]
    return subprocess.Popen(command, env=env, **popen)


def fill_all(runs: list[tuple[str, str]], folder: Path, args: argparse.Namespace) -> dict:
    """Fill the databases side by side (one process each); reuse a kept one when it holds
    the same number of documents."""
    filled, started = {}, {}
    for label, url in runs:
        state = folder / f"{label}.json"
        if args.keep and state.exists() and documents_in(url) == args.documents:
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


def bench_database(label: str, url: str, folder: Path, targets: dict,
                   args: argparse.Namespace) -> dict:
    """Serve the site from this database and measure each scenario alone, then under load."""
    server = child("serve", label, url, folder, args, stdout=subprocess.PIPE, text=True)
    try:
        base = f"http://127.0.0.1:{int(server.stdout.readline())}"
        results = {}
        for name, urls in {CEILING: ["/__bench__/page/"], **targets}.items():
            print(f"{label} : {name}…", flush=True)
            # Mixed once, the same way each run: a short measure still samples every kind.
            urls = random.Random(name).sample(urls, len(urls))
            results[name] = {
                "alone": measure(base, urls, 1, args.seconds, args.requests),
                "load": measure(base, urls, args.clients, args.seconds, args.requests),
            }
    finally:
        server.terminate()
        server.wait(timeout=30)
    return results


def report(label: str, results: dict, clients: int) -> None:
    ceiling = results[CEILING]
    print(f"\n{label}")
    print(f"{'':<28}│{'1 client':^25}│{f'{clients} clients':^33}│{'rapport au plafond':^25}│")
    print(f"{'scénario':<28}│{'p50 ms':>9}{'p95 ms':>9}{'n':>6} │{'p50 ms':>9}{'p95 ms':>9}"
          f"{'req/s':>8}{'n':>6} │{'p95 1 cl.':>11}{'req/s':>12} │ objectif p95 (1 client)")
    for name, r in results.items():
        alone, load = r["alone"], r["load"]
        goal = GOALS.get(name)
        verdict = f"< {goal:.0f} ms : {'oui' if alone['p95'] < goal else 'NON'}" if goal else ""
        errors = alone["errors"] + load["errors"]
        if errors:
            verdict += f" ({errors} erreur(s) ou délai de {TIMEOUT:.0f} s dépassé)"
        print(f"{name:<28}│{alone['p50']:9.1f}{alone['p95']:9.1f}{alone['count']:6d} │"
              f"{load['p50']:9.1f}{load['p95']:9.1f}{load['rps']:8.1f}{load['count']:6d} │"
              f"{alone['p95'] / ceiling['alone']['p95']:10.1f}×"
              f"{load['rps'] / ceiling['load']['rps']:12.1%} │ {verdict}")


def fresh_database(url: str) -> None:
    if url.startswith("sqlite"):
        for extra in ("", "-wal", "-shm"):
            Path(url.removeprefix("sqlite:///") + extra).unlink(missing_ok=True)
    else:
        postgres(url, "DROP", "CREATE")


def postgres(url: str, *actions: str) -> bool:
    """DROP and/or CREATE the benchmark database (none: is the server there?); False, with a
    message, when PostgreSQL does not answer."""
    from urllib.parse import urlsplit

    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    try:
        with psycopg.connect(f"host={parts.hostname} port={parts.port or 5432} dbname=postgres "
                             f"user={parts.username or 'postgres'}", autocommit=True,
                             connect_timeout=5) as conn:
            for action in actions:
                extra = " IF EXISTS" if action == "DROP" else ""
                force = " WITH (FORCE)" if action == "DROP" else ""
                conn.execute(f'{action} DATABASE{extra} "{name}"{force}')
    except Exception as error:  # the benchmark still reports SQLite
        print(f"PostgreSQL injoignable ({error}) : seule la mesure SQLite est faite.")
        return False
    return True


def documents_in(url: str) -> int:
    """How many documents a kept database holds (-1: none there)."""
    import sqlite3
    from urllib.parse import urlsplit

    import psycopg

    count = "SELECT count(*) FROM documents_document"
    try:
        if url.startswith("sqlite"):
            with sqlite3.connect(f"file:{url.removeprefix('sqlite:///')}?mode=ro", uri=True) as db:
                return db.execute(count).fetchone()[0]
        parts = urlsplit(url)
        with psycopg.connect(f"host={parts.hostname} port={parts.port or 5432} "
                             f"dbname={parts.path.lstrip('/')} user={parts.username}",
                             connect_timeout=5) as db:
            return db.execute(count).fetchone()[0]
    except Exception:
        return -1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=4, help="clients simultanés (charge)")
    parser.add_argument("--seconds", type=float, default=6.0, help="durée max. par mesure")
    parser.add_argument("--requests", type=int, default=1500, help="requêtes max. par mesure")
    parser.add_argument("--departements", default="18,36,75,13,69,2A",
                        help="départements dont les éditions sont construites, ou « all »")
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432/vigie_bench_web",
                        help="base PostgreSQL recréée puis supprimée ; vide : ne pas mesurer")
    parser.add_argument("--keep", type=Path, metavar="DOSSIER",
                        help="garder les bases (SQLite dans ce dossier, PostgreSQL non "
                        "supprimée) et les réutiliser au prochain lancement")
    parser.add_argument("--role", choices=("fill", "serve"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.role:
        django_setup()
        if args.role == "fill":
            only = None if args.departements == "all" else args.departements.split(",")
            print(json.dumps(fill(args.documents, only)))
        else:
            serve()
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        runs = [("SQLite", f"sqlite:///{folder.resolve() / 'bench-web.sqlite3'}")]
        if args.pg and postgres(args.pg):
            runs.append(("PostgreSQL", args.pg))
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
        print("\nObjectifs : page d'édition p95 < 100 ms, recherche p95 < 200 ms.")


if __name__ == "__main__":
    main()
