"""The site tried as an attacker would (issue 13): a ``javascript:`` ELI, pages framed or
fed inline scripts, HTTPS behind a proxy, caches sharing a reader's page, a default key."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import OperationalError
from django.test import RequestFactory

from vigie import config
from vigie.documents.models import Document
from vigie.editions.builder import build_day
from vigie.editions.content import Item, KeyDate, Link, web_address
from vigie.editions.recent import Entry
from vigie.web import feeds, ical
from vigie.web.hardening import CSP, Hardening, is_busy

pytestmark = pytest.mark.django_db
EVIL = "javascript:alert(document.cookie)"
CATNAT = "JORFTEXT000099000004"
SHORT = "JORFTEXT000099000010"  # a nomination: one département, no annex
PAGES = ("/", "/edition/2026-10-14/18/", f"/texte/{CATNAT}/", "/archives/", "/recherche/?q=eau",
         "/abonnement/", "/abonnement/lien/")


@pytest.fixture
def evil_eli(ingested_demo):
    """Every text's ELI, as a delivery could give it, then the editions rebuilt."""
    Document.objects.update(eli=EVIL)
    build_day(ingested_demo)
    return ingested_demo


def _hrefs(html: str) -> list[str]:
    return re.findall(r'(?:href|src|action)="([^"]*)"', html)


def test_a_javascript_eli_is_text_on_the_three_pages(client, evil_eli):
    client.cookies["vigie_departement"] = "18"
    for path in ("/", "/edition/2026-10-14/18/", f"/texte/{CATNAT}/"):
        html = client.get(path).text
        assert not [h for h in _hrefs(html) if "javascript" in h.lower()], path
        assert EVIL in html, path  # shown, as text
        assert "https://www.legifrance.gouv.fr/jorf/id/" in html  # the sound links remain


def test_the_api_gives_the_eli_as_data(client, evil_eli):
    from tests.web.test_api import check

    record = check(client.get(f"/api/textes/{CATNAT}/"), "/api/textes/{uid}/")
    assert record["eli"] == EVIL  # the value as published: data, for programs to check
    item = check(client.get("/api/editions/2026-10-14/18/"),
                 "/api/editions/{date}/{departement}/")
    urls = [i["urls"] for r in item["rubrics"] for t in r["themes"] for i in t["items"]]
    assert {u["eli"] for u in urls} == {EVIL}
    assert all(u["legifrance"].startswith("https://") for u in urls)


def test_only_https_addresses_become_links():
    assert web_address("https://www.legifrance.gouv.fr/eli/decret/2026/1") != ""
    for url in (EVIL, "JavaScript:x", " https://a.fr", "http://a.fr", "data:text/html,x",
                "https://a.fr@evil.example/", "https://", "https://a.fr/\"onclick=x",
                "https://a.fr/\nx", "//evil.example/", "https://exemple.fr:99999/",
                "https://exemple.fr:port/", "https://exemple.fr:0/", "https://ex ample.fr/",
                "https://exe_mple.fr/", "https://[::1/"):
        assert web_address(url) == "", url
    for url in ("https://exemple.fr:8443/a?b=c#d", "https://mairie-évreux.fr/",
                "https://127.0.0.1/", "https://[::1]/"):
        assert web_address(url) == url, url


def evil_item(url: str) -> Item:
    return Item(uid="JORFTEXT000099000007", rubric="jo", title="Arrêté", short_title="Arrêté",
                theme="rh", reference="JORF", date_publi=date(2026, 10, 16), rank=1,
                links=(Link("official", "Légifrance", url), Link("eli", "ELI", url),
                       Link("issue", "Journal officiel du jour", url)))


def test_feeds_and_calendars_link_only_https_addresses():
    assert "href" not in feeds.item_description(evil_item(EVIL))
    assert EVIL not in feeds.item_description(evil_item(EVIL))
    sound = "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000099000007"
    assert f'href="{sound}"' in feeds.item_description(evil_item(sound))
    entry = Entry(evil_item(EVIL), date(2026, 10, 16), datetime(2026, 10, 16, tzinfo=UTC))
    key_date = KeyDate(date(2026, 11, 1), "vigueur", "Entrée en vigueur", "")
    assert EVIL not in "".join(ical.event_lines(entry, key_date))


