"""The JSON API: real answers validated against the OpenAPI document, errors in French."""

from __future__ import annotations

import io
import json
import re
from contextlib import redirect_stdout
from functools import cache
from typing import Any

import pytest
from django.conf import settings
from django.urls import URLPattern, resolve
from jsonschema import Draft202012Validator, FormatChecker
from openapi_spec_validator import validate as validate_openapi

from tests.editions.stored import uids
from vigie.documents.export import articles_of, document_record
from vigie.documents.models import Document
from vigie.web import api, data_urls

pytestmark = pytest.mark.django_db
CATNAT, ELUS, PREFET = "JORFTEXT000099000004", "JORFTEXT000099000006", "JORFTEXT000099000010"
EDITION, TEXT = "/api/editions/{date}/{departement}/", "/api/textes/{uid}/"
EDITIONS, SEARCH = "/api/editions/", "/api/recherche/"


@cache
def document() -> dict[str, Any]:
    return json.loads(api.OPENAPI.read_text(encoding="utf-8"))


def response_schema(path: str, status: int) -> dict[str, Any]:
    answer = document()["paths"][path]["get"]["responses"][str(status)]
    if "$ref" in answer:
        answer = document()["components"]["responses"][answer["$ref"].rsplit("/", 1)[1]]
    return answer["content"]["application/json"]["schema"]


def check(response, path: str, status: int = 200) -> Any:
    """The response has ``status``, is JSON, and matches the document's schema for it."""
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    schema = {**response_schema(path, status), "components": document()["components"]}
    errors = sorted(Draft202012Validator(schema, format_checker=FormatChecker())
                    .iter_errors(data), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])
    return data


def edition_uids(day, departement: str) -> list[str]:
    return uids(day, departement)


# --- The document ----------------------------------------------------------------------------

def test_the_document_is_valid_openapi_3_1():
    validate_openapi(document())
    assert document()["openapi"].startswith("3.1")
    for schema in document()["components"]["schemas"].values():
        Draft202012Validator.check_schema(schema)


def _example(name: str) -> str:
    return {"date": "2026-10-14", "departement": "18", "uid": CATNAT, "theme": "risques",
            "rubric": "reponses"}[name]


def test_the_documented_rubrics_are_the_taxonomys():
    """Editions gave « financements » items, which the document did not allow; the rubric
    feeds took eight rubrics, the document named three."""
    from vigie.reference.taxonomy import EDITION_RUBRICS, RUBRICS

    parts = document()["components"]
    assert parts["schemas"]["RubricSlug"]["enum"] == list(RUBRICS)
    assert parts["parameters"]["rubric"]["schema"]["enum"] == list(EDITION_RUBRICS)


def test_every_documented_path_is_routed():
    for path in document()["paths"]:
        concrete = re.sub(r"\{(\w+)\}", lambda m: _example(m.group(1)), path)
        match = resolve(concrete)
        assert match.func is not api.unknown, f"{path} is not routed"
        assert match.url_name, path


def test_every_data_address_is_documented():
    documented = {re.sub(r"\{\w+\}", "{}", p) for p in document()["paths"]}
    routed = {"/" + re.sub(r"<\w+:\w+>", "{}", str(p.pattern))
              for p in data_urls.urlpatterns
              if isinstance(p, URLPattern) and p.callback is not api.unknown}
    assert routed == documented


def test_the_document_is_served_with_this_site_as_server(client):
    response = client.get("/api/openapi.json")
    data = check(response, "/api/openapi.json")
    assert data["servers"] == [{"url": settings.VIGIE_SITE_URL, "description": "Vigie"}]
    assert data["paths"] == document()["paths"]


# --- Editions --------------------------------------------------------------------------------

