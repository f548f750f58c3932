"""Editorial items: written by editors, shown in editions, pages, feeds, API, search and
digests, marked as the newsroom's; commentaries attached to the official text."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests.editions.stored import content, uids
from tests.redaction.test_queue import ELUS
from tests.web.test_api import EDITION, SEARCH, TEXT, check
from vigie.editions.text import render_text
from vigie.newsroom.models import AuditEntry, EditorialItem

pytestmark = pytest.mark.django_db
NEW = "/redaction/articles/nouveau/"


def article(**fields: str) -> dict[str, str]:
    return {"day": "2026-10-14", "rubric": "rh", "title": "Entretien professionnel : le "
            "calendrier du centre de gestion", "body": "Les entretiens ont lieu avant le 15 "
            "décembre.\nLe support est en ligne.", "theme": "rh", "departements": "18",
            "roles": ["rh", "direction"],
            "links": "Le support | https://cdg18.example.fr/support\nhttps://example.fr/a",
            **fields}


def test_an_article_appears_in_the_editions_marked_as_editorial(editor_client, ingested_demo):
    answer = editor_client.post(NEW, article())
    assert answer.status_code == 302, answer.content.decode()[:2000]
    item = EditorialItem.objects.get()
    assert item.uid == f"REDAC{item.pk:08d}" and item.editor_email == "redac@example.fr"
    day = ingested_demo
    assert item.uid in uids(day, "18") and item.uid not in uids(day, "")
    shown = content(day, "18").item(item.uid)
    assert shown.editorial and shown.rubric == "rh" and shown.in_departement
    assert shown.essentials == ("Les entretiens ont lieu avant le 15 décembre.",
                                "Le support est en ligne.")
    assert [link.href for link in shown.links] == ["https://cdg18.example.fr/support",
                                                   "https://example.fr/a"]
    assert ("[Dans votre département · Article de la rédaction] Entretien professionnel"
            in render_text(content(day, "18")))
    public = Client()
    page = public.get(f"/edition/{day}/18/").content.decode()
    assert "Article de la rédaction" in page and "Infos RH" in page
    api = check(public.get("/api/editions/2026-10-14/18/"), EDITION)  # the OpenAPI schema
    mine = next(i for r in api["rubrics"] for t in r["themes"] for i in t["items"]
                if i["uid"] == item.uid)
    assert mine["editorial"] is True and mine["links"][0]["kind"] == "source"
    assert "[Rédaction] Entretien professionnel" in public.get(
        "/flux/departement/18/rss/").content.decode()
    text = public.get(f"/texte/{item.uid}/")
    assert text.status_code == 200 and "Le support est en ligne." in text.content.decode()
    assert "Historique de la rédaction" not in text.content.decode()
    found = public.get("/recherche/", {"q": "entretiens calendrier"}).content.decode()
    assert "Articles de la rédaction" in found and item.uid in found
    assert AuditEntry.objects.get(uid=item.uid).action == AuditEntry.WRITTEN
    mine = editor_client.get(f"/texte/{item.uid}/").content.decode()
    assert "Historique de la rédaction" in mine
    assert "<strong>Rédaction</strong> par redac@example.fr" in mine


def test_links_are_https_only_and_rubrics_those_without_official_source(editor_client,
                                                                       ingested_demo):
    answer = editor_client.post(NEW, article(links="javascript:alert(1)"))
    assert answer.status_code == 400 and "https:// seulement" in answer.content.decode()
    answer = editor_client.post(NEW, article(links="http://example.fr/"))
    assert answer.status_code == 400
    answer = editor_client.post(NEW, article(links="Essai | https://exemple.fr:99999/"))
    assert answer.status_code == 400  # no such port: never a link
    answer = editor_client.post(NEW, article(rubric="jo"))
    assert answer.status_code == 200 and "Rubrique" in answer.content.decode()
    answer = editor_client.post(NEW, article(departements="99"))
    assert "département inconnu" in answer.content.decode()
    answer = editor_client.post(NEW, article(day="2026-10-11"))
    assert "aucune édition ce jour-là" in answer.content.decode()
    assert not EditorialItem.objects.exists()


def test_a_link_typed_in_capitals_is_the_same_address(editor_client, ingested_demo):
    answer = editor_client.post(NEW, article(links="Le support | HTTPS://cdg18.example.fr/a"))
    assert answer.status_code == 302, answer.content.decode()[:2000]
    assert EditorialItem.objects.get().links == [
        {"label": "Le support", "url": "https://cdg18.example.fr/a"}]


def test_changing_moving_and_deleting_an_article(editor_client, ingested_demo):
    editor_client.post(NEW, article())
    item = EditorialItem.objects.get()
    edit = f"/redaction/articles/{item.pk}/"
    page = editor_client.get(edit).content.decode()
    assert "Modifier l'article" in page
    # A date field's value in ISO form: « 14/10/2026 » (the French format) shows blank in a
    # browser, and « Publier » then failed on a date the editor never touched.
    assert re.search(r'<input type="date" name="day" value="2026-10-14"', page)
    assert re.search(r'<input type="date" name="day" value="\d{4}-\d{2}-\d{2}"',
                     editor_client.get(NEW).content.decode())  # the latest day, by default
    editor_client.post(edit, article(title="Titre changé", departements=""))
    assert content(ingested_demo, "").item(item.uid).title == "Titre changé"
    editor_client.post(f"{edit}supprimer/")
    assert item.uid not in uids(ingested_demo, "") and not EditorialItem.objects.exists()
    assert [e.action for e in AuditEntry.objects.filter(uid=item.uid)] == [
        AuditEntry.DELETED, AuditEntry.WRITTEN, AuditEntry.WRITTEN]


def test_a_commentary_is_attached_to_the_official_text(editor_client, ingested_demo):
    answer = editor_client.post(NEW, article(
        about=ELUS, body="À lire avant le conseil municipal.", departements="",
        rubric="actualite"))
    assert answer.status_code == 302
    item = content(ingested_demo, "").item(ELUS)
    assert item.commentary == "À lire avant le conseil municipal." and not item.editorial
    assert "Commentaire de la rédaction : À lire avant le conseil municipal." in render_text(
        content(ingested_demo, ""))
    assert EditorialItem.objects.get().uid not in uids(ingested_demo, "")
    answer = editor_client.post(NEW, article(about="JORFTEXT000000000001"))
    assert "aucun texte" in answer.content.decode()


def test_an_article_answers_in_the_api_like_a_text_and_in_its_search(editor_client,
                                                                     ingested_demo, vigie):
    editor_client.post(NEW, article())
    item = EditorialItem.objects.get()
    public = Client()
    data = check(public.get(f"/api/textes/{item.uid}/"), TEXT)  # the OpenAPI schema
    assert data["id"] == item.uid and data["editorial"] is True and data["rubric"] == "rh"
    assert data["analysis"]["newsroom"] is True and data["analysis"]["departements"] == ["18"]
    assert data["analysis"]["essentials"] == ["Les entretiens ont lieu avant le 15 décembre.",
                                              "Le support est en ligne."]
    assert data["links"][0] == {"label": "Le support",
                                "url": "https://cdg18.example.fr/support"}
    assert data["edition"]["departement"] == "18" and data["about"] is None
    assert data["page_url"].endswith(f"/texte/{item.uid}/")
    official = check(public.get(f"/api/textes/{ELUS}/"), TEXT)
    assert official["editorial"] is False
    missing = check(public.get("/api/textes/REDAC99999999/"), TEXT, 404)
    assert "Article de la rédaction inconnu" in missing["error"]["message"]
    found = check(public.get("/api/recherche/", {"q": "entretiens calendrier"}), SEARCH)
    assert [(a["uid"], a["editorial"]) for a in found["articles"]] == [(item.uid, True)]
    assert all(hit["editorial"] is False for hit in found["results"])
    elsewhere = check(public.get("/api/recherche/", {"q": "entretiens", "departement": "36"}),
                      SEARCH)
    assert elsewhere["articles"] == []
    assert check(public.get("/api/recherche/", {"q": "entretiens", "page": "1",
                                                "theme": "rh"}), SEARCH)["articles"]
    code, out, _ = vigie("show", item.uid)  # and in the terminal
    assert code == 0 and out.startswith(f"Article de la rédaction — {item.uid}")
    assert "Infos RH" in out and "Le support est en ligne." in out and "Cher (18)" in out


def test_an_article_cannot_carry_script_anywhere(editor_client, ingested_demo):
    evil = "<script>alert(1)</script>"
    for link in ("Lien | javascript:alert(1)", "Lien | JAVASCRIPT:alert(1)",
                 "Lien | data:text/html,<b>x</b>", "Lien | https://ex.fr/\"onmouseover=x",
                 "Lien | https://user@evil.example/"):
        assert editor_client.post(NEW, article(links=link)).status_code == 400, link
    answer = editor_client.post(NEW, article(
        title=f"Titre {evil}", body=f"Texte {evil}",
        links=f"Le {evil} guide | https://www.example.fr/guide"))
    assert answer.status_code == 302
    item = EditorialItem.objects.get()
    public = Client()
    for path in (f"/texte/{item.uid}/", f"/edition/{ingested_demo}/18/",
                 "/flux/departement/18/rss/", "/recherche/?q=Titre+script"):
        page = public.get(path).content.decode()
        assert "<script>alert(1)" not in page and "alert(1)" in page, path
