"""The site in a real browser (Debian's Chromium, driven by Playwright) against a live server,
and ``vigie run`` / ``vigie demo`` up to serving.

Pages are read with JavaScript switched off: nothing needs it. The browser tests are skipped,
with their reason, only outside CI on a machine without /usr/bin/chromium; in CI they run.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOT = REPO / "test-artifacts" / "edition.png"
CATNAT, ELUS = "JORFTEXT000099000004", "JORFTEXT000099000006"
IN_CI = bool(os.environ.get("CI"))

needs_browser = pytest.mark.skipif(
    not CHROMIUM.exists() and not IN_CI,
    reason="Chromium absent (/usr/bin/chromium) : tests dans un vrai navigateur ignorés hors "
           "CI (apt-get install chromium pour les lancer)",
)


# --- A real browser against a live server -----------------------------------------------------

@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not IN_CI:
        pytest.importorskip("playwright", reason="Playwright absent : pip install playwright")
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.exists(), "Chromium est requis en CI : apt-get install -y chromium"
    # Playwright's synchronous API keeps an event loop in this thread; the ORM calls the tests
    # make around it (ingestion, flush) are synchronous and safe.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def site(live_server, browser, vigie) -> str:
    """The live server's address, with the demonstration sample ingested (committed)."""
    from vigie.commands.demo import sample_deliveries

    code, _, err = vigie("ingest", *sample_deliveries())
    assert code == 0, err
    return live_server.url


