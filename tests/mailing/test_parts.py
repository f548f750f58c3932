"""Pieces checked on their own: the bytes on the wire, tokens, labels, dates in words."""

from __future__ import annotations

import email
from datetime import date
from email import policy

import pytest

from tests.mailing.mail import parts
from vigie.mailing.composing.drafts import week_words
from vigie.mailing.composing.mime import Outgoing, Segment, assemble, encode, encode_header
from vigie.mailing.sending import smtp
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


def test_kept_session_serves_the_next_share_and_a_dead_one_is_replaced(settings):
    """A session a share leaves open is used again by the next share of the process; after
    the relay restarted, the kept session is dropped for a new one and nothing fails."""
    from tests.mailing.smtp_sink import start_sink

    sink, controller = start_sink()
    settings.VIGIE_SMTP_HOST, settings.VIGIE_SMTP_PORT = "127.0.0.1", controller.port
    settings.VIGIE_SMTP_SECURITY, settings.VIGIE_SMTP_USER = "none", ""
    settings.VIGIE_MAIL_FROM = "Vigie <vigie@vigie.test>"
    data = b"Subject: essai\r\n\r\ncorps\r\n"
    try:
        first = smtp.take()
        assert first.send("a@exemple.fr", data).status == "sent"
        smtp.keep(first)
        second = smtp.take()
        assert second is first and second.send("b@exemple.fr", data).status == "sent"
        assert len(sink.sessions) == 1  # one session for both shares
        smtp.keep(second)
        controller.stop()
        sink, controller = start_sink(settings.VIGIE_SMTP_PORT)  # the relay restarted
        third = smtp.take()
        assert third is not first and third.send("c@exemple.fr", data).status == "sent"
        smtp.keep(third)
        settings.VIGIE_MAIL_FROM = "Autre <autre@vigie.test>"  # another sender: new session
        assert smtp.take() is not third
    finally:
        smtp.close_kept()
        controller.stop()
    assert [m.recipients for m in sink.accepted] == [["c@exemple.fr"]]


def test_encoded_subject_never_splits_a_character():
    subject = "é" * 40 + "€" * 30 + " fin"
    data = encode_header("Subject", subject)
    assert all(len(line) <= 78 for line in data.split(b"\r\n"))
    parsed = email.message_from_bytes(data + b"\r\n", policy=policy.default)
    assert parsed["Subject"] == subject


@pytest.mark.parametrize("purpose", [links.CONFIRM, links.MANAGE, links.UNSUBSCRIBE])
def test_tokens_are_signed_for_one_holder_and_one_purpose(purpose):
    # Formerly « tokens are Django's signatures » of the subscriber's key, which every
    # unsubscribe link then carried in clear (issue 13): the test changed with the scheme.
    holder = links.Holder("poignee-au-hasard", "secret-au-hasard")
    token = links.make_token(holder, purpose)
    assert links.signed_by(holder, token, purpose)
    assert "secret-au-hasard" not in token and token.startswith("poignee-au-hasard.")
    other = links.UNSUBSCRIBE if purpose != links.UNSUBSCRIBE else links.MANAGE
    assert not links.signed_by(holder, token, other)
    assert not links.signed_by(links.Holder(holder.handle, "un-autre-secret"), token, purpose)


def test_weeks_in_words():
    assert week_words(date(2026, 10, 19)) == "semaine du 13 au 19 octobre 2026"
    assert week_words(date(2026, 11, 2)) == "semaine du 27 octobre au 2 novembre 2026"
    assert week_words(date(2027, 1, 4)) == "semaine du 29 décembre 2026 au 4 janvier 2027"
    assert week_words(date(2026, 10, 7)) == "semaine du 1er au 7 octobre 2026"
