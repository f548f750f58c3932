"""Requests of the subscription pages handled after the answer, limits per mailbox, and the
queue of unsubscribes that waited for a busy database (issue 13)."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

import pytest
from django.core.signals import request_finished
from django.db import close_old_connections, connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.mailing.conftest import subscriber
from tests.mailing.mail import parts, paths
from vigie.mailing.models import Delivery, PendingRequest, Subscriber
from vigie.mailing.subscribing import leaving, links, throttle, views

pytestmark = pytest.mark.django_db


def _shape(queries: list[dict]) -> list[str]:
    """The statements run, without their values."""
    return [re.sub(r"'[^']*'|\b\d+\b|\"s\d+_x\d+\"", "?", q["sql"]) for q in queries]


def _ask_link(email: str):
    request = RequestFactory().post("/abonnement/lien/", {"email": email},
                                    REMOTE_ADDR="192.0.2.9")
    request._dont_enforce_csrf_checks = True
    with CaptureQueriesContext(connection) as queries:
        answer = views.access(request)
    return answer, queries.captured_queries


def test_a_known_and_an_unknown_address_get_the_same_answer_after_the_same_work(
        demo_editions, smtp):
    subscriber("connue@exemple.fr")
    known, known_queries = _ask_link("connue@exemple.fr")
    unknown, unknown_queries = _ask_link("inconnue@exemple.fr")
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert _shape(known_queries) == _shape(unknown_queries)  # no lookup of the address
    assert not smtp.accepted  # nothing is sent while the request is answered
    assert PendingRequest.objects.count() == 2
    # The server closes the response: then the request is handled. (As Django's test client
    # does, keep the test's connection open: it holds the test's transaction.)
    request_finished.disconnect(close_old_connections)
    try:
        known.close()
        unknown.close()
    finally:
        request_finished.connect(close_old_connections)
    assert [m.recipients for m in smtp.accepted] == [["connue@exemple.fr"]]
    assert not PendingRequest.objects.exists()


def test_tag_variants_of_an_address_share_its_limit(demo_editions, smtp, settings):
    settings.VIGIE_SIGNUP_LIMIT = 100
    client = Client()
    for email in ("nom+1@exemple.fr", "Nom+2@Exemple.fr", "nom@exemple.fr", "nom+3@exemple.fr",
                  "nom+4@exemple.fr"):
        answer = client.post("/abonnement/", {"email": email, "departement": "18",
                                              "frequency": "daily", "alerts": "on"})
        assert answer.status_code == 302
    assert len(smtp.accepted) == throttle.MESSAGES_PER_ADDRESS == 3
    assert throttle.mailbox("Nom+x+y@Exemple.FR") == "nom@exemple.fr"
    assert throttle.mailbox("sans-arobase") == "sans-arobase"


def test_requests_left_by_a_crash_or_a_busy_database_are_sent_by_vigie_send(
        demo_editions, smtp, vigie):
    PendingRequest.objects.create(kind=PendingRequest.SUBSCRIBE, email="tard@exemple.fr",
                                  preferences={"departement": "36"})
    code, _, err = vigie("send", "--date", "2026-10-14")
    assert code == 0, err
    assert [m.message["Subject"] for m in smtp.accepted] == ["Confirmez votre abonnement à Vigie"]
    assert Subscriber.objects.get(email="tard@exemple.fr").departement == "36"
    assert not PendingRequest.objects.exists()


def test_queued_unsubscribes_are_applied_with_the_time_of_the_request(demo_editions, settings):
    reader, waiting = subscriber("part@exemple.fr"), subscriber("attend@exemple.fr")
    Delivery.objects.create(subscriber=reader, kind=Delivery.DAILY, key="2026-10-14",
                            message_id="<a@vigie.test>", next_attempt_at=timezone.now())
    when = datetime(2026, 10, 14, 8, 30, tzinfo=UTC)
    token = links.make_token(links.holder_of(reader), links.UNSUBSCRIBE)
    queue = leaving.queue_path()
    queue.parent.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps({"token": token, "at": when.isoformat()}), "pas du json",
             json.dumps({"token": token[:-3], "at": when.isoformat()})]
    queue.write_text("\n".join(lines) + "\n")
    leaving.push(links.make_token(links.holder_of(waiting), links.UNSUBSCRIBE))
    assert leaving.waiting()
    assert leaving.apply_queue() == 4
    assert not leaving.waiting() and leaving.apply_queue() == 0
    reader.refresh_from_db()
    assert (reader.status, reader.unsubscribed_at) == (Subscriber.UNSUBSCRIBED, when)
    assert Delivery.objects.get().status == Delivery.CANCELLED
    assert Subscriber.objects.get(pk=waiting.pk).status == Subscriber.UNSUBSCRIBED


def test_the_next_answer_applies_the_queue(demo_editions, client):
    reader = subscriber("part@exemple.fr")
    leaving.push(links.make_token(links.holder_of(reader), links.UNSUBSCRIBE))
    client.get("/abonnement/")  # any answer of the site, once sent
    assert Subscriber.objects.get().status == Subscriber.UNSUBSCRIBED


def test_the_confirmation_still_works_through_the_outbox(demo_editions, smtp):
    client = Client()
    client.post("/abonnement/", {"email": "a@exemple.fr", "departement": "18",
                                 "frequency": "daily", "alerts": "on"})
    confirm = paths(parts(smtp.accepted[0].message)[0])[0]
    assert client.post(confirm).status_code == 302
    assert Subscriber.objects.get().status == Subscriber.ACTIVE
