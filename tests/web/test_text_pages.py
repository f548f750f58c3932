"""The page of a text and the archive of editions, through Django's test client, on the
demonstration edition."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.editions.stored import store_edition
from tests.plans import plan
from tests.web.pages import ARMEMENT, CATNAT, assert_accessible, get, item_block
from vigie.editions.models import Edition

pytestmark = pytest.mark.django_db


# --- The page of a text -----------------------------------------------------------------------

def test_the_page_of_a_text(client, ingested_demo):
    html, page = get(client, f"/texte/{CATNAT}/")
    assert page.h1 == "Arrêté du 6 octobre 2026 portant reconnaissance de l'état de catastrophe " \
                      "naturelle"
    titles = [text for _, text in page.headings]
    for heading in ("L'essentiel", "Texte intégral", "Pourquoi ce texte ?", "Territoires",
                    "Références", "Provenance", "Signataires"):
        assert heading in titles, heading
    articles = [text for text in titles if text.startswith(("Article", "Annexe"))]
    assert articles == ["Article 1", "Article 2", "Article 3", "Article 4", "Article 5",
                        "Annexe"]  # unnumbered: « Annexe », not a bare « Article »
    assert "<table" in html  # the annex table, as the parser sanitised it
    assert "Retenu pour toutes les éditions" in html
    assert "INTE2628031A" in html and "Ministère de l&#x27;intérieur" in html
    assert "Bourges — commune, Cher (18)" in html  # was « (commune, Cher (18)) »
    assert f"https://www.legifrance.gouv.fr/jorf/id/{CATNAT}" in html
    assert "JORFSIMPLE_20261014-011502" in html  # provenance
    assert 'href="/edition/2026-10-14/national/"' in html  # where Vigie showed it
    assert_accessible(page)


def test_a_line_break_opening_a_paragraph_or_a_cell_is_dropped(client, ingested_demo):
    """DILA opens paragraphs and cells with a <br> (an empty line once shown): dropped when
    nothing comes before it, kept after text."""
    from vigie.web.views.bodies import without_leading_breaks

    html, _ = get(client, f"/texte/{CATNAT}/")
    assert '<div class="article__body"><p>Les demandes de reconnaissance' in html
    assert '<td align="center" data-label="Commune">Bourges</td>' in html
    assert without_leading_breaks('<p class="x">\n<br/> <br>Un<br/>deux</p><th><br>Trois</th>'
                                  ) == '<p class="x">Un<br/>deux</p><th>Trois</th>'
    assert without_leading_breaks("<pre><br></pre><thead><br>") == "<pre><br></pre><thead><br>"


def test_annex_column_headers_keep_their_spaces(client, ingested_demo):
    """« Date de début<br/>de la période » read « Date de débutde la période »."""
    html, _ = get(client, f"/texte/{CATNAT}/")
    assert '<th scope="col">Date de début de la période de reconnaissance</th>' in html
    assert 'data-label="Date de début de la période de la demande"' in html
    assert "débutde" not in html


def test_territories_are_grouped_by_departement(client, ingested_demo):
    # The arrêté names Sancerre (18) and Issoudun (36) after the Loiret's list: they were
    # shown last, under the Loiret, rather than with their own département.
    html, _ = get(client, f"/texte/{CATNAT}/")
    panel = html[html.index('id="territoires"'):]
    panel = panel[:panel.index("</ul>")]
    lines = re.findall(r"<li>([^<]*)</li>", panel)
    cher, indre, loiret = (next(i for i, line in enumerate(lines) if line.startswith(name))
                           for name in ("Cher", "Indre", "Loiret"))
    sancerre = next(i for i, line in enumerate(lines) if line.startswith("Sancerre"))
    issoudun = next(i for i, line in enumerate(lines) if line.startswith("Issoudun"))
    assert cher < sancerre < indre < issoudun < loiret, lines


def test_a_text_known_from_the_sommaire_only(client, ingested_demo):
    html, page = get(client, f"/texte/{ARMEMENT}/")
    assert "délégation de signature" in page.h1
    assert "connu par le sommaire du Journal officiel seulement" in html
    assert "Non retenu" in html
    assert_accessible(page)


def test_a_text_known_from_the_sommaire_only_offers_no_full_text(client, ingested_demo):
    from vigie.editions.content import Item

    later = ingested_demo + timedelta(days=1)
    store_edition(later, "", [Item(uid=ARMEMENT, rubric="jo", title="Arrêté de délégation",
                                   short_title="Délégation", theme="institutions",
                                   reference="Journal officiel n°0242", status="sommaire")],
                  title="L'actualité du jeudi 15 octobre 2026")
    html, _ = get(client, "/edition/2026-10-15/national/")
    block = item_block(html, ARMEMENT)
    assert "connu par le sommaire seulement" in block
    assert "Texte intégral sur Vigie" not in block and "Fiche sur Vigie" in block


def test_a_nor_leads_to_its_text(client, ingested_demo):
    response = client.get("/texte/INTE2628031A/")
    assert response.status_code == 302 and response["Location"] == f"/texte/{CATNAT}/"


@pytest.mark.parametrize("uid", ["JORF%00", f"{CATNAT}%00", "%00"])
def test_an_address_with_a_nul_character_is_no_text(client, ingested_demo, uid):
    # PostgreSQL refuses a NUL in a query parameter (DataError): /texte/JORF%00/ was a 500.
    response = client.get(f"/texte/{uid}/")
    assert response.status_code == 404 and "Page introuvable" in response.text


# --- Archive ----------------------------------------------------------------------------------

def test_the_archive_lists_dates_by_month(client, ingested_demo):
    html, page = get(client, "/archives/")
    assert page.h1 == "Archives des éditions"
    assert "Octobre 2026" in [text for level, text in page.headings if level == 2]
    assert 'href="/edition/2026-10-14/national/"' in html
    assert "Mercredi 14 octobre 2026" in html
    assert_accessible(page)


def test_the_archive_is_paginated_and_shows_the_chosen_departement(client, ingested_demo):
    start = date(2026, 6, 1)
    Edition.objects.bulk_create(
        Edition(date=start + timedelta(days=n), departement="", title=f"Jour {n}",
                frame={}, items_count=1) for n in range(45))
    client.cookies["vigie_departement"] = "18"
    html, page = get(client, "/archives/")
    assert "46 jours d'édition" in html
    assert 'href="/edition/2026-10-14/18/"' in html  # the chosen département's edition
    assert 'href="?page=2"' in html and "Page suivante" in html
    html, page = get(client, "/archives/?page=2")
    months = [text for level, text in page.headings if level == 2]
    assert months == ["Juin 2026"]
    assert "Lundi 1er juin 2026" in html and "Page précédente" in html
    assert get(client, "/archives/?page=zz")[1].h1 == "Archives des éditions"


def test_empty_editions_are_no_days_of_publication(client, ingested_demo):
    """An edition without texts (built by an older Vigie for a day without an issue, or a day
    with nothing for the collectivités) is neither listed in the archive nor opened by the
    home page, which opens on the latest edition that has texts."""
    later = ingested_demo + timedelta(days=5)  # Monday 19
    store_edition(later, "", title="L'actualité du lundi 19 octobre 2026 — vide")
    store_edition(later, "18", title="L'actualité du lundi 19 octobre 2026 — vide")
    html, _ = get(client, "/archives/")
    assert "1 jour d'édition" in html and "19 octobre" not in html
    _, page = get(client, "/")
    assert page.h1 == "L'actualité du mercredi 14 octobre 2026 — Édition nationale"
    client.cookies["vigie_departement"] = "18"
    _, page = get(client, "/")
    assert page.h1 == "L'actualité du mercredi 14 octobre 2026 — Cher (18)"


def test_an_unnumbered_article_is_titled_annexe_or_not_at_all(client, ingested_demo):
    from vigie.documents.models import Article
    from vigie.web.views.bodies import heading

    def title(num: str, text: str, parliament: bool = False) -> str:
        return heading(Article(num=num, text=text), parliament=parliament)

    assert title("", "ANNEXES\nANNEXE I\nCommunes reconnues") == "Annexe"
    assert title("", "Fait le 6 octobre 2026.") == ""  # no heading rather than « Article »
    assert title("ANNEXE II", "Communes non reconnues") == "ANNEXE II"
    assert title("3", "Le présent arrêté…") == "Article 3"
    assert title("Réponse", "Un agent…", parliament=True) == "Réponse"
    Article.objects.filter(text_uid=CATNAT, num="").update(text="Fait le 6 octobre 2026.")
    html, page = get(client, f"/texte/{CATNAT}/")
    assert [t for _, t in page.headings if t.startswith(("Article", "Annexe"))][-1] == "Article 5"
    assert '<section class="article">\n          <div class="article__body">' in html
    assert_accessible(page)


@pytest.mark.parametrize("url", [f"/texte/{CATNAT}/", f"/api/textes/{CATNAT}/"])
def test_where_a_text_was_shown_is_read_from_an_index(client, ingested_demo, url):
    """« Éditions qui montrent ce texte »: read by the text's identifier, second in the only
    index that had it — SQLite read every item of every day (with its content), PostgreSQL
    the whole index, at each text page and each text of the API."""
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    reads = [q["sql"] for q in queries.captured_queries
             if 'FROM "editions_editionitem"' in q["sql"]]
    assert reads
    for sql in reads:
        assert "item_of_text" in plan(sql), sql
