"""What several pages share: the reader's département (a cookie), reading a date and a place
from an address (a place written otherwise sent to its canonical address), the neighbouring
editions, paging."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect

from vigie.documents.parlement_display import KIND_LABELS
from vigie.editions.models import Edition
from vigie.reference.natures import nature_label
from vigie.reference.places import NATIONAL, NATIONAL_SLUG, PlaceError, parse_place
from vigie.web.addresses import path_of

COOKIE = "vigie_departement"
COOKIE_AGE = 365 * 24 * 3600  # a year: the choice of a département rarely changes
# The one form of a date in an address. Python 3.11's ``date.fromisoformat`` also reads
# « 20261014 » and « 2026-W42-3 »: the same edition served again at other addresses.
ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def nature_name(nature: str) -> str:
    """What a stored nature is, in words: « Décret » for the DILA's ``DECRET``, « Question
    écrite » for a Parliament question's ``QE`` (its nature is the chamber's code), the
    other sources' natures as they come (« Avis de marché »)."""
    return KIND_LABELS.get(nature) or nature_label(nature)


def chosen_departement(request: HttpRequest) -> str:
    """The département the reader chose (cookie), or "" (national) when none or unknown."""
    try:
        return parse_place(request.COOKIES.get(COOKIE, ""), national=True)
    except PlaceError:
        return NATIONAL


def signed_in_editor(request: HttpRequest) -> bool:
    """Whether a member of the newsroom is signed in. The session is opened only when its
    cookie came: public pages stay the same for everyone else (and cacheable)."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated and user.is_active
                and (user.is_staff or user.is_superuser))


def remember_departement(response: HttpResponse, code: str) -> None:
    if code:
        response.set_cookie(COOKIE, code, max_age=COOKIE_AGE, samesite="Lax", httponly=True)
    else:
        response.delete_cookie(COOKIE, samesite="Lax")


def parse_day(value: str) -> date:
    """A date written AAAA-MM-JJ (see ``ISO_DAY``); else a 404."""
    try:
        if not ISO_DAY.fullmatch(value):
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        raise Http404(f"Date invalide « {value} » (AAAA-MM-JJ attendu).") from None


def place_in_address(value: str, *, national: bool = True) -> str:
    """« national » → "" (with ``national``), a place code (any case) → its canonical form;
    else a 404."""
    try:
        return parse_place(value, national=national)
    except PlaceError:
        raise Http404(f"Département inconnu « {value} ».") from None


def canonical_place(name: str, *, national: bool = True) -> Callable:
    """A decorator for a view whose address names a place in its part ``name``: an unknown
    place (or a date, in part ``day``, not written AAAA-MM-JJ) is a 404; a place written in
    another form (« NATIONAL », « 2b », « 1 ») is sent for good (301) to the canonical
    address (« national », « 2B », « 01 ») rather than served again at a second address."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if "day" in kwargs:
                parse_day(kwargs["day"])
            written = kwargs[name]
            canonical = place_in_address(written, national=national) or NATIONAL_SLUG
            if written == canonical:
                return view(request, *args, **kwargs)
            path = path_of(request.resolver_match.view_name, **{**kwargs, name: canonical})
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(f"{path}?{query}" if query else path)

        return wrapped

    return decorate


def latest_day(departement: str = NATIONAL) -> date | None:
    """The latest date whose edition (the département's or the national one) has texts;
    failing any, the latest date that has editions."""
    dates = (Edition.objects.filter(departement__in={NATIONAL, departement})
             .order_by("-date").values_list("date", flat=True))
    return dates.filter(items_count__gt=0).first() or dates.first()


def neighbours(day: date, departement: str) -> tuple[date | None, date | None]:
    """The dates of the previous and next editions of the same place that have texts: an
    edition left empty is no day of publication to offer (as in the archive)."""
    same = Edition.objects.filter(departement=departement, items_count__gt=0)
    before = same.filter(date__lt=day).order_by("-date").values_list("date", flat=True).first()
    after = same.filter(date__gt=day).order_by("date").values_list("date", flat=True).first()
    return before, after


def page_number(request: HttpRequest) -> int:
    """The ``page`` parameter; 1 when absent or not a positive number in ASCII digits
    (``str.isdigit`` takes « ² », which ``int`` refuses)."""
    value = request.GET.get("page", "1")
    return int(value) if value.isascii() and value.isdigit() and int(value) > 0 else 1


def page_numbers(page: int, pages: int, around: int = 2) -> list[int | None]:
    """1 … 4 5 [6] 7 8 … 20: the page links to show, ``None`` for a gap."""
    shown = sorted({1, pages, *range(max(1, page - around), min(pages, page + around) + 1)})
    numbers: list[int | None] = []
    for number in shown:
        if numbers and number - (numbers[-1] or 0) > 1:
            numbers.append(None)
        numbers.append(number)
    return numbers


def paging_context(page: int, pages: int, query: str = "") -> dict[str, Any]:
    """What the pagination template needs; ``query`` is the other parameters, url-encoded."""
    prefix = f"?{query}&page=" if query else "?page="
    return {"page": page, "pages": pages, "numbers": page_numbers(page, pages),
            "prefix": prefix}
