"""The back office in a real browser (Debian's Chromium, Playwright) against a live server:
an editor signs in, overrules a decision and rewords a title, sees the edition and the next
digest change; writes an article; on a laptop and on a phone (screenshots at 1280 and 390 px).
"""

from __future__ import annotations

import io
import sys

import pytest

from tests.conftest import REPO
from tests.mailing.conftest import subscriber
from tests.mailing.mail import parts
from tests.redaction.conftest import PASSWORD
from tests.web.test_browser import browser, needs_browser, site  # noqa: F401  (fixtures)

ELUS, CATNAT = "JORFTEXT000099000006", "JORFTEXT000099000004"
SHOTS = REPO / "test-artifacts"
EMAIL = "redac@example.fr"


@pytest.fixture
def editor_account(site, vigie, monkeypatch) -> str:  # noqa: F811
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
    code, _, err = vigie("createeditor", EMAIL, "--password-stdin")
    assert code == 0, err
    return site


def signed_in(browser, address: str, width: int) -> tuple[object, object]:  # noqa: F811
    context = browser.new_context(java_script_enabled=False, locale="fr-FR",
                                  viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(address + "/redaction/")
    assert page.url.startswith(address + "/redaction/connexion/")
    page.get_by_label("Adresse électronique").fill(EMAIL)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    assert page.locator("h1").inner_text() == "Relecture du 14 octobre 2026"
    return context, page


def fits(page, width: int) -> None:
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"la page déborde ({scroll} px pour {width})"


@needs_browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [1280, 390])
def test_an_editor_overrules_and_rewords_then_edition_and_digest_change(
        browser, editor_account, smtp, vigie, width):  # noqa: F811
    address = editor_account
    subscriber("lecteur@exemple.fr", "18", alerts=False)
    context, page = signed_in(browser, address, width)
    fits(page, width)
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"redaction-file-{width}.png"), full_page=False)

    card = page.locator(f"#t-{ELUS}")
    card.get_by_role("button", name="Écarter").click()
    card = page.locator(f"#t-{ELUS}")
    assert "décision de la rédaction" in card.inner_text()

    catnat = page.locator(f"#t-{CATNAT}")
    catnat.locator("summary", has_text="Modifier").click()
    catnat.get_by_label("Titre court").fill("Catastrophe naturelle : vos communes reconnues")
    catnat.get_by_label("L'essentiel").fill("Vérifiez la liste des communes\nDix jours pour "
                                            "déclarer")
    catnat.get_by_role("button", name="Enregistrer").click()
    assert "décision de la rédaction" in page.locator(f"#t-{CATNAT}").inner_text()
    page.screenshot(path=str(SHOTS / f"redaction-corrige-{width}.png"), full_page=False)

    page.goto(address + "/edition/2026-10-14/18/")
    edition = page.locator("main").inner_text()
    assert "Catastrophe naturelle : vos communes reconnues" in edition
    assert "Dix jours pour déclarer" in edition
    assert page.locator(f"#t-{ELUS}").count() == 0

    page.goto(address + f"/texte/{ELUS}/")
    assert page.get_by_role("heading", name="Historique de la rédaction").is_visible()
    context.close()

    code, _, err = vigie("send")
    assert code == 0, err
    plain, html = parts(smtp.accepted[0].message)
    assert "Catastrophe naturelle : vos communes reconnues" in plain
    assert ">> Vérifiez la liste des communes" in plain
    assert "Catastrophe naturelle : vos communes reconnues" in html


@needs_browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [1280, 390])
def test_an_editor_writes_an_article(browser, editor_account, width):  # noqa: F811
    address = editor_account
    context, page = signed_in(browser, address, width)
    page.get_by_role("link", name="Articles de la rédaction").click()
    page.get_by_role("link", name="Écrire un article").click()
    page.get_by_label("Édition du").fill("2026-10-14")
    page.get_by_label("Rubrique").select_option(label="Infos RH")
    page.get_by_label("Titre", exact=True).fill("Élections professionnelles : le calendrier")
    page.get_by_label("Texte (un paragraphe par ligne)").fill(
        "Le scrutin a lieu le 4 décembre.\nLes listes sont déposées six semaines avant.")
    page.get_by_label("Thème").select_option(value="rh")
    page.get_by_label("Départements").fill("18")
    page.get_by_label("Ressources humaines").check()
    page.get_by_label("Liens").fill("Le guide | https://www.example.fr/guide")
    fits(page, width)
    page.screenshot(path=str(SHOTS / f"redaction-article-{width}.png"), full_page=True)
    page.get_by_role("button", name="Publier").click()
    assert page.get_by_role("status").inner_text().startswith("Article enregistré")

    page.goto(address + "/edition/2026-10-14/18/")
    article = page.locator("article", has_text="Élections professionnelles : le calendrier")
    assert "Article de la rédaction" in article.locator(".flag").all_text_contents()
    assert article.get_by_role("link", name="Le guide").get_attribute("href") == (
        "https://www.example.fr/guide")
    page.screenshot(path=str(SHOTS / f"redaction-edition-{width}.png"), full_page=False)
    article.get_by_role("link", name="L'article sur Vigie").click()
    assert page.locator("h1").inner_text() == "Élections professionnelles : le calendrier"
    context.close()