@pytest.fixture
def page(browser, site) -> Iterator[object]:
    """A page without JavaScript, in French: everything must be readable that way."""
    context = browser.new_context(java_script_enabled=False, locale="fr-FR",
                                  viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def visible(locator) -> bool:
    """Whether ``locator`` shows, waiting (up to 5 s) for the page a click led to: a click does
    not wait for the next page to load, and under load (the suite on PostgreSQL) the heading
    can come after the URL."""
    from playwright.sync_api import expect

    expect(locator).to_be_visible(timeout=5_000)
    return True


def h1(page) -> str:
    return " ".join(page.locator("h1").inner_text().split())


@needs_browser
@pytest.mark.django_db(transaction=True)
def test_a_reader_chooses_a_departement_then_opens_an_item(page, site):
    page.goto(site + "/")
    assert h1(page) == "L'actualité du mercredi 14 octobre 2026 — Édition nationale"
    page.get_by_label("Votre département").select_option(label="Cher (18)")
    page.get_by_role("button", name="Afficher").click()
    assert h1(page) == "L'actualité du mercredi 14 octobre 2026 — Cher (18)"
    catnat = page.locator("article", has=page.locator(f"#t-{CATNAT}"))
    flags = catnat.locator(".flag").all_text_contents()  # as written, not as styled
    assert flags == ["Urgent", "Dans votre département"]

    catnat.get_by_role("link", name="Reconnaissance de l'état de catastrophe naturelle",
                       exact=True).click()
    page.wait_for_url(f"{site}/texte/{CATNAT}/")  # the page the click led to, loaded
    assert h1(page).startswith("Arrêté du 6 octobre 2026 portant reconnaissance")
    assert visible(page.get_by_role("heading", name="Pourquoi ce texte ?"))
    assert visible(page.get_by_role("heading", name="Article 1", exact=True))

    page.goto(site + "/")  # the choice is remembered
    assert h1(page).endswith("Cher (18)")


@needs_browser
@pytest.mark.django_db(transaction=True)
def test_search_with_and_without_accents(page, site):
    page.goto(site + "/")
    page.get_by_role("link", name="Recherche", exact=True).click()
    results = []
    for query in ("élus", "elus"):
        page.get_by_label("Mots recherchés").fill(query)
        page.get_by_role("button", name="Rechercher").click()
        page.wait_for_url(re.compile(r".*q=" + query.replace("é", "%C3%A9")))  # under load
        assert visible(page.get_by_role("heading", name="1 résultat"))
        results.append(page.locator(".hit__title a").all_inner_texts())
        assert page.locator("mark").first.inner_text() == "élus"
    assert results[0] == results[1] and "élus locaux" in results[0][0]

    page.get_by_label("Mots recherchés").fill("")
    page.get_by_label("Thème").select_option(label="Risques, catastrophes et sécurité civile")
    page.get_by_role("button", name="Rechercher").click()
    assert page.locator(".hit__title a").all_inner_texts() == [
        "Arrêté du 6 octobre 2026 portant reconnaissance de l'état de catastrophe naturelle"]


@needs_browser
@pytest.mark.django_db(transaction=True)
def test_the_feed_links_of_an_edition_answer(page, site):
    page.goto(site + "/edition/2026-10-14/18/")
    for name in ("Flux RSS", "Atom"):
        href = page.get_by_role("link", name=name, exact=True).get_attribute("href")
        assert href.startswith("/flux/departement/18/")
        response = page.request.get(site + href)  # a feed downloads rather than displays
        assert response.status == 200, href
        assert "xml" in response.headers["content-type"]
        assert CATNAT in response.text()
    href = page.get_by_role("link", name="Calendrier des échéances (iCalendar)").get_attribute(
        "href")
    assert page.request.get(site + href).status == 200


@needs_browser
@pytest.mark.django_db(transaction=True)
def test_keyboard_focus_is_visible_and_the_layout_fits_a_phone(browser, site):
    context = browser.new_context(locale="fr-FR", viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(site + "/edition/2026-10-14/18/")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    assert skip.evaluate("e => e === document.activeElement")
    assert skip.is_visible() and skip.inner_text() == "Aller au contenu"
    assert skip.evaluate("e => getComputedStyle(e).outlineStyle") != "none"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"la page déborde ({width} px pour 360)"
    context.close()


@needs_browser
@pytest.mark.django_db(transaction=True)
def test_screenshot_of_an_edition(page, site):
    page.goto(site + "/edition/2026-10-14/18/")
    assert h1(page).endswith("Cher (18)")
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    assert SCREENSHOT.stat().st_size > 50_000


@needs_browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [1280, 390])
def test_an_edition_with_items_from_three_rubrics(browser, site, vigie, width):
    """The Journal officiel, then « Parlement », then « Réponses ministérielles », the answer
    as ID.CiTé shows it: heading, short title, question title, question, >> answer,
    publication line; on a desktop and on a phone."""
    from vigie.commands.demo import sample_parlement

    code, _, err = vigie("ingest", *sample_parlement())
    assert code == 0, err
    context = browser.new_context(java_script_enabled=False, locale="fr-FR",
                                  viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(site + "/edition/2026-10-14/18/")
    assert page.locator("h2.rubric__title").all_text_contents() == [  # as written
        "Journal officiel", "Parlement", "Réponses ministérielles"]
    answer = page.locator("article", has=page.locator("#t-qSEQ260509921"))
    assert answer.locator(".item__heading").inner_text().upper() == "CIMETIÈRES"
    assert answer.locator(".flag").all_text_contents() == ["Dans votre département"]
    assert answer.locator(".item__official").inner_text() == (
        "Question écrite n° 9921 de Mme Jeanne Démo (Cher) : Reprise des concessions "
        "funéraires à Vierzon")
    assert answer.locator(".item__question").inner_text().startswith(
        "Question : Mme Jeanne Démo demande de préciser la procédure")
    assert len(answer.locator(".essentials li").all()) == 2
    assert answer.locator(".item__reference").inner_text() == (
        "Réponse publiée au JO Sénat du 14 octobre 2026, p.\u00a05212")  # kept on one line
    bill = page.locator("#r-parlement").locator("..")
    assert "Gestion de l'eau potable par les communes rurales" in bill.inner_text()
    assert page.locator("#t-qSEQ260909922").count() == 0  # awaiting its answer
    width_used = page.evaluate("document.documentElement.scrollWidth")
    assert width_used <= width, f"la page déborde ({width_used} px pour {width})"
    shot = SCREENSHOT.with_name(f"edition-rubriques-{width}.png")
    SCREENSHOT.parent.mkdir(exist_ok=True)
    answer.scroll_into_view_if_needed()
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 50_000
    answer.get_by_role("link", name="Reprise des concessions funéraires à Vierzon",
                       exact=True).click()
    page.wait_for_url(f"{site}/texte/qSEQ260509921/")  # the page the click led to, loaded
    official = page.get_by_role("link", name="Page officielle (Sénat)")
    assert official.get_attribute("href") == (
        "https://www.senat.fr/questions/base/2026/qSEQ260509921.html")
    assert visible(page.get_by_role("heading", name="Réponse", exact=True))
    context.close()


@pytest.fixture
def long_annex(site, vigie, tmp_path) -> str:
    """The 700-commune arrêté of ``tests/long_catnat.py``, ingested beside the demo."""
    from tests.long_catnat import UID, xml

    path = tmp_path / f"{UID}.xml"
    path.write_bytes(xml())
    code, _, err = vigie("ingest", path)
    assert code == 0, err
    return f"{site}/texte/{UID}/"


@needs_browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [390, 1280])
def test_a_long_annex_is_grouped_by_departement_the_readers_first(browser, long_annex, width):
    context = browser.new_context(java_script_enabled=False, locale="fr-FR",
                                  viewport={"width": width, "height": 900})
    context.add_cookies([{"name": "vigie_departement", "value": "18", "url": long_annex}])
    page = context.new_page()
    page.goto(long_annex)
    first = page.locator(".annex__contents").first.locator("a").first
    assert first.inner_text() == "Cher (18) — 12 communes"
    first.click()
    cher = page.locator("#annexe-3-1-18")
    assert cher.evaluate("e => e.open") and cher.locator("td", has_text="Saint-Nulle-Part")
    assert page.locator("details.annex__group[open]").count() == 1  # the others stay closed
    ain = page.locator("#annexe-3-1-01")
    assert not ain.evaluate("e => e.open")
    ain.locator("summary").click()  # opens without JavaScript
    assert ain.evaluate("e => e.open") and ain.locator("tbody tr").count() == 10
    sizes = page.evaluate("[document.documentElement.scrollWidth, "
                          "document.documentElement.scrollHeight]")
    assert sizes[0] <= width, f"la page déborde ({sizes[0]} px pour {width})"
    assert sizes[1] < 25_000, f"page de {sizes[1]} px : l'annexe n'est pas regroupée"
    motivations = cher.locator("td[data-label='Motivations de la décision']").first
    box = motivations.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width  # no column off screen
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT.with_name(f"annexe-{width}.png")))
    context.close()


