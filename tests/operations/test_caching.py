"""Cache-Control and ETag on editions, texts, feeds, calendars and the API; 304 on revalidation."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_an_edition_page_is_cacheable_and_revalidates(client, ingested_demo):
    first = client.get("/edition/2026-10-14/18/")
    assert first.status_code == 200
    assert "public" in first["Cache-Control"] and "max-age=300" in first["Cache-Control"]
    assert "Cookie" in first["Vary"]
    etag = first["ETag"]
    again = client.get("/edition/2026-10-14/18/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""


def test_the_etag_changes_with_the_edition_and_with_the_chosen_departement(
        client, ingested_demo):
    from django.utils import timezone

    from vigie.editions.models import Edition

    etag = client.get("/edition/2026-10-14/18/")["ETag"]
    client.cookies["vigie_departement"] = "36"
    chosen = client.get("/edition/2026-10-14/18/", HTTP_IF_NONE_MATCH=etag)
    assert chosen.status_code == 200 and chosen["ETag"] != etag
    Edition.objects.filter(date="2026-10-14", departement="18").update(updated_at=timezone.now())
    revised = client.get("/edition/2026-10-14/18/", HTTP_IF_NONE_MATCH=chosen["ETag"])
    assert revised.status_code == 200 and revised["ETag"] != chosen["ETag"]


def test_the_home_page_follows_the_cookie(client, ingested_demo):
    national = client.get("/")
    client.cookies["vigie_departement"] = "18"
    cher = client.get("/", HTTP_IF_NONE_MATCH=national["ETag"])
    assert cher.status_code == 200 and "Cher (18)" in cher.content.decode()


@pytest.mark.parametrize("path", ["/api/editions/", "/api/editions/2026-10-14/18/",
                                  "/api/textes/JORFTEXT000099000004/", "/api/recherche/?q=élus",
                                  "/texte/JORFTEXT000099000004/", "/recherche/?q=maire"])
def test_api_and_pages_say_how_long_to_keep_them_and_answer_304(client, ingested_demo, path):
    first = client.get(path)
    assert first.status_code == 200
    assert "public" in first["Cache-Control"] and "max-age=" in first["Cache-Control"]
    assert client.get(path, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


@pytest.mark.parametrize("path", ["/flux/departement/18/rss/", "/flux/national/atom/",
                                  "/calendrier/departement/18.ics"])
def test_feeds_and_calendars_are_cacheable(client, ingested_demo, path):
    response = client.get(path)
    assert response.status_code == 200 and "max-age=900" in response["Cache-Control"]
    assert client.get(path, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_errors_are_not_cached(client, ingested_demo):
    assert "Cache-Control" not in client.get("/api/editions/2026-10-14/99/")
    assert "Cache-Control" not in client.get("/edition/2026-10-14/99/")
