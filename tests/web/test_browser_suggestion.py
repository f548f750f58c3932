"""« Vouliez-vous dire » in a real browser (Chromium through Playwright, JavaScript off): a
mistyped search offers the corrected one as a link, which runs it; the page fits a laptop
(1280 px) and a phone (390 px), screenshots kept in test-artifacts/."""

from __future__ import annotations

import pytest

from tests.web.test_browser import SCREENSHOT, browser, needs_browser, site  # noqa: F401


@needs_browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [1280, 390])
def test_a_mistyped_search_offers_the_corrected_one(browser, site, width):  # noqa: F811
    context = browser.new_context(java_script_enabled=False, locale="fr-FR",
                                  viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(site + "/recherche/")
    page.get_by_label("Mots recherchés").fill("électorlaes")  # « électorales », two letters swapped
    page.get_by_role("button", name="Rechercher").click()
    page.wait_for_url("**/recherche/?q=**")
    assert page.locator("#resultats").inner_text() == "Aucun résultat"
    offer = page.locator(".suggestion")
    assert " ".join(offer.inner_text().split()) == "Vouliez-vous dire : électorales ?"
    width_used = page.evaluate("document.documentElement.scrollWidth")
    assert width_used <= width, f"la page déborde ({width_used} px pour {width})"
    shot = SCREENSHOT.with_name(f"recherche-suggestion-{width}.png")
    SCREENSHOT.parent.mkdir(exist_ok=True)
    offer.scroll_into_view_if_needed()
    page.screenshot(path=str(shot), full_page=True)
    offer.get_by_role("link", name="électorales", exact=True).click()
    page.wait_for_url("**/recherche/?q=%C3%A9lectorales**")
    assert page.locator("#resultats").inner_text() == "1 résultat"
    assert page.locator(".suggestion").count() == 0
    context.close()
