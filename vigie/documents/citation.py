"""How a stored text is cited for readers, and where its official copies are.

The reference line (« Journal officiel n°0241 du 14 octobre 2026 — NOR : … »), the official
links with what readers call them, and the headers of the issues of a day (« Journal officiel
n°0241 du mercredi 14 octobre 2026 »): issues named as ``reference.french.journal_officiel``
names them everywhere. Owned by the storage stage, which knows each rubric's texts, so
that editions and readers show any rubric the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from vigie.documents.export import official_urls
from vigie.documents.models import Document, JoIssue
from vigie.documents.parlement_display import parlement_links
from vigie.reference.french import journal_officiel

OFFICIAL_SITE = "Légifrance"
ISSUE_LABEL = "Journal officiel du jour"


def reference_line(doc: Document) -> str:
    """« Journal officiel n°0241 du 14 octobre 2026 — NOR : INTE2628031A »; for a Parliament
    item, its publication line (« Réponse publiée au JO Sénat du 24 septembre 2026, p. 4470 »)."""
    if doc.rubric != "jo":
        return doc.origine_publi
    line = journal_officiel(doc.jo_number, doc.date_publi)
    return f"{line} — NOR : {doc.nor}" if doc.nor else line


def official_links(doc: Document) -> list[tuple[str, str, str]]:
    """(kind, label, address) of the official copies: the text, its ELI, the whole issue; for a
    Parliament item, the chamber's page (see ``parlement_display.parlement_links``)."""
    if doc.rubric != "jo":
        return parlement_links(doc)
    urls = official_urls(doc)
    links = [("official", OFFICIAL_SITE, urls["legifrance"])]
    if urls["eli"]:
        links.append(("eli", "ELI", urls["eli"]))
    if urls["jo"]:
        links.append(("issue", ISSUE_LABEL, urls["jo"]))
    return links


def issue_headers(days: Iterable[date]) -> dict[str, tuple[str, ...]]:
    """By rubric, one line per issue published on these days, in publication order."""
    issues = JoIssue.objects.filter(date_publi__in=list(days)).order_by("date_publi", "number")
    lines = tuple(journal_officiel(i.number, i.date_publi, weekday=True) for i in issues)
    return {"jo": lines} if lines else {}
