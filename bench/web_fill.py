"""Filling a database for ``bench/web.py``: a synthetic year of the Journal officiel.

Synthetic texts of ``vigie.demo.factory`` with varied natures and ministries, a commune named
now and then, and decisions shaped like the analysis' (about one text in five retained, some
local, some urgent, key dates); one text in ``LONG_EVERY`` also carries an annex table of
``LONG_ROWS`` communes, like a catastrophe naturelle arrêté (every word of it is indexed, and
the commune of its last row is searched for). Then the real edition builder and search index
refresh. Also what the benchmark requests afterwards (``targets``).
"""

from __future__ import annotations

import hashlib
import os
import random
import sys
import time
from datetime import date, timedelta
from urllib.parse import quote

NATURES = (("ARRETE", "Arrêté", 55), ("DECRET", "Décret", 20), ("AVIS", "Avis", 10),
           ("DECISION", "Décision", 8), ("LOI", "Loi", 2), ("ORDONNANCE", "Ordonnance", 2),
           ("CIRCULAIRE", "Circulaire", 3))
MINISTRIES = ("Ministère de l'intérieur", "Ministère de l'aménagement du territoire et de la "
              "décentralisation", "Ministère de la transition écologique", "Ministère du travail "
              "et des solidarités", "Ministère de l'économie et des finances",
              "Ministère de l'éducation nationale", "Ministère de la santé")
LAST_DAY = date(2026, 10, 14)
LONG_EVERY, LONG_ROWS = 1000, 700
MOTIVATION = ("Les cumuls de précipitations lors de l'évènement présentent une période de retour "
              "supérieure à 10 ans au regard des données de la station de référence.")


# --- The corpus (pure: no Django) ------------------------------------------------------------

def publication_days() -> list[date]:
    """A year of Journal officiel days: every day but Monday."""
    days = [LAST_DAY - timedelta(days=n) for n in range(365)]
    return sorted(d for d in days if d.weekday() != 0)


