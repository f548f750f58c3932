"""The JSON API for programs: editions, texts, search, and its OpenAPI 3.1 description.

Read-only, no authentication, open to every origin (the data is public). Errors are JSON too,
with a message in French: ``{"error": {"status": 400, "message": "…"}}``. Field names are
English, like the ``vigie export`` contract the text endpoint reuses; ``openapi.json`` next to
this module describes every response (tests validate real responses against it).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from datetime import date
from functools import lru_cache, wraps
from pathlib import Path
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.urls import Resolver404, ResolverMatch, resolve
from django.utils.http import http_date

from vigie.documents.export import articles_of, document_record
from vigie.documents.models import Document
from vigie.editions.content import ELI, ISSUE, EditionContent, Item
from vigie.editions.models import Edition
from vigie.editions.reading import content_of, editions_showing
from vigie.newsroom.corrections import decision_of
from vigie.newsroom.editorial import by_uid
from vigie.reference.french import french_date
from vigie.reference.places import PlaceError, parse_place, place_label
from vigie.reference.taxonomy import ROLES, RUBRICS, THEMES, theme_label
from vigie.web.addresses import (
    absolute,
    api_edition_path,
    api_text_path,
    edition_path,
    text_path,
)
from vigie.web.articles_api import article_record, matching_hits
from vigie.web.caching import DATA_AGE, api_edition_version, cacheable
from vigie.web.page_cache import kept_page
from vigie.web.search import SORTS, SearchFilters, search
from vigie.web.views.search import search_version

OPENAPI = Path(__file__).with_name("openapi.json")
CONTENT_TYPE = "application/json"
# A JO text (JORFTEXT…), a question (QANR5L17QE1234, qSEQ26030990S) or a legislative
# dossier (DLR5L17N1234, Sénat ppl25-990, AN legacy page AN14-republique_numerique); an
# article of the newsroom (REDAC00000012); a circulaire of the DILA's fund (CIRC45205).
UID = re.compile(
    r"JORFTEXT[0-9]{12}|QANR5L[0-9]{1,2}[A-Z]{2,4}[0-9]{1,7}|qSEQ[0-9]{4}[0-9A-Z]{4,6}|"
    r"DLR5L[0-9]{1,2}N[0-9]{1,7}|[a-z]{3,5}[0-9]{2}-[0-9]{1,4}[a-z0-9]{0,3}|"
    r"AN[0-9]{1,2}-[A-Za-z0-9_.%-]{1,28}|REDAC[0-9]{8}|CIRC[0-9A-Za-z_-]{1,28}|"
    # Other rubrics' items (news, aids, contracts: a hash; BOAMP: its notice; EU: CELEX).
    r"(?:FLUX|AIDE|DECP|JURI)[0-9a-f]{28}|BOAMP[0-9A-Za-z-]{1,24}|CELEX[0-9A-Z-]{6,27}")
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
EDITIONS_PER_PAGE, SEARCH_PER_PAGE, MAX_PER_PAGE = 50, 20, 100
MAX_QUERY = 200  # characters of a search query


class ApiError(Exception):
    """An answer other than 200, with its message for people."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


def json_response(data: Any, status: int = 200) -> HttpResponse:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    response = HttpResponse(body.encode("utf-8"), status=status, content_type=CONTENT_TYPE)
    response["Access-Control-Allow-Origin"] = "*"
    return response


def error_response(status: int, message: str) -> HttpResponse:
    return json_response({"error": {"status": status, "message": message}}, status)


