"""Home (the latest edition, national or the reader's département), editions, choosing a
département."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render

from vigie.editions.models import Edition
from vigie.editions.reading import content_of
from vigie.reference.places import NATIONAL, place_label
from vigie.reference.taxonomy import EDITION_RUBRICS, RUBRICS
from vigie.web import addresses
from vigie.web.caching import edition_page
from vigie.web.fields import place_choices
from vigie.web.languages import of_items
from vigie.web.views.common import (
    canonical_place,
    chosen_departement,
    latest_day,
    neighbours,
    parse_day,
    place_in_address,
    remember_departement,
)


def edition_context(edition: Edition) -> dict[str, Any]:
    before, after = neighbours(edition.date, edition.departement)
    content = content_of(edition)
    return {
        "edition": edition, "content": content,
        # Listed first in the contents, as the digest opens on them.
        "urgent_items": [item for item in content.items() if item.urgent],
        "departement": edition.departement, "place": place_label(edition.departement),
        "previous": before, "next": after,
        "previous_url": addresses.edition_path(before, edition.departement) if before else "",
        "next_url": addresses.edition_path(after, edition.departement) if after else "",
        "national_url": addresses.edition_path(edition.date, NATIONAL),
        "feeds": addresses.follow_links(edition.departement),
        # A feed per rubric (« Parlement », « Réponses ministérielles »…), all places.
        "rubric_feeds": [(RUBRICS[slug], addresses.rubric_feed_path(slug, "rss"))
                         for slug in EDITION_RUBRICS],
        "choices": place_choices(),
        "foreign": of_items(content.uids()),  # words of EU acts in another language
    }


@edition_page
def home(request: HttpRequest) -> HttpResponse:
    """The latest edition with texts of the reader's département (cookie), else the national
    one."""
    chosen = chosen_departement(request)
    day = latest_day(chosen)
    if day is None:
        return render(request, "web/empty.html", {"choices": place_choices()})
    edition = (Edition.objects.filter(date=day, departement=chosen).first()
               or Edition.objects.get(date=day, departement=NATIONAL))
    context = edition_context(edition)
    context.update(is_home=True, chosen=chosen, missing=edition.departement != chosen)
    return render(request, "web/home.html", context)


@canonical_place("place")
@edition_page
def edition(request: HttpRequest, day: str, place: str) -> HttpResponse:
    found = Edition.objects.filter(date=parse_day(day),
                                   departement=place_in_address(place)).first()
    if found is None:
        raise Http404("Aucune édition pour cette date et ce lieu.")
    context = edition_context(found)
    context["chosen"] = chosen_departement(request)
    return render(request, "web/edition.html", context)


def choose_departement(request: HttpRequest) -> HttpResponse:
    """Remember the département chosen in the form, then show its edition.

    A GET form, so that it works without JavaScript and without a session; ``code`` empty or
    « national » forgets the choice. With ``date``, go to that day's edition.
    """
    code = place_in_address(request.GET.get("code", ""))
    day = request.GET.get("date", "")
    target = addresses.edition_path(parse_day(day), code) if day else addresses.home_path()
    response = HttpResponseRedirect(target)
    remember_departement(response, code)
    return response
