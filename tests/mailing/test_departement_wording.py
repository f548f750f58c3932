"""A subscriber is told the département of the subscription in one wording, on every page and
in every message: the unsubscribe page said « pour Cher (18) », the confirmation e-mail and
the « Pourquoi vous recevez ce message » lines « pour le département Cher (18) »."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from tests.mailing.conftest import subscriber
from vigie.mailing.composing.notices import notice
from vigie.mailing.subscribing import account, links
from vigie.mailing.subscribing.profiles import profile_of, why_lines

pytestmark = pytest.mark.django_db
WORDING = "pour le département Cher (18)"


def test_the_unsubscribe_page_and_the_messages_name_the_departement_alike():
    reader = subscriber("lectrice@exemple.fr", departement="18")
    holder = links.holder_of(reader)
    token = links.unsubscribe_path(holder).rstrip("/").rsplit("/", 1)[1]
    # The view itself: the web application refuses to run with the development key.
    page = account.unsubscribe(RequestFactory().get(f"/abonnement/desabonner/{token}/"), token)
    assert f"Vous ne recevrez plus les messages de Vigie {WORDING}." in page.content.decode()
    _, plain, _, _ = notice("confirm", profile_of(reader), holder, confirm_days=7,
                            manage_days=1)
    assert WORDING in plain[0].text
    assert why_lines(profile_of(reader))[0].startswith(f"Vous êtes abonné·e à Vigie {WORDING}")