def api_view(view: Callable[..., Any]) -> Callable[..., HttpResponse]:
    """GET (and HEAD) only; ``ApiError`` becomes a JSON error; data becomes JSON."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            response = error_response(405, f"Méthode {request.method} non permise : cette API "
                                      "se lit seulement (GET).")
            response["Allow"] = "GET, HEAD"
            return response
        try:
            refuse_nul(request)
            result = view(request, *args, **kwargs)
        except ApiError as error:
            return error_response(error.status, error.message)
        response = result if isinstance(result, HttpResponse) else json_response(result)
        return cacheable(response, DATA_AGE)

    # Nothing here changes state, and a POST deserves the JSON 405 rather than a CSRF page.
    wrapped.csrf_exempt = True
    return wrapped


# --- Reading parameters ----------------------------------------------------------------------

def refuse_nul(request: HttpRequest) -> None:
    """A parameter holding a NUL character, which PostgreSQL refuses in any text: a 400."""
    for name, values in request.GET.lists():
        if "\x00" in name or any("\x00" in value for value in values):
            raise ApiError(400, f"Paramètre « {name.replace(chr(0), '')} » invalide : "
                           "caractère nul.")


def parse_day(value: str, what: str = "Date") -> date:
    try:
        if not ISO_DAY.fullmatch(value):
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        raise ApiError(400, f"{what} invalide : « {value} » (format attendu : AAAA-MM-JJ, "
                       "par exemple 2026-10-14).") from None


def parse_departement(value: str) -> str:
    """A département code, or "" for ``national``; 404 when unknown."""
    try:
        return parse_place(value, national=True)
    except PlaceError:
        raise ApiError(404, f"Département inconnu : « {value} » (code INSEE attendu, par "
                       "exemple 18 ou 2A, ou « national »).") from None


def positive_int(request: HttpRequest, name: str, default: int, most: int | None = None) -> int:
    raw = request.GET.get(name, "")
    if not raw:
        return default
    # ASCII digits only: ``str.isdigit`` takes « ² » (which ``int`` refuses) and « ٣ ».
    if (not (raw.isascii() and raw.isdigit()) or int(raw) < 1
            or (most is not None and int(raw) > most)):
        bound = f" entre 1 et {most}" if most else " supérieur ou égal à 1"
        raise ApiError(400, f"Paramètre « {name} » invalide : « {raw} » (nombre entier{bound} "
                       "attendu).")
    return int(raw)


def choice(request: HttpRequest, name: str, allowed: dict[str, str] | tuple[str, ...]) -> str:
    value = request.GET.get(name, "")
    if value and value not in allowed:
        raise ApiError(400, f"Paramètre « {name} » invalide : « {value} » (valeurs permises : "
                       f"{', '.join(allowed)}).")
    return value


def optional_day(request: HttpRequest, name: str) -> date | None:
    value = request.GET.get(name, "")
    return parse_day(value, f"Paramètre « {name} »") if value else None


def day_range(request: HttpRequest) -> tuple[date | None, date | None]:
    start, end = optional_day(request, "du"), optional_day(request, "au")
    if start and end and start > end:
        raise ApiError(400, f"Période vide : « du » ({start.isoformat()}) est après « au » "
                       f"({end.isoformat()}).")
    return start, end


def paging(total: int, page: int, per_page: int) -> int:
    """Number of pages; a page past the last one is a 404."""
    pages = max(1, math.ceil(total / per_page))
    if page > pages:
        raise ApiError(404, f"La page {page} n'existe pas ({pages} page(s) en tout).")
    return pages


def page_links(request: HttpRequest, page: int, pages: int) -> dict[str, str | None]:
    def link(number: int) -> str:
        query = request.GET.copy()
        query["page"] = str(number)
        return absolute(f"{request.path}?{query.urlencode()}")

    return {"next": link(page + 1) if page < pages else None,
            "previous": link(page - 1) if page > 1 else None}


# --- Editions --------------------------------------------------------------------------------

def edition_summary(edition: Edition) -> dict[str, Any]:
    return {
        "date": edition.date.isoformat(), "departement": edition.departement or None,
        "departement_label": place_label(edition.departement), "title": edition.title,
        "items_count": edition.items_count, "urgent_count": edition.urgent_count,
        "revision": edition.revision, "updated_at": edition.updated_at.isoformat(),
        "url": absolute(api_edition_path(edition.date, edition.departement)),
        "page_url": absolute(edition_path(edition.date, edition.departement)),
    }


def item_record(item: Item) -> dict[str, Any]:
    """An item as the API gives it: its record, with the edition's flag and addresses."""
    urls = {"legifrance": item.official_url, "eli": item.url(ELI), "jo": item.url(ISSUE)}
    return {**item.to_json(), "theme_label": item.theme_label,
            "in_departement": item.in_departement, "urls": urls,
            "page_url": absolute(text_path(item.uid)),
            "api_url": absolute(api_text_path(item.uid))}


