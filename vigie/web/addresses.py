"""Every address of the site, built from the URL patterns with ``reverse()``.

Pages, feeds, calendars, the API and the e-mails (``vigie.mailing`` builds its links here too)
ask this module for paths and absolute addresses; nothing else writes a path by hand, so an
address changes in one place (the URL patterns). Places appear in their canonical form
(« 2A », ``national`` for the national edition). Absolute addresses start with
VIGIE_SITE_URL, for links read outside the site (feeds, calendars, API, e-mails).
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse

from vigie.reference.places import NATIONAL_SLUG

_TOKEN = "{token}"


@lru_cache(maxsize=8192)
def _reverse(name: str, *args: str) -> str:
    # reverse() costs ~0.1 ms; a send run asks for the same few thousand paths again and again.
    return reverse(name, args=args)


def absolute(path: str) -> str:
    """``path`` on the public site (VIGIE_SITE_URL)."""
    return f"{settings.VIGIE_SITE_URL}{path}"


def _day(day: date | str) -> str:
    return day.isoformat() if isinstance(day, date) else day


def _place(departement: str) -> str:
    return departement or NATIONAL_SLUG


# --- Pages -----------------------------------------------------------------------------------

def home_path() -> str:
    return _reverse("home")


def edition_path(day: date | str, departement: str) -> str:
    return _reverse("edition", _day(day), _place(departement))


def path_of(name: str, **parts: str) -> str:
    """The address of the URL pattern ``name`` with these parts: where a page asked at an
    address written otherwise is sent (``views.common.canonical_place``)."""
    return reverse(name, kwargs=parts)


def text_path(uid: str) -> str:
    return _reverse("text", uid)


def redaction_path(name: str, *args: str, **params: str) -> str:
    """A page of the newsroom's back office (``vigie.redaction``, names under
    « redaction: »), with query parameters when given."""
    query = urlencode({k: v for k, v in params.items() if v})
    return _reverse(f"redaction:{name}", *args) + (f"?{query}" if query else "")


def search_path(**params: str) -> str:
    query = urlencode({k: v for k, v in params.items() if v})
    return _reverse("search") + (f"?{query}" if query else "")


# --- Feeds and calendars ---------------------------------------------------------------------

def place_feed_path(departement: str, kind: str) -> str:
    """RSS (``kind`` "rss") or Atom ("atom") feed of a place's editions ("" national)."""
    if departement:
        return _reverse(f"feed-departement-{kind}", departement)
    return _reverse(f"feed-national-{kind}")


def theme_feed_path(slug: str, kind: str) -> str:
    return _reverse(f"feed-theme-{kind}", slug)


def rubric_feed_path(slug: str, kind: str) -> str:
    """Feed of one rubric of the editions (« parlement », « reponses », « jo »)."""
    return _reverse(f"feed-rubric-{kind}", slug)


def place_calendar_path(departement: str) -> str:
    if departement:
        return _reverse("calendar-departement", departement)
    return _reverse("calendar-national")


def theme_calendar_path(slug: str) -> str:
    return _reverse("calendar-theme", slug)


def follow_links(departement: str) -> dict[str, str]:
    """The feeds and calendar of a place, for its pages."""
    return {"rss": place_feed_path(departement, "rss"),
            "atom": place_feed_path(departement, "atom"),
            "calendar": place_calendar_path(departement)}


# --- API -------------------------------------------------------------------------------------

def api_edition_path(day: date | str, departement: str) -> str:
    return _reverse("api-edition", _day(day), _place(departement))


def api_text_path(uid: str) -> str:
    return _reverse("api-text", uid)


# --- Subscription (the pages of vigie.mailing) -----------------------------------------------

def subscribe_path() -> str:
    return _reverse("mailing:subscribe")


def _token_path(name: str, token: str) -> str:
    # One reverse() per purpose; the token (URL-safe base64 and ':') goes in as it is.
    return _reverse(name, _TOKEN).replace("%7Btoken%7D", token)


def confirm_path(token: str) -> str:
    return _token_path("mailing:confirm", token)


def manage_path(token: str) -> str:
    return _token_path("mailing:manage", token)


def unsubscribe_path(token: str) -> str:
    return _token_path("mailing:unsubscribe", token)


def communes_path(departement: str) -> str:
    return _reverse("mailing:communes", departement)
