"""Home (the latest edition, national or the reader's département), editions, choosing a
département."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render

from vigie.editions.models import NATIONAL, Edition
from vigie.reference.places import is_place
from vigie.web.views.common import (
    NATIONAL_SLUG,
    chosen_departement,
    departement_choices,
    edition_path,
    feed_links,
    latest_day,
    neighbours,
    parse_day,
    parse_place,
    place_label,
    remember_departement,
)


def edition_context(edition: Edition) -> dict[str, Any]:
    before, after = neighbours(edition.date, edition.departement)
    return {
        "edition": edition, "content": edition.content,
        "departement": edition.departement, "place": place_label(edition.departement),
        "previous": before, "next": after,
        "previous_url": edition_path(before, edition.departement) if before else "",
        "next_url": edition_path(after, edition.departement) if after else "",
        "national_url": edition_path(edition.date, NATIONAL),
        "feeds": feed_links(edition.departement),
        "choices": departement_choices(),
    }


def home(request: HttpRequest) -> HttpResponse:
    """The latest edition of the reader's département (cookie), else the national one."""
    day = latest_day()
    if day is None:
        return render(request, "web/empty.html", {"choices": departement_choices()})
    chosen = chosen_departement(request)
    edition = (Edition.objects.filter(date=day, departement=chosen).first()
               or Edition.objects.get(date=day, departement=NATIONAL))
    context = edition_context(edition)
    context.update(is_home=True, chosen=chosen, missing=edition.departement != chosen)
    return render(request, "web/home.html", context)


def edition(request: HttpRequest, day: str, place: str) -> HttpResponse:
    found = Edition.objects.filter(date=parse_day(day), departement=parse_place(place)).first()
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
    code = request.GET.get("code", "").strip().upper()
    if code in ("", NATIONAL_SLUG.upper()):
        code = NATIONAL
    elif not is_place(code):
        raise Http404(f"Département inconnu « {code} ».")
    day = request.GET.get("date", "")
    target = edition_path(parse_day(day), code) if day else "/"
    response = HttpResponseRedirect(target)
    remember_departement(response, code)
    return response