def decision_for(rng: random.Random, title: str, day: date, essentials: list[str],
                 departement: str, theme: str) -> dict:
    from vigie.reference.taxonomy import roles_for, theme_label

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
    from vigie.demo.factory import random_text
    from vigie.reference.french import french_date
    from vigie.reference.geography import load_geo
    from vigie.reference.places import places
    from vigie.reference.taxonomy import THEMES

    rng = random.Random(seed)
    days = publication_days()
    communes = [c for c in load_geo().communes.values() if c.kind == "COM"]
    codes, themes = places(), list(THEMES)
    natures = [n for n in NATURES for _ in range(n[2])]
    for index in range(count):
        day = days[index * len(days) // count]
        fake = random_text(rng, index, day=day.isoformat())
        nature, label, _ = rng.choice(natures)
        theme = rng.choice(themes)
        topic = THEMES[theme].split(",")[0].lower()
        commune = rng.choice(communes) if rng.random() < 0.25 else None
        where = f" dans la commune de {commune.name}" if commune else ""
        title = (f"{label} du {french_date(day - timedelta(days=rng.randint(1, 9)))}"
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
        last_row = ""
        if index % LONG_EVERY == LONG_EVERY // 2:
            rows = rng.sample(communes, LONG_ROWS)
            articles.append("\n".join(
                f"{c.departement} | {c.name} | Inondations et coulées de boue | 01/09/2026 | "
                f"03/09/2026 | {MOTIVATION}" for c in rows))
            last_row = rows[-1].name
        yield fields, articles, decision, commune.name if commune else "", last_row


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


def insert_texts(count: int) -> tuple[list[str], list[str], list[str], list[str],
                                      dict[date, int]]:
    """Documents, articles and decisions; returns (uids, retained uids, towns, communes on
    the last row of a long annex, texts a day)."""

    from django.core.management.color import no_style
    from django.db import connection, transaction

    from vigie.analysis.models import Analysis
    from vigie.analysis.records import ANALYSIS_VERSION
    from vigie.analysis.store import HASHED, row_hash
    from vigie.documents.models import Article, Document

    uids, retained, towns, last_rows, ranks = [], [], [], [], {}
    docs, articles, analyses = [], [], []
    for pk, (fields, texts, decision, town, last_row) in enumerate(corpus(count), start=1):
        if last_row:
            last_rows.append(last_row)
        day = fields["date_publi"]
        ranks[day] = ranks.get(day, 0) + 1
        doc = document_row(pk, fields, ranks[day], texts)
        docs.append(doc)
        articles += [{"id": pk * 10 + n, "article_id": f"JORFARTI{pk * 10 + n:012d}",
                      "text_uid": doc["uid"], "num": str(n), "position": n, "text": text,
                      "html": f"<p>{text}</p>"} for n, text in enumerate(texts, start=1)]
        analyses.append({
            "id": pk, "document_id": pk, "version": ANALYSIS_VERSION,
            "input_hash": row_hash([doc[name] for name in HASHED], doc["rubric"], None),
            "decision": decision,
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
    return uids, retained, towns, last_rows, ranks


def fill(count: int, only: list[str] | None) -> dict:
    """Fill the (empty) database; returns what to request (pages of ``only`` places, every
    place when None) and how long each step took."""
    from django.core.management import call_command

    from vigie.documents.models import JoIssue
    from vigie.editions.builder import build_day
    from vigie.editions.calendar import edition_day
    from vigie.web.search import refresh

    timings: dict[str, float] = {}
    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    uids, retained, towns, last_rows, ranks = insert_texts(count)
    JoIssue.objects.bulk_create([
        JoIssue(jo_id=f"JORFCONT{day:%Y%m%d}0000", number=jo_number(day), date_publi=day,
                title=f"JORF du {day:%d/%m/%Y}", entries=n) for day, n in ranks.items()])
    timings["textes"] = time.perf_counter() - start

    start = time.perf_counter()
    edition_days = sorted({edition_day(d) for d in ranks})
    for n, day in enumerate(edition_days, start=1):
        build_day(day)
        if n % 50 == 0:
            progress(f"éditions : {n}/{len(edition_days)} jours")
    timings["éditions"] = time.perf_counter() - start

    start = time.perf_counter()
    for offset in range(0, len(uids), 10_000):
        refresh(uids[offset:offset + 10_000])
        progress(f"index de recherche : {min(offset + 10_000, len(uids))}/{len(uids)}")
    timings["index"] = time.perf_counter() - start
    start = time.perf_counter()
    analyse_tables()
    timings["statistiques"] = time.perf_counter() - start
    return {"documents": count, "timings": timings,
            "targets": targets(edition_days, only, retained, towns, last_rows)}


def analyse_tables() -> None:
    """PostgreSQL: the planner's statistics, as autovacuum keeps them on a server that has
    been running (a freshly filled database has none, and its plans would be those of an
    empty table; some test servers run without autovacuum)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def targets(edition_days: list[date], only: list[str] | None, retained: list[str],
            towns: list[str], last_rows: list[str]) -> dict:
    """The addresses each scenario requests, drawn among what exists."""
    from vigie.reference.places import places

    rng = random.Random(7)
    places = ["national", *(only if only is not None else places())]
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
        # The commune of the last row of a long annex; and several words, most of them found.
        "recherche (annexes, plusieurs mots)": [f"/recherche/?q={quote(q)}" for q in last_rows]
        + [f"/recherche/?q={quote(q)}" for q in ("élections municipales zzz",
                                                   "climat habitat zzz", '"police municipale"')],
    }


def progress(message: str) -> None:
    print(f"  … {os.environ.get('BENCH_LABEL', '')} {message}", file=sys.stderr, flush=True)


# --- Serving (child process) -----------------------------------------------------------------