def test_an_edition_with_its_items(client, ingested_demo):
    data = check(client.get("/api/editions/2026-10-14/36/"), EDITION)
    assert data["title"] == "L'actualité du mercredi 14 octobre 2026 — Indre (36)"
    assert data["departement"] == "36"
    assert data["departement_label"] == "Indre (36)"
    assert data["jo_headers"] == ["Journal officiel n°0241 du mercredi 14 octobre 2026"]
    items = [i for r in data["rubrics"] for t in r["themes"] for i in t["items"]]
    assert [i["uid"] for i in items] == edition_uids(ingested_demo, "36")
    assert data["items_count"] == len(items) and data["urgent_count"] == 2
    assert items[0]["urgent"]  # urgent first; which urgent first follows the scores
    catnat = next(i for i in items if i["uid"] == CATNAT)
    assert catnat["urgent"] and catnat["in_departement"]
    assert catnat["page_url"] == f"{settings.VIGIE_SITE_URL}/texte/{CATNAT}/"
    assert catnat["api_url"] == f"{settings.VIGIE_SITE_URL}/api/textes/{CATNAT}/"
    elus = next(i for i in items if i["uid"] == ELUS)
    assert elus["dates"][0]["kind"] == "entree_en_vigueur"
    assert data["page_url"] == f"{settings.VIGIE_SITE_URL}/edition/2026-10-14/36/"


def test_the_national_edition(client, ingested_demo):
    data = check(client.get("/api/editions/2026-10-14/national/"), EDITION)
    assert data["departement"] is None
    assert data["departement_label"] == "Édition nationale"
    uids = [i["uid"] for r in data["rubrics"] for t in r["themes"] for i in t["items"]]
    assert uids == edition_uids(ingested_demo, "")
    assert data["url"] == f"{settings.VIGIE_SITE_URL}/api/editions/2026-10-14/national/"


