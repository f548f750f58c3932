"""A court decision in the e-mail digest of its département: its rubric, its headline and
the link to the Cour de cassation's page."""

from __future__ import annotations

import json

import pytest

from tests.documents.test_judilibre import ANSWER, CHAMBERY
from tests.mailing.conftest import subscriber
from tests.mailing.mail import parts

pytestmark = pytest.mark.django_db


def test_a_local_courts_decision_is_in_the_digest_of_its_departement(smtp, vigie, tmp_path):
    path = tmp_path / "judilibre.json"
    path.write_text(json.dumps(ANSWER), encoding="utf-8")
    assert vigie("ingest", path)[0] == 0
    subscriber("savoie@exemple.fr", "73", alerts=False)
    code, _, err = vigie("send", "--date", "2026-10-14")
    assert code == 0, err
    (message,) = [m.message for m in smtp.to("savoie@exemple.fr")]
    plain, html = parts(message)
    assert "JURISPRUDENCE" in plain and "[Dans votre département] Baux commerciaux" in plain
    # The reference line names the court, the date and the number: not said twice.
    assert plain.count("Cour d'appel de Chambéry, Chambre civile") == 1
    assert f"https://www.courdecassation.fr/decision/{CHAMBERY['id']}" in html
