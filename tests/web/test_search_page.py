"""The search page, through Django's test client, on the demonstration texts: accents and
case, plurals, filters, errors in French, pages."""

from __future__ import annotations

import re

import pytest

from tests.web.pages import CATNAT, ELUS, PREFET, SOUS_PREFETE, assert_accessible, get

pytestmark = pytest.mark.django_db


# --- Search -----------------------------------------------------------------------------------

def hits(html: str) -> list[str]:
    return re.findall(r'<h3 class="hit__title"><a href="/texte/(JORFTEXT\d+)/">', html)


def test_the_search_form_alone(client, ingested_demo):
    html, page = get(client, "/recherche/")
    assert page.h1 == "Rechercher dans les textes et les informations"
    assert "résultat" not in html
    assert_accessible(page)


@pytest.mark.parametrize("query", ["élus", "elus", "ÉLUS"])
def test_search_ignores_accents_and_case(client, ingested_demo, query):
    html, page = get(client, "/recherche/", data={"q": query})
    assert hits(html) == [ELUS]
    assert "<mark>élus</mark>" in html
    assert "1 résultat" in html
    assert_accessible(page)


def test_search_finds_plurals_and_texts_not_retained(client, ingested_demo):
    html, _ = get(client, "/recherche/", data={"q": "élections"})
    assert hits(html) == ["JORFTEXT000099000003"]
    html, _ = get(client, "/recherche/", data={"q": "meunerie"})
    assert hits(html) == ["JORFTEXT000099000013"]
    assert "Retenu pour les collectivités" not in html


def test_search_filters(client, ingested_demo):
    html, _ = get(client, "/recherche/", data={"q": "", "theme": "risques"})
    assert hits(html) == [CATNAT]
    html, _ = get(client, "/recherche/", data={"departement": "36"})
    assert set(hits(html)) == {CATNAT, PREFET}
    html, _ = get(client, "/recherche/", data={"nature": "LOI"})
    assert hits(html) == ["JORFTEXT000099000002"]
    html, _ = get(client, "/recherche/", data={"q": "nomination", "retenus": "on"})
    assert set(hits(html)) == {PREFET, SOUS_PREFETE}
    html, _ = get(client, "/recherche/", data={"du": "2026-10-15"})
    assert "Aucun résultat" in html
    html, _ = get(client, "/recherche/", data={"du": "14/10/2026", "au": "2026-10-14",
                                              "role": "rh", "rubric": "jo"})
    assert hits(html) == ["JORFTEXT000099000007"]
    # The dates asked stay in the form, in the one format a date field reads (a French
    # « 14/10/2026 » shows blank, and the next search lost the filter).
    assert 'name="du" value="2026-10-14"' in html and 'name="au" value="2026-10-14"' in html


def test_search_reports_invalid_filters_in_french(client, ingested_demo):
    html, _ = get(client, "/recherche/", data={"du": "2026-10-20", "au": "2026-10-01"})
    assert "La date de début est postérieure à la date de fin." in html
    html, _ = get(client, "/recherche/", data={"theme": "inconnu"})
    assert "Sélectionnez un choix valide" in html
    assert hits(html) == []


def test_search_is_paginated(client, ingested_demo, monkeypatch):
    monkeypatch.setattr("vigie.web.views.search.PER_PAGE", 4)
    html, _ = get(client, "/recherche/", data={"q": "", "tri": "date"})
    assert "15 résultats — page 1 sur 4" in html
    assert len(hits(html)) == 4
    assert 'href="?tri=date&amp;page=2"' in html
    html, _ = get(client, "/recherche/", data={"tri": "date", "page": "4"})
    assert "page 4 sur 4" in html and len(hits(html)) == 3
    assert '<ol class="hits" start="13">' in html


@pytest.mark.parametrize("page", ["²", "①", "٣", "0", "-1", "abc"])
def test_a_page_number_not_written_in_ascii_digits_is_the_first_page(client, ingested_demo,
                                                                     page):
    """« ² » passed ``str.isdigit`` and then broke ``int`` (500)."""
    html, _ = get(client, "/recherche/", data={"tri": "date", "page": page})
    assert "page 1 sur 1" in html or "résultats" in html
