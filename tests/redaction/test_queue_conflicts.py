"""A correction refused keeps what the editor typed, says why on the page (never a message
taken from the address), and never silently overwrites another editor's correction made
since the queue was opened."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client

from tests.editions.stored import content
from tests.redaction.conftest import make_user
from tests.redaction.test_queue import ELUS
from vigie.newsroom.models import Correction

pytestmark = pytest.mark.django_db
CORRECT = f"/redaction/texte/{ELUS}/corriger/"


def card(page: str, uid: str = ELUS) -> str:
    start = page.index(f'id="t-{uid}"')
    return page[start:page.index("</article>", start)]


def version(client: Client, uid: str = ELUS) -> str:
    found = re.search(r'name="version" value="([^"]*)"', card(client.get("/redaction/")
                                                             .content.decode(), uid))
    assert found, "no version in the card's form"
    return html.unescape(found.group(1))


def form(**fields: str) -> dict[str, str]:
    return {"scope": "national", "departements": "", "theme": "finances",
            "short_title": "Titre de la rédaction", "essentials": "Premier point", **fields}


def test_a_refused_correction_keeps_what_was_typed(editor_client, ingested_demo):
    answer = editor_client.post(CORRECT, form(
        scope="local", departements="18 999", short_title="Mon titre soigneusement tapé",
        essentials="Un point\nUn autre"))
    page = html.unescape(answer.content.decode())
    assert answer.status_code == 400 and not Correction.objects.exists()
    assert "Correction refusée" in page and "« 999 »" in page
    mine = card(page)
    assert "<details class=\"bo-edit\" open" in mine and 'value="18 999"' in mine
    assert 'value="Mon titre soigneusement tapé"' in mine and "Un point\nUn autre" in mine
    assert re.search(r'<option value="local" selected>', mine)
    assert re.search(r'<option value="finances" selected>', mine)


def test_the_queue_shows_no_message_written_in_its_address(editor_client, ingested_demo):
    page = editor_client.get("/redaction/", {"erreur": "session expirée, reconnectez-vous "
                                                       "sur https://piege.example"})
    assert "piege.example" not in page.content.decode()


def test_a_correction_over_another_editors_is_refused_and_keeps_the_input(
        editor_client, ingested_demo):
    other = Client()
    other.force_login(make_user("autre@example.fr"))
    mine, theirs = version(editor_client), version(other)
    assert other.post(CORRECT, form(short_title="Titre de l'autre", version=theirs)
                      ).status_code == 302
    refused = editor_client.post(CORRECT, form(short_title="Mon titre", version=mine))
    page = html.unescape(refused.content.decode())
    assert refused.status_code == 409 and "autre@example.fr a modifié" in page
    assert 'value="Mon titre"' in card(page)
    assert content(ingested_demo, "").item(ELUS).short_title == "Titre de l'autre"
    now = re.search(r'name="version" value="([^"]*)"', card(page)).group(1)
    assert editor_client.post(CORRECT, form(short_title="Mon titre", version=now)
                              ).status_code == 302
    assert content(ingested_demo, "").item(ELUS).short_title == "Mon titre"


def test_the_same_correction_sent_twice_is_no_conflict(editor_client, ingested_demo):
    before = version(editor_client)
    for _ in range(2):
        assert editor_client.post(CORRECT, form(version=before)).status_code == 302
    assert Correction.objects.get().changes["short_title"] == "Titre de la rédaction"
