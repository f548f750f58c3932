"""RSS 2.0 and Atom feeds of the editions, per département (or national), per theme and per
rubric (« Journal officiel », « Parlement », « Réponses ministérielles »).

The items are those of the recent editions (``vigie.editions.recent``), which the calendars
(``vigie.web.ical``) list too, so pages, feeds and calendars show the same texts in the same
order. Conditional GET comes from ``vigie.web.conditional``.
"""

from __future__ import annotations

import re
from datetime import datetime, time
from html import escape
from zoneinfo import ZoneInfo

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from vigie.editions.content import Item
from vigie.editions.models import Edition
from vigie.editions.recent import Entry, place_entries, rubric_entries, theme_entries
from vigie.editions.text import (
    COMMUNES_HEADING,
    FROM_SOURCE,
    SOMMAIRE_CARD,
    official_label,
    reference_line,
    shown_communes,
)
from vigie.reference.french import numeric_date
from vigie.reference.places import NATIONAL, PlaceError, parse_place, place_label
from vigie.reference.taxonomy import EDITION_RUBRICS, RUBRICS, THEMES, theme_label
from vigie.web import addresses
from vigie.web.conditional import (
    conditional,
    departement_scope,
    national_scope,
    rubric_scope,
    theme_scope,
)
from vigie.web.languages import in_languages, of_items
from vigie.web.views.common import canonical_place

FEED_DAYS = 30  # how far back a feed looks, from the latest edition
FEED_LIMIT = 100  # items in a feed, at most
PARIS = ZoneInfo("Europe/Paris")
# What XML 1.0 cannot hold (Django refuses to write it): one item holding one — from a source
# read before it was mended, typed in the newsroom — made every feed listing it a 500.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SPACES = re.compile(" {2,}")


def xml_text(text: str) -> str:
    """``text`` with each control character XML 1.0 has not made a space (one at most)."""
    if not _NOT_XML.search(text):
        return text
    return _SPACES.sub(" ", _NOT_XML.sub(" ", text)).strip()


def item_title(item: Item) -> str:
    marks = "".join(mark for mark, on in (("[Urgent] ", item.urgent),
                                          ("[Rédaction] ", item.editorial)) if on)
    return f"{marks}{item.short_title}"


def item_description(item: Item) -> str:
    """Light HTML: the essentials (or the full title), key dates, the communes of the feed's
    département the text names, the reference line (« — connu par le sommaire seulement »
    when it is), the links as the page gives them."""
    lines = item.essentials or (item.title,)
    # An EU act's English title or labels, marked as the page marks them (RGAA 8.7).
    known = of_items((item.uid,)).get(item.uid, ())
    parts = [f"<p>Question : {escape(item.question, quote=False)}</p>"] if item.question else []
    parts += [f"<p>{in_languages(line, known) if known else escape(line, quote=False)}</p>"
              for line in lines]
    parts += [f"<p>{escape(d.label, quote=False)} : {numeric_date(d.date)}</p>"
              for d in item.dates]
    if item.commentary:
        parts.append(f"<p>Commentaire de la rédaction : "
                     f"{escape(item.commentary, quote=False)}</p>")
    communes, more = shown_communes(item)
    if communes:  # a département's feed: which of its communes, and how
        parts.append(f"<p>{escape(COMMUNES_HEADING, quote=False)}</p><ul>"
                     + "".join(f"<li>{escape(c.describe(), quote=False)}</li>" for c in communes)
                     + (f"<li>… et {more} autre{'s' if more > 1 else ''}</li>" if more else "")
                     + "</ul>")
    reference = reference_line(item)
    origin = item.origin.label if item.origin else ""
    # An aid's reference is its provider alone, which « Porteur : … » named already.
    if not (origin and reference == origin and _says(parts, origin)):
        parts.append(f"<p>{escape(reference, quote=False)}</p>")
    return "".join(parts + link_paragraphs(item, said=_says(parts, origin)))


def _says(parts: list[str], label: str) -> bool:
    """Whether the paragraphs name ``label`` already (as written, escaped)."""
    return bool(label) and any(escape(label, quote=False) in part for part in parts)


def link_paragraphs(item: Item, *, said: bool = False) -> list[str]:
    """An outside item's origin first (never presented as Vigie's text), Vigie's page of a
    text known from the sommaire alone, the official text: only plain ``https://`` addresses
    become links. The origin is named once in an item: its link names it only when the
    paragraphs before it (``said``: an aid's « Porteur : … », a notice's « BOAMP, avis
    n° … ») do not."""
    links: list[tuple[str, str]] = []
    origin, official = item.origin, item.official
    if origin and origin.href:
        links.append((origin.href, FROM_SOURCE if said else f"{FROM_SOURCE} ({origin.label})"))
    if item.status == "sommaire" and not origin:
        links.append((addresses.absolute(addresses.text_path(item.uid)), SOMMAIRE_CARD))
    if official and official.href:
        links.append((official.href, official_label(item)))
    return [f'<p><a href="{escape(href)}">{escape(label, quote=False)}</a></p>'
            for href, label in links]


