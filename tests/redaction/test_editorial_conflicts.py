"""An article's form sent twice writes one article, and an editor never silently overwrites
what another editor saved after the form was opened: the refusal keeps what was typed."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client

from tests.redaction.conftest import make_user
from tests.redaction.test_editorial import NEW, article
from vigie.newsroom.models import AuditEntry, EditorialItem

pytestmark = pytest.mark.django_db


def hidden(page: str, name: str) -> str:
    found = re.search(rf'<input type="hidden" name="{name}" value="([^"]*)"', page)
    assert found, f"no hidden field {name}"
    return html.unescape(found.group(1))


def test_an_article_sent_twice_is_written_once(editor_client, ingested_demo):
    token = hidden(editor_client.get(NEW).content.decode(), "jeton")
    first = editor_client.post(NEW, article(jeton=token))
    second = editor_client.post(NEW, article(jeton=token))  # a double click on « Publier »
    assert first.status_code == second.status_code == 302
    item = EditorialItem.objects.get()
    assert first["Location"] == second["Location"] and item.uid in second["Location"]
    assert AuditEntry.objects.filter(uid=item.uid).count() == 1
    other = hidden(editor_client.get(NEW).content.decode(), "jeton")
    assert other != token  # each new form writes its own article
    editor_client.post(NEW, article(jeton=other, title="Un autre article"))
    assert EditorialItem.objects.count() == 2


def test_a_new_articles_form_sent_again_with_changes_changes_that_article(
        editor_client, ingested_demo):
    token = hidden(editor_client.get(NEW).content.decode(), "jeton")
    editor_client.post(NEW, article(jeton=token))
    # Back in the browser, a word changed, « Publier » again: the same article, changed.
    assert editor_client.post(NEW, article(jeton=token, title="Titre corrigé")).status_code \
        == 302
    assert EditorialItem.objects.get().title == "Titre corrigé"


def test_a_refused_article_keeps_its_token(editor_client, ingested_demo):
    token = hidden(editor_client.get(NEW).content.decode(), "jeton")
    refused = editor_client.post(NEW, article(jeton=token, links="javascript:alert(1)"))
    assert refused.status_code == 400 and hidden(refused.content.decode(), "jeton") == token


def test_an_edit_over_another_editors_is_refused_and_keeps_the_input(
        editor_client, ingested_demo):
    editor_client.post(NEW, article())
    item = EditorialItem.objects.get()
    edit = f"/redaction/articles/{item.pk}/"
    other = Client()
    other.force_login(make_user("autre@example.fr"))
    mine = hidden(editor_client.get(edit).content.decode(), "version")
    theirs = hidden(other.get(edit).content.decode(), "version")
    assert other.post(edit, article(title="Titre de l'autre", version=theirs)).status_code == 302
    refused = editor_client.post(edit, article(title="Mon titre à moi", version=mine))
    page = refused.content.decode()
    assert refused.status_code == 409 and "autre@example.fr" in page
    assert "a modifié cet article" in page and "Mon titre à moi" in page
    item.refresh_from_db()
    assert item.title == "Titre de l'autre"
    # Sent again from the refusal page, the editor's version is kept, knowingly.
    again = editor_client.post(edit, article(title="Mon titre à moi",
                                             version=hidden(page, "version")))
    assert again.status_code == 302
    item.refresh_from_db()
    assert item.title == "Mon titre à moi"


def test_the_same_edit_sent_twice_is_no_conflict(editor_client, ingested_demo):
    editor_client.post(NEW, article())
    edit = f"/redaction/articles/{EditorialItem.objects.get().pk}/"
    version = hidden(editor_client.get(edit).content.decode(), "version")
    for _ in range(2):
        answer = editor_client.post(edit, article(title="Titre changé", version=version))
        assert answer.status_code == 302
    assert EditorialItem.objects.get().title == "Titre changé"
