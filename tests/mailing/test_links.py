"""Links nobody can forge (issue 13): not from the data an unsubscribe link carries, not even
with the published development key; old links kept for as long as said, keys rotated,
one subscriber's links revoked, damaged links told apart from done things."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import pytest
from django.core import signing
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client, RequestFactory
from django.utils import timezone

from tests.mailing.conftest import subscriber
from vigie import config
from vigie.mailing.models import Subscriber
from vigie.mailing.subscribing import account, links

pytestmark = pytest.mark.django_db
FORMER = signing.Signer(salt="vigie.mailing.unsubscribe")  # links sent before issue 13


def _token(path: str) -> str:
    return path.rstrip("/").rsplit("/", 1)[1]


def _page(view, token: str, method: str = "get"):
    """Call a view directly: the web application itself refuses to run with the default key."""
    request = getattr(RequestFactory(), method)(f"/abonnement/x/{token}/")
    return view(request, token)


def test_with_the_published_key_an_unsubscribe_link_does_not_make_a_management_link(settings):
    settings.SECRET_KEY = config.DEFAULT_SECRET_KEY  # a deployment that kept the default
    reader = subscriber("lectrice@exemple.fr")
    leave = _token(links.unsubscribe_path(links.holder_of(reader)))
    handle, made, _ = leave.split(".")
    assert reader.secret not in leave and str(reader.pk) not in leave.split(".")
    forgeries = [
        leave,  # the unsubscribe token itself, for another purpose
        signing.TimestampSigner(salt="vigie.mailing.manage").sign(handle),  # the former scheme
        links.make_token(links.Holder(handle, ""), links.MANAGE),  # what the link shows
        links.make_token(links.Holder(handle, made), links.MANAGE),
        links.make_token(links.Holder(handle, leave), links.MANAGE),
    ]
    for forged in forgeries:
        for view in (account.manage, account.export):
            answer = _page(view, forged)
            assert answer.status_code == 400, forged
            assert "Lien invalide ou expiré" in answer.content.decode()
    genuine = links.make_token(links.holder_of(reader), links.MANAGE)
    assert _page(account.manage, genuine).status_code == 200  # the secret makes the link


def test_a_damaged_or_unknown_unsubscribe_link_says_so_and_changes_nothing(client):
    # Formerly « Vous êtes désabonné·e » for any link that named nobody (issue 13).
    reader = subscriber("lecteur@exemple.fr")
    token = _token(links.unsubscribe_path(links.holder_of(reader)))
    for damaged in (token[:-2], token[:-1] + ("A" if token[-1] != "A" else "B"),
                    "n-importe-quoi", token.replace(".", ":")):
        answer = client.post(f"/abonnement/desabonner/{damaged}/", "List-Unsubscribe=One-Click",
                             content_type="application/x-www-form-urlencoded")
        assert answer.status_code == 400 and "Lien invalide ou expiré" in answer.text
        assert "désabonné" not in answer.text.split("<h1>")[1].split("</h1>")[0]
    reader.refresh_from_db()
    assert reader.status == Subscriber.ACTIVE


def _refused_on_every_page(client, token: str, reader: Subscriber) -> None:
    """Every page a link opens says « Lien invalide ou expiré » for ``token`` (400), and the
    one-click unsubscribe changes nothing."""
    for path in ("confirmer", "gerer", "desabonner"):
        answer = client.get(f"/abonnement/{path}/{token}/")
        assert answer.status_code == 400 and "Lien invalide ou expiré" in answer.text, path
    assert client.get(f"/abonnement/gerer/{token}/donnees.json").status_code == 400
    answer = client.post(f"/abonnement/desabonner/{token}/", "List-Unsubscribe=One-Click",
                         content_type="application/x-www-form-urlencoded")
    assert answer.status_code == 400 and "Lien invalide ou expiré" in answer.text
    reader.refresh_from_db()
    assert reader.status == Subscriber.ACTIVE


@pytest.mark.parametrize("made", ["", "z" * 200, "é", "-1"])
def test_a_link_whose_time_is_damaged_is_refused_on_every_page(client, made):
    # An empty time made Django's base 62 decoding raise IndexError, 200 « z » an
    # OverflowError: a 500 on each page rather than « Lien invalide ».
    reader = subscriber("lectrice@exemple.fr")
    handle, _, signature = _token(links.unsubscribe_path(links.holder_of(reader))).split(".")
    _refused_on_every_page(client, f"{handle}.{made}.{signature}", reader)


@pytest.mark.parametrize("handle", ["%00", "a%00b", "%C3%A9", "a b", "x" * 100])
def test_a_link_whose_handle_is_damaged_is_refused_on_every_page(client, handle):
    # A NUL in the handle reached the query naming the subscriber: PostgreSQL refuses it
    # (DataError), a 500 on each page rather than « Lien invalide ».
    reader = subscriber("lectrice@exemple.fr")
    _, made, signature = _token(links.unsubscribe_path(links.holder_of(reader))).split(".")
    _refused_on_every_page(client, f"{handle}.{made}.{signature}", reader)


def test_the_management_page_writes_the_consent_date_in_french(client):
    # It read « le 1 octobre 2026 » (Django's « j F Y »): in French, « 1er octobre ». The day
    # is Paris's: 23 h 30 UTC on 30 September is already 1 October there.
    reader = subscriber("lectrice@exemple.fr",
                        confirmed_at=datetime(2026, 9, 30, 23, 30, tzinfo=UTC))
    page = client.get(links.manage_path(links.holder_of(reader)))
    assert "Consentement donné le 1er octobre 2026 à 01:30" in page.text


def test_pages_opened_by_a_subscribers_link_are_never_kept_by_a_cache(client):
    # They show the address and the preferences: no browser or proxy may keep them.
    reader = subscriber("lectrice@exemple.fr")
    holder = links.holder_of(reader)
    manage = links.manage_path(holder)
    for path in (manage, f"{manage}donnees.json", links.unsubscribe_path(holder),
                 urlsplit(links.confirm_url(holder)).path):
        answer = client.get(path)
        assert answer.status_code in (200, 302), path  # confirmed: on to the management page
        assert {"no-store", "private"} <= set(
            part.strip() for part in answer["Cache-Control"].split(",")), path


def test_unsubscribe_links_last_a_year_then_expire(settings, monkeypatch):
    reader = subscriber("lecteur@exemple.fr")
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() - 364 * 86400)
    old = links.make_token(links.holder_of(reader), links.UNSUBSCRIBE)
    monkeypatch.setattr(time, "time", lambda: real() - 366 * 86400)
    older = links.make_token(links.holder_of(reader), links.UNSUBSCRIBE)
    monkeypatch.undo()
    assert links.open_link(old, links.UNSUBSCRIBE) == reader
    assert links.open_link(older, links.UNSUBSCRIBE) is None
    settings.VIGIE_UNSUBSCRIBE_MAX_AGE_DAYS = 400
    assert links.open_link(older, links.UNSUBSCRIBE) == reader


def test_rotating_the_key_keeps_links_signed_with_a_fallback(settings):
    reader = subscriber("lecteur@exemple.fr")
    before = links.make_token(links.holder_of(reader), links.MANAGE)
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = "n" * 50, [settings.SECRET_KEY]
    assert links.open_link(before, links.MANAGE) == reader  # old e-mails still work
    after = links.make_token(links.holder_of(reader), links.MANAGE)
    settings.SECRET_KEY_FALLBACKS = []  # the former key retired
    assert links.open_link(before, links.MANAGE) is None
    assert links.open_link(after, links.MANAGE) == reader


def test_revoking_a_subscribers_links(client):
    reader = subscriber("lecteur@exemple.fr")
    manage = links.manage_path(links.holder_of(reader))
    leave = links.unsubscribe_path(links.holder_of(reader))
    answer = client.post(manage, {"action": "revoke"})
    assert answer.status_code == 302 and answer["Location"] != manage
    assert client.get(manage).status_code == 400 and client.get(leave).status_code == 400
    assert "Vos anciens liens ne fonctionnent plus" in client.get(answer["Location"]).text


def test_former_unsubscribe_links_work_until_their_date_and_only_to_unsubscribe(client):
    reader = subscriber("lecteur@exemple.fr",
                        legacy_links_until=timezone.now() + timedelta(days=30))
    former = FORMER.sign(reader.key)
    assert client.get(f"/abonnement/gerer/{former}/").status_code == 400
    confirm = signing.TimestampSigner(salt="vigie.mailing.confirm").sign(reader.key)
    assert client.get(f"/abonnement/confirmer/{confirm}/").status_code == 400
    Subscriber.objects.filter(pk=reader.pk).update(legacy_links_until=timezone.now())
    assert client.get(f"/abonnement/desabonner/{former}/").status_code == 400  # too late
    Subscriber.objects.filter(pk=reader.pk).update(
        legacy_links_until=timezone.now() + timedelta(days=1))
    left = client.post(f"/abonnement/desabonner/{former}/", "List-Unsubscribe=One-Click",
                       content_type="application/x-www-form-urlencoded")
    assert left.status_code == 200 and "Vous êtes désabonné·e" in left.text
    assert Subscriber.objects.get().status == Subscriber.UNSUBSCRIBED


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_each_subscriber_a_secret_and_keeps_former_unsubscribe_links():
    executor = MigrationExecutor(connection)
    try:
        executor.migrate([("mailing", "0001_initial")])
        old = executor.loader.project_state([("mailing", "0001_initial")]).apps
        Old = old.get_model("mailing", "Subscriber")
        for n in range(3):
            Old.objects.create(key=f"cle-{n}", email=f"l{n}@exemple.fr", status="active",
                               departement="18")
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    readers = list(Subscriber.objects.order_by("key"))
    assert len({r.secret for r in readers}) == 3 and all(len(r.secret) >= 40 for r in readers)
    year = timezone.now() + timedelta(days=365)
    assert all(abs((r.legacy_links_until - year).total_seconds()) < 600 for r in readers)
    left = Client().post(f"/abonnement/desabonner/{FORMER.sign('cle-1')}/")
    assert left.status_code == 200
    assert Subscriber.objects.get(key="cle-1").status == Subscriber.UNSUBSCRIBED
    assert Client().get(f"/abonnement/gerer/{FORMER.sign('cle-2')}/").status_code == 400
    Subscriber.objects.all().delete()
