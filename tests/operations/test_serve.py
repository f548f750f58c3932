"""``vigie serve``: the site under gunicorn, in its own process on its own database, read by
a real browser; static files from WhiteNoise; ``/sante/`` turning 503 when the database goes."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest

from tests.mailing.outside import REPO, OutsideDatabase
from tests.web.test_browser import CHROMIUM, browser, needs_browser  # noqa: F401
from vigie.commands.demo import sample_deliveries

SCREENSHOTS = REPO / "test-artifacts"


def start(database: OutsideDatabase) -> tuple[subprocess.Popen, str]:
    env = database.env(VIGIE_WEB_WORKERS="2", VIGIE_WEB_THREADS="2", PYTHONUNBUFFERED="1")
    env.pop("VIGIE_SITE_URL", None)
    server = subprocess.Popen([sys.executable, "-m", "vigie.cli", "serve", "--port", "0"],
                              cwd=REPO, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
    lines = []
    for line in server.stdout:
        lines.append(line)
        found = re.search(r"Vigie est servi sur (http://\S+)/ ", line)
        if found:
            return server, found.group(1)
    server.wait()
    raise AssertionError("".join(lines))


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[tuple[OutsideDatabase, str]]:
    database = OutsideDatabase(tmp_path_factory.mktemp("serve"))
    done = database.vigie("ingest", *map(str, sample_deliveries()))
    assert done.returncode == 0, done.stderr
    server, address = start(database)
    try:
        yield database, address
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        database.drop()


def get(url: str, **headers: str):
    request = urllib.request.Request(url, headers=headers)
    try:
        return urllib.request.urlopen(request, timeout=10)
    except urllib.error.HTTPError as error:
        return error


def test_gunicorn_serves_pages_static_files_and_health(served):
    _, address = served
    page = get(address + "/edition/2026-10-14/18/")
    html = page.read().decode()
    assert page.status == 200 and "Cher (18)" in html
    assert "max-age=300" in page.headers["Cache-Control"]
    assert get(address + "/edition/2026-10-14/18/",
               **{"If-None-Match": page.headers["ETag"]}).status == 304
    css = re.search(r'href="(/static/vigie\.[0-9a-f]{12}\.css)"', html)
    assert css, "la feuille de style collectée porte son empreinte"
    sheet = get(address + css.group(1), **{"Accept-Encoding": "gzip"})
    assert sheet.status == 200 and sheet.headers["Content-Encoding"] == "gzip"
    assert "immutable" in sheet.headers["Cache-Control"]
    health = get(address + "/sante/")
    assert health.status == 200 and json.loads(health.read())["database"] == "ok"


def test_a_search_too_long_for_gunicorns_default_line_is_answered_in_french(served):
    # gunicorn refused a request line over 4 094 bytes with its own English page (« URI Too
    # Long »): a pasted paragraph, accents encoded. nginx passes 8 kio (deploy/nginx).
    _, address = served
    answer = get(address + "/recherche/?q=" + "%C3%A9t%C3%A9+" * 560)  # 7 840 bytes
    page = answer.read().decode()
    assert answer.status == 200 and "URI Too Long" not in page
    assert "La recherche n'a pas pu être lancée" in page


@needs_browser
def test_a_browser_reads_an_edition_served_by_gunicorn(served, browser):  # noqa: F811
    _, address = served
    for width in (1280, 390):
        context = browser.new_context(locale="fr-FR", viewport={"width": width, "height": 900})
        page = context.new_page()
        page.goto(address + "/edition/2026-10-14/18/")
        assert page.locator("h1").inner_text().endswith("Cher (18)")
        # The style sheet from WhiteNoise is applied: the header has its navy background.
        colour = page.locator("header").first.evaluate("e => getComputedStyle(e).backgroundColor")
        assert colour == "rgb(18, 40, 76)"
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"gunicorn-{width}.png"), full_page=True)
        context.close()


def test_health_answers_503_when_the_database_goes_away(served):
    database, address = served
    if database.is_pg:
        database.drop()
    else:  # the file replaced by a folder: SQLite cannot open it any more
        path = database.url.removeprefix("sqlite:///")
        os.replace(path, path + ".moved")
        os.mkdir(path)
    try:
        response = get(address + "/sante/")
        assert response.status == 503
        assert json.loads(response.read())["database"] == "injoignable"
    finally:
        if not database.is_pg:
            shutil.rmtree(path)
            os.replace(path + ".moved", path)
