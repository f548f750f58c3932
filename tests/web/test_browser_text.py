"""The page of a text in a real browser (Chromium through Playwright, JavaScript off): wide
annex tables stay in their column on a laptop (1280 px), read as cards on a phone (390 px)."""

from __future__ import annotations

import pytest

from tests.web.test_browser import CATNAT, browser, needs_browser, site  # noqa: F401

# Elements of the text's column whose right edge passes the column's: inside a table's own
# box (``.table-scroll``), a wide table scrolls there and is no overflow of the column.
STICKING_OUT = """column => {
  const edge = column.getBoundingClientRect().right + 1;
  return [...column.querySelectorAll('*')]
    .filter(e => e.classList.contains('table-scroll') || !e.closest('.table-scroll'))
    .filter(e => e.getBoundingClientRect().right > edge)
    .map(e => `${e.tagName.toLowerCase()}.${e.className} (${e.getBoundingClientRect().right})`);
}"""


@needs_browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [1280, 390])
def test_a_wide_annex_table_stays_in_its_column(browser, site, width):  # noqa: F811
    """« Cher (18) » of annex I: seven columns, wider than the text's column at 1280 px; the
    table scrolls in its own box (its « Motivations de la décision » reachable there), not
    the whole article; on a phone each row is a card."""
    context = browser.new_context(java_script_enabled=False, locale="fr-FR",
                                  viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{site}/texte/{CATNAT}/")
    cher = page.locator("#annexe-6-1-18")
    cher.locator("summary").click()
    assert cher.evaluate("e => e.open")
    column = page.locator(".text-main")
    assert column.evaluate(STICKING_OUT) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    sideways = page.locator(".article__body").evaluate_all(
        "bodies => bodies.filter(b => b.scrollWidth > b.clientWidth).length")
    assert sideways == 0, "le corps de l'article défile de côté"
    box = cher.locator(".table-scroll")
    box.evaluate("b => { b.scrollLeft = b.scrollWidth; }")
    last = cher.locator("td[data-label='Motivations de la décision']").first
    inside, outside = box.bounding_box(), last.bounding_box()
    assert inside["x"] - 1 <= outside["x"]
    assert outside["x"] + outside["width"] <= inside["x"] + inside["width"] + 1
    if width < 640:  # a phone: each row a card
        assert cher.locator("tbody tr").first.evaluate("e => getComputedStyle(e).display") == (
            "block")
    context.close()


@needs_browser
@pytest.mark.django_db(transaction=True)
def test_a_key_dates_label_is_not_broken_word_by_word_on_a_phone(browser, site):  # noqa: F811
    """« Entrée en vigueur » next to a long quotation (« Le présent chapitre entre en vigueur
    le 1er janvier 2027. ») was squeezed to one word a line at 390 px: the label keeps its
    line, the date and its quotation go under it when they do not fit beside it. An article's
    heading is written as the text writes it (« Article 1er », not « ARTICLE 1ER »)."""
    context = browser.new_context(java_script_enabled=False, locale="fr-FR",
                                  viewport={"width": 390, "height": 900})
    page = context.new_page()
    page.goto(f"{site}/texte/JORFTEXT000099000002/")
    label = page.locator(".key-dates dt").first
    assert label.inner_text() == "Entrée en vigueur"
    lines = label.evaluate("e => e.getClientRects().length === 1 && e.getBoundingClientRect()"
                           ".height / parseFloat(getComputedStyle(e).lineHeight)")
    assert lines and lines < 1.5, f"« Entrée en vigueur » sur {lines} lignes"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # as shown (``innerText`` applies the style's capitals) as written: not « ARTICLE 1ER »
    heading = page.locator(".article h3").first
    assert heading.evaluate("e => e.innerText === e.textContent && e.textContent") == "Article 1"
    context.close()
