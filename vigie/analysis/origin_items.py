"""What the selection reads of the stored items Vigie did not write (``ORIGIN_RUBRICS``): a
news item, a BOAMP notice, an aid or a circulaire (``outside``), a court decision
(``case_law``), an act of EU law (``eu_law``), each from what its reader kept in ``details``.
Pure: it reads the columns of a stored document (``Stored``), it does not query them."""

from __future__ import annotations

from datetime import date
from typing import Any, Protocol

from vigie.analysis.case_law import CaseLawItem
from vigie.analysis.eu_law import EuItem
from vigie.analysis.outside import OutsideItem
from vigie.reference.taxonomy import CASE_LAW, EUROPE


class Stored(Protocol):
    """The columns of a stored document these items are read from (``Document``)."""

    rubric: str
    title: str
    nature: str
    number: str
    ministry: str
    date_text: date | None
    date_publi: date | None
    details: dict[str, Any]


def origin_item_for(doc: Stored) -> OutsideItem | CaseLawItem | EuItem:
    """What the selection reads of an item of these rubrics, whichever."""
    if doc.rubric == CASE_LAW:  # court decisions
        return case_law_item_for(doc)
    if doc.rubric == EUROPE:  # acts of EU law
        return eu_item_for(doc)
    return outside_item_for(doc)  # news, BOAMP notices, aid schemes, circulaires


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def outside_item_for(doc: Stored) -> OutsideItem:
    """What the selection reads of a news item, a BOAMP notice or an aid (``details``)."""
    details = doc.details or {}
    deadline = details.get("deadline")
    summary = details.get("summary") or ""
    if details.get("kind") == "notice":
        summary = " . ".join(details.get("descriptors") or ())
    return OutsideItem(
        rubric=doc.rubric, title=doc.title, summary=summary,
        text=details.get("full_text") or "", source=doc.ministry,
        published=doc.date_publi, departements=tuple(details.get("departements") or ()),
        deadline=_day(deadline),
        audiences=tuple(details.get("audiences") or ()),
        national=bool(details.get("national")),
        award=details.get("notice_kind") == "attribution" or details.get("kind") == "contract",
        nature=doc.nature, procedure=details.get("procedure") or "",
        winners=tuple(details.get("winners") or ()), amount=details.get("amount"),
        kind=str(details.get("kind") or ""), abrogated=bool(details.get("abrogated")),
    )


def case_law_item_for(doc: Stored) -> CaseLawItem:
    """What the selection reads of a stored court decision (``details``)."""
    d = doc.details or {}
    return CaseLawItem(
        title=d.get("subject", ""), official=doc.title, court=d.get("court") or doc.ministry,
        chamber=d.get("chamber", ""), decided=doc.date_text, published=doc.date_publi,
        solution=d.get("solution", ""), summary=d.get("summary", ""),
        themes=tuple(d.get("themes") or ()), titles=tuple(d.get("titles") or ()),
        visa=tuple(d.get("visa") or ()), parties=d.get("parties", ""),
        reasons=d.get("reasons", ""), departements=tuple(d.get("departements") or ()),
        seat=d.get("seat", ""))




def eu_item_for(doc: Stored) -> EuItem:
    """What the selection reads of a stored act of EU law (``details``)."""
    d = doc.details or {}
    return EuItem(
        celex=d.get("celex") or doc.number, name=d.get("name") or doc.title,
        kind=doc.nature or "Acte", title_fr=d.get("title_fr", ""),
        titles=tuple((str(lang), str(title)) for lang, title in d.get("titles") or ()),
        concepts=tuple(d.get("concepts") or ()), directory=tuple(d.get("directory") or ()),
        subjects=tuple(d.get("subjects") or ()), journal=d.get("journal", ""),
        published=_day(d.get("published")), in_force_from=_day(d.get("in_force_from")),
        labels_language=str(d.get("labels_language") or ""))
