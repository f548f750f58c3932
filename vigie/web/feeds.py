"""RSS 2.0 and Atom feeds of the editions, per département (or national) and per theme.

The items come from the stored editions, as readers saw them, most recent edition first and,
within an edition, in the edition's order. The same selection feeds the calendars
(``vigie.web.ical``), so pages, feeds and calendars list the same texts in the same order.

The window is counted back from the latest edition, not from today: a feed never goes empty
during a pause in publication, and a copied or demonstration database still shows its days.

Conditional GET: the ETag and Last-Modified of a feed come from the ``updated_at`` of the
editions of its window, computed before the feed is, so that a 304 costs one small query.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from html import escape
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Count, Max, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.views.decorators.http import condition

from vigie.editions.models import NATIONAL, Edition, EditionItem
from vigie.reference.french import numeric_date
from vigie.reference.places import departement_label, is_place
from vigie.reference.taxonomy import THEMES, theme_label

FEED_DAYS = 30  # how far back a feed looks, from the latest edition
FEED_LIMIT = 100  # items in a feed, at most
PARIS = ZoneInfo("Europe/Paris")
NATIONAL_SLUG = "national"  # how the national edition is named in addresses


# --- Addresses -------------------------------------------------------------------------------

def absolute(path: str) -> str:
    """``path`` on the public site (VIGIE_SITE_URL), for links read outside the site."""
    return f"{settings.VIGIE_SITE_URL}{path}"


def item_path(uid: str) -> str:
    return f"/texte/{uid}/"


def edition_path(day: date | str, departement: str) -> str:
    day = day.isoformat() if isinstance(day, date) else day
    return f"/edition/{day}/{departement or NATIONAL_SLUG}/"


def scope_label(departement: str) -> str:
    """« Cher (18) », or « Édition nationale »."""
    return departement_label(departement) if departement else "Édition nationale"


# --- Selection -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Entry:
    """An item as one edition showed it."""

    item: dict[str, Any]  # the item record of the edition's content (see editions.builder)
    day: date  # the edition's date
    updated_at: datetime  # when that edition last changed


def edition_items(content: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The items of an edition's content, in reading order (rubrics › themes › items)."""
    for rubric in content.get("rubrics", []):
        for theme in rubric.get("themes", []):
            yield from theme.get("items", [])


def window_start(days: int) -> date | None:
    """First edition date of a window of ``days`` ending with the latest edition."""
    latest = Edition.objects.aggregate(latest=Max("date"))["latest"]
    return latest - timedelta(days=days - 1) if latest else None


def edition_entries(departement: str, *, days: int = FEED_DAYS,
                    limit: int | None = FEED_LIMIT) -> list[Entry]:
    """Items of a département's (or the national) editions, latest edition first."""
    since = window_start(days)
    if since is None:
        return []
    heads = (Edition.objects.filter(departement=departement, date__gte=since)
             .order_by("-date").values_list("id", "items_count"))
    # Only the editions needed to reach the limit are read in full (their content is large).
    wanted, total = [], 0
    for pk, count in heads:
        if limit is not None and total >= limit:
            break
        wanted.append(pk)
        total += count
    editions = Edition.objects.filter(id__in=wanted).order_by("-date").only(
        "date", "content", "updated_at")
    entries = [Entry(item, e.date, e.updated_at) for e in editions for item in
               edition_items(e.content)]
    return entries[:limit] if limit is not None else entries


def theme_entries(slug: str, *, days: int = FEED_DAYS,
                  limit: int | None = FEED_LIMIT) -> list[Entry]:
    """Items whose main theme is ``slug``, latest edition first, each text once.

    National texts are taken from the national edition (in its order); local texts, which
    only département editions carry, follow them for the same day.
    """
    since = window_start(days)
    if since is None:
        return []
    rows = (EditionItem.objects.filter(theme=slug, edition__date__gte=since)
            .filter(Q(edition__departement=NATIONAL) | Q(in_departement=True))
            .order_by("-edition__date", "edition__departement", "position")
            .values_list("edition_id", "document__uid"))
    picked: dict[str, int] = {}
    for edition_id, uid in rows:
        if limit is not None and len(picked) >= limit:
            break
        picked.setdefault(uid, edition_id)
    editions = {e.pk: e for e in Edition.objects.filter(id__in=set(picked.values())).only(
        "date", "content", "updated_at")}
    items = {(pk, item["uid"]): item for pk, e in editions.items()
             for item in edition_items(e.content)}
    entries = []
    for uid, pk in picked.items():
        item = items.get((pk, uid))
        if item is not None:  # an edition rebuilt meanwhile: skip rather than fail
            entries.append(Entry(item, editions[pk].date, editions[pk].updated_at))
    return entries


# --- Conditional GET -------------------------------------------------------------------------

@dataclass(frozen=True)
class Freshness:
    etag: str
    last_modified: datetime


def freshness(departement: str | None, days: int, path: str) -> Freshness | None:
    """Validators of a response made from the editions of a window (all départements when
    ``departement`` is None); None when there is no edition at all."""
    since = window_start(days)
    if since is None:
        return None
    editions = Edition.objects.filter(date__gte=since)
    if departement is not None:
        editions = editions.filter(departement=departement)
    state = editions.aggregate(latest=Max("updated_at"), count=Count("id"))
    if state["latest"] is None:
        return None
    # The count catches a deleted edition; the path tells RSS, Atom and calendar apart.
    raw = f"{path}|{since}|{state['count']}|{state['latest'].isoformat()}|{settings.VIGIE_SITE_URL}"
    return Freshness(hashlib.sha256(raw.encode()).hexdigest()[:32], state["latest"])


