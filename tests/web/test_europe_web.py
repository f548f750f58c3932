"""An act of EU law as readers get it: in the « Union européenne » rubric of every edition, on
its own page (its French name or title, CELEX number and ELI as published, its publication in
the Journal, why it was kept, the link to EUR-Lex in French) and in the rubric's feed (its
e-mail digest: ``tests/mailing/test_europe_digest.py``). Only ``https://`` addresses are links:
the ELI, published as ``http://``, links to the same address over ``https://`` (the
Publications Office serves it so), and a ``javascript:`` one is never kept."""

from __future__ import annotations

from xml.etree import ElementTree

import pytest

from tests.documents.eu_notices import SEARCH_ANSWER, WATER, expression_notice, work_notice
from tests.web.test_api import TEXT, check
from vigie.documents.eu_store import act_uid

pytestmark = pytest.mark.django_db
EURLEX = "https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:32026L2110"
ELI = "http://data.europa.eu/eli/dir/2026/2110/oj"
ELI_HTTPS = ELI.replace("http://", "https://")


@pytest.fixture
def acts(vigie, tmp_path) -> None:
    for name, text in (("work.xml", work_notice()), ("answer.xml", SEARCH_ANSWER)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        assert vigie("ingest", tmp_path / name)[0] == 0


def test_the_edition_and_the_acts_page(client, acts):
    page = client.get("/edition/2026-10-14/73/").content.decode()
    rubric = page[page.index('id="r-europe"'):]
    assert "Directive (UE) 2026/2110 du 7 octobre 2026 : eau et assainissement" in rubric
    assert f'href="{EURLEX.replace("&", "&amp;")}"' in rubric and "Source : EUR-Lex" in rubric
    assert "CELEX 32026L2110 — JO L 301 du 14.10.2026" in rubric
    assert f'href="{ELI_HTTPS}" hreflang="fr">Adresse permanente du texte (ELI)' in rubric
    assert f'href="{ELI}"' not in page and ELI not in page
    own = client.get(f"/texte/{act_uid(WATER)}/").content.decode()
    for shown in ("Acte de l&#x27;Union européenne", "32026L2110", f'href="{ELI_HTTPS}"',
                  "JO L 301 du 14.10.2026", "Protection et gestion des eaux",
                  "eau et assainissement (« eau potable », EuroVoc)",
                  "toutes les éditions", "Entrée en vigueur"):
        assert shown in own, shown
    assert f'href="{EURLEX.replace("&", "&amp;")}"' in own and f'href="{ELI}"' not in own


def test_a_javascript_eli_is_never_a_link(client, vigie, tmp_path):
    path = tmp_path / "work.xml"
    path.write_text(work_notice(eli="javascript:alert(1)"), encoding="utf-8")
    assert vigie("ingest", path)[0] == 0
    for url in ("/edition/2026-10-14/", f"/texte/{act_uid(WATER)}/"):
        page = client.get(url).content.decode()
        assert "javascript:" not in page, url
    assert "javascript:" not in client.get("/flux/rubrique/europe/rss/").content.decode()


def test_the_rubric_feed_lists_the_acts_kept(client, acts, vigie, tmp_path):
    path = tmp_path / "expression.xml"
    path.write_text(expression_notice(), encoding="utf-8")
    assert vigie("ingest", path)[0] == 0
    response = client.get("/flux/rubrique/europe/rss/")
    assert response.status_code == 200
    items = ElementTree.fromstring(response.content).findall("./channel/item")
    titles = [i.findtext("title") for i in items]
    assert len(titles) == 2 and any(t.startswith("Directive (UE) 2026/2110 du Parlement "
                                                 "européen et du Conseil") for t in titles)
    assert any(EURLEX in (i.findtext("description") or "") for i in items)


def test_the_api_gives_an_act_by_its_celex_uid(client, acts):
    data = check(client.get(f"/api/textes/{act_uid(WATER)}/"), TEXT)
    assert data["id"] == "CELEX32026L2110" and data["rubric"] == "europe"
    assert data["eli"] == ELI and data["number"] == WATER
    assert data["analysis"]["retained"] and data["analysis"]["scope"] == "national"


def test_a_search_extract_parts_the_lines_it_joins(client, acts):
    """The title, the EuroVoc concepts and the directory's headings are lines of the act's
    searched text: in the extract they are parted by « · », not run together."""
    from vigie.web.search import refresh_missing

    refresh_missing()
    page = client.get("/recherche/?q=eaux&rubric=europe").content.decode()
    snippet = page.split('<p class="hit__snippet">', 1)[1].split("</p>", 1)[0]
    assert "santé publique · Protection et gestion des <mark>eaux</mark> · JO L 301" in snippet
    assert "santé publique Protection" not in snippet
