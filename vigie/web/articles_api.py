"""The newsroom's articles (``REDAC…``) in the JSON API, answered like official texts.

``/api/textes/REDAC…/`` gives an article in the shape of a text (the ``Text`` schema, the
fields an official source has left empty) with ``editorial`` true, its body, links and the
text it comments on; its « analysis » is the newsroom's decision (``newsroom`` true).
``/api/recherche/`` lists the articles matching the words, like the search page, in
``articles``: search hits marked ``editorial``.
"""

from __future__ import annotations

from typing import Any

from vigie.editions.content import web_address
from vigie.editions.newsroom import EDITORIAL_REFERENCE
from vigie.newsroom.editorial import matching
from vigie.newsroom.models import EditorialItem
from vigie.reference.french import numeric_date
from vigie.reference.places import departement_label
from vigie.reference.taxonomy import RUBRICS, theme_label
from vigie.web.addresses import absolute, api_text_path, text_path

VERSION = 1
NOTICE_KEYS = ("publics", "objet", "entree_en_vigueur", "notice", "references", "application")
SNIPPET = 240  # characters of the body in a search hit


def paragraphs(item: EditorialItem) -> list[str]:
    return [line.strip() for line in item.body.splitlines() if line.strip()]


def decision_record(item: EditorialItem) -> dict[str, Any]:
    """The newsroom's decision about its own article, in the keys of ``Analysis``."""
    codes = list(item.departements or ())
    return {
        "retained": True, "scope": "local" if codes else "national", "departements": codes,
        "score": 1.0, "reasons": ["Rédigé par la rédaction"], "theme": item.theme,
        "themes": [], "roles": list(item.roles or ()), "territories": [
            {"kind": "departement", "code": code, "name": departement_label(code),
             "departement": code}
            for code in codes], "dates": [], "urgent": False, "short_title": item.title,
        "essentials": paragraphs(item), "version": "redaction",
        "theme_label": theme_label(item.theme), "analysed_at": item.updated_at.isoformat(),
        "newsroom": True,
    }


def links_of(item: EditorialItem) -> list[dict[str, str]]:
    """The article's links readers may follow (``https://`` only)."""
    return [{"label": link.get("label") or link["url"], "url": web_address(link["url"])}
            for link in item.links or () if web_address(link.get("url", ""))]


def article_record(item: EditorialItem, edition: dict[str, Any] | None) -> dict[str, Any]:
    """An article as ``/api/textes/`` gives a text, marked ``editorial``."""
    body = "\n".join(paragraphs(item))
    return {
        "id": item.uid, "nor": "", "eli": "", "nature": "", "number": "",
        "title": item.title, "ministry": "", "date_text": None,
        "date_publi": item.day.isoformat(), "jo_number": "", "jo_id": "",
        "section": RUBRICS.get(item.rubric, item.rubric), "rank": None,
        "notice": dict.fromkeys(NOTICE_KEYS, ""),
        "articles": [{"num": "", "text": body, "id": item.uid}] if body else [],
        "signatories": [], "urls": {"legifrance": "", "eli": "", "jo": ""},
        "status": "complete", "short_title": item.title, "dila_short_title": "",
        "origine_publi": f"{EDITORIAL_REFERENCE} — {numeric_date(item.day)}", "signed": "",
        "notice_origin": "", "cited": [], "keywords": [], "content_hash": "",
        "version": VERSION, "source": {"delivery": "", "member": ""}, "rubric": item.rubric,
        "editorial": True, "body": body, "links": links_of(item),
        "about": item.about or None,
        "about_url": absolute(api_text_path(item.about)) if item.about else None,
        "analysis": decision_record(item), "edition": edition,
        "page_url": absolute(text_path(item.uid)),
    }


def article_hit(item: EditorialItem) -> dict[str, Any]:
    """An article as a search hit (``SearchHit``), marked ``editorial``."""
    body = " ".join(paragraphs(item))
    return {
        "uid": item.uid, "title": item.title, "short_title": item.title,
        "date_publi": item.day.isoformat(), "nature": "", "rubric": item.rubric,
        "theme": item.theme, "theme_label": theme_label(item.theme), "retained": True,
        "urgent": False, "status": "complete",
        "snippet": body[:SNIPPET] + ("…" if len(body) > SNIPPET else ""), "marks": [],
        "page_url": absolute(text_path(item.uid)), "api_url": absolute(api_text_path(item.uid)),
        "editorial": True,
    }


def matching_hits(words: str, *, theme: str, rubric: str, departement: str) -> list[dict]:
    """The articles matching every word, latest first (none for an empty query: the list of
    texts is what an empty search shows), as the search page lists them."""
    if not words.strip():
        return []
    return [article_hit(item) for item in matching(words.strip(), theme=theme, rubric=rubric,
                                                   departement=departement)]
