"""How a stored text is cited for readers, and where its official copies are.

The reference line (« Journal officiel n°0241 du 14 octobre 2026 — NOR : … »), the official
links with what readers call them, and the headers of the issues of a day (« Journal officiel
n°0241 du mercredi 14 octobre 2026 »): issues named as ``reference.french.journal_officiel``
names them everywhere. Owned by the storage stage, which knows each rubric's texts, so
that editions and readers show any rubric the same way.
"""

from __future__ import annotations

from collections.abc import Iterable

from vigie.documents.export import official_urls
from vigie.documents.models import Document, JoIssue
from vigie.documents.parlement_display import kind_label, parlement_links
from vigie.parsing.parlement_model import CHAMBER_LABELS
from vigie.reference.french import journal_officiel
from vigie.reference.taxonomy import EUROPE, ORIGIN_RUBRICS

OFFICIAL_SITE = "Légifrance"
ISSUE_LABEL = "Journal officiel du jour"


def reference_line(doc: Document) -> str:
    """« Journal officiel n°0241 du 14 octobre 2026 — NOR : INTE2628031A »; for a Parliament
    item, its publication line (« Réponse publiée au JO Sénat du 24 septembre 2026, p. 4470 »)."""
    if doc.rubric != "jo":
        return _parliament_reference(doc)
    line = journal_officiel(doc.jo_number, doc.date_publi)
    return f"{line} — NOR : {doc.nor}" if doc.nor else line


def _parliament_reference(doc: Document) -> str:
    """A dossier in progress is cited by its chamber and term (its stage is in the
    essentials); a promulgated law by its JO line; a question by its publication line."""
    details = doc.details or {}
    if details.get("kind") != "dossier" or details.get("law"):
        return doc.origine_publi
    chamber = CHAMBER_LABELS.get(details.get("chamber", ""), "")
    term = f"{details['legislature']}e législature" if details.get("legislature") else ""
    where = ", ".join(p for p in (chamber, term) if p)
    return f"Dossier législatif ({where})" if where else "Dossier législatif"


def display_title(doc: Document) -> str:
    """The official title as an edition shows it: a JO text's own; for a question, what it is
    and who asked it (« Question écrite n° 9902 de Mme Marie Essai (Nord) : Reprise des
    concessions abandonnées »); for a dossier, its procedure and full title."""
    details = doc.details or {}
    if doc.rubric == "jo" or doc.rubric in ORIGIN_RUBRICS or not details:
        return doc.title  # news, notices, aids, contracts and decisions: their own title
    if details.get("kind") == "dossier":
        full = details.get("long_title") or doc.title
        return f"{doc.nature} : {full}" if doc.nature else full
    author = details.get("author") or {}
    who = author.get("name", "")
    seat = (author.get("constituency") or "").split(" (")[0]
    number = doc.number.lstrip("0") or doc.number
    head = f"{kind_label(doc.nature)} n° {number}" if number else kind_label(doc.nature)
    head += f" de {who}" if who else ""
    head += f" ({seat})" if who and seat else ""
    return f"{head} : {doc.title}"


def official_links(doc: Document) -> list[tuple[str, str, str]]:
    """(kind, label, address) of the official copies: the text, its ELI, the whole issue; for a
    Parliament item, the chamber's page (see ``parlement_display.parlement_links``); for a
    news item, a BOAMP notice, an aid, a court decision or an act of EU law, where it was
    published (« origin »), and an act's ELI."""
    if doc.rubric in ORIGIN_RUBRICS:
        details = doc.details or {}
        url = details.get("url") or ""
        links = [("origin", details.get("source") or doc.ministry or "source", url)] if url else []
        # An act of EU law: its ELI as published (``http://``: shown, never linked).
        return links + ([("eli", "ELI", doc.eli)] if doc.rubric == EUROPE and doc.eli else [])
    if doc.rubric != "jo":
        return parlement_links(doc)
    urls = official_urls(doc)
    links = [("official", OFFICIAL_SITE, urls["legifrance"])]
    if urls["eli"]:
        links.append(("eli", "ELI", urls["eli"]))
    if urls["jo"]:
        links.append(("issue", ISSUE_LABEL, urls["jo"]))
    return links


def headers_of(issues: Iterable[JoIssue]) -> dict[str, tuple[str, ...]]:
    """By rubric, one line per issue of ``issues``, in their order."""
    lines = tuple(journal_officiel(i.number, i.date_publi, weekday=True) for i in issues)
    return {"jo": lines} if lines else {}
