"""A stored text rendered as plain French text for a person (``vigie show``)."""

from __future__ import annotations

from datetime import date

from vigie.documents.export import STATUS_LABELS, official_urls, split_signatories
from vigie.documents.fields import NOTICE_KEYS
from vigie.documents.models import Article, Document
from vigie.documents.outside_display import render_outside
from vigie.documents.parlement_display import render_parlement
from vigie.reference.french import french_date as format_date
from vigie.reference.french import journal_officiel
from vigie.reference.taxonomy import ORIGIN_RUBRICS

NOTICE_LABELS = dict(zip(NOTICE_KEYS, (
    "Publics concernés", "Objet", "Entrée en vigueur", "Notice", "Références", "Application",
), strict=True))


def french_date(value: date | None) -> str:
    """« 19 août 2026 », or a dash when the date is unknown."""
    if value is None:
        return "—"
    return format_date(value)


def render(doc: Document, articles: list[Article]) -> str:
    if doc.rubric in ORIGIN_RUBRICS:  # news, notices, aids, contracts, decisions: their source's
        return render_outside(doc)
    if doc.rubric != "jo":  # questions and dossiers of Parliament
        return render_parlement(doc, articles)
    lines = [doc.title or doc.uid, "=" * min(len(doc.title or doc.uid), 100)]
    reference = journal_officiel(doc.jo_number, doc.date_publi) if doc.jo_number else ""
    facts = [
        ("Identifiant", doc.uid), ("NOR", doc.nor), ("Nature", doc.nature),
        ("Numéro", doc.number), ("Ministère", doc.ministry),
        ("Date du texte", french_date(doc.date_text) if doc.date_text else ""),
        ("Publication", reference), ("Rubrique du sommaire", doc.section),
        ("Rang dans le sommaire", str(doc.rank or "")),
        ("État", STATUS_LABELS.get(doc.status, doc.status)),
    ]
    lines += [f"{label} : {value}" for label, value in facts if value]
    notice = {k: v for k, v in (doc.notice or {}).items() if k in NOTICE_LABELS and v}
    if notice:
        lines += ["", "Notice"] + [f"  {NOTICE_LABELS[k]} : {v}" for k, v in notice.items()]
    for article in articles:
        heading = f"Article {article.num}" if article.num else "Article"
        lines += ["", heading, article.text]
    signatories, made = split_signatories(list(doc.signatories or []))
    if made or signatories:
        lines += ["", made, *signatories]
    urls = official_urls(doc)
    lines += ["", "Sources officielles", f"  Légifrance : {urls['legifrance']}"]
    if urls["eli"]:
        lines.append(f"  ELI : {urls['eli']}")
    if urls["jo"]:
        lines.append(f"  Journal officiel : {urls['jo']}")
    if doc.delivery:
        lines.append(f"  Provenance : livraison {doc.delivery}, fichier {doc.member}")
    return "\n".join(line for line in lines if line is not None)
