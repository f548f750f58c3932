"""« Ma commune est-elle concernée ? » in a real browser (Debian's Chromium, Playwright): the
edition of a département named by a real catastrophe naturelle arrêté of ../shared lists its
communes with what the arrêté decided for each, readable on a phone (390 px) as on a desktop
(1280 px), the département switcher and the contents before the items on a phone.

The arrêté (JORF n°0020 of Saturday 24 January 2026, 140 rows) was hand-checked for the Nord:
five rows of annexe I (reconnue), three of annexe II (non reconnue), Bertry in both.
"""

from __future__ import annotations

from collections import Counter

import pytest

from tests.web.test_browser import SCREENSHOT, browser, h1, needs_browser, site  # noqa: F401

REAL_CATNAT = ("corpus", "jorf", "jorfsimple", "mon-sinistre", "JORFTEXT000053398028.xml")
UID = "JORFTEXT000053398028"
TERRAINS = "mouvements de terrains (hors sécheresse géotechnique)"


@pytest.fixture
def real_catnat(site, vigie, shared) -> str:  # noqa: F811 — the live site of test_browser
    """The real arrêté ingested beside the demonstration sample; the site's address."""
    code, _, err = vigie("ingest", shared(*REAL_CATNAT))
    assert code == 0, err
    return site


def _top(locator) -> float:
    return locator.bounding_box()["y"]


@needs_browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [390, 1280])
def test_the_nord_edition_lists_its_communes_with_what_the_arrete_decided(
        browser, real_catnat, width):  # noqa: F811
    context = browser.new_context(java_script_enabled=False, locale="fr-FR",
                                  viewport={"width": width, "height": 900})
    page = context.new_page()
    # A Saturday issue: its own edition, on its own date.
    page.goto(real_catnat + "/edition/2026-01-24/59/")
    assert h1(page) == "L'actualité du samedi 24 janvier 2026 — Nord (59)"
    item = page.locator("article", has=page.locator(f"#t-{UID}"))
    assert item.locator(".flag").all_text_contents() == ["Urgent", "Dans votre département"]
    assert item.locator(".essentials li").first.inner_text().endswith(
        "137 communes de 37 départements : état de catastrophe naturelle reconnu pour 76, non "
        "reconnu pour 63 (2 communes dans les deux cas, selon le phénomène ou la période).")
    communes = item.locator(".communes")
    assert communes.is_visible()
    assert communes.locator(".communes__title").inner_text() == (
        "Communes de votre département concernées (8) :")
    lines = [" ".join(t.split()) for t in communes.locator("li").all_inner_texts()]
    assert lines[0] == f"Bertry : reconnue — {TERRAINS}, du 19 mars au 29 avril 2024"
    assert lines[2] == f"Douai : reconnue — {TERRAINS}, le 23 février 2024"
    assert f"Bertry : non reconnue — {TERRAINS}, le 26 décembre 2023" in lines
    assert f"Boussois : non reconnue — {TERRAINS}, du 1er janvier au 15 septembre 2022" in lines
    statuses = Counter(communes.locator(".commune-status").all_inner_texts())
    assert statuses == {"reconnue": 5, "non reconnue": 3}
    sizes = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert sizes[0] <= width, f"la page déborde ({sizes[0]} px pour {width})"
    box = communes.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width  # nothing off screen
    switcher = page.get_by_label("Département", exact=True)
    contents = page.get_by_role("navigation", name="Dans cette édition")
    if width < 600:  # one column: the switcher and the contents come before the items
        assert _top(switcher) < _top(contents) < _top(item)
    else:  # two columns: the panels beside the items, on the right
        assert _top(switcher) < _top(item) + 200
        assert switcher.bounding_box()["x"] > box["x"] + box["width"]
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT.with_name(f"communes-nord-{width}.png")),
                    full_page=True)
    # The national edition of the day names no commune of a département.
    page.goto(real_catnat + "/edition/2026-01-24/national/")
    assert page.locator(f"#t-{UID}").is_visible() and page.locator(".communes").count() == 0
    context.close()
