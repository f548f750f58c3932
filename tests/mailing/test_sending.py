"""Talking to a real SMTP server: temporary failures retried with backoff, permanent ones
recorded and counted, a relay that refuses us stops the run, pace, lock and recovery."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time

import pytest
from django.utils import timezone

from tests.mailing.conftest import subscriber
from vigie.mailing.models import Delivery, Subscriber

pytestmark = pytest.mark.django_db


def _send(vigie, *extra: str) -> tuple[int, str, str]:
    return vigie("send", "--date", "2026-10-14", *extra)


def _alerts_only(email: str, **fields) -> Subscriber:
    return subscriber(email, frequency="none", alerts=True, **fields)


def test_temporary_failure_then_accepted_is_delivered_once(demo_editions, smtp, vigie):
    reader = subscriber("lent@exemple.fr", alerts=False)
    smtp.refuse("lent@exemple.fr", "451 4.3.0 Réessayez plus tard", "452 4.2.2 Boîte pleine")
    code, out, _ = _send(vigie)
    assert code == 0 and "1 envoyé(s)" in out
    assert "à réessayer" not in out, out  # the two retries are behind it: none is pending
    assert len(smtp.to("lent@exemple.fr")) == 1 and smtp.arrived == 3
    delivery = Delivery.objects.get(subscriber=reader)
    assert (delivery.status, delivery.attempts, delivery.last_error) == (Delivery.SENT, 3, "")


def test_retries_wait_with_backoff_and_stop_after_the_last_attempt(demo_editions, smtp, vigie,
                                                                   settings):
    settings.VIGIE_SEND_MAX_ATTEMPTS = 3
    settings.VIGIE_SEND_RETRY_DELAY = 0.2
    subscriber("plein@exemple.fr", alerts=False)
    smtp.refuse("plein@exemple.fr", *["451 4.3.0 Plus tard"] * 10)
    started = time.monotonic()
    code, out, _ = _send(vigie)
    assert code == 0 and "1 en échec" in out and "à réessayer" not in out, out
    assert time.monotonic() - started >= 0.2 + 0.4  # two waits: 0.2 s, then 0.4 s
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == (Delivery.FAILED, 3)
    assert delivery.last_error.startswith("451")
    assert Subscriber.objects.get().bounces == 0  # temporary: not the address's fault
    assert smtp.arrived == 3


def test_retry_beyond_the_wait_is_left_to_the_next_run(demo_editions, smtp, vigie, settings):
    settings.VIGIE_SEND_RETRY_DELAY = 3600
    subscriber("lent@exemple.fr", alerts=False)
    smtp.refuse("lent@exemple.fr", "421 4.7.0 Trop de connexions")
    code, out, _ = _send(vigie)
    assert code == 0 and "1 à réessayer plus tard" in out
    delivery = Delivery.objects.get()
    assert delivery.status == Delivery.PENDING and delivery.next_attempt_at > timezone.now()
    Delivery.objects.update(next_attempt_at=timezone.now())  # an hour later
    code, out, _ = _send(vigie)
    assert "1 envoyé(s)" in out and len(smtp.accepted) == 1


def test_permanent_refusal_is_recorded_not_retried_and_stops_the_address(demo_editions, smtp,
                                                                         vigie, settings):
    settings.VIGIE_BOUNCE_THRESHOLD = 2
    reader = _alerts_only("inconnu@exemple.fr")  # two urgent items: two alerts
    subscriber("ok@exemple.fr", alerts=False)
    smtp.rcpt_script["inconnu@exemple.fr"] = "550 5.1.1 <inconnu@exemple.fr>: utilisateur inconnu"
    code, out, _ = _send(vigie)
    assert code == 0 and "2 en échec" in out and "1 envoyé(s)" in out
    failed = Delivery.objects.filter(subscriber=reader)
    assert {d.status for d in failed} == {Delivery.FAILED}
    assert all(d.attempts == 1 for d in failed)
    assert all(d.last_error.startswith("550 5.1.1 <adresse>") for d in failed)  # masked
    reader.refresh_from_db()
    assert reader.bounces == 2 and reader.suspended_at is not None
    assert smtp.arrived == 1  # refused at RCPT: no DATA, and no second try
    Delivery.objects.filter(subscriber=reader).delete()
    _send(vigie)  # planned again for the test's sake: a suspended address gets nothing
    assert not Delivery.objects.filter(subscriber=reader).exists()


def test_message_refused_at_data_is_a_permanent_failure(demo_editions, smtp, vigie):
    subscriber("filtre@exemple.fr", alerts=False)
    smtp.refuse("filtre@exemple.fr", "554 5.7.1 Message refusé")
    code, out, _ = _send(vigie)
    assert "1 en échec" in out
    assert Delivery.objects.get().last_error == "554 5.7.1 Message refusé"
    assert Subscriber.objects.get().bounces == 1 and Subscriber.objects.get().suspended_at is None


def test_relay_refusing_the_sender_stops_the_run_without_blaming_readers(demo_editions, smtp,
                                                                         vigie):
    for n in range(3):
        subscriber(f"lecteur{n}@exemple.fr", alerts=False)

    async def refuse_sender(server, session, envelope, address, options):
        return "530 5.7.0 Authentification requise"

    smtp.handle_MAIL = refuse_sender
    code, out, err = _send(vigie)
    assert code == 1 and "le serveur SMTP est injoignable ou refuse l'envoi" in err
    assert set(Delivery.objects.values_list("status", flat=True)) == {Delivery.PENDING}
    assert not Subscriber.objects.filter(bounces__gt=0).exists()


def test_unreachable_relay_stops_the_run_and_leaves_everything_for_later(
        demo_editions, smtp, vigie, settings):
    settings.VIGIE_SMTP_PORT = 1  # nothing listens there
    settings.VIGIE_SEND_RETRY_DELAY = 3600
    for n in range(3):
        subscriber(f"lecteur{n}@exemple.fr", alerts=False)
    code, out, err = _send(vigie)
    assert code == 1 and "injoignable" in err
    assert set(Delivery.objects.values_list("status", flat=True)) == {Delivery.PENDING}
    tried = Delivery.objects.exclude(last_error="")
    assert [d.last_error for d in tried] == ["connexion refusée"]  # one, not all
    assert "(connexion refusée)" in err and "Errno" not in err
    assert not Subscriber.objects.filter(bounces__gt=0).exists()


def test_pace_limits_the_rate(demo_editions, smtp, vigie, settings):
    settings.VIGIE_SEND_RATE = 20
    for n in range(6):
        subscriber(f"lecteur{n}@exemple.fr", alerts=False)
    started = time.monotonic()
    _send(vigie)
    assert len(smtp.accepted) == 6
    assert time.monotonic() - started >= 5 / 20  # six messages, five intervals


def test_one_run_at_a_time(demo_editions, smtp, vigie):
    from vigie.mailing.sending.lock import run_lock

    subscriber("a@exemple.fr", alerts=False)
    with run_lock() as held:
        assert held
        code, _, err = _send(vigie)
        assert code == 0 and "un envoi est déjà en cours" in err
    assert not smtp.accepted
    # Cron runs that overlap: the second had nothing to do, no failure to alarm anyone with.
    from vigie.operations.models import Run

    run = Run.objects.filter(kind=Run.SEND).latest("started_at")
    assert (run.status, run.error, run.summary) == (Run.OK, "", {"busy": 1})
    code, out, _ = vigie("status")
    assert "rien fait : un autre envoi était en cours" in out and "ÉCHEC" not in out, out


def test_rows_left_in_flight_by_a_dead_run_are_sent_again_with_the_same_id(
        demo_editions, smtp, vigie):
    subscriber("a@exemple.fr", alerts=False)
    subscriber("b@exemple.fr", alerts=False)
    _send(vigie)
    smtp.accepted.clear()
    now = timezone.now()
    lost = Delivery.objects.get(subscriber__email="a@exemple.fr")
    Delivery.objects.filter(pk=lost.pk).update(status=Delivery.SENDING, claimed_by="mort",
                                               claimed_at=now)
    web = Delivery.objects.get(subscriber__email="b@exemple.fr")
    Delivery.objects.filter(pk=web.pk).update(status=Delivery.SENDING, claimed_by="web",
                                              claimed_at=now)
    code, out, _ = _send(vigie)
    assert "1 repris après interruption" in out
    (again,) = smtp.accepted
    assert again.recipients == ["a@exemple.fr"]
    assert again.message["Message-ID"] == lost.message_id
    assert Delivery.objects.get(pk=web.pk).status == Delivery.SENDING  # a live request's



def test_a_workers_shares_load_an_edition_once_until_it_is_rebuilt(demo_editions, db):
    """Sending tasks on one worker share their composer: editions are loaded once for all
    the shares, and one rebuilt in between (its fingerprint changed) is read again."""
    from vigie.editions.models import Edition
    from vigie.mailing.sending import sender

    composer = sender.share_composer()
    cher, indre = (Edition.objects.get(date=demo_editions, departement=code)
                   for code in ("18", "36"))
    composer.edition(cher.pk)
    composer.edition(indre.pk)
    assert sender.share_composer() is composer  # the next share, on the same worker
    assert {cher.pk, indre.pk} <= set(composer.editions.data)
    Edition.objects.filter(pk=indre.pk).update(fingerprint="refaite")
    sender.share_composer()
    assert cher.pk in composer.editions.data and indre.pk not in composer.editions.data
    assert composer.edition(indre.pk)[0].fingerprint == "refaite"


def test_alerts_leave_alone_only_when_no_digest_of_the_day_carries_them(demo_editions, smtp,
                                                                        vigie):
    """A daily reader with alerts (the form's default) got, each morning with an urgent text,
    the digest and one alert per urgent item it held, all at once. The digest still to leave
    carries them: their rows are recorded « sans objet », never sent nor planned again. An
    item that turns urgent after the digest left, and readers without a daily digest, get
    their alerts."""
    from vigie.editions.models import EditionItem

    daily = subscriber("quotidien@exemple.fr")  # daily, with alerts
    subscriber("hebdo@exemple.fr", frequency="weekly", alerts=True)
    _alerts_only("alertes@exemple.fr")
    code, out, _ = _send(vigie)
    assert code == 0, out
    assert "2 alerte(s) comprise(s) dans le résumé du jour, sans message à part" in out
    (digest,) = [m.message["Subject"] for m in smtp.to("quotidien@exemple.fr")]
    assert digest.startswith("Vigie · Cher (18)") and digest.endswith("dont 2 urgents")
    for reader in ("hebdo@exemple.fr", "alertes@exemple.fr"):
        subjects = [m.message["Subject"] for m in smtp.to(reader)]
        assert len(subjects) == 2 and all(s.startswith("Urgent · Cher (18)") for s in subjects)
    carried = Delivery.objects.filter(subscriber=daily, kind=Delivery.ALERT)
    assert {(d.status, d.last_error) for d in carried} == {(Delivery.SKIPPED, Delivery.CARRIED)}
    assert carried.count() == 2

    sent = len(smtp.accepted)
    assert _send(vigie)[0] == 0 and len(smtp.accepted) == sent  # nothing twice, nor late
    # ``vigie status`` counted them « sans objet ou annulé(s) », as a mistake would be.
    out = vigie("status")[1]
    assert f"{sent} envoyé(s), 0 en échec, 2 alerte(s) comprise(s) dans le résumé du jour, " \
        "1 sans objet ou annulé(s)" in out, out  # the weekly digest: no edition that week
    assert ", alertes dans le résumé du jour 2)" in out, out

    # Later in the day, a text of the edition turns urgent: the digest has left without it.
    later = EditionItem.objects.filter(day=demo_editions, urgent=False, national=True).first()
    later.urgent, later.content = True, {**later.content, "urgent": True}
    later.save(update_fields=["urgent", "content"])
    code, out, _ = _send(vigie)
    assert code == 0 and "3 envoyé(s)" in out, out
    for reader in ("quotidien@exemple.fr", "hebdo@exemple.fr", "alertes@exemple.fr"):
        assert smtp.to(reader)[-1].message["Subject"].startswith("Urgent · Cher (18)")
    assert Delivery.objects.get(subscriber=daily, key=later.uid).status == Delivery.SENT


def test_an_item_turned_urgent_in_an_earlier_edition_is_alerted(demo_editions, smtp, vigie):
    """An aid dated 12 October, read on the 14th, makes the 12 October edition hold an
    urgent item after that day's run: only the latest day's urgent items were planned, so
    no subscriber was ever told. The next run alerts it, once; not to a reader who came
    after that day; and not beyond a week back."""
    from datetime import timedelta

    from vigie.editions.models import Edition, EditionItem
    from vigie.mailing.sending.planner import ALERT_LOOKBACK_DAYS

    reader = subscriber("quotidien@exemple.fr")  # daily, with alerts, confirmed 1 October
    subscriber("tardif@exemple.fr", confirmed_at=timezone.make_aware(
        timezone.datetime(2026, 10, 13, 12)))  # came after the 12th: not told of it
    assert vigie("send")[0] == 0  # the latest day, the 14th, as cron runs it
    sent = len(smtp.accepted)
    cher = Edition.objects.get(date=demo_editions, departement="18")
    urgent = EditionItem.objects.filter(day=demo_editions, urgent=True).first()
    for back in (2, ALERT_LOOKBACK_DAYS + 1):  # the Cher's edition of that day, the late item
        earlier = demo_editions - timedelta(days=back)
        _copy(cher, date=earlier)
        uid = f"AIDE-{earlier:%d}"
        _copy(urgent, day=earlier, uid=uid, content={**urgent.content, "uid": uid})
    code, out, _ = vigie("send")
    assert code == 0, out
    (alert,) = smtp.accepted[sent:]
    assert alert.message["To"] == "quotidien@exemple.fr"
    assert alert.message["Subject"].startswith("Urgent · Cher (18)")
    assert Delivery.objects.get(subscriber=reader, key="AIDE-12").status == Delivery.SENT
    assert vigie("send")[0] == 0 and len(smtp.accepted) == sent + 1  # once


def _copy(row, **changes):
    """A new row of ``row``'s model with its values, but these."""
    fields = {f.attname: getattr(row, f.attname) for f in type(row)._meta.concrete_fields
              if not f.primary_key}
    return type(row).objects.create(**{**fields, **changes})


SUBSCRIBE = """
from datetime import UTC, datetime
from vigie.cli import setup_django
setup_django()
from vigie.mailing.models import Subscriber
for n in range(3):
    Subscriber.objects.create(email=f"lecteur{n}@exemple.fr", status=Subscriber.ACTIVE,
                              confirmed_at=datetime(2026, 10, 1, tzinfo=UTC),
                              consent_means="test", departement="18")
"""


def test_an_unreachable_relay_is_said_at_once_not_after_a_retry_delay(tmp_path):
    """With several sending threads (the default), a relay refusing connections stopped the
    run, but the run first waited for the retry it had just planned (VIGIE_SEND_RETRY_DELAY,
    a minute by default) before saying so."""
    from vigie.commands.demo import sample_deliveries

    env = {k: v for k, v in os.environ.items()
           if k not in ("DJANGO_SETTINGS_MODULE", "VIGIE_DATABASE_URL")}
    env.update(VIGIE_DATA_DIR=str(tmp_path), VIGIE_SMTP_HOST="127.0.0.1", VIGIE_SMTP_PORT="1",
               VIGIE_SEND_CONCURRENCY="4", VIGIE_SEND_RETRY_DELAY="120",
               VIGIE_SEND_MAX_WAIT="300")

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, *args], env=env, capture_output=True,
                              text=True, timeout=280, cwd=tmp_path)

    assert run("-m", "vigie.cli", "ingest", *map(str, sample_deliveries())).returncode == 0
    assert run("-c", SUBSCRIBE).returncode == 0
    sent = run("-m", "vigie.cli", "send", "--date", "2026-10-14")
    assert sent.returncode == 1 and "(connexion refusée)" in sent.stderr, sent.stderr
    took = float(re.search(r"\((\d+(?:\.\d+)?) s, ", sent.stdout)[1])
    assert took < 60, sent.stdout  # not the 120 s of the retry it would never make
