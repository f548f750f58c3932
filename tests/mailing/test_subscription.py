"""A person subscribes, confirms, reads a digest, changes preferences and leaves — all from
a mailbox and a browser (a real SMTP server and the Django test client)."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client

from tests.mailing.conftest import CATNAT
from tests.mailing.mail import SITE, link_after, one_click, parts, paths
from vigie.mailing.models import Delivery, Subscriber

pytestmark = pytest.mark.django_db
FORM = {"email": "Secretariat@Mairie-Bourges.fr", "departement": "18", "commune": "Bourges",
        "authority": "commune", "roles": ["rh"], "frequency": "daily", "alerts": "on"}


def _subscribe(client: Client, **changes) -> object:
    return client.post("/abonnement/", {**FORM, **changes})


def test_subscribe_confirm_read_change_and_leave(demo_editions, smtp, vigie):
    client = Client(enforce_csrf_checks=False)
    page = client.get("/abonnement/")
    assert page.status_code == 200 and "Recevoir Vigie par courriel" in page.text
    # The reader is told that the digest carries the urgent texts it leaves with.
    assert 'aria-describedby="alerts-aide" id="id_alerts"' in page.text
    assert ('<p class="aide" id="alerts-aide">Un texte urgent que porte déjà votre résumé du '
            "jour, parti au même moment, ne vous est pas envoyé une seconde fois.</p>") in page.text
    answer = _subscribe(client)
    assert answer.status_code == 302 and answer["Location"] == "/abonnement/verifiez/"
    assert "Vérifiez votre messagerie" in client.get(answer["Location"]).text

    # The confirmation: headers, both parts, and nothing else before confirming.
    assert len(smtp.accepted) == 1
    received = smtp.accepted[0]
    assert received.recipients == ["secretariat@mairie-bourges.fr"]
    message = received.message
    assert message["Subject"] == "Confirmez votre abonnement à Vigie"
    assert message["From"] == "Vigie <vigie@vigie.test>"
    assert message["Message-ID"].endswith("@vigie.test>") and message["Date"]
    plain, html = parts(message)
    assert "vous ne recevrez rien" in plain and "<html lang=\"fr\">" in html
    confirm = link_after(plain, "https://vigie.test/abonnement/confirmer/")
    assert confirm in paths(html)
    # The long address under the button wraps on a phone instead of widening the message.
    assert re.search(r'<a href="https://vigie\.test/abonnement/confirmer/[^"]+" style="[^"]*'
                     r'word-break:break-all;overflow-wrap:anywhere">https://', html)
    assert vigie("send", "--date", "2026-10-14")[0] == 0
    assert len(smtp.accepted) == 1  # nothing before confirmation

    # Confirming: a GET shows a button (link checkers), the POST confirms.
    assert client.get(confirm).status_code == 200
    assert Subscriber.objects.get().status == Subscriber.PENDING
    done = client.post(confirm)
    assert done.status_code == 302 and done["Location"].endswith("?bienvenue=1")
    assert "Votre abonnement est confirmé" in client.get(done["Location"]).text
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.ACTIVE and subscriber.confirmed_at
    assert "double consentement" in subscriber.consent_means
    assert (subscriber.commune, subscriber.commune_name) == ("18033", "Bourges")

    # The digest of the day, with its two urgent items: no alert repeating it at once.
    code, out, _ = vigie("send", "--date", "2026-10-14")
    assert code == 0 and "1 envoyé(s)" in out, out
    assert "2 alerte(s) comprise(s) dans le résumé du jour, sans message à part" in out
    subjects = [m.message["Subject"] for m in smtp.accepted[1:]]
    assert len(subjects) == 1 and subjects[0].endswith("dont 2 urgents")
    digest = next(m.message for m in smtp.accepted[1:] if m.message["Subject"].startswith("Vigie"))
    assert digest["Subject"].startswith("Vigie · Cher (18) · mercredi 14 octobre 2026 :")
    plain, html = parts(digest)
    for text in (plain, html):
        assert "Pourquoi vous recevez ce message" in text
        assert f"https://www.legifrance.gouv.fr/jorf/id/{CATNAT}" in text
    assert f"{SITE}/texte/{CATNAT}/" in plain and f"{SITE}/edition/2026-10-14/18/" in plain
    assert "Votre commune : Bourges" in html and "► Bourges (votre commune) : reconnue" in plain
    for path in {p for p in paths(plain) if not p.startswith("/abonnement/")}:
        assert client.get(path).status_code == 200, path  # Vigie pages of texts and edition

    # Preferences through the link of the message (no password).
    manage = link_after(plain, "Gérer mes préférences")
    page = client.get(manage)
    assert page.status_code == 200 and "secretariat@mairie-bourges.fr" in page.text
    saved = client.post(manage, {**FORM, "action": "save", "roles": ["finances"],
                                 "frequency": "weekly"})
    assert saved.status_code == 302
    assert "Vos préférences sont enregistrées" in client.get(saved["Location"]).text
    subscriber.refresh_from_db()
    assert subscriber.roles == ["finances"] and subscriber.frequency == "weekly"

    # One click to leave, as a mail client does it (RFC 8058: POST, no cookie, no CSRF token).
    leave = one_click(digest)
    assert link_after(plain, "Se désabonner") == leave
    assert Client(enforce_csrf_checks=True).get(leave).status_code == 200
    assert Subscriber.objects.get().status == Subscriber.ACTIVE  # a GET changes nothing
    mail_client = Client(enforce_csrf_checks=True)
    left = mail_client.post(leave, "List-Unsubscribe=One-Click",
                            content_type="application/x-www-form-urlencoded")
    assert left.status_code == 200 and "Vous êtes désabonné·e" in left.text
    assert Subscriber.objects.get().status == Subscriber.UNSUBSCRIBED
    assert vigie("send", "--date", "2026-10-19")[0] == 0  # the weekly is not for leavers
    assert len(smtp.accepted) == 2  # the confirmation, the digest


def test_same_answer_whether_the_address_is_known_or_not(demo_editions, smtp):
    client = Client()
    first = _subscribe(client)
    Subscriber.objects.update(status=Subscriber.ACTIVE)
    known = _subscribe(client, roles=["elus"])
    unknown = _subscribe(client, email="inconnu@exemple.fr")
    for answer in (first, known, unknown):
        assert (answer.status_code, answer["Location"]) == (302, "/abonnement/verifiez/")
    assert Subscriber.objects.get(email="secretariat@mairie-bourges.fr").roles == ["rh"]
    subjects = [m.message["Subject"] for m in smtp.accepted]
    assert subjects == ["Confirmez votre abonnement à Vigie",
                        "Votre lien pour gérer votre abonnement à Vigie",
                        "Confirmez votre abonnement à Vigie"]
    for address in ("secretariat@mairie-bourges.fr", "nobody@exemple.fr"):
        answer = client.post("/abonnement/lien/", {"email": address})
        assert (answer.status_code, answer["Location"]) == (302, "/abonnement/verifiez/")
    assert len(smtp.accepted) == 4  # only the known address got a link


def test_access_link_opens_the_preferences(demo_editions, smtp):
    client = Client()
    _subscribe(client)
    Subscriber.objects.update(status=Subscriber.ACTIVE)
    client.post("/abonnement/lien/", {"email": "secretariat@mairie-bourges.fr"})
    plain, _ = parts(smtp.accepted[-1].message)
    page = client.get(paths(plain)[0])
    assert page.status_code == 200 and "Mes préférences" in page.text


def test_export_and_delete_my_data(demo_editions, smtp, vigie):
    client = Client()
    _subscribe(client)
    confirm = paths(parts(smtp.accepted[0].message)[0])[0]
    manage = client.post(confirm)["Location"].split("?")[0]
    exported = client.get(manage + "donnees.json")
    assert exported.status_code == 200
    assert exported["Content-Disposition"].startswith("attachment")
    data = json.loads(exported.content)
    assert data["adresse"] == "secretariat@mairie-bourges.fr"
    assert data["consentement"]["date"] and "double consentement" in data["consentement"]["moyen"]
    assert data["commune"] == {"code": "18033", "nom": "Bourges"}
    assert [e["kind"] for e in data["envois"]] == ["confirm"]
    page = client.get(manage)
    assert "Supprimer mon abonnement et mes données" in page.text
    gone = client.post(manage + "supprimer/")
    assert gone.status_code == 200 and "Vos données ont été supprimées" in gone.text
    assert not Subscriber.objects.exists() and not Delivery.objects.exists()
    assert client.get(manage).status_code == 400  # the link now leads nowhere


def test_unconfirmed_request_is_erased_by_its_unsubscribe_link(demo_editions, smtp):
    client = Client()
    _subscribe(client)
    leave = one_click(smtp.accepted[0].message)
    answer = client.post(leave, "List-Unsubscribe=One-Click",
                         content_type="application/x-www-form-urlencoded")
    assert answer.status_code == 200 and not Subscriber.objects.exists()


def test_signed_links_cannot_be_forged_or_reused_for_another_purpose(demo_editions, smtp):
    client = Client()
    _subscribe(client)
    confirm = paths(parts(smtp.accepted[0].message)[0])[0]
    token = confirm.rstrip("/").rsplit("/", 1)[1]
    forged = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert client.get(f"/abonnement/confirmer/{forged}/").status_code == 400
    assert client.get(f"/abonnement/gerer/{token}/").status_code == 400  # confirm ≠ manage
    key = Subscriber.objects.get().key
    assert client.get(f"/abonnement/gerer/{key}/").status_code == 400
    assert str(Subscriber.objects.get().pk) not in token.split(":")


def test_confirmation_link_expires(demo_editions, smtp, monkeypatch, settings):
    import time as clock

    real = clock.time
    monkeypatch.setattr("django.core.signing.time.time", lambda: real() - 8 * 86400)
    _subscribe(Client())
    monkeypatch.undo()
    confirm = paths(parts(smtp.accepted[0].message)[0])[0]
    answer = Client().get(confirm)
    assert answer.status_code == 400 and "Lien invalide ou expiré" in answer.text
    settings.VIGIE_CONFIRM_MAX_AGE_DAYS = 10
    assert Client().get(confirm).status_code == 200


def test_csrf_protects_the_forms(demo_editions, smtp):
    client = Client(enforce_csrf_checks=True)
    assert client.post("/abonnement/", FORM).status_code == 403
    assert client.post("/abonnement/lien/", {"email": "a@b.fr"}).status_code == 403
    page = client.get("/abonnement/")
    assert "csrfmiddlewaretoken" in page.text
    assert not smtp.accepted


def test_sign_ups_are_limited_per_client_and_messages_per_address(demo_editions, smtp,
                                                                  settings):
    settings.VIGIE_SIGNUP_LIMIT = 5
    client = Client(REMOTE_ADDR="192.0.2.7")
    answers = [_subscribe(client).status_code for _ in range(6)]
    assert answers == [302] * 5 + [429]
    assert len(smtp.accepted) == 3  # the address itself is not flooded
    other = Client(REMOTE_ADDR="192.0.2.8")
    assert _subscribe(other, email="autre@exemple.fr").status_code == 302
    from vigie.mailing.models import Throttle

    assert not Throttle.objects.filter(bucket__contains="192.0.2").exists()


def test_mistyped_sign_ups_do_not_use_up_the_limit(demo_editions, smtp, settings):
    # A town hall's shared address: ten typos made the eleventh, right, sign-up a 429.
    settings.VIGIE_SIGNUP_LIMIT = 2
    client = Client(REMOTE_ADDR="192.0.2.9")
    for typo in ("bob@exemple", "bob@exemple,fr", "bob", "bob@localhost", "bob@[127.0.0.1]"):
        answer = _subscribe(client, email=typo)
        assert answer.status_code == 400 and "email-erreur" in answer.text, typo
    assert _subscribe(client, email="bob@exemple.fr").status_code == 302
    assert "domaine après @ doit être un nom public" in _subscribe(
        client, email="bob@localhost").text
    assert len(smtp.accepted) == 1


def test_form_errors_are_explained_and_marked(demo_editions, smtp):
    answer = Client().post("/abonnement/", {**FORM, "email": "pas-une-adresse",
                                           "commune": "Châteauroux"})
    assert answer.status_code == 400
    assert 'aria-invalid="true"' in answer.text and 'id="email-erreur"' in answer.text
    assert "Aucune commune de ce nom dans ce département" in answer.text
    assert "Bourges (18033)" in answer.text  # the datalist of the chosen département
    none = Client().post("/abonnement/", {**FORM, "frequency": "none", "alerts": ""})
    assert none.status_code == 400 and "vous ne recevriez rien" in none.text
    assert not smtp.accepted


def test_communes_for_completion():
    client = Client()
    rows = client.get("/abonnement/communes/18.json").json()
    assert {"code": "18033", "name": "Bourges", "label": "Bourges (18033)"} in rows
    assert client.get("/abonnement/communes/2a.json").status_code == 200
    assert client.get("/abonnement/communes/99.json").status_code == 404
