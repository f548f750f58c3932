"""Every page and endpoint a reader meets, on a filled database: how many queries, how much
SQL time and how many bytes each costs, made afresh, asked again (a kept page) and
revalidated (``If-None-Match``): the figures that must not grow with the number of texts.

Each address is requested in this process through Django's test client (the whole middleware
stack, no network), beside the trivial page (``/favicon.ico``), measured in the same run: the
ratio is to it. The database is the one Vigie would use (``VIGIE_DATABASE_URL``, else the
SQLite file of ``VIGIE_DATA_DIR``); fill it first, for instance with a synthetic delivery of
``bench/ingest.py`` and real files:

    python -c "import sys; sys.path.insert(0, 'bench'); from pathlib import Path; \\
        from ingest import build_global; \\
        build_global(Path('/tmp/b/JORF_20261014-011502.tar.gz'), 60000, per_day=35)"
    VIGIE_DATA_DIR=/tmp/b vigie ingest /tmp/b/JORF_20261014-011502.tar.gz
    VIGIE_DATA_DIR=/tmp/b python bench/pages.py [--repeat 3] [--verbose] [ADRESSE …]

The addresses are found in the database (the busiest edition day, the text with the longest
body, a département with local texts) unless given. Prints figures only, never asserts;
times are medians of ``--repeat`` runs (a shared machine is noisy: compare the query counts
and bytes first, times beside the trivial page's).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vigie.settings")
os.environ.setdefault("VIGIE_ALLOWED_HOSTS", "testserver")
os.environ.setdefault("VIGIE_SECRET_KEY", "bench-pages-" + "x" * 40)  # never served

TRIVIAL = "/favicon.ico"


def addresses() -> list[str]:
    """The reader pages of this database: its busiest editions, longest text, common and
    rare words, deep pages, feeds, calendars, the API with paging and filters, health."""
    from django.db.models import Count, Sum
    from django.db.models.functions import Length

    from vigie.documents.models import Article
    from vigie.editions.models import Edition, EditionItem

    national = Edition.objects.filter(departement="").order_by("-items_count").first()
    if national is None:
        raise SystemExit("Base vide : ingérez d'abord une livraison (voir l'aide du script).")
    local = (EditionItem.objects.filter(national=False).exclude(departements="")
             .values("departements").annotate(n=Count("id")).order_by("-n").first())
    code = local["departements"].split()[0] if local else "18"
    longest = (Article.objects.values("text_uid").annotate(size=Sum(Length("html")))
               .order_by("-size").values_list("text_uid", flat=True).first())
    day = national.date
    return [
        "/", f"/edition/{day}/national/", f"/edition/{day}/{code}/", f"/texte/{longest}/",
        "/archives/", "/recherche/", "/recherche/?q=commune", "/recherche/?q=zuydcoote",
        "/recherche/?q=%22catastrophe+naturelle%22", "/recherche/?q=commune&tri=pertinence",
        f"/recherche/?q=&departement={code}", "/recherche/?q=&theme=finances",
        "/recherche/?q=d%C3%A9cret&page=40", "/recherche/?q=commune&page=500",
        "/recherche/?q=a", "/recherche/?q=commune&tri=pertinence&page=50",
        f"/recherche/?q=commune&theme=finances&departement={code}&retenus=on",
        "/archives/?page=5", "/flux/national/rss/",
        f"/flux/departement/{code}/atom/", "/flux/theme/finances/rss/",
        "/flux/rubrique/jo/atom/", "/calendrier/national.ics",
        f"/calendrier/departement/{code}.ics", "/calendrier/theme/finances.ics",
        "/api/editions/", "/api/editions/?page=20", "/api/editions/?page=500",
        f"/api/editions/?departement={code}&page=2",
        f"/api/editions/{day}/national/", f"/api/editions/{day}/{code}/",
        f"/api/textes/{longest}/", "/api/recherche/?q=commune&par_page=100",
        "/api/recherche/?q=commune&tri=pertinence",
        f"/api/recherche/?q=&departement={code}", "/sante/",
    ]


def request(client, url: str, **headers) -> tuple:
    """(status, queries, SQL ms, ms, bytes, response) of one request."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        response = client.get(url, **headers)
        body = b"".join(response) if response.streaming else response.content
        elapsed = time.perf_counter() - start
    sql = sum(float(q["time"]) for q in queries.captured_queries)
    return response.status_code, len(queries), sql * 1000, elapsed * 1000, len(body), response


def measure(client, url: str, repeat: int) -> dict:
    """Made afresh (kept pages emptied), asked again, revalidated: medians of ``repeat``."""
    from django.core.cache import caches

    runs: dict[str, list] = {"fresh": [], "again": [], "304": []}
    for _ in range(repeat):
        for name in ("pages", "pages-local", "fragments"):
            caches[name].clear()
        *fresh, response = request(client, url)
        *again, _ = request(client, url)
        etag = response.get("ETag")
        revalidated = request(client, url, HTTP_IF_NONE_MATCH=etag)[:-1] if etag else None
        runs["fresh"].append(fresh)
        runs["again"].append(again)
        if revalidated:
            runs["304"].append(revalidated)
    return {kind: [statistics.median(column) for column in zip(*rows, strict=True)]
            if rows else None for kind, rows in runs.items()}


def line(url: str, found: dict, trivial: float) -> str:
    status, queries, sql, ms, size = found["fresh"]
    _, again_queries, _, again_ms, _ = found["again"]
    text = (f"{int(status)} {queries:4.0f} req {sql:7.1f} ms SQL {ms:8.1f} ms "
            f"({ms / trivial:6.1f}×) {size / 1024:8.1f} Ko | de nouveau {again_queries:3.0f} req "
            f"{again_ms:7.1f} ms")
    if found["304"]:
        code, queries_304, _, ms_304, _ = found["304"]
        text += f" | revalidé {int(code)} {queries_304:3.0f} req {ms_304:6.1f} ms"
    return f"{text}  {url}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("urls", nargs="*", metavar="ADRESSE")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--verbose", action="store_true", help="les requêtes SQL les plus longues")
    args = parser.parse_args()
    import django

    django.setup()
    from django.core.cache import caches
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.get(TRIVIAL)  # URLs and views loaded once, as in a served process
    trivial = statistics.median(request(client, TRIVIAL)[3] for _ in range(20))
    print(f"Base : {connection.vendor} ; page triviale {TRIVIAL} : {trivial:.2f} ms (médiane)")
    for url in args.urls or addresses():
        print(line(url, measure(client, url, args.repeat), trivial), flush=True)
        if args.verbose:
            for name in ("pages", "pages-local", "fragments"):
                caches[name].clear()
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            for query in sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:3]:
                print(f"      {float(query['time']) * 1000:6.1f} ms  {query['sql'][:160]}")


if __name__ == "__main__":
    sys.exit(main())
