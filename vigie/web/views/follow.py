"""The page of every feed and calendar the site serves (« /flux/ »): per département,
national, per rubric and per theme, each with its addresses, for readers to copy into their
feed reader or calendar. The feeds' own addresses are those of ``data_urls``, unchanged."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from vigie.reference.places import NATIONAL, NATIONAL_LABEL
from vigie.reference.taxonomy import EDITION_RUBRICS, RUBRICS, THEMES
from vigie.web import addresses
from vigie.web.caching import PAGE_AGE, cached
from vigie.web.fields import place_choices


def _place(code: str, label: str) -> dict[str, str]:
    links = addresses.follow_links(code)
    return {"label": label, **{kind: addresses.absolute(path) for kind, path in links.items()}}


def _theme(slug: str) -> dict[str, str]:
    return {"label": THEMES[slug],
            "rss": addresses.absolute(addresses.theme_feed_path(slug, "rss")),
            "atom": addresses.absolute(addresses.theme_feed_path(slug, "atom")),
            "calendar": addresses.absolute(addresses.theme_calendar_path(slug))}


def _rubric(slug: str) -> dict[str, str]:
    return {"label": RUBRICS[slug],
            "rss": addresses.absolute(addresses.rubric_feed_path(slug, "rss")),
            "atom": addresses.absolute(addresses.rubric_feed_path(slug, "atom"))}


@cached(PAGE_AGE)
def feeds_index(request: HttpRequest) -> HttpResponse:
    """Every feed: national first, then the rubrics, the themes and the départements."""
    return render(request, "web/flux.html", {
        "national": _place(NATIONAL, NATIONAL_LABEL),
        "rubrics": [_rubric(slug) for slug in EDITION_RUBRICS],
        "themes": [_theme(slug) for slug in THEMES],
        "places": [_place(code, label) for code, label in place_choices()],
    })
