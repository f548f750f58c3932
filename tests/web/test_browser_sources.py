"""The page of an act of EU law in Chromium (Playwright, JavaScript off), as a screen reader
gets it: the language each English passage is read in, and every link reached with Tab with
its focus shown."""

from __future__ import annotations

import pytest

from tests.documents.eu_notices import WATER
from tests.web.test_accessibility_sources import ENGLISH_TITLE, english_notices
from tests.web.test_browser import browser, needs_browser  # noqa: F401
from vigie.documents.eu_store import act_uid


@needs_browser
@pytest.mark.django_db(transaction=True)
def test_a_screen_reader_reads_the_english_title_in_english(browser, live_server, vigie,  # noqa: F811
                                                           tmp_path):
    for name, text in english_notices():
        (tmp_path / name).write_text(text, encoding="utf-8")
        assert vigie("ingest", tmp_path / name)[0] == 0
    context = browser.new_context(java_script_enabled=False, locale="fr-FR",
                                  viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(f"{live_server.url}/texte/{act_uid(WATER)}/")
    title = page.get_by_text(ENGLISH_TITLE, exact=True).first
    assert title.evaluate("e => e.closest('[lang]').lang") == "en"
    heading = page.get_by_role("heading", level=1)
    assert heading.evaluate("e => e.closest('[lang]').lang") == "fr"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider
    links = page.locator("a[href]").count()
    reached = set()
    for _ in range(links):
        page.keyboard.press("Tab")
        reached.add(page.evaluate("document.activeElement.getAttribute('href')"))
        assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    assert len(reached) == len(set(page.locator("a[href]").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))")))
    context.close()
