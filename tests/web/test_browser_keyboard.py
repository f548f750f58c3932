"""The reader's pages with the keyboard only, in a real browser (Chromium through Playwright,
JavaScript off): what an audit with the keyboard found out of reach."""

from __future__ import annotations

import pytest

from tests.web.test_browser import CATNAT, browser, needs_browser, site  # noqa: F401


@needs_browser
@pytest.mark.django_db(transaction=True)
def test_a_wide_table_scrolls_with_the_arrow_keys(browser, site):  # noqa: F811
    """On a laptop, « Cher (18) » of the annex is wider than the column and scrolls in its own
    box: Tab reaches the box, its focus shows, and the right arrow scrolls it. (Recent
    Chromium lets the keyboard reach any box that scrolls; other browsers need the box's
    ``tabindex``, which ``test_accessibility`` checks in the page itself.)"""
    context = browser.new_context(java_script_enabled=False, locale="fr-FR",
                                  viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{site}/texte/{CATNAT}/")
    cher = page.locator("#annexe-6-1-18")
    cher.locator("summary").click()
    box = cher.locator(".table-scroll")
    assert box.evaluate("b => b.scrollWidth > b.clientWidth")  # it does scroll sideways
    page.keyboard.press("Tab")
    assert box.evaluate("b => b === document.activeElement"), "Tab ne mène pas au tableau"
    assert box.evaluate("b => getComputedStyle(b).outlineStyle") != "none"
    for _ in range(50):  # the browser may scroll smoothly: a few frames
        page.keyboard.press("ArrowRight")
        if box.evaluate("b => b.scrollLeft") > 0:
            break
        page.wait_for_timeout(100)
    assert box.evaluate("b => b.scrollLeft") > 0, "les flèches ne font pas défiler le tableau"
    context.close()