@needs_browser
@pytest.mark.django_db(transaction=True)
def test_a_commune_named_on_the_last_row_of_a_long_annex_is_found(page, long_annex):
    from tests.long_catnat import LAST

    page.goto(long_annex.split("/texte/")[0] + "/recherche/")
    page.get_by_label("Mots recherchés").fill(LAST)
    page.get_by_role("button", name="Rechercher").click()
    assert visible(page.get_by_role("heading", name="1 résultat"))
    assert page.locator("mark").first.inner_text() == LAST
    page.locator(".hit__title a").first.click()
    page.wait_for_url(long_annex)  # the page the click led to, loaded


@needs_browser
@pytest.mark.django_db(transaction=True)
def test_the_content_security_policy_lets_the_pages_work(browser, site):
    """With JavaScript on: the style sheet applies, the commune completion (a script file)
    fills its list, and the browser reports no violation of the policy."""
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    for path in ("/", "/edition/2026-10-14/18/", f"/texte/{CATNAT}/", "/abonnement/"):
        page.goto(site + path)
        assert page.locator("body").evaluate("e => getComputedStyle(e).margin") == "0px", path
    page.get_by_label("Département").select_option(label="Indre (36)")
    page.locator("#communes-liste option").nth(100).wait_for(state="attached")
    assert page.locator("#communes-liste option[value='Châteauroux (36044)']").count() == 1
    assert not violations, violations
    context.close()


