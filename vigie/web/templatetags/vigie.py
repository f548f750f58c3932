"""Template filters of the pages: French dates, DILA natures for people, highlighted snippets,
words in another language marked (``web.languages``)."""

from __future__ import annotations

import re
from datetime import date

from django import template
from django.utils.safestring import SafeString

from vigie.editions.content import Item
from vigie.editions.text import official_label, page_label
from vigie.reference.french import french_date
from vigie.reference.taxonomy import role_label, theme_label
from vigie.web.languages import Phrases, in_languages
from vigie.web.languages import marked as marked_snippet
from vigie.web.reasons import plain_reasons
from vigie.web.views.common import nature_name

register = template.Library()


def _as_date(value: date | str | None) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


@register.filter
def pluriel(count: int | float | None) -> str:
    """« s » from two on: in French, 0 and 1 take the singular (« 0 décision »), where
    Django's ``pluralize`` says « 0 décisions »."""
    try:
        return "s" if abs(count or 0) >= 2 else ""
    except TypeError:
        return ""


@register.filter
def jour(value: date | str | None) -> str:
    """« mercredi 14 octobre 2026 » (a date or an ISO string)."""
    day = _as_date(value)
    return french_date(day, weekday=True) if day else ""


@register.filter
def date_fr(value: date | str | None) -> str:
    """« 14 octobre 2026 »."""
    day = _as_date(value)
    return french_date(day) if day else ""


@register.filter
def nature_label(value: str) -> str:
    """« Décret » for DILA's « DECRET », « Question écrite » for a question's « QE »."""
    return nature_name(value)


@register.filter
def vigie_page(item: Item) -> str:
    """« Texte intégral sur Vigie », « Le dossier législatif sur Vigie (étapes de la
    procédure) »…: the link to Vigie's page of an item, named for what it holds."""
    return page_label(item)


@register.filter
def official_link(item: Item) -> str:
    """« Texte officiel (Légifrance) », « Page officielle (Sénat) »: the link to an item's
    official source, named for what it is."""
    return official_label(item)


@register.filter
def for_readers(reasons: tuple[str, ...] | None) -> list[str]:
    """Why Vigie kept a text, in plain French: no weights, no policy's jargon
    (``web.reasons``)."""
    return plain_reasons(reasons or ())


@register.filter
def theme_name(slug: str) -> str:
    return theme_label(slug) if slug else ""


@register.filter
def role_name(slug: str) -> str:
    return role_label(slug) if slug else ""


@register.filter
def marked(hit: object, known: Phrases | None = None) -> SafeString:
    """The snippet of a search hit with its matched words in ``<mark>`` and the words in
    another language of ``known`` in ``<span lang>``, safely escaped."""
    return marked_snippet(getattr(hit, "snippet", ""), getattr(hit, "marks", ()), known)


@register.filter
def in_language(text: str, known: Phrases | None) -> SafeString:
    """``text`` with the words of ``known`` (``web.languages.phrases``) in ``<span lang>``."""
    return in_languages(text, known)


@register.filter
def phrases_of(foreign: dict[str, Phrases] | None, uid: str) -> Phrases:
    """The words in another language of the item ``uid``, from an edition's ``foreign``."""
    return (foreign or {}).get(uid, ())


@register.filter
def lowerfirst(value: str) -> str:
    """« Inondations et coulées de boue » inside a sentence: « inondations et coulées… »."""
    return value[:1].lower() + value[1:] if value else ""


# French typography: no line break before « : » or « ; » nor inside « p. 5212 » and
# « n° 0241 », so that a narrow screen does not start a line with « : CSCX2628512S ».
_UNBREAKABLE = re.compile(r" (?=[:;])|(?<=\bp\.) (?=[0-9])|(?<=\bn°) (?=[0-9])")


@register.filter
def insecable(value: str) -> str:
    """« NOR : TERB2628014D » with a non-breaking space before the colon (and in « p. 9120 »,
    « n° 2026 »): the reference line of an item, read on a telephone."""
    return _UNBREAKABLE.sub("\u00a0", value) if value else ""
