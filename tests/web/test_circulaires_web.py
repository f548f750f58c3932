"""A circulaire of the DILA's fund as readers get it: in the « Circulaires et instructions »
rubric of every edition, on its own page (its state, author, NOR, date of signature, PDF name,
texts of reference, why it was kept, the link to Légifrance), in the rubric's feed, found by
the search, and given by the API by its ``CIRC…`` uid; an abrogated one says so."""

from __future__ import annotations

from xml.etree import ElementTree

import pytest

from tests.documents.circulaire_files import BUDGET_ID, BUDGET_TITLE, budget
from tests.web.test_api import TEXT, check
from vigie.documents.circulaire_store import circulaire_uid
from vigie.web.search import SearchFilters, search

pytestmark = pytest.mark.django_db
UID = circulaire_uid(BUDGET_ID)
LEGIFRANCE = f"https://www.legifrance.gouv.fr/circulaire/id/{BUDGET_ID}"


@pytest.fixture
def circulaire(vigie, tmp_path) -> None:
    path = tmp_path / f"cir_{BUDGET_ID}.xml"
    path.write_text(budget(), encoding="utf-8")
    assert vigie("ingest", path)[0] == 0


def test_the_edition_and_the_circulaires_page(client, circulaire):
    page = client.get("/edition/2026-10-14/73/").content.decode()
    rubric = page[page.index('id="r-circulaires"'):]
    assert "Circulaires et instructions" in page
    assert f'href="{LEGIFRANCE}"' in rubric
    assert "Circulaire du 14 octobre 2026 — NOR INTB2630012C" in rubric
    own = client.get(f"/texte/{UID}/").content.decode()
    for shown in ("en vigueur", "Ministère de l&#x27;intérieur", "INTB2630012C",
                  "14 octobre 2026", f"cir_{BUDGET_ID}.pdf",
                  "Code général des collectivités territoriales, articles L. 1612-1",
                  "dotation globale de fonctionnement"):
        assert shown in own, shown
    assert f'href="{LEGIFRANCE}"' in own


def test_an_abrogated_circulaire_says_so_on_its_page(client, circulaire, vigie, tmp_path):
    later = tmp_path / "later"
    later.mkdir()
    (later / f"cir_{BUDGET_ID}.xml").write_text(budget(state="A"), encoding="utf-8")
    assert vigie("ingest", later / f"cir_{BUDGET_ID}.xml")[0] == 0
    own = client.get(f"/texte/{UID}/").content.decode()
    assert "abrogée" in own and "circulaire abrogée : elle ne s&#x27;applique plus" in own


def test_the_rubric_feed_the_search_and_the_api(client, circulaire):
    response = client.get("/flux/rubrique/circulaires/rss/")
    assert response.status_code == 200
    items = ElementTree.fromstring(response.content).findall("./channel/item")
    assert [i.findtext("title") for i in items] == [BUDGET_TITLE]
    assert any(LEGIFRANCE in (i.findtext("description") or "") + (i.findtext("link") or "")
               for i in items)
    found = {hit.uid for hit in search('"dotation globale de fonctionnement"',
                                       filters=SearchFilters(), per_page=100).results}
    assert UID in found
    data = check(client.get(f"/api/textes/{UID}/"), TEXT)
    assert data["id"] == UID and data["rubric"] == "circulaires"
    assert data["analysis"]["retained"] and data["analysis"]["scope"] == "national"


@pytest.mark.django_db
def test_the_search_page_names_every_source_it_searches(client):
    """The search page's opening said what it searches and left out the circulaires and the
    acts of EU law, both searched."""
    lead = client.get("/recherche/").content.decode().split('class="lead">')[1].split("</p>")[0]
    assert "circulaires" in lead and "Union européenne" in lead
