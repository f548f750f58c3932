"""The page of a Parliament item read from a real file of ``../shared/corpus/parlement``, in
a real browser: its « Provenance » names the file it came from, and a long file name without
spaces (``an_question_gouvernement_QANR5L16QG600.json``) once ran out of its panel, widening
the whole page (425 px for a 390 px phone, 1 297 px for 1 280: a sideways scroll)."""

from __future__ import annotations

import pytest

from tests.conftest import shared_path
from tests.web.test_browser import browser, needs_browser  # noqa: F401

FILES = {"QANR5L16QG600": "an_question_gouvernement_QANR5L16QG600.json",
         "AN14-republique_numerique":
             "an_dossier_legislatif_legacy_14_dossiers_republique_numerique.html"}


@needs_browser
@pytest.mark.shared
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [1280, 390])
def test_a_long_file_name_stays_in_the_provenance_panel(browser, live_server, vigie,  # noqa: F811
                                                        width):
    paths = [shared_path("corpus", "parlement", name) for name in FILES.values()]
    code, out, err = vigie("ingest", *paths)
    assert code == 0, out + err
    context = browser.new_context(java_script_enabled=False, locale="fr-FR",
                                  viewport={"width": width, "height": 900})
    page = context.new_page()
    for uid, name in FILES.items():
        page.goto(f"{live_server.url}/texte/{uid}/")
        delivery = page.locator("#provenance ~ dl dd").first
        assert delivery.inner_text() == name
        used = page.evaluate("document.documentElement.scrollWidth")
        assert used <= width, f"{uid} : la page déborde ({used} px pour {width})"
        panel = page.locator("#provenance").locator("..").bounding_box()
        box = delivery.bounding_box()
        assert box["x"] + box["width"] <= panel["x"] + panel["width"] + 1
    context.close()