# --- vigie run / vigie demo -------------------------------------------------------------------

@pytest.mark.django_db
def test_demo_prints_the_day_then_the_addresses(vigie):
    code, out, err = vigie("demo", "--no-serve", "--departement", "18")
    assert code == 0, err
    assert "Journal officiel n°0241 du 14 octobre 2026" in out
    assert "15 texte(s) publié(s) le 14 octobre 2026." in out
    assert "Parlement et réponses ministérielles du 14 octobre 2026" in out
    assert ("Reprise des concessions funéraires à Vierzon — Réponse publiée au JO Sénat du "
            "14 octobre 2026, p. 5212") in out
    assert "Site : http://127.0.0.1:8000/" in out
    assert ("Édition du mercredi 14 octobre 2026 (Cher (18)) : "
            "http://127.0.0.1:8000/edition/2026-10-14/18/") in out


@pytest.mark.django_db
def test_run_offline_prints_the_address_of_the_departement_edition(vigie):
    from vigie.commands.demo import sample_deliveries

    vigie("ingest", *sample_deliveries())
    code, out, err = vigie("run", "--offline", "--departement", "36", "--port", "8123",
                           "--no-serve")
    assert code == 0, err
    assert "Hors ligne" in out
    assert "http://127.0.0.1:8123/edition/2026-10-14/36/" in out


@pytest.mark.django_db
def test_run_starts_on_what_is_stored_when_the_network_fails(vigie, settings):
    settings.VIGIE_DILA_BASE_URL = "http://127.0.0.1:9/OPENDATA/"  # nothing listens there
    code, out, err = vigie("run", "--source", "dila", "--departement", "18", "--no-serve")
    assert code == 0, err
    assert "connexion au serveur impossible" in err
    assert "Synchronisation incomplète" in out and "déjà enregistrés" in out
    assert "Aucune édition encore" in out


@pytest.mark.django_db
def test_run_on_a_port_already_taken_says_so_before_any_address(vigie):
    """The port is taken before the site's address is printed: no address that nothing
    serves, the reason and the way out in French, status 1."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, out, err = vigie("run", "--offline", "--port", str(port))
    assert code == 1
    assert f"le port {port} est déjà pris" in err and "--port 0 pour un port libre" in err, err
    assert "Site :" not in out and f":{port}/" not in out


@pytest.mark.django_db
def test_run_refuses_an_unknown_departement(vigie):
    code, _, err = vigie("run", "--departement", "99", "--offline", "--no-serve")
    assert code == 2 and "département inconnu « 99 »" in err


def test_demo_serves_the_site(tmp_path):
    """``vigie demo`` in its own process, on its own SQLite file, serving on a free port."""
    env = {k: v for k, v in os.environ.items()  # a fresh machine: no key either
           if k not in ("VIGIE_DATABASE_URL", "DJANGO_SETTINGS_MODULE", "VIGIE_SITE_URL",
                        "VIGIE_SECRET_KEY")}
    env.update(VIGIE_DATA_DIR=str(tmp_path), PYTHONUNBUFFERED="1")
    server = subprocess.Popen([sys.executable, "-m", "vigie.cli", "demo", "--port", "0"],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, cwd=tmp_path)
    try:
        address, lines = "", []
        for line in server.stdout:  # the server says where it listens once it does
            lines.append(line)
            found = re.search(r"Vigie est servi sur (http://\S+)/ ", line)
            if found:
                address = found.group(1)
                break
        assert address, "".join(lines)
        assert "clé secrète jetable" in "".join(lines)  # only the demo makes one, and says so
        assert f"Site : {address}/" in "".join(lines)  # the port taken, not « :0 »
        with urllib.request.urlopen(address + "/edition/2026-10-14/national/") as response:
            html = response.read().decode()
        assert "actualité du mercredi 14 octobre 2026 — Édition nationale" in html
        with urllib.request.urlopen(address + "/vigie.css") as response:
            assert response.headers["Content-Type"].startswith("text/css")
    finally:
        server.terminate()
        server.wait(timeout=10)