def content_record(content: EditionContent) -> dict[str, Any]:
    """Rubrics › themes › items, and what frames them."""
    return {
        "revised": content.revised, "covered": [d.isoformat() for d in content.covered],
        "jo_headers": list(content.jo_headers), "closing": content.closing,
        "rubrics": [{"slug": r.slug, "label": r.label, "themes": [
            {"slug": t.slug, "label": t.label, "items": [item_record(i) for i in t.items]}
            for t in r.themes]} for r in content.rubrics],
    }


@api_view
def editions(request: HttpRequest) -> dict[str, Any]:
    """Available editions, latest first, optionally one département's or one period's."""
    query = Edition.objects.order_by("-date", "departement")
    if "departement" in request.GET:
        query = query.filter(departement=parse_departement(request.GET["departement"]))
    start, end = day_range(request)
    if start:
        query = query.filter(date__gte=start)
    if end:
        query = query.filter(date__lte=end)
    page = positive_int(request, "page", 1)
    per_page = positive_int(request, "par_page", EDITIONS_PER_PAGE, MAX_PER_PAGE)
    total = query.count()
    pages = paging(total, page, per_page)
    rows = query.defer("frame")[(page - 1) * per_page:page * per_page]
    return {"count": total, "page": page, "pages": pages, "per_page": per_page,
            **page_links(request, page, pages), "results": [edition_summary(e) for e in rows]}


@api_view
@kept_page(api_edition_version)  # rendered once per version of its place's editions
def edition(request: HttpRequest, day: str, departement: str) -> HttpResponse:
    """One edition with its items, rubrics › themes › items, as readers see it."""
    when, code = parse_day(day), parse_departement(departement)
    found = Edition.objects.filter(date=when, departement=code).first()
    if found is None:
        raise ApiError(404, f"Aucune édition le {french_date(when, weekday=True)} — "
                       f"{place_label(code)}.")
    response = json_response({**edition_summary(found), "built_at": found.built_at.isoformat(),
                              **content_record(content_of(found))})
    # With ConditionalGetMiddleware, If-Modified-Since gets a 304 when nothing changed.
    response["Last-Modified"] = http_date(found.updated_at.timestamp())
    return response


# --- Texts -----------------------------------------------------------------------------------

def analysis_record(doc: Document) -> dict[str, Any] | None:
    analysis = getattr(doc, "analysis", None)
    if analysis is None:
        return None
    # The effective decision: the newsroom's corrections over the machine's.
    decision, corrected = decision_of(doc)
    return {**decision.to_json(), "theme_label": theme_label(decision.theme),
            "analysed_at": analysis.analysed_at.isoformat(), "newsroom": corrected}


def edition_of(uid: str) -> dict[str, Any] | None:
    """The national edition that shows the text, else the first département's edition."""
    showing = editions_showing(uid)
    if not showing:
        return None
    day, code = showing[0].date, showing[0].departement
    return {"date": day.isoformat(), "departement": code or None,
            "url": absolute(api_edition_path(day, code)),
            "page_url": absolute(edition_path(day, code))}


@api_view
def text(request: HttpRequest, uid: str) -> dict[str, Any]:
    """A text: the ``vigie export`` record, its stored analysis and where Vigie shows it."""
    if not UID.fullmatch(uid):
        raise ApiError(400, f"Identifiant invalide : « {uid} » (JORFTEXT suivi de 12 chiffres, "
                       "question QANR…/qSEQ…, dossier législatif, article REDAC…, actualité "
                       "FLUX…, aide AIDE…, marché BOAMP… ou DECP…, décision JURI…, acte CELEX…, "
                       "circulaire CIRC… attendu).")
    if uid.startswith("REDAC"):  # an article of the newsroom, answered like a text
        item = by_uid(uid)
        if item is None:
            raise ApiError(404, f"Article de la rédaction inconnu : « {uid} ».")
        return article_record(item, edition_of(uid))
    doc = Document.objects.select_related("analysis").filter(uid=uid).first()
    if doc is None:
        raise ApiError(404, f"Texte inconnu : « {uid} ».")
    record, analysis = document_record(doc, articles_of(doc)), analysis_record(doc)
    # ``short_title`` is Vigie's title for readers in every endpoint; the export record's
    # (DILA's TITRE) is kept as ``dila_short_title``.
    return {**record, "short_title": reader_title(doc, analysis),
            "dila_short_title": record.get("short_title", ""), "analysis": analysis,
            "edition": edition_of(uid), "page_url": absolute(text_path(uid)),
            "editorial": False}


