"""Pages kept rendered (``vigie.web.page_cache``): a reader is served the kept page while
nothing changed, and an editor's correction shows at once on the edition and search pages."""

from __future__ import annotations

import html

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db
ELUS = "JORFTEXT000099000006"
KEPT = "Retenu pour les collectivités"
NEW_TITLE = "Élections des conseillers : le calendrier revu par la rédaction"


def read(client: Client, url: str) -> tuple[str, int]:
    """The page (unescaped) and how many queries it took."""
    with CaptureQueriesContext(connection) as queries:
        answer = client.get(url)
    assert answer.status_code == 200
    return html.unescape(answer.content.decode()), len(queries)


def test_a_correction_shows_at_once_on_kept_edition_and_search_pages(editor_client,
                                                                     ingested_demo):
    reader, day = Client(), ingested_demo
    editions = (f"/edition/{day}/national/", f"/edition/{day}/18/", "/")
    found = f"/recherche/?q={ELUS}"
    before = {url: read(reader, url) for url in (*editions, found)}
    for url, (page, queries) in before.items():
        again, fewer = read(reader, url)
        assert again == page and fewer < queries, url  # the kept page, not rendered again
        assert NEW_TITLE not in page
    assert KEPT in before[found][0]

    editor_client.post(f"/redaction/texte/{ELUS}/corriger/", {"short_title": NEW_TITLE})
    for url in editions:
        assert NEW_TITLE in read(reader, url)[0], url
    editor_client.post(f"/redaction/texte/{ELUS}/corriger/", {"decision": "ecarter"})
    for url in editions:
        assert NEW_TITLE not in read(reader, url)[0], url
    assert KEPT not in read(reader, found)[0]  # the search entry says « set aside » at once

    editor_client.post(f"/redaction/texte/{ELUS}/retablir/")
    for url in editions:  # the text is back (the edition now says it was revised)
        page = read(reader, url)[0]
        assert ELUS in page and NEW_TITLE not in page and "Édition mise à jour" in page, url
    assert read(reader, found)[0] == before[found][0]
