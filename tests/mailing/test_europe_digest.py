"""An act of EU law in the e-mail digest of every département: its rubric, its headline, its
CELEX number and publication, the link to EUR-Lex; its ELI (``http://``) is not written out."""

from __future__ import annotations

import pytest

from tests.documents.eu_notices import work_notice
from tests.mailing.conftest import subscriber
from tests.mailing.mail import parts

pytestmark = pytest.mark.django_db


def test_an_act_is_in_every_departements_digest(smtp, vigie, tmp_path):
    path = tmp_path / "work.xml"
    path.write_text(work_notice(), encoding="utf-8")
    assert vigie("ingest", path)[0] == 0
    subscriber("savoie@exemple.fr", "73", alerts=False)
    subscriber("guadeloupe@exemple.fr", "971", alerts=False)
    code, _, err = vigie("send", "--date", "2026-10-14")
    assert code == 0, err
    for address in ("savoie@exemple.fr", "guadeloupe@exemple.fr"):
        (message,) = [m.message for m in smtp.to(address)]
        plain, html = parts(message)
        assert "UNION EUROPÉENNE" in plain, plain
        assert "Directive (UE) 2026/2110 du 7 octobre 2026 : eau et assainissement" in plain
        assert "CELEX 32026L2110 — JO L 301 du 14.10.2026" in plain
        assert ("https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:32026L2110"
                in plain)
        assert "http://data.europa.eu" not in plain + html
