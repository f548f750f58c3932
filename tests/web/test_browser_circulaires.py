"""A circulaire in Chromium (Playwright), on a computer and on a phone: in its edition's
rubric and on its own page, nothing wider than the screen, its state and its link to
Légifrance shown."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.documents.circulaire_files import BUDGET_ID, budget, school
from tests.web.test_browser import browser, needs_browser  # noqa: F401
from vigie.documents.circulaire_store import circulaire_uid

LEGIFRANCE = f"https://www.legifrance.gouv.fr/circulaire/id/{BUDGET_ID}"


@needs_browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [1280, 390])
def test_a_circulaire_in_its_edition_and_on_its_page(browser, live_server, vigie,  # noqa: F811
                                                     tmp_path, width):
    (tmp_path / f"cir_{BUDGET_ID}.xml").write_text(budget(), encoding="utf-8")
    (tmp_path / "cir_45991.xml").write_text(school(), encoding="utf-8")
    assert vigie("ingest", tmp_path)[0] == 0
    context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 900})
    page = context.new_page()
    shots = os.environ.get("VIGIE_SCREENSHOTS")  # where to keep them, to look at them
    for url in ("/edition/2026-10-14/73/", f"/texte/{circulaire_uid(BUDGET_ID)}/"):
        page.goto(f"{live_server.url}{url}")
        assert page.evaluate("document.documentElement.scrollWidth") <= width, url
        assert page.locator(f'a[href="{LEGIFRANCE}"]').count() >= 1, url
        if shots:
            name = "edition" if "edition" in url else "fiche"
            page.screenshot(path=str(Path(shots) / f"circulaire-{name}-{width}.png"),
                            full_page=True)
    assert page.get_by_text("en vigueur").count() >= 1
    context.close()
