"""The public shape of a stored text: the JSON export contract and the text for people.

Field names of ``document_record`` are a contract (README, « Export ») used by other
tools: add fields, never rename them.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from vigie.documents.fields import NOTICE_KEYS
from vigie.documents.models import Article, Document
from vigie.documents.parlement_display import parlement_export, parlement_urls

LEGIFRANCE = "https://www.legifrance.gouv.fr"
STATUS_LABELS = {
    Document.STATUS_COMPLETE: "texte complet",
    Document.STATUS_INCOMPLETE: "texte incomplet (articles annoncés non encore livrés)",
    Document.STATUS_SOMMAIRE: "connu par le sommaire seulement (texte non encore livré)",
}


def official_urls(doc: Document) -> dict[str, str]:
    """Addresses of the official copies (Légifrance text, ELI, issue); for a Parliament item,
    the chamber's page as ``source`` (see ``parlement_display.parlement_urls``)."""
    if doc.rubric != "jo":
        return parlement_urls(doc)
    jo = ""
    if doc.date_publi and doc.jo_number:
        d = doc.date_publi
        jo = f"{LEGIFRANCE}/jorf/jo/{d.year:04d}/{d.month:02d}/{d.day:02d}/{doc.jo_number}"
    return {"legifrance": f"{LEGIFRANCE}/jorf/id/{doc.uid}", "eli": doc.eli, "jo": jo}


def split_signatories(lines: list[str]) -> tuple[list[str], str]:
    """Separate the « Fait le … » line from the signatories proper."""
    made = next((line for line in lines if line.lower().startswith("fait ")), "")
    return [line for line in lines if line != made], made


def document_record(doc: Document, articles: list[Article]) -> dict[str, Any]:
    """One text as a JSON-ready dict (the ``vigie export`` line)."""
    signatories, made = split_signatories(list(doc.signatories or []))
    return {
        "id": doc.uid,
        "nor": doc.nor,
        "eli": doc.eli,
        "nature": doc.nature,
        "number": doc.number,
        "title": doc.title,
        "ministry": doc.ministry,
        "date_text": _iso(doc.date_text),
        "date_publi": _iso(doc.date_publi),
        "jo_number": doc.jo_number,
        "jo_id": doc.jo_id,
        "section": doc.section,
        "rank": doc.rank,
        "notice": {key: (doc.notice or {}).get(key, "") for key in NOTICE_KEYS},
        "articles": [{"num": a.num, "text": a.text, "id": a.article_id} for a in articles],
        "signatories": signatories,
        "urls": official_urls(doc),
        # Additions beyond the original contract.
        "status": doc.status,
        "short_title": doc.short_title,
        "origine_publi": doc.origine_publi,
        "signed": made,
        "notice_origin": (doc.notice or {}).get("origin", ""),
        "cited": doc.cited,
        "keywords": doc.keywords,
        "content_hash": doc.content_hash,
        "version": doc.version,
        "source": {"delivery": doc.delivery, "member": doc.member},
        "rubric": doc.rubric,
        **(parlement_export(doc) if doc.rubric != "jo" else {}),
    }


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def articles_of(doc: Document) -> list[Article]:
    return list(Article.objects.filter(text_uid=doc.uid).order_by("position", "article_id"))


def documents_of_day(day: date) -> Iterator[Document]:
    """Items published on ``day`` (DATE_PUBLI, never the delivery date): JO texts in sommaire
    order, then Parliament items (rubrics ``parlement``, ``reponses``)."""
    query = Document.objects.filter(date_publi=day).order_by("rubric", "jo_number", "rank", "uid")
    yield from query.iterator(chunk_size=200)