def conditional(view: Callable[..., HttpResponse], scope: Callable[..., str | None | bool],
                days: int) -> Callable[..., HttpResponse]:
    """Wrap ``view`` with ETag / Last-Modified from the editions it is made of.

    ``scope(**kwargs)`` gives the département code ("" national), None for every
    département, or False when the address names nothing (the view then answers 404).
    """

    def state(request: HttpRequest, **kwargs: Any) -> Freshness | None:
        if not hasattr(request, "_vigie_freshness"):
            where = scope(**kwargs)
            request._vigie_freshness = (None if where is False
                                        else freshness(where, days, request.path))
        return request._vigie_freshness

    def etag(request: HttpRequest, *args: Any, **kwargs: Any) -> str | None:
        found = state(request, **kwargs)
        return found.etag if found else None

    def last_modified(request: HttpRequest, *args: Any, **kwargs: Any) -> datetime | None:
        found = state(request, **kwargs)
        return found.last_modified if found else None

    @condition(etag_func=etag, last_modified_func=last_modified)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        # Django's Feed sets its own Last-Modified (latest item); ours covers the whole window.
        del response["Last-Modified"]
        return response

    return wrapped


def departement_scope(code: str) -> str | bool:
    return code if is_place(code) else False


def national_scope() -> str:
    return NATIONAL


def theme_scope(slug: str) -> None | bool:
    return None if slug in THEMES else False


# --- Feeds -----------------------------------------------------------------------------------

def item_title(item: dict[str, Any]) -> str:
    return f"[Urgent] {item['short_title']}" if item["urgent"] else item["short_title"]


def item_description(item: dict[str, Any]) -> str:
    """Light HTML: the essentials (or the full title), key dates, the reference line."""
    lines = item["essentials"] or [item["title"]]
    parts = [f"<p>{escape(line, quote=False)}</p>" for line in lines]
    parts += [f"<p>{escape(d['label'], quote=False)} : {numeric_date(d['date'])}</p>"
              for d in item["dates"]]
    parts.append(f"<p>{escape(item['reference'], quote=False)}</p>")
    official = item["urls"]["legifrance"]
    parts.append(f'<p><a href="{escape(official)}">Texte officiel sur Légifrance</a></p>')
    return "".join(parts)


class EditionFeed(Feed):
    """What every Vigie feed shares: items of editions, in French."""

    feed_type = Rss201rev2Feed
    language = "fr"
    author_name = "Vigie"
    item_guid_is_permalink = False
    suffix = "rss"

    def item_title(self, entry: Entry) -> str:
        return item_title(entry.item)

    def item_description(self, entry: Entry) -> str:
        return item_description(entry.item)

    def item_link(self, entry: Entry) -> str:
        return absolute(item_path(entry.item["uid"]))

    def item_guid(self, entry: Entry) -> str:
        return entry.item["uid"]

    def item_pubdate(self, entry: Entry) -> datetime:
        return datetime.combine(entry.day, time(0, 0), tzinfo=PARIS)

    def item_updateddate(self, entry: Entry) -> datetime:
        return entry.updated_at

    def item_categories(self, entry: Entry) -> tuple[str, ...]:
        return (entry.item["theme_label"],)


class AtomMixin:
    feed_type = Atom1Feed
    suffix = "atom"

    def item_guid(self, entry: Entry) -> str:
        # An Atom id must be an IRI: the official address, which ends with the JORFTEXT id.
        return entry.item["urls"]["legifrance"]


class DepartementRss(EditionFeed):
    def get_object(self, request: HttpRequest, code: str = NATIONAL) -> str:
        if code != NATIONAL and not is_place(code):
            raise Http404(f"Département inconnu : « {code} ».")
        return code

    def title(self, code: str) -> str:
        return f"Vigie — {scope_label(code)}"

    def description(self, code: str) -> str:
        return (f"Les textes officiels qui concernent les collectivités — {scope_label(code)} — "
                "chaque jour de parution du Journal officiel.")

    def subtitle(self, code: str) -> str:
        return self.description(code)

    def link(self, code: str) -> str:
        latest = (Edition.objects.filter(departement=code).order_by("-date")
                  .values_list("date", flat=True).first())
        return absolute(edition_path(latest, code) if latest else "/")

    def feed_url(self, code: str) -> str:
        where = f"departement/{code}" if code else NATIONAL_SLUG
        return absolute(f"/flux/{where}/{self.suffix}/")

    def items(self, code: str) -> list[Entry]:
        return edition_entries(code)


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
        return absolute(f"/recherche/?theme={slug}")

    def feed_url(self, slug: str) -> str:
        return absolute(f"/flux/theme/{slug}/{self.suffix}/")

    def items(self, slug: str) -> list[Entry]:
        return theme_entries(slug)


class ThemeAtom(AtomMixin, ThemeRss):
    pass


departement_rss = conditional(DepartementRss(), departement_scope, FEED_DAYS)
departement_atom = conditional(DepartementAtom(), departement_scope, FEED_DAYS)
national_rss = conditional(DepartementRss(), national_scope, FEED_DAYS)
national_atom = conditional(DepartementAtom(), national_scope, FEED_DAYS)
theme_rss = conditional(ThemeRss(), theme_scope, FEED_DAYS)
theme_atom = conditional(ThemeAtom(), theme_scope, FEED_DAYS)
