"""A correction reaches the next digest; a newsroom may hold a département's morning digests
until its edition is reviewed, up to a deadline hour."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from tests.mailing.conftest import subscriber
from tests.mailing.mail import parts
from tests.redaction.conftest import make_user
from tests.redaction.test_queue import ELUS
from vigie.documents.models import Document
from vigie.editions.models import Edition
from vigie.editions.reading import content_of
from vigie.editions.text import render_text
from vigie.mailing.models import Delivery
from vigie.mailing.sending.planner import plan_digests
from vigie.newsroom.models import Hold
from vigie.newsroom.reviews import held

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")


def at(day, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=PARIS)


def test_the_next_digest_carries_the_correction(editor_client, ingested_demo, smtp, vigie):
    subscriber("lecteur@exemple.fr", "18", alerts=False)
    title = Document.objects.get(uid=ELUS).title
    editor_client.post(f"/redaction/texte/{ELUS}/corriger/", {
        "short_title": "Le titre que la rédaction a choisi"})
    code, _, err = vigie("send")
    assert code == 0, err
    (message,) = [m.message for m in smtp.accepted]
    plain, html = parts(message)
    assert "Le titre que la rédaction a choisi" in plain and title in plain
    assert "Le titre que la rédaction a choisi" in html
    # The revision notice names the newsroom on the edition's page and in its text (`vigie
    # editions`); not in the digest, whose reader never got the edition before the correction
    # (a reader gets an edition by e-mail once, as it stands when the message leaves).
    assert "Édition mise à jour" not in plain and "corrections de la rédaction" not in plain
    page = Client().get(f"/edition/{ingested_demo}/18/").content.decode()
    assert ("la rédaction a corrigé ou complété son contenu depuis sa première parution"
            in page) and "des textes ont été livrés" not in page
    edition = Edition.objects.get(date=ingested_demo, departement="18")
    assert ", avec des corrections de la rédaction)" in render_text(content_of(edition))


def test_the_revision_notice_says_what_revised_the_edition(ingested_demo):
    from dataclasses import replace

    from vigie.editions.revisions import NEWSROOM, REVISED_BY, SOURCES, line

    content = replace(content_of(Edition.objects.get(date=ingested_demo, departement="18")),
                      revised=True, revision=3)
    by_sources = replace(content, revised_by=(SOURCES,))
    assert "des textes ont été livrés ou complétés depuis" in by_sources.revision_notice
    assert line(by_sources.revised_by, 3) == "(Édition mise à jour, révision 3)"
    assert replace(content, revised_by=()).revision_notice == by_sources.revision_notice
    both = replace(content, revised_by=REVISED_BY).revision_notice
    assert "livrés ou complétés, et la rédaction a corrigé" in both
    assert line((NEWSROOM,), 3) == (
        "(Édition mise à jour, révision 3, avec des corrections de la rédaction)")


def test_a_set_aside_text_is_not_in_the_next_digest(editor_client, ingested_demo, smtp,
                                                    vigie):
    subscriber("lecteur@exemple.fr", "18", alerts=False)
    title = Document.objects.get(uid=ELUS).title
    editor_client.post(f"/redaction/texte/{ELUS}/corriger/", {"decision": "ecarter"})
    assert vigie("send")[0] == 0
    plain, _ = parts(smtp.accepted[0].message)
    assert title not in plain


def test_held_digests_wait_for_the_review_up_to_the_deadline(ingested_demo, editor):
    day = ingested_demo
    subscriber("cher@exemple.fr", "18")
    subscriber("indre@exemple.fr", "36")
    Hold.objects.create(departement="18", until=time(9, 30))
    assert held(day, at(day, 7)) == {"18"}
    assert plan_digests(Delivery.DAILY, day, False, at(day, 7)) == 1  # the Indre only
    assert not Delivery.objects.filter(subscriber__departement="18").exists()
    # Reviewed: the next run plans the Cher's digest.
    reviewer = Client()
    reviewer.force_login(editor)
    reviewer.post(f"/redaction/jour/{day}/relue/", {"place": "18"})
    assert held(day, at(day, 7, 15)) == set()
    assert plan_digests(Delivery.DAILY, day, False, at(day, 7, 15)) == 1
    assert Delivery.objects.filter(subscriber__departement="18", kind=Delivery.DAILY).exists()


def test_the_deadline_releases_digests_never_reviewed(ingested_demo):
    day = ingested_demo
    subscriber("cher@exemple.fr", "18")
    Hold.objects.create(departement="18", until=time(9, 30))
    assert plan_digests(Delivery.DAILY, day, False, at(day, 9, 29)) == 0
    assert plan_digests(Delivery.DAILY, day, False, at(day, 9, 30)) == 1


def test_only_administrators_set_holds(client, ingested_demo, editor):
    admin = make_user("chef@example.fr", admin=True)
    client.force_login(editor)
    assert client.get("/redaction/attente/").status_code == 403
    client.force_login(admin)
    page = client.get("/redaction/attente/")
    assert page.status_code == 200 and "Aucun département n'attend" in page.content.decode()
    client.post("/redaction/attente/", {"departement": "18", "until": "08:45"})
    assert Hold.objects.get().until == time(8, 45)
    client.post("/redaction/attente/", {"departement": "18", "until": "09:15"})
    assert Hold.objects.get().until == time(9, 15)
    bad = client.post("/redaction/attente/", {"departement": "18", "until": "plus tard"})
    assert bad.status_code == 400 and "Heure limite invalide" in bad.content.decode()
    client.post("/redaction/attente/", {"departement": "18", "action": "retirer"})
    assert not Hold.objects.exists()


def test_an_article_goes_out_in_the_next_digest_marked_as_the_newsrooms(
        editor_client, ingested_demo, smtp, vigie):
    subscriber("lecteur@exemple.fr", "18", alerts=False)
    answer = editor_client.post("/redaction/articles/nouveau/", {
        "day": ingested_demo.isoformat(), "rubric": "rh", "theme": "rh", "departements": "18",
        "title": "Élections professionnelles : le calendrier",
        "body": "Le scrutin a lieu le 4 décembre.",
        "links": "Le guide | https://www.example.fr/guide"})
    assert answer.status_code == 302
    code, _, err = vigie("send")
    assert code == 0, err
    plain, html = parts(smtp.accepted[0].message)
    assert "Article de la rédaction] Élections professionnelles : le calendrier" in plain
    assert ">> Le scrutin a lieu le 4 décembre." in plain
    assert "https://www.example.fr/guide" in plain and "Élections professionnelles" in html
