"""The JSON of an edition and of a search, made once per version of what it shows and kept
(``vigie.web.page_cache``), as the pages are: asked again, or revalidated, it costs the one
query of its version — not a reading of the edition's items or a new search."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from vigie.editions.models import Edition

pytestmark = pytest.mark.django_db
URLS = ["/api/editions/{day}/36/", "/api/editions/{day}/national/",
        "/api/recherche/?q=communes", "/api/recherche/?q=communes&tri=pertinence&par_page=100",
        "/api/recherche/?rubric=jo&page=2&par_page=2"]


@pytest.mark.parametrize("url", URLS)
def test_an_answer_asked_again_is_not_made_again(client, ingested_demo, url):
    url = url.format(day=ingested_demo)
    first = client.get(url)
    assert first.status_code == 200
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url)
    assert again.status_code == 200 and again.content == first.content
    for header in ("Access-Control-Allow-Origin", "Last-Modified", "Cache-Control", "ETag"):
        assert again.get(header) == first.get(header), header
    assert len(queries) == 1  # the version of what it shows, whatever its size
    with CaptureQueriesContext(connection) as queries:
        unchanged = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert unchanged.status_code == 304 and len(queries) == 1


def test_a_new_edition_is_answered_anew(client, ingested_demo):
    url = f"/api/editions/{ingested_demo}/36/"
    first = client.get(url)
    Edition.objects.get(date=ingested_demo, departement="36").save()  # a revision
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url)
    assert again.status_code == 200 and again.json()["updated_at"] != first.json()["updated_at"]
    assert [q for q in queries.captured_queries if "editions_editionitem" in q["sql"]]


@pytest.mark.parametrize("url", ["/api/editions/2026-10-14/99/", "/api/editions/1999-01-01/36/",
                                 "/api/recherche/?q=communes&page=99"])
def test_errors_are_still_json_and_not_kept(client, ingested_demo, url):
    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 404 and response.json()["error"]["status"] == 404
        assert response["Access-Control-Allow-Origin"] == "*"
