"""The archive: every date whose editions have texts, newest first, grouped by month,
paginated."""

from __future__ import annotations

from itertools import groupby

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from vigie.editions.models import Edition
from vigie.reference.french import MONTHS
from vigie.reference.places import NATIONAL, place_label
from vigie.web.addresses import edition_path
from vigie.web.caching import PAGE_AGE, cached
from vigie.web.views.common import chosen_departement, page_number, paging_context

PER_PAGE = 40  # dates per page: about two months of working days


@cached(PAGE_AGE, cookie=True)
def archive(request: HttpRequest) -> HttpResponse:
    chosen = chosen_departement(request)
    # Days whose editions have texts: an edition left empty is no day of publication to
    # offer (the national one may be empty while the reader's département has its own texts).
    with_texts = Q(items_count__gt=0)
    if chosen:
        with_texts |= Q(date__in=Edition.objects.filter(departement=chosen, items_count__gt=0)
                        .values("date"))
    national = (Edition.objects.filter(with_texts, departement=NATIONAL).order_by("-date")
                .values("date", "items_count", "urgent_count"))
    page = Paginator(national, PER_PAGE).get_page(page_number(request))
    days = list(page.object_list)
    local = {}
    if chosen:
        local = dict(Edition.objects.filter(departement=chosen, date__in=[d["date"] for d in days])
                     .values_list("date", "items_count"))
    for day in days:
        day["url"] = edition_path(day["date"], NATIONAL)
        if day["date"] in local:
            day["local_url"] = edition_path(day["date"], chosen)
            day["local_count"] = local[day["date"]]
    months = [{"label": f"{MONTHS[month - 1].capitalize()} {year}", "days": list(rows)}
              for (year, month), rows in groupby(days, key=lambda d: (d["date"].year,
                                                                       d["date"].month))]
    return render(request, "web/archives.html", {
        "months": months, "total": page.paginator.count, "chosen": chosen,
        "chosen_label": place_label(chosen),
        **paging_context(page.number, page.paginator.num_pages),
    })
