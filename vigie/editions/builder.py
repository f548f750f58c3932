"""Building the editions of a day: which retained items, in which order, under which heading.

An edition lists the day's retained items grouped by rubric (taxonomy order), then by theme;
urgent items first, then by importance (score), then by their place in the sommaire. A
département's edition has every national item plus the local items naming it; items that
name the département are flagged « Dans votre département ». Editions are kept: building
again changes nothing unless what they are made of (texts, analyses) changed, in which case
the revision goes up.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction

from vigie.documents.export import official_urls
from vigie.documents.models import Document, JoIssue
from vigie.editions.calendar import covered_days
from vigie.editions.models import NATIONAL, Edition, EditionItem
from vigie.reference.french import french_date
from vigie.reference.places import departement_label, places
from vigie.reference.taxonomy import EDITION_RUBRICS, RUBRICS, theme_label

NOTHING_ELSE = "Aucun autre texte intéressant les collectivités n'a été publié."
NOTHING_AT_ALL = "Aucun texte intéressant les collectivités n'a été publié."


@dataclass(frozen=True)
class Candidate:
    """A document of the covered days with its stored decision."""

    doc: Document
    decision: dict[str, Any]
    analysis_hash: str


def load_candidates(day: date) -> tuple[list[Candidate], int]:
    """Analysed documents published on the days the edition covers; and how many there are."""
    docs = (Document.objects.filter(date_publi__in=covered_days(day),
                                    rubric__in=EDITION_RUBRICS)
            .exclude(title="").select_related("analysis").order_by("date_publi", "rank", "uid"))
    candidates, total = [], 0
    for doc in docs:
        total += 1
        analysis = getattr(doc, "analysis", None)
        if analysis is not None and analysis.retained:
            candidates.append(Candidate(doc, analysis.decision, analysis.input_hash))
    return candidates, total


def belongs(candidate: Candidate, departement: str) -> bool:
    scope = candidate.decision.get("scope")
    if scope == "national":
        return True
    return bool(departement) and departement in candidate.decision.get("departements", [])


def item_record(c: Candidate, departement: str) -> dict[str, Any]:
    """An item as the edition keeps it: everything pages, feeds and e-mails show."""
    doc, d = c.doc, c.decision
    number = doc.jo_number.lstrip("0") or doc.jo_number
    reference = f"JORF n°{doc.jo_number} du {french_date(doc.date_publi)}"
    if doc.nor:
        reference += f" — NOR : {doc.nor}"
    named = {t["departement"] for t in d.get("territories", []) if t.get("departement")}
    named |= set(d.get("departements", []))
    return {
        "uid": doc.uid, "rubric": doc.rubric, "title": doc.title,
        "short_title": d.get("short_title") or doc.title, "nature": doc.nature,
        "theme": d.get("theme", ""), "theme_label": theme_label(d.get("theme", "")),
        "themes": d.get("themes", []), "roles": d.get("roles", []),
        "urgent": bool(d.get("urgent")), "score": d.get("score", 0), "scope": d.get("scope"),
        "departements": d.get("departements", []), "essentials": d.get("essentials", []),
        "dates": d.get("dates", []), "reasons": d.get("reasons", []),
        "in_departement": bool(departement) and departement in named,
        "reference": reference, "jo_number": number, "date_publi": doc.date_publi.isoformat(),
        "rank": doc.rank, "status": doc.status, "urls": official_urls(doc),
    }


def _order_key(item: dict[str, Any]) -> tuple:
    return (not item["urgent"], -float(item["score"] or 0), item["date_publi"], item["rank"] or 0)


def group(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rubrics in taxonomy order › themes (urgent, then most important first) › items."""
    rubrics = []
    for slug, label in RUBRICS.items():
        mine = sorted((i for i in items if i["rubric"] == slug), key=_order_key)
        if not mine:
            continue
        themes: dict[str, list[dict[str, Any]]] = {}
        for item in mine:
            themes.setdefault(item["theme"], []).append(item)
        rubrics.append({"slug": slug, "label": label, "themes": [
            {"slug": theme, "label": theme_label(theme), "items": members}
            for theme, members in themes.items()
        ]})
    return rubrics


def jo_headers(day: date) -> list[str]:
    """« Journal officiel n°192 du mercredi 19 août 2026 », for each issue covered."""
    issues = JoIssue.objects.filter(date_publi__in=covered_days(day)).order_by("date_publi",
                                                                              "number")
    return [f"Journal officiel n°{i.number.lstrip('0') or i.number} du "
            f"{french_date(i.date_publi, weekday=True)}" for i in issues]


def edition_title(day: date, departement: str) -> str:
    where = departement_label(departement) if departement else "Édition nationale"
    return f"L'actualité du {french_date(day, weekday=True)} — {where}"


def _fingerprint(departement: str, chosen: list[Candidate], total: int, headers: list[str]) -> str:
    parts = [departement, str(total), *headers] + [
        f"{c.doc.uid}:{c.doc.content_hash}:{c.analysis_hash}:{c.decision.get('version')}:"
        f"{hashlib.sha256(json.dumps(c.decision, sort_keys=True).encode()).hexdigest()}"
        for c in chosen
    ]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def build_edition(day: date, departement: str, candidates: list[Candidate], total: int,
                  headers: list[str]) -> str:
    """Create or refresh one edition; returns ``created``, ``updated`` or ``unchanged``."""
    chosen = [c for c in candidates if belongs(c, departement)]
    fingerprint = _fingerprint(departement, chosen, total, headers)
    current = Edition.objects.filter(date=day, departement=departement).first()
    if current and current.fingerprint == fingerprint:
        return "unchanged"
    items = [item_record(c, departement) for c in chosen]
    content = {
        "date": day.isoformat(), "departement": departement,
        "covered": [d.isoformat() for d in covered_days(day)], "jo_headers": headers,
        "rubrics": group(items),
        "closing": (NOTHING_ELSE if items else NOTHING_AT_ALL) if total else "",
        "revised": bool(current),
    }
    with transaction.atomic():
        edition, created = Edition.objects.update_or_create(
            date=day, departement=departement,
            defaults={"title": edition_title(day, departement), "content": content,
                      "fingerprint": fingerprint, "items_count": len(items),
                      "urgent_count": sum(i["urgent"] for i in items),
                      "revision": (current.revision + 1) if current else 1},
        )
        edition.items.all().delete()
        docs = {c.doc.uid: c.doc for c in chosen}
        ordered = [i for r in content["rubrics"] for t in r["themes"] for i in t["items"]]
        EditionItem.objects.bulk_create([
            EditionItem(edition=edition, document=docs[i["uid"]], rubric=i["rubric"],
                        theme=i["theme"], position=n, urgent=i["urgent"],
                        in_departement=i["in_departement"])
            for n, i in enumerate(ordered, start=1)
        ])
    return "created" if created else "updated"


def build_day(day: date, only: list[str] | None = None) -> Counter[str]:
    """Build the national edition and every département's (or ``only`` those) for ``day``."""
    candidates, total = load_candidates(day)
    headers = jo_headers(day)
    counts: Counter[str] = Counter()
    for departement in [NATIONAL, *(only if only is not None else places())]:
        counts[build_edition(day, departement, candidates, total, headers)] += 1
    return counts