def test_every_page_has_a_content_security_policy_and_nothing_inline(client, ingested_demo):
    assert "default-src 'self'" in CSP and "'unsafe-inline'" not in CSP
    for path in PAGES:
        answer = client.get(path)
        assert answer.status_code == 200, path
        assert answer["Content-Security-Policy"] == CSP
        assert answer["X-Frame-Options"] == "DENY"
        html = answer.text
        assert "<style" not in html and " style=" not in html, path
        assert not re.search(r"<script(?![^>]*\ssrc=)", html), path  # scripts are files
        assert not re.search(r"\son[a-z]+=", html), path  # no inline handlers
    script = re.search(r'<script src="([^"]+)"', client.get("/abonnement/").text).group(1)
    answer = client.get(script)
    assert answer.status_code == 200 and "communes-liste" in answer.text
    assert answer["Content-Type"].startswith("text/javascript")


def test_pages_showing_the_remembered_departement_vary_with_the_cookie(client, ingested_demo):
    for path in ("/", "/edition/2026-10-14/18/", "/archives/"):
        answer = client.get(path)
        assert "Cookie" in answer["Vary"], path
        assert "max-age=" in answer["Cache-Control"] and answer["ETag"], path
    # A text page puts the reader's département first in long annexes and long lists of
    # territories: whatever the cookie (none here), it says it varies with it, so that a
    # shared cache never gives one reader's page to another.
    plain = client.get(f"/texte/{CATNAT}/")
    assert "Cookie" in plain["Vary"] and "max-age=" in plain["Cache-Control"]
    client.cookies["vigie_departement"] = "18"
    cher = client.get(f"/texte/{CATNAT}/")
    assert cher.content != plain.content and "Cookie" in cher["Vary"]
    assert "Cookie" not in client.get(f"/texte/{SHORT}/").get("Vary", "")


def test_proxy_settings_are_read_from_the_environment(monkeypatch):
    monkeypatch.setenv("VIGIE_PROXY_SSL_HEADER", "X-Forwarded-Proto")
    assert config.proxy_ssl_header() == ("HTTP_X_FORWARDED_PROTO", "https")
    monkeypatch.setenv("VIGIE_PROXY_SSL_HEADER", "X-Forwarded-Ssl: on")
    assert config.proxy_ssl_header() == ("HTTP_X_FORWARDED_SSL", "on")
    monkeypatch.setenv("VIGIE_PROXY_SSL_HEADER", "pas un en-tête")
    with pytest.raises(config.ConfigError, match="VIGIE_PROXY_SSL_HEADER"):
        config.proxy_ssl_header()
    monkeypatch.setenv("VIGIE_CSRF_TRUSTED_ORIGINS", "https://a.example.fr, https://b.fr")
    assert config.trusted_origins("https://vigie.example.fr") == [
        "https://a.example.fr", "https://b.fr", "https://vigie.example.fr"]
    monkeypatch.setenv("VIGIE_CSRF_TRUSTED_ORIGINS", "a.example.fr")
    with pytest.raises(config.ConfigError, match="origine invalide"):
        config.trusted_origins("http://127.0.0.1:8000")


def test_a_busy_database_answers_503_with_retry_after(settings):
    settings.VIGIE_RETRY_AFTER = 30
    middleware = Hardening(lambda request: None)
    request = RequestFactory().post("/abonnement/")
    answer = middleware.process_exception(request, OperationalError("database is locked"))
    assert answer.status_code == 503 and answer["Retry-After"] == "30"
    assert "Service momentanément occupé" in answer.content.decode()
    assert middleware.process_exception(request, OperationalError("no such table")) is None
    assert not is_busy(ValueError("database is locked"))


def test_the_site_does_not_start_with_the_published_key(settings):
    for key in (config.DEFAULT_SECRET_KEY, "court"):
        settings.SECRET_KEY = key
        with pytest.raises(ImproperlyConfigured, match="refuse de servir le site"):
            Hardening(lambda request: None)


def test_a_refused_method_is_said_with_its_length(client, db):
    """Django's 405 is empty, and ``CommonMiddleware`` gives it ``Content-Length: 0``: a real
    server sent that many bytes of the French words, a blank page. The length follows."""
    answer = client.get("/abonnement/gerer/x/supprimer/")
    assert answer.status_code == 405
    assert answer.content.decode().startswith("Cette adresse n'accepte pas la méthode GET")
    assert int(answer["Content-Length"]) == len(answer.content)
