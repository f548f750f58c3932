"""Accessibility rules (RGAA 4, WCAG 2.1 AA) checked on the rendered HTML with lxml, on the
demonstration sample with its Parliament items: what an audit of the pages with axe-core and
a keyboard found wrong, each rule written so that the page that broke it fails here."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterator
from contextlib import redirect_stdout
from datetime import date, timedelta

import pytest
from lxml import html as lxml_html

from tests.editions.stored import store_edition
from tests.web.conftest import DEMO_DAY
from tests.web.pages import CATNAT

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_with_parliament(django_db_setup, django_db_blocker) -> Iterator[date]:
    """The demo sample and its Parliament items (the same themes in two rubrics), once per
    module, rolled back after it."""
    from django.db import transaction

    from vigie.cli import main
    from vigie.commands.demo import sample_deliveries, sample_parlement

    with django_db_blocker.unblock(), transaction.atomic():
        with redirect_stdout(io.StringIO()):
            code = main(["ingest", *map(str, sample_deliveries() + sample_parlement())])
        assert code == 0
        yield DEMO_DAY
        transaction.set_rollback(True)


def tree(client, url: str, status: int = 200, **kwargs) -> lxml_html.HtmlElement:
    response = client.get(url, **kwargs)
    assert response.status_code == status, (url, response.status_code)
    text = response.content.decode()
    assert "{#" not in text, "un commentaire de gabarit sur deux lignes est affiché"
    return lxml_html.fromstring(text)


def text_of(page: lxml_html.HtmlElement, ids: str) -> str:
    """The accessible name ``aria-labelledby`` gives: the texts of the ids, in order."""
    parts = [page.get_element_by_id(i).text_content() for i in ids.split()]
    return " ".join(" ".join(parts).split())


EDITIONS = ["/", "/edition/2026-10-14/18/", "/edition/2026-10-14/national/"]


@pytest.mark.parametrize("url", EDITIONS)
def test_the_regions_of_an_edition_have_distinct_names(client, demo_with_parliament, url):
    """« Environnement, eau, déchets et biodiversité » is a theme of the Journal officiel and
    of Parlement: a screen reader's list of regions must tell the two apart (RGAA 12.6,
    axe « landmark-unique »)."""
    page = tree(client, url)
    names = [text_of(page, s.get("aria-labelledby"))
             for s in page.xpath("//section[@aria-labelledby]")]
    assert len(names) > 5
    twice = [name for name, count in Counter(names).items() if count > 1]
    assert not twice, f"régions de même nom : {twice}"
    parlement = page.xpath("//section[@aria-labelledby][.//h3[@id='th-parlement-environnement']]")
    assert text_of(page, parlement[-1].get("aria-labelledby")) == (
        "Environnement, eau, déchets et biodiversité Parlement")


def test_a_table_that_scrolls_sideways_is_reached_with_the_keyboard(client, demo_with_parliament):
    """A wide annex table scrolls in its own box (on a laptop): a keyboard user must be able
    to reach that box to scroll it (RGAA 7.3, axe « scrollable-region-focusable »), and a
    screen reader says which table it holds."""
    page = tree(client, f"/texte/{CATNAT}/")
    boxes = page.xpath("//div[contains(@class, 'table-scroll')]")
    assert len(boxes) >= 4
    for box in boxes:
        assert box.get("tabindex") == "0" and box.get("role") == "group"
        assert box.get("aria-label", "").startswith("Tableau")
    names = [box.get("aria-label") for box in boxes]
    assert "Tableau : Cher (18) — 5 communes" in names


def described_by(page: lxml_html.HtmlElement, field: lxml_html.HtmlElement) -> str:
    """What a screen reader reads after a field's label: the texts its aria-describedby
    names, each of which must exist."""
    ids = field.get("aria-describedby", "").split()
    missing = [i for i in ids if not page.xpath(f"//*[@id='{i}']")]
    assert not missing, f"aria-describedby vers des id absents : {missing}"
    return " ".join(page.get_element_by_id(i).text_content().strip() for i in ids)


def test_a_search_field_in_error_is_tied_to_its_message(client, demo_with_parliament):
    """A date the search cannot read: the field says it is invalid and points to the message
    that says why (RGAA 11.10), which a screen reader reads with the field."""
    page = tree(client, "/recherche/?q=commune&du=pasunedate&au=2026-13-01")
    for name in ("du", "au"):
        field = page.get_element_by_id(f"id_{name}")
        assert field.get("aria-invalid") == "true"
        assert described_by(page, field) == "Erreur : Saisissez une date valide."


def test_a_search_too_long_says_why_at_its_field(client, demo_with_parliament):
    """A pasted paragraph (more than 200 characters): « corrigez les champs signalés », but
    the words' field showed no message, and its aria-describedby named an absent id."""
    page = tree(client, "/recherche/?q=" + "commune " * 40)
    field = page.get_element_by_id("id_q")
    assert field.get("aria-invalid") == "true"
    assert "au plus 200 caractères" in described_by(page, field)


def test_the_error_summary_of_the_subscription_form_names_each_field(client,
                                                                     demo_with_parliament):
    """Two fields left empty: the summary's links must not both read « Ce champ est
    obligatoire. » (RGAA 6.1: a link says where it leads out of context); each names its
    field and leads to it, and each field points to its own message (RGAA 11.10)."""
    response = client.post("/abonnement/", {"email": "", "departement": "",
                                            "frequency": "daily", "alerts": "on"})
    assert response.status_code == 400
    page = lxml_html.fromstring(response.content.decode())
    links = page.xpath("//div[@id='erreurs']//a")
    texts = [" ".join(a.text_content().split()) for a in links]
    assert texts == ["Adresse électronique : Ce champ est obligatoire.",
                     "Département : Ce champ est obligatoire."]
    for link in links:
        field = page.get_element_by_id(link.get("href").removeprefix("#"))
        assert field.get("aria-invalid") == "true"
        assert "Erreur : Ce champ est obligatoire." in described_by(page, field)
    assert page.findtext(".//title").startswith("Erreur — ")


def title(client, url: str, status: int = 200) -> str:
    return " ".join(tree(client, url, status).findtext(".//title").split())


def test_each_page_title_says_which_page_it_is(client, demo_with_parliament, monkeypatch):
    """RGAA 8.6: a text's title says which text (its short title is the same for every
    « catastrophe naturelle » arrêté), a search its words or its filters, its errors and its
    page, the archive its page."""
    from vigie.web.views import archive, search

    assert title(client, f"/texte/{CATNAT}/") == (
        "Reconnaissance de l'état de catastrophe naturelle — JO du 14 octobre 2026 — Vigie")
    assert title(client, "/texte/qSEQ260509921/") == (
        "Reprise des concessions funéraires à Vierzon — Question écrite — Vigie")
    assert title(client, "/recherche/?theme=risques") == "Recherche par filtres (1) — Vigie"
    assert title(client, "/recherche/?q=x&du=pasunedate") == "Erreur — Recherche — Vigie"
    monkeypatch.setattr(search, "PER_PAGE", 3)
    titles = [title(client, f"/recherche/?q=commune&page={n}") for n in (1, 2, 3)]
    assert titles[1] == "Recherche « commune » (8), page 2 sur 3 — Vigie"
    assert len(set(titles)) == 3
    store_edition(DEMO_DAY - timedelta(days=1), "", title="L'actualité du mardi", items_count=1)
    monkeypatch.setattr(archive, "PER_PAGE", 1)
    assert title(client, "/archives/?page=2") == "Archives, page 2 sur 2 — Vigie"
