"""Administrators' page: the départements whose morning digests wait for the review of
their edition, and the hour after which they leave anyway."""

from __future__ import annotations

from datetime import time

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render

from vigie.newsroom.models import Hold
from vigie.newsroom.reviews import set_hold
from vigie.redaction.access import admin_required
from vigie.reference.places import PlaceError, departement_label, parse_place, places
from vigie.web.addresses import redaction_path


def parse_hour(value: str) -> time | None:
    try:
        return time.fromisoformat(value.strip())
    except ValueError:
        return None


@admin_required
def holds(request: HttpRequest) -> HttpResponse:
    error = ""
    if request.method == "POST":
        try:
            code = parse_place(request.POST.get("departement", ""))
        except PlaceError as problem:
            error = str(problem)
        else:
            hour = parse_hour(request.POST.get("until", ""))
            if request.POST.get("action") == "retirer":
                set_hold(code, None, request.user)
                return HttpResponseRedirect(redaction_path("holds"))
            if hour is None:
                error = "heure limite invalide (HH:MM)"
            else:
                set_hold(code, hour, request.user)
                return HttpResponseRedirect(redaction_path("holds"))
    rows = [{"code": h.departement, "label": departement_label(h.departement),
             "until": h.until.strftime("%H:%M"), "by": h.editor_email}
            for h in Hold.objects.order_by("departement")]
    return render(request, "redaction/attente.html", {
        "rows": rows, "error": error,
        "places": [(code, departement_label(code)) for code in places()]},
        status=400 if error else 200)
