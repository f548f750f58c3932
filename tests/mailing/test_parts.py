"""Pieces checked on their own: the bytes on the wire, tokens, labels, dates in words."""

from __future__ import annotations

import email
from datetime import date
from email import policy

import pytest
from django.core import signing

from tests.mailing.mail import parts
from vigie.mailing.composing.drafts import week_words
from vigie.mailing.composing.mime import Outgoing, Segment, assemble, encode, encode_header
from vigie.mailing.sending.smtp import Courier
from vigie.mailing.subscribing import links


@pytest.mark.django_db
def test_assembled_message_parses_back_to_what_was_composed():
    shared = "Ligne partagée, longue " + "é" * 120 + " = fin\n\n. point en début\n"
    message = Outgoing(
        message_id="<abc123@vigie.test>", to="élu@mairie.fr".replace("é", "e"),
        subject="Vigie · Cher (18) · mercredi 14 octobre 2026 : 3 textes pour vous, dont "
                "2 urgents",
        text=[encode(shared), Segment("Personnel : https://x/é\n")],
        html=[encode("<p>début</p>\n"), Segment("<p>pied</p>\n")],
        unsubscribe_url="https://vigie.test/abonnement/desabonner/tok:sig/",
        list_id=("Vigie — Côtes-d'Armor (22)", "departement-22.vigie.test"))
    data = assemble(message, "Vigie Collectivités <vigie@vigie.test>")
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    assert all(len(line) <= 998 for line in data.split(b"\r\n"))
    parsed = email.message_from_bytes(data, policy=policy.default)
    assert parsed["Subject"] == message.subject
    assert parsed["From"] == "Vigie Collectivités <vigie@vigie.test>"
    assert parsed["List-Unsubscribe"] == f"<{message.unsubscribe_url}>"
    assert str(parsed["List-Id"]) == "Vigie — Côtes-d'Armor (22) <departement-22.vigie.test>"
    plain, html = parts(parsed)
    assert plain.replace("\r\n", "\n") == shared + "Personnel : https://x/é\n"
    assert html.replace("\r\n", "\n") == "<p>début</p>\n<p>pied</p>\n"



def test_dots_at_line_starts_cross_smtp_intact(settings):
    from tests.mailing.smtp_sink import start_sink

    sink, controller = start_sink()
    settings.VIGIE_SMTP_HOST, settings.VIGIE_SMTP_PORT = "127.0.0.1", controller.port
    settings.VIGIE_SMTP_SECURITY, settings.VIGIE_SMTP_USER = "none", ""
    text = ".\n.. deux points\n. un point\nfin\n"
    message = Outgoing("<dots@vigie.test>", "a@exemple.fr", "Points", [Segment(text)],
                       [Segment("<p>.</p>\n")])
    courier = Courier("Vigie <vigie@vigie.test>")
    try:
        assert courier.send("a@exemple.fr", assemble(message, courier.sender)).status == "sent"
    finally:
        courier.close()
        controller.stop()
    plain, _ = parts(sink.accepted[0].message)
    assert plain.replace("\r\n", "\n") == text


def test_encoded_subject_never_splits_a_character():
    subject = "é" * 40 + "€" * 30 + " fin"
    data = encode_header("Subject", subject)
    assert all(len(line) <= 78 for line in data.split(b"\r\n"))
    parsed = email.message_from_bytes(data + b"\r\n", policy=policy.default)
    assert parsed["Subject"] == subject


@pytest.mark.parametrize("purpose", [links.CONFIRM, links.MANAGE, links.UNSUBSCRIBE])
def test_tokens_are_djangos_signatures(purpose):
    kind = signing.Signer if purpose == links.UNSUBSCRIBE else signing.TimestampSigner
    token = links.make_token("cle-au-hasard", purpose)
    assert token == kind(salt=f"vigie.mailing.{purpose}").sign("cle-au-hasard")
    assert links.read_token(token, purpose) == "cle-au-hasard"
    other = links.UNSUBSCRIBE if purpose != links.UNSUBSCRIBE else links.MANAGE
    assert links.read_token(token, other) is None


def test_weeks_in_words():
    assert week_words(date(2026, 10, 19)) == "semaine du 13 au 19 octobre 2026"
    assert week_words(date(2026, 11, 2)) == "semaine du 27 octobre au 2 novembre 2026"
    assert week_words(date(2027, 1, 4)) == "semaine du 29 décembre 2026 au 4 janvier 2027"
    assert week_words(date(2026, 10, 7)) == "semaine du 1er au 7 octobre 2026"
