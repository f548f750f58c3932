"""A département's edition in a real browser (Chromium through Playwright, JavaScript off):
the JO beside « Infos RH », « Marchés publics », « Actualité » and « Financements » from the
demonstration feeds; items link to their origin, deadlines are in the calendar."""

from __future__ import annotations

import pytest

from tests.web.test_browser import browser, h1, needs_browser, page, site  # noqa: F401

BOAMP_TOITURE = "https://demo.vigie.invalid/boamp/26-990001"


@pytest.fixture
def feeds_site(site) -> str:  # noqa: F811 (the browser tests' fixture)
    from vigie.commands.demo import follow_sample_feeds

    assert follow_sample_feeds(lambda event: None) == 0
    return site


@needs_browser
@pytest.mark.django_db(transaction=True)
def test_a_departement_edition_with_jo_procurement_and_funding(page, feeds_site):  # noqa: F811
    page.goto(feeds_site + "/edition/2026-10-14/18/")
    assert h1(page) == "L'actualité du mercredi 14 octobre 2026 — Cher (18)"
    rubrics = page.locator("h2.rubric__title").all_text_contents()  # as written
    assert rubrics == ["Journal officiel", "Infos RH", "Marchés publics", "Actualité",
                       "Financements"]
    marches = page.locator("section.rubric", has=page.locator("#r-marches"))
    titles = marches.locator("h4.item__title").all_inner_texts()
    assert "Réfection de la toiture de l'école élémentaire Jean-Moulin" in titles
    assert not [t for t in titles if "centre hospitalier" in t.lower()]  # not a local buyer
    toiture = marches.locator("article", has=page.get_by_text("Réfection de la toiture"))
    assert toiture.locator(".flag").all_text_contents() == ["Urgent", "Dans votre département"]
    assert "Date limite de réponse" in toiture.inner_text()
    origin = toiture.get_by_role("link", name="Réfection de la toiture", exact=False).first
    assert origin.get_attribute("href") == BOAMP_TOITURE  # the notice's origin, not Vigie
    assert "Source : BOAMP" in toiture.inner_text()
    funding = page.locator("section.rubric", has=page.locator("#r-financements"))
    assert "Cœur de village" in funding.inner_text()  # an aid of the Cher
    assert "Date limite de dépôt" in funding.inner_text()

    href = page.get_by_role("link", name="Calendrier des échéances (iCalendar)").get_attribute(
        "href")
    calendar = page.request.get(feeds_site + href).text()
    assert "DTSTART;VALUE=DATE:20261023" in calendar  # the notice's deadline
    assert "Date limite de dépôt" in calendar
    assert "TRIGGER:-P7D" in calendar  # a reminder a week before it closes

    page.goto(feeds_site + "/edition/2026-10-14/36/")  # Indre: no Cher notice
    assert "Réfection de la toiture" not in page.content()
    assert "Rénovation énergétique des bâtiments scolaires" in page.content()  # national aid
