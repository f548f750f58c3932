"""The page of an article the newsroom wrote (``REDAC…``): its text, theme, places, readers,
links, the official text it comments on, the editions showing it; and, for editors, its
history."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from vigie.editions.content import web_address
from vigie.newsroom import audit
from vigie.newsroom.corrections import history
from vigie.newsroom.models import EditorialItem
from vigie.reference.places import departement_label
from vigie.reference.taxonomy import RUBRICS, role_label, theme_label
from vigie.web.views.common import signed_in_editor


def article_page(request: HttpRequest, item: EditorialItem,
                 editions: list[dict[str, str]]) -> HttpResponse:
    editor = signed_in_editor(request)
    response = render(request, "web/article.html", {
        "item": item, "uid": item.uid, "rubric": RUBRICS.get(item.rubric, item.rubric),
        "paragraphs": [line.strip() for line in item.body.splitlines() if line.strip()],
        "theme": theme_label(item.theme), "roles": [role_label(r) for r in item.roles],
        "places": [departement_label(c) for c in item.departements],
        "links": [{"label": link.get("label") or link["url"], "href": web_address(link["url"])}
                  for link in item.links if web_address(link.get("url", ""))],
        "editions": editions, "audit": audit.rows(history(item.uid)) if editor else None,
    })
    if editor:
        add_never_cache_headers(response)
    return response
