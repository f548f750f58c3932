"""A court decision as readers get it: in the « Jurisprudence » rubric of the edition page,
on its own page (court, chamber, date, number, ECLI as written, solution, sommaire, why it was
kept, the link to the Cour de cassation's page) and in the rubric's feed (its e-mail digest:
``tests/mailing/test_jurisprudence_digest.py``)."""

from __future__ import annotations

import json
from xml.etree import ElementTree

import pytest

from tests.documents.test_judilibre import ANSWER, CHAMBERY, EXPROPRIATION
from vigie.documents.judilibre_store import decision_uid

pytestmark = pytest.mark.django_db
LOCAL, CASSATION = decision_uid(CHAMBERY["id"]), decision_uid(EXPROPRIATION["id"])


@pytest.fixture
def decisions(vigie, tmp_path) -> None:
    path = tmp_path / "judilibre.json"
    path.write_text(json.dumps(ANSWER), encoding="utf-8")
    assert vigie("ingest", path)[0] == 0


def test_the_edition_and_the_decisions_page(client, decisions):
    page = client.get("/edition/2026-10-14/73/").content.decode()
    rubric = page[page.index('id="r-jurisprudence"'):]
    assert "Dans votre département" in rubric and "Solution : Cassation" in rubric
    assert f'href="https://www.courdecassation.fr/decision/{CHAMBERY["id"]}"' in rubric
    assert "ECLI:FR:CCASS:2026:C300512" in rubric
    own = client.get(f"/texte/{LOCAL}/").content.decode()
    for shown in ("Cour d&#x27;appel de Chambéry", "25/00421", "Infirme la décision",
                  "La commune de Brides-les-Bains (commune)", "Savoie (73)",
                  "Décision de justice"):
        assert shown in own, shown
    cassation = client.get(f"/texte/{CASSATION}/").content.decode()
    assert "ECLI:FR:CCASS:2026:C300512" in cassation and "Publié au Bulletin" in cassation
    assert cassation.count("la date de l&#x27;ordonnance portant transfert") == 1  # not twice


def test_the_rubric_feed_lists_the_decisions_kept(client, decisions):
    response = client.get("/flux/rubrique/jurisprudence/rss/")
    assert response.status_code == 200
    titles = [i.findtext("title") for i in
              ElementTree.fromstring(response.content).findall("./channel/item")]
    assert len(titles) == 2 and any(t.startswith("Expropriation pour cause") for t in titles)