def test_an_edition_answers_304_when_unchanged(client, ingested_demo):
    first = client.get("/api/editions/2026-10-14/18/")
    assert first["Access-Control-Allow-Origin"] == "*"
    again = client.get("/api/editions/2026-10-14/18/",
                       HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 304
    assert client.get("/api/editions/2026-10-14/18/",
                      HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


@pytest.mark.parametrize(("url", "status", "words"), [
    ("/api/editions/2026-13-01/36/", 400, "Date invalide : « 2026-13-01 »"),
    ("/api/editions/14-10-2026/36/", 400, "format attendu : AAAA-MM-JJ"),
    ("/api/editions/2026-10-14/99/", 404, "Département inconnu : « 99 »"),
    ("/api/editions/2026-10-17/36/", 404, "Aucune édition le samedi 17 octobre 2026"),
])
def test_edition_errors(client, ingested_demo, url, status, words):
    data = check(client.get(url), EDITION, status)
    assert data["error"]["status"] == status
    assert words in data["error"]["message"]


def test_the_list_of_editions_is_paginated(client, ingested_demo):
    data = check(client.get("/api/editions/?par_page=40"), EDITIONS)
    assert data["count"] == 108 and data["pages"] == 3 and data["page"] == 1
    assert data["previous"] is None
    assert data["results"][0]["departement"] is None  # national first, then by code
    assert [r["departement"] for r in data["results"][1:3]] == ["01", "02"]
    last = check(client.get(data["next"].replace(settings.VIGIE_SITE_URL, "")), EDITIONS)
    last = check(client.get(last["next"].replace(settings.VIGIE_SITE_URL, "")), EDITIONS)
    assert last["page"] == 3 and last["next"] is None and len(last["results"]) == 28
    assert "par_page=40" in last["previous"]


def test_the_list_of_editions_filters(client, ingested_demo):
    data = check(client.get("/api/editions/?departement=36"), EDITIONS)
    assert [(r["date"], r["departement"]) for r in data["results"]] == [("2026-10-14", "36")]
    assert data["results"][0]["items_count"] == len(edition_uids(ingested_demo, "36"))
    national = check(client.get("/api/editions/?departement=national&du=2026-10-14"), EDITIONS)
    assert national["count"] == 1 and national["results"][0]["departement"] is None
    assert check(client.get("/api/editions/?au=2026-10-13"), EDITIONS)["count"] == 0


@pytest.mark.parametrize(("query", "status", "words"), [
    ("page=0", 400, "Paramètre « page » invalide"),
    ("par_page=1000", 400, "entre 1 et 100"),
    ("du=2026-10-15&au=2026-10-14", 400, "Période vide"),
    ("du=hier", 400, "Paramètre « du » invalide"),
    ("departement=99", 404, "Département inconnu"),
    ("page=9", 404, "La page 9 n'existe pas"),
    ("page=%C2%B2", 400, "Paramètre « page » invalide : « ² »"),  # a digit int() refuses
    ("par_page=%E2%91%A0", 400, "Paramètre « par_page » invalide"),  # ①
    ("page=%D9%A3", 400, "Paramètre « page » invalide"),  # an Arabic-Indic 3: not « 3 »
])
def test_list_errors(client, ingested_demo, query, status, words):
    data = check(client.get(f"/api/editions/?{query}"), EDITIONS, status)
    assert words in data["error"]["message"]


# --- Texts -----------------------------------------------------------------------------------

def test_a_text_is_its_export_record_with_its_analysis(client, ingested_demo):
    data = check(client.get(f"/api/textes/{CATNAT}/"), TEXT)
    doc = Document.objects.get(uid=CATNAT)
    record = json.loads(json.dumps(document_record(doc, articles_of(doc))))
    dila = record.pop("short_title")
    assert {k: data[k] for k in record} == record and data["dila_short_title"] == dila
    assert data["analysis"]["retained"] is True
    assert data["analysis"]["theme"] == "risques"
    assert data["analysis"]["theme_label"] == "Risques, catastrophes et sécurité civile"
    assert data["edition"]["date"] == "2026-10-14" and data["edition"]["departement"] is None
    assert data["page_url"] == f"{settings.VIGIE_SITE_URL}/texte/{CATNAT}/"


def test_short_title_means_vigies_title_in_every_endpoint(client, ingested_demo):
    title = "Reconnaissance de l'état de catastrophe naturelle"
    text = check(client.get(f"/api/textes/{CATNAT}/"), TEXT)
    assert text["short_title"] == text["analysis"]["short_title"] == title
    edition = check(client.get("/api/editions/2026-10-14/18/"), EDITION)
    items = [i for r in edition["rubrics"] for t in r["themes"] for i in t["items"]]
    assert next(i for i in items if i["uid"] == CATNAT)["short_title"] == title
    hits = check(client.get("/api/recherche/?q=catastrophe+naturelle"), SEARCH)["results"]
    assert next(h for h in hits if h["uid"] == CATNAT)["short_title"] == title


def test_a_local_text_points_to_a_departement_edition(client, ingested_demo):
    data = check(client.get(f"/api/textes/{PREFET}/"), TEXT)
    assert data["edition"]["departement"] == "36"
    assert data["edition"]["url"].endswith("/api/editions/2026-10-14/36/")


def test_a_text_known_from_the_sommaire_only(client, ingested_demo):
    data = check(client.get("/api/textes/JORFTEXT000099000015/"), TEXT)
    assert data["status"] == "sommaire" and data["articles"] == []


@pytest.mark.parametrize(("uid", "status", "words"), [
    ("JORFTEXT000000000001", 404, "Texte inconnu : « JORFTEXT000000000001 »"),
    ("INTB2600001A", 400, "Identifiant invalide"),
])
def test_text_errors(client, ingested_demo, uid, status, words):
    assert words in check(client.get(f"/api/textes/{uid}/"), TEXT, status)["error"]["message"]


def test_every_item_of_an_edition_has_its_api_text(client, ingested_demo):
    """The items of the other rubrics (news FLUX…, aids AIDE…, BOAMP notices) were listed by
    the editions with an ``api_url`` that answered 400 « Identifiant invalide »."""
    from vigie.commands.demo import follow_sample_feeds

    with redirect_stdout(io.StringIO()):
        assert follow_sample_feeds(lambda event: None) == 0
    edition = check(client.get("/api/editions/2026-10-14/18/"), EDITION)
    items = [i for r in edition["rubrics"] for t in r["themes"] for i in t["items"]]
    prefixes = {re.match(r"[A-Za-z]+", i["uid"])[0] for i in items}
    assert {"FLUX", "AIDE", "BOAMP", "JORFTEXT"} <= prefixes, prefixes
    for item in items:
        text = check(client.get(item["api_url"].replace(settings.VIGIE_SITE_URL, "")), TEXT)
        assert text["id"] == item["uid"]


# --- Search ----------------------------------------------------------------------------------

def test_search_finds_texts_with_links(client, ingested_demo):
    data = check(client.get("/api/recherche/?q=catastrophe+naturelle"), SEARCH)
    assert data["query"] == "catastrophe naturelle"
    assert CATNAT in [h["uid"] for h in data["results"]]
    hit = next(h for h in data["results"] if h["uid"] == CATNAT)
    assert hit["theme_label"] == "Risques, catastrophes et sécurité civile"
    assert hit["page_url"] == f"{settings.VIGIE_SITE_URL}/texte/{CATNAT}/"
    assert hit["marks"] and all(hit["snippet"][a:b] for a, b in hit["marks"])


def test_search_filters_and_pages(client, ingested_demo):
    everything = check(client.get("/api/recherche/?par_page=5"), SEARCH)
    assert everything["count"] == Document.objects.exclude(title="").count()
    assert everything["pages"] == -(-everything["count"] // 5) and everything["next"]
    second = check(client.get(everything["next"].replace(settings.VIGIE_SITE_URL, "")), SEARCH)
    assert second["page"] == 2
    assert not {h["uid"] for h in second["results"]} & {h["uid"] for h in everything["results"]}
    risks = check(client.get("/api/recherche/?theme=risques&departement=36&retenus=1"), SEARCH)
    assert [h["uid"] for h in risks["results"]] == [CATNAT]
    decrees = check(client.get("/api/recherche/?nature=decret&du=2026-10-14&au=2026-10-14"),
                    SEARCH)
    assert decrees["count"] and all(h["nature"] == "DECRET" for h in decrees["results"])
    none = check(client.get("/api/recherche/?q=catastrophe&au=2026-10-13"), SEARCH)
    assert none["count"] == 0 and none["results"] == [] and none["pages"] == 1


@pytest.mark.parametrize(("query", "words"), [
    ("theme=inconnu", "Paramètre « theme » invalide : « inconnu »"),
    ("role=maire", "Paramètre « role » invalide"),
    ("rubric=presse", "Paramètre « rubric » invalide"),
    ("departement=99", "Paramètre « departement » invalide"),
    ("du=2026-02-30", "Paramètre « du » invalide"),
    ("du=2026-10-15&au=2026-10-01", "Période vide"),
    ("page=deux", "Paramètre « page » invalide"),
    ("tri=hasard", "Paramètre « tri » invalide"),
    ("retenus=oui", "Paramètre « retenus » invalide"),
    ("q=" + "mot+" * 60, "Recherche trop longue"),
])
def test_search_errors(client, ingested_demo, query, words):
    data = check(client.get(f"/api/recherche/?{query}"), SEARCH, 400)
    assert words in data["error"]["message"]


@pytest.mark.parametrize("query", ["q=%C3%A9lu%00", "nature=a%00b", "q=x&tri%00=date"])
def test_search_refuses_a_nul_character_in_french(client, ingested_demo, query):
    """PostgreSQL refuses NUL in any text: the search answered 500 there."""
    data = check(client.get(f"/api/recherche/?{query}"), SEARCH, 400)
    assert "caractère nul" in data["error"]["message"]


def test_search_page_past_the_last_is_404(client, ingested_demo):
    data = check(client.get("/api/recherche/?q=catastrophe&page=50"), SEARCH, 404)
    assert "La page 50 n'existe pas" in data["error"]["message"]


# --- Anything else under /api/ ---------------------------------------------------------------

def test_unknown_api_address_is_a_json_404(client, db):
    response = client.get("/api/inconnu/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "Adresse inconnue : « /api/inconnu/ »" in response.json()["error"]["message"]


def test_a_missing_final_slash_redirects(client, db):
    response = client.get("/api/editions?page=1")
    assert response.status_code == 301
    assert response["Location"] == "/api/editions/?page=1"


def test_the_api_only_reads(db):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/api/editions/", {})
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert "Méthode POST non permise" in response.json()["error"]["message"]
    assert client.head("/api/editions/").status_code == 200
