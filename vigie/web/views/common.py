"""What several pages share: the reader's département (a cookie), edition addresses, paging."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse

from vigie.editions.models import NATIONAL, Edition
from vigie.reference.places import departement_label, is_place, places

COOKIE = "vigie_departement"
COOKIE_AGE = 365 * 24 * 3600  # a year: the choice of a département rarely changes
NATIONAL_SLUG = "national"  # how the national edition is named in addresses


def chosen_departement(request: HttpRequest) -> str:
    """The département the reader chose (cookie), or "" (national) when none or unknown."""
    code = request.COOKIES.get(COOKIE, "").strip().upper()
    return code if is_place(code) else NATIONAL


def remember_departement(response: HttpResponse, code: str) -> None:
    if code:
        response.set_cookie(COOKIE, code, max_age=COOKIE_AGE, samesite="Lax", httponly=True)
    else:
        response.delete_cookie(COOKIE, samesite="Lax")


def departement_choices() -> list[tuple[str, str]]:
    """Every département, « Cher (18) », in code order."""
    return [(code, departement_label(code)) for code in places()]


def place_label(departement: str) -> str:
    return departement_label(departement) if departement else "Édition nationale"


def edition_path(day: date | str, departement: str) -> str:
    day = day.isoformat() if isinstance(day, date) else day
    return f"/edition/{day}/{departement or NATIONAL_SLUG}/"


def parse_day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise Http404(f"Date invalide « {value} » (AAAA-MM-JJ attendu).") from None


def parse_place(value: str) -> str:
    """« national » → "", a département code → itself; anything else is a 404."""
    if value == NATIONAL_SLUG:
        return NATIONAL
    if is_place(value.upper()):
        return value.upper()
    raise Http404(f"Département inconnu « {value} ».")


def latest_day() -> date | None:
    """The latest date that has editions."""
    return (Edition.objects.filter(departement=NATIONAL).order_by("-date")
            .values_list("date", flat=True).first())


def neighbours(day: date, departement: str) -> tuple[date | None, date | None]:
    """The dates of the previous and next editions of the same place."""
    same = Edition.objects.filter(departement=departement)
    before = same.filter(date__lt=day).order_by("-date").values_list("date", flat=True).first()
    after = same.filter(date__gt=day).order_by("date").values_list("date", flat=True).first()
    return before, after


def feed_links(departement: str) -> dict[str, str]:
    """The feeds and calendar of a place (served by ``vigie.web.feeds`` and ``ical``)."""
    if departement:
        base, calendar = f"/flux/departement/{departement}/", f"departement/{departement}"
    else:
        base, calendar = "/flux/national/", "national"
    return {"rss": f"{base}rss/", "atom": f"{base}atom/",
            "calendar": f"/calendrier/{calendar}.ics"}


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