class EditionFeed(Feed):
    """What every Vigie feed shares: items of editions, in French."""

    feed_type = Rss201rev2Feed
    language = "fr"
    author_name = "Vigie"
    item_guid_is_permalink = False
    suffix = "rss"

    def item_title(self, entry: Entry) -> str:
        return xml_text(item_title(entry.item))

    def item_description(self, entry: Entry) -> str:
        return xml_text(item_description(entry.item))

    def item_link(self, entry: Entry) -> str:
        return addresses.absolute(addresses.text_path(entry.item.uid))

    def item_guid(self, entry: Entry) -> str:
        return entry.item.uid

    def item_pubdate(self, entry: Entry) -> datetime:
        return datetime.combine(entry.day, time(0, 0), tzinfo=PARIS)

    def item_updateddate(self, entry: Entry) -> datetime:
        return entry.updated_at

    def item_categories(self, entry: Entry) -> tuple[str, ...]:
        return (entry.item.theme_label,)


class AtomMixin:
    feed_type = Atom1Feed
    suffix = "atom"

    def item_guid(self, entry: Entry) -> str:
        # An Atom id must be an IRI: the official address, which ends with the text's id.
        return entry.item.official_url or addresses.absolute(addresses.text_path(entry.item.uid))


class DepartementRss(EditionFeed):
    def get_object(self, request: HttpRequest, code: str = NATIONAL) -> str:
        if code == NATIONAL:
            return code
        try:
            return parse_place(code)
        except PlaceError as error:
            raise Http404(str(error)) from None

    def title(self, code: str) -> str:
        return f"Vigie — {place_label(code)}"

    def description(self, code: str) -> str:
        return (f"Les textes officiels qui concernent les collectivités — {place_label(code)} — "
                "chaque jour de parution du Journal officiel.")

    def subtitle(self, code: str) -> str:
        return self.description(code)

    def link(self, code: str) -> str:
        latest = (Edition.objects.filter(departement=code).order_by("-date")
                  .values_list("date", flat=True).first())
        return addresses.absolute(addresses.edition_path(latest, code) if latest
                                  else addresses.home_path())

    def feed_url(self, code: str) -> str:
        return addresses.absolute(addresses.place_feed_path(code, self.suffix))

    def feed_guid(self, code: str) -> str:
        # The Atom feed's <id> must never change (RFC 4287 §4.2.6): the feed's own address,
        # not ``link`` (Django's default), which leads to the latest edition.
        return self.feed_url(code)

    def items(self, code: str) -> list[Entry]:
        return place_entries(code, days=FEED_DAYS, limit=FEED_LIMIT)


class DepartementAtom(AtomMixin, DepartementRss):
    pass


class ThemeRss(EditionFeed):
    def get_object(self, request: HttpRequest, slug: str) -> str:
        if slug not in THEMES:
            raise Http404(f"Thème inconnu : « {slug} ».")
        return slug

    def title(self, slug: str) -> str:
        return f"Vigie — {theme_label(slug)}"

    def description(self, slug: str) -> str:
        return (f"Les textes officiels du thème « {theme_label(slug)} » qui concernent les "
                "collectivités, chaque jour de parution du Journal officiel.")

    def subtitle(self, slug: str) -> str:
        return self.description(slug)

    def link(self, slug: str) -> str:
        return addresses.absolute(addresses.search_path(theme=slug))

    def feed_url(self, slug: str) -> str:
        return addresses.absolute(addresses.theme_feed_path(slug, self.suffix))

    def items(self, slug: str) -> list[Entry]:
        return theme_entries(slug, days=FEED_DAYS, limit=FEED_LIMIT)


class ThemeAtom(AtomMixin, ThemeRss):
    pass


class RubricRss(EditionFeed):
    def get_object(self, request: HttpRequest, slug: str) -> str:
        if slug not in EDITION_RUBRICS:
            raise Http404(f"Rubrique inconnue : « {slug} ».")
        return slug

    def title(self, slug: str) -> str:
        return f"Vigie — {RUBRICS[slug]}"

    def description(self, slug: str) -> str:
        return (f"La rubrique « {RUBRICS[slug]} » des éditions : ce qui concerne les "
                "collectivités, chaque jour de parution.")

    def subtitle(self, slug: str) -> str:
        return self.description(slug)

    def link(self, slug: str) -> str:
        return addresses.absolute(addresses.search_path(rubric=slug))

    def feed_url(self, slug: str) -> str:
        return addresses.absolute(addresses.rubric_feed_path(slug, self.suffix))

    def items(self, slug: str) -> list[Entry]:
        return rubric_entries(slug, days=FEED_DAYS, limit=FEED_LIMIT)


class RubricAtom(AtomMixin, RubricRss):
    pass


# « 2b », « 1 »: sent to « 2B », « 01 » (301), not served twice.
departement_rss = canonical_place("code", national=False)(
    conditional(DepartementRss(), departement_scope, FEED_DAYS))
departement_atom = canonical_place("code", national=False)(
    conditional(DepartementAtom(), departement_scope, FEED_DAYS))
national_rss = conditional(DepartementRss(), national_scope, FEED_DAYS)
national_atom = conditional(DepartementAtom(), national_scope, FEED_DAYS)
theme_rss = conditional(ThemeRss(), theme_scope, FEED_DAYS)
theme_atom = conditional(ThemeAtom(), theme_scope, FEED_DAYS)
rubric_rss = conditional(RubricRss(), rubric_scope, FEED_DAYS)
rubric_atom = conditional(RubricAtom(), rubric_scope, FEED_DAYS)
