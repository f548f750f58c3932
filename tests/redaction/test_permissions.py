"""Who may do what in the back office: every page and action, for an anonymous visitor, a
signed-in account outside the newsroom, an editor and an administrator."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import URLPattern

from tests.redaction.conftest import make_user
from tests.redaction.test_queue import ELUS
from vigie.newsroom.models import Correction, EditorialItem, Hold
from vigie.redaction import urls

pytestmark = pytest.mark.django_db
DAY = "2026-10-14"
OPEN = {"login", "logout", "reset", "reset-sent", "reset-confirm", "reset-done"}
# Every page and action of the newsroom: (name, method, path, form).
GUARDED = [
    ("queue", "get", "/redaction/", {}),
    ("queue-day", "get", f"/redaction/jour/{DAY}/", {}),
    ("correct", "post", f"/redaction/texte/{ELUS}/corriger/", {"decision": "ecarter"}),
    ("restore", "post", f"/redaction/texte/{ELUS}/retablir/", {}),
    ("review", "post", f"/redaction/jour/{DAY}/relue/", {"place": "18"}),
    ("items", "get", "/redaction/articles/", {}),
    ("item-new", "post", "/redaction/articles/nouveau/", {
        "day": DAY, "rubric": "actualite", "title": "Un article", "theme": "rh"}),
    ("item", "get", "/redaction/articles/{pk}/", {}),
    ("item-delete", "post", "/redaction/articles/{pk}/supprimer/", {}),
    ("holds", "post", "/redaction/attente/", {"departement": "18", "until": "09:00"}),
]
ADMIN_ONLY = {"holds"}


def test_every_address_of_the_back_office_is_listed_here():
    names = {p.name for p in urls.urlpatterns if isinstance(p, URLPattern)}
    assert names == OPEN | {name for name, *_ in GUARDED}


@pytest.fixture
def article(db):
    return EditorialItem.objects.create(day=DAY, rubric="actualite", title="Déjà là",
                                        theme="rh")


def call(client: Client, method: str, path: str, form: dict, article: EditorialItem):
    return getattr(client, method)(path.format(pk=article.pk), form)


@pytest.mark.parametrize(("name", "method", "path", "form"), GUARDED)
def test_anonymous_visitors_are_sent_to_sign_in(client, ingested_demo, article, name, method,
                                                path, form):
    answer = call(client, method, path, form, article)
    assert answer.status_code == 302 and answer["Location"].startswith(
        "/redaction/connexion/?next=")
    assert not Correction.objects.exists() and not Hold.objects.exists()
    assert EditorialItem.objects.count() == 1


@pytest.mark.parametrize(("name", "method", "path", "form"), GUARDED)
def test_accounts_outside_the_newsroom_are_refused(client, ingested_demo, article, name,
                                                   method, path, form):
    client.force_login(make_user("lecteur@example.fr", staff=False))
    assert call(client, method, path, form, article).status_code == 403
    assert not Correction.objects.exists() and EditorialItem.objects.count() == 1


@pytest.mark.parametrize(("name", "method", "path", "form"), GUARDED)
def test_editors_may_do_everything_but_holds(editor_client, ingested_demo, article, name,
                                             method, path, form):
    answer = call(editor_client, method, path, form, article)
    expected = {403} if name in ADMIN_ONLY else {200, 302}
    assert answer.status_code in expected
    assert "no-store" in answer["Cache-Control"]


@pytest.mark.parametrize(("name", "method", "path", "form"), GUARDED)
def test_administrators_may_do_everything(client, ingested_demo, article, name, method, path,
                                          form):
    client.force_login(make_user("chef@example.fr", admin=True))
    assert call(client, method, path, form, article).status_code in (200, 302)


@pytest.mark.parametrize("path", ["/redaction/texte/{uid}/corriger/",
                                  "/redaction/texte/{uid}/retablir/",
                                  "/redaction/articles/{pk}/supprimer/"])
def test_actions_are_posts(editor_client, ingested_demo, article, path):
    answer = editor_client.get(path.format(uid=ELUS, pk=article.pk))
    assert answer.status_code == 405


def test_actions_need_the_csrf_token(ingested_demo, editor, article):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor)
    for _, method, path, form in GUARDED:
        if method == "post":
            assert call(strict, method, path, form, article).status_code == 403, path
    assert not Correction.objects.exists() and EditorialItem.objects.count() == 1


def test_refusals_are_pages_in_french(client, ingested_demo, editor, article):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor)
    answer = strict.post(f"/redaction/texte/{ELUS}/corriger/", {"decision": "ecarter"})
    page = answer.content.decode()
    assert answer.status_code == 403 and '<html lang="fr">' in page
    assert "Formulaire expiré" in page and "Rien n'a été" in page
    assert "no-store" in answer["Cache-Control"]
    client.force_login(make_user("lecteur@example.fr", staff=False))
    answer = client.get("/redaction/")
    assert answer.status_code == 403 and "Réservé à la rédaction." in answer.content.decode()
    assert '<html lang="fr">' in answer.content.decode()
    strict.force_login(editor)
    answer = strict.get("/redaction/attente/")
    page = answer.content.decode()
    assert answer.status_code == 403 and "Réservé aux administrateurs de la rédaction." in page
    assert "Revenir à la file de relecture" in page and "no-store" in answer["Cache-Control"]


def test_sign_in_never_sends_to_another_site(client, editor):
    from tests.redaction.conftest import PASSWORD

    for elsewhere in ("https://evil.example/", "//evil.example/", "/\\evil.example/"):
        answer = client.post(f"/redaction/connexion/?next={elsewhere}", {
            "username": "redac@example.fr", "password": PASSWORD, "next": elsewhere})
        assert answer.status_code == 302 and answer["Location"] == "/redaction/", elsewhere
        client.logout()


@pytest.mark.parametrize("path", [f"/redaction/texte/{ELUS}/corriger/",
                                  f"/redaction/texte/{ELUS}/retablir/",
                                  f"/redaction/jour/{DAY}/relue/",
                                  "/redaction/articles/{pk}/supprimer/",
                                  "/redaction/deconnexion/"])
def test_actions_opened_as_pages_say_so_in_french(editor_client, ingested_demo, article, path):
    """A reload of a refused correction, a link kept: a page of the back office, not a blank
    one, and nothing done."""
    answer = editor_client.get(path.format(pk=article.pk))
    page = answer.content.decode()
    assert answer.status_code == 405 and answer["Allow"] == "POST"
    assert '<html lang="fr">' in page and "ne s'ouvre pas comme une page" in page
    assert "Revenir à la file de relecture" in page and "no-store" in answer["Cache-Control"]
    assert not Correction.objects.exists() and EditorialItem.objects.count() == 1
    assert editor_client.get("/redaction/").status_code == 200  # still signed in


@pytest.mark.parametrize("action", ["corriger", "retablir"])
def test_an_action_on_an_address_with_a_nul_character_is_a_404(editor_client, ingested_demo,
                                                                  action):
    # PostgreSQL refuses a NUL in a query parameter (DataError): this was a 500.
    answer = editor_client.post(f"/redaction/texte/{ELUS}%00/{action}/", {"decision": "ecarter"})
    assert answer.status_code == 404 and "Page introuvable" in answer.text
