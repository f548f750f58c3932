"""The page of a news item, a BOAMP notice or an aid scheme: what Vigie knows of it, why it
was kept, and where it was published.

Vigie did not write these: the page says whose they are and links to the origin first. The
full text of an article is shown only when its source's licence allows it (``Feed.full_text``,
kept with the item as ``full_text_allowed``); otherwise readers get the summary and the link.
"""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from vigie.analysis.records import Decision
from vigie.documents.models import Document
from vigie.documents.outside_display import KINDS, facts, seen_only
from vigie.editions.content import web_address
from vigie.reference.taxonomy import role_label, theme_label
from vigie.web.languages import phrases


def _in_essentials(summary: str, decision: Decision | None) -> bool:
    """Whether the essentials give the summary whole already (a decision's sommaire)."""
    return bool(summary) and decision is not None and any(
        line.endswith(summary) for line in decision.essentials)


LOST = "\ufffd"  # the replacement character, as the source wrote it


def kicker_day(doc: Document) -> date | None:
    """The day over the title: a court decision's own (the day Vigie first showed it, its
    ``date_publi``, would read as the decision's, under a title that gives another); the
    day the source published the others; none for an aid its provider gave no date, nor
    for an act of EU law whose notice gives no publication (the day Vigie read it is no
    date of the act's)."""
    d = doc.details or {}
    if seen_only(d):  # an aid without a date: the day Vigie saw it is said in its facts
        return None
    if d.get("kind") == "act":  # an act the notice gives no publication for: its title dates it
        return date.fromisoformat(d["published"]) if d.get("published") else None
    decided = d.get("decided") if d.get("kind") == "decision" else None
    return date.fromisoformat(decided) if decided else doc.date_publi


def source_page(request: HttpRequest, doc: Document, verdict: str,
                editions: list[dict[str, str]]) -> HttpResponse:
    d = doc.details or {}
    analysis = getattr(doc, "analysis", None)
    decision = Decision.from_json(analysis.decision) if analysis else None
    themes = [decision.theme, *decision.themes] if decision else []
    allowed = bool(d.get("full_text_allowed"))
    # An act's ELI is a link under the title (its https:// address), not an address in the
    # references: the identifier as minted stays in the API.
    eli = d.get("eli", "") if d.get("kind") == "act" else ""
    shown = [(label, value) for label, value in facts(doc) if not (eli and label == "ELI")]
    return render(request, "web/source_item.html", {
        "doc": doc, "decision": decision, "verdict": verdict, "kind": KINDS.get(
            d.get("kind", ""), "Élément"), "facts": shown, "editions": editions,
        "origin_label": d.get("source") or doc.ministry or "la source",
        "origin_href": web_address(d.get("url", "")), "origin_url": d.get("url", ""),
        "eli_href": web_address(eli), "eli_url": eli,
        "summary": "" if _in_essentials(d.get("summary", ""), decision) else d.get("summary", ""),
        "summary_title": ("Sommaire de la décision" if d.get("kind") == "decision"
                          else "Résumé donné par la source"),
        "full_text": d.get("full_text", "") if allowed else "",
        "withheld": bool(d.get("full_text")) and not allowed,
        "themes": [theme_label(t) for t in themes if t],
        "roles": [role_label(r) for r in decision.roles] if decision else [],
        "foreign": phrases(d), "kicker_day": kicker_day(doc),
        # DECP files whose publisher lost accented letters (« coll\ufffdge »): said, not guessed.
        "lost_characters": any(LOST in text for text in (doc.title, *(v for _, v in shown))),
    })
