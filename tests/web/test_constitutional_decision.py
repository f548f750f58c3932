"""A decision of the Conseil constitutionnel through the whole pipeline: a JORFSIMPLE delivery
(``tests.analysis.constitutional_texts``) ingested, the national edition's page and JSON show
its headline (what it judges), its official title under it, its ruling and the date its
censured provision goes, which the national calendar holds too."""

from __future__ import annotations

import pytest

from tests.analysis.constitutional_texts import QPC_DAY, QPC_TITLE, QPC_UID, qpc_xml
from tests.web.pages import item_block
from tests.web.test_api import check, document

pytestmark = pytest.mark.django_db
HEADLINE = ("Article L. 2123-1 du code général des collectivités territoriales : question "
            "prioritaire de constitutionnalité")


@pytest.fixture
def ingested(vigie, tmp_path) -> None:
    path = tmp_path / f"{QPC_UID}.xml"
    path.write_bytes(qpc_xml())
    code, _, err = vigie("ingest", path)
    assert code == 0, err


def test_the_edition_shows_what_was_judged_and_decided(client, ingested):
    page = client.get(f"/edition/{QPC_DAY}/national/").content.decode()
    block = item_block(page, QPC_UID)
    assert HEADLINE in block
    assert f'<p class="item__official">{QPC_TITLE}</p>' in block  # the official title kept
    assert "est contraire à la Constitution" in block
    assert "Prise d&#x27;effet de l&#x27;abrogation" in block
    assert "SAISI" not in block


def test_the_text_page_writes_the_number_as_the_title_does(client, ingested):
    """The DILA's ``NUM`` glues the series to the number (« 2026-1121QPC »): the page's
    references say « 2026-1121 QPC », as the title and Légifrance do."""
    page = client.get(f"/texte/{QPC_UID}/").content.decode()
    assert "<dt>Numéro</dt><dd>2026-1121 QPC</dd>" in page
    assert "<dd>2026-1121QPC</dd>" not in page


def test_the_api_and_the_calendar_give_the_ruling_and_the_abrogation(client, ingested):
    data = check(client.get(f"/api/editions/{QPC_DAY}/national/"), "/api/editions/{date}/"
                 "{departement}/")
    (item,) = [i for r in data["rubrics"] for t in r["themes"] for i in t["items"]
               if i["uid"] == QPC_UID]
    assert item["short_title"] == HEADLINE
    assert item["essentials"][0].startswith("Le deuxième alinéa de l'article L. 2123-1")
    assert [(d["date"], d["kind"]) for d in item["dates"]] == [("2027-07-01", "abrogation")]
    calendar = client.get("/calendrier/national.ics").content.decode()
    assert "DTSTART;VALUE=DATE:20270701" in calendar
    assert "SUMMARY:Prise d'effet de l'abrogation : Article L. 2123-1" in calendar


def test_the_documented_kinds_of_key_date_are_the_analysiss():
    """The API's document allows every kind of key date the analysis gives."""
    from vigie.analysis.dates import DATE, KEY_KINDS

    kinds = document()["components"]["schemas"]["KeyDate"]["properties"]["kind"]["enum"]
    assert kinds == [*KEY_KINDS, DATE]
