"""The subscription pages and e-mails tried as an attacker would (issue 13): HTTPS behind a
proxy, a ``javascript:`` address in an edition."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.test import Client

from tests.editions.stored import store_edition
from tests.mailing.conftest import subscriber
from tests.mailing.mail import parts
from tests.web.test_hardening import EVIL, evil_item
from vigie import config

pytestmark = pytest.mark.django_db


def _hrefs(html: str) -> list[str]:
    return re.findall(r'(?:href|src|action)="([^"]*)"', html)


def test_e_mails_link_only_https_addresses(demo_editions, smtp, vigie):
    store_edition(date(2026, 10, 16), "23", [evil_item(EVIL)], title="Creuse", fingerprint="x",
                  items_count=1)
    subscriber("creuse@exemple.fr", "23")
    code, _, err = vigie("send", "--date", "2026-10-16")
    assert code == 0, err
    plain, html = parts(smtp.accepted[0].message)
    assert "Arrêté" in html and not [h for h in _hrefs(html) if "javascript" in h.lower()]
    assert EVIL not in plain


def test_behind_an_https_proxy_forms_pass_csrf_with_hsts_and_secure_cookies(
        demo_editions, settings, smtp):
    settings.ALLOWED_HOSTS = ["vigie.example.fr"]
    settings.SECURE_PROXY_SSL_HEADER = config.proxy_ssl_header() or (
        "HTTP_X_FORWARDED_PROTO", "https")
    settings.CSRF_TRUSTED_ORIGINS = ["https://vigie.example.fr"]
    proxy = {"HTTP_HOST": "vigie.example.fr", "HTTP_X_FORWARDED_PROTO": "https"}
    browser = Client(enforce_csrf_checks=True)
    form = browser.get("/abonnement/", **proxy)
    assert form["Strict-Transport-Security"].startswith("max-age=31536000")
    csrf = form.cookies["csrftoken"]
    assert csrf["secure"]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    data = {"csrfmiddlewaretoken": token, "email": "a@exemple.fr", "departement": "18",
            "frequency": "daily", "alerts": "on"}
    headers = {**proxy, "HTTP_ORIGIN": "https://vigie.example.fr",
               "HTTP_REFERER": "https://vigie.example.fr/abonnement/"}
    answer = browser.post("/abonnement/", data, **headers)
    assert answer.status_code == 302, answer.content[:300]
    chosen = browser.get("/departement/?code=18", **proxy)
    assert chosen.cookies["vigie_departement"]["secure"]
    # Without the proxy's header nor trusted origins the same post is refused: the bug.
    settings.SECURE_PROXY_SSL_HEADER, settings.CSRF_TRUSTED_ORIGINS = None, []
    assert browser.post("/abonnement/", data, **headers).status_code == 403
    assert "Strict-Transport-Security" not in Client().get("/abonnement/")  # plain HTTP