def reader_title(doc: Document, analysis: dict[str, Any] | None) -> str:
    """Vigie's short title of a text: its decision's, else its official title."""
    return (analysis or {}).get("short_title") or doc.title


# --- Search ----------------------------------------------------------------------------------

def search_filters(request: HttpRequest) -> SearchFilters:
    departement = request.GET.get("departement", "")
    if departement:
        try:
            departement = parse_place(departement)
        except PlaceError:
            raise ApiError(400, f"Paramètre « departement » invalide : « {departement} » (code "
                           "INSEE attendu, par exemple 18 ou 2A).") from None
    start, end = day_range(request)
    retained = request.GET.get("retenus", "")
    if retained not in ("", "0", "1"):
        raise ApiError(400, f"Paramètre « retenus » invalide : « {retained} » (0 ou 1).")
    return SearchFilters(
        theme=choice(request, "theme", THEMES), role=choice(request, "role", ROLES),
        rubric=choice(request, "rubric", RUBRICS), departement=departement,
        nature=request.GET.get("nature", "").strip().upper(), date_from=start, date_to=end,
        retained_only=retained == "1", sort=choice(request, "tri", SORTS) or "date",
    )


def hit_record(hit: Any) -> dict[str, Any]:
    return {
        "uid": hit.uid, "title": hit.title, "short_title": hit.short_title,
        "date_publi": hit.date_publi.isoformat() if hit.date_publi else None,
        "nature": hit.nature, "rubric": hit.rubric, "theme": hit.theme,
        "theme_label": hit.theme_label, "retained": hit.retained, "urgent": hit.urgent,
        "status": hit.status, "snippet": hit.snippet, "marks": [list(m) for m in hit.marks],
        "page_url": absolute(text_path(hit.uid)), "api_url": absolute(api_text_path(hit.uid)),
        "editorial": False,
    }


@api_view
@kept_page(search_version)  # rendered once per version of the index, as the search page
def search_view(request: HttpRequest) -> HttpResponse:
    """Full-text search with filters (the site's search, the same results)."""
    query = request.GET.get("q", "").strip()
    if len(query) > MAX_QUERY:
        raise ApiError(400, f"Recherche trop longue ({len(query)} caractères, {MAX_QUERY} au "
                       "plus).")
    filters = search_filters(request)
    page = positive_int(request, "page", 1)
    per_page = positive_int(request, "par_page", SEARCH_PER_PAGE, MAX_PER_PAGE)
    found = search(query, filters=filters, page=page, per_page=per_page)
    pages = paging(found.total, page, per_page)
    return json_response({
        "query": query, "count": found.total, "count_capped": found.total_capped,
        "page": page, "pages": pages, "per_page": per_page, **page_links(request, page, pages),
        "results": [hit_record(h) for h in found.results],
        "partial": [hit_record(h) for h in found.partial],
        "partial_count": found.partial_total, "suggestion": found.suggestion,
        # The newsroom's articles matching the words, on the first page, as the search page
        # shows them above the texts.
        "articles": matching_hits(query, theme=filters.theme, rubric=filters.rubric,
                                  departement=filters.departement) if page == 1 else []})


# --- Description and unknown addresses -------------------------------------------------------

@lru_cache(maxsize=1)
def openapi_document() -> dict[str, Any]:
    return json.loads(OPENAPI.read_text(encoding="utf-8"))


@api_view
def openapi(request: HttpRequest) -> dict[str, Any]:
    """The OpenAPI 3.1 document, with this site's address as its server."""
    return {**openapi_document(), "servers": [{"url": settings.VIGIE_SITE_URL,
                                               "description": "Vigie"}]}


@api_view
def unknown(request: HttpRequest, rest: str = "") -> HttpResponse:
    """JSON 404 under /api/; an address missing its final slash is sent to the right one
    (the catch-all hides it from CommonMiddleware's APPEND_SLASH)."""
    if not request.path.endswith("/"):
        match = resolve_or_none(request.path + "/")
        if match is not None and match.func is not unknown:
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(request.path + "/" + (f"?{query}" if query
                                                                         else ""))
    raise ApiError(404, f"Adresse inconnue : « {request.path} ». La description de l'API est "
                   "à /api/openapi.json.")


def resolve_or_none(path: str) -> ResolverMatch | None:
    try:
        return resolve(path)
    except Resolver404:
        return None
