"""Every address of the site from one module, and places read the same way everywhere."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import resolve

from vigie.mailing.subscribing import links
from vigie.web import addresses

pytestmark = pytest.mark.django_db
DAY = date(2026, 10, 14)


def test_each_address_resolves_to_its_view():
    paths = {
        addresses.home_path(): "home", addresses.edition_path(DAY, ""): "edition",
        addresses.edition_path("2026-10-14", "2A"): "edition",
        addresses.text_path("JORFTEXT000099000004"): "text",
        addresses.search_path(theme="risques", q=""): "search",
        addresses.place_feed_path("18", "rss"): "feed-departement-rss",
        addresses.place_feed_path("", "atom"): "feed-national-atom",
        addresses.theme_feed_path("risques", "atom"): "feed-theme-atom",
        addresses.place_calendar_path("18"): "calendar-departement",
        addresses.place_calendar_path(""): "calendar-national",
        addresses.theme_calendar_path("risques"): "calendar-theme",
        addresses.api_edition_path(DAY, ""): "api-edition",
        addresses.api_text_path("JORFTEXT000099000004"): "api-text",
        addresses.subscribe_path(): "subscribe", addresses.manage_path("a:b-c_d"): "manage",
        addresses.unsubscribe_path("t"): "unsubscribe", addresses.confirm_path("t"): "confirm",
        addresses.communes_path("2A"): "communes",
    }
    for path, name in paths.items():
        assert resolve(path.split("?")[0]).url_name == name, path
    assert addresses.edition_path(DAY, "") == "/edition/2026-10-14/national/"
    assert addresses.search_path(theme="risques", q="") == "/recherche/?theme=risques"
    assert addresses.manage_path("a:b-c_d") == "/abonnement/gerer/a:b-c_d/"


def test_absolute_addresses_use_the_public_site(settings):
    settings.VIGIE_SITE_URL = "https://vigie.example.fr"
    assert links.item_url("JORFTEXT000099000004") == (
        "https://vigie.example.fr/texte/JORFTEXT000099000004/")
    assert links.edition_url(DAY, "36") == "https://vigie.example.fr/edition/2026-10-14/36/"
    assert links.manage_url(links.Holder("clé", "secret")).startswith("https://vigie.example.fr/abonnement/gerer/")


def test_forms_read_places_like_addresses(client):
    assert client.get("/abonnement/communes/2a.json").json()[0]["code"].startswith("2A")
    form = client.get("/recherche/", {"departement": "2a", "q": "commune"}).context["form"]
    assert form.is_valid() and form.cleaned_data["departement"] == "2A"
    form = client.get("/recherche/", {"departement": "2c"}).context["form"]
    assert not form.is_valid()
    assert client.get("/departement/", {"code": "1"})["Location"] == "/"
    assert client.cookies["vigie_departement"].value == "01"


def test_commands_read_places_like_addresses(vigie):
    from vigie.commands.demo import sample_deliveries

    vigie("ingest", *sample_deliveries())
    code, out, err = vigie("editions", "--date", "2026-10-14", "--departement", "2a")
    assert code == 0 and "[Corse-du-Sud (2A)]" in err
    assert "L'actualité du mercredi 14 octobre 2026 — Corse-du-Sud (2A)" in out


@pytest.mark.parametrize("url", [
    "/edition/20261014/18/", "/edition/2026-W42-3/18/", "/edition/2026-287/national/",
    "/edition/２０２６-10-14/18/", "/edition/20261014/NATIONAL/",
])
def test_a_date_is_read_in_one_form_only(client, ingested_demo, url):
    """Python 3.11's ``date.fromisoformat`` reads « 20261014 » and « 2026-W42-3 » too: the
    edition of the 14th was served again at each of those addresses."""
    assert client.get(url).status_code == 404
    assert client.get("/edition/2026-10-14/18/").status_code == 200


@pytest.mark.parametrize(("url", "canonical"), [
    ("/edition/2026-10-14/NATIONAL/", "/edition/2026-10-14/national/"),
    ("/edition/2026-10-14/2b/", "/edition/2026-10-14/2B/"),
    ("/edition/2026-10-14/1/", "/edition/2026-10-14/01/"),
    ("/flux/departement/2b/rss/", "/flux/departement/2B/rss/"),
    ("/flux/departement/1/atom/", "/flux/departement/01/atom/"),
    ("/calendrier/departement/2a.ics", "/calendrier/departement/2A.ics"),
])
def test_a_place_written_otherwise_is_sent_to_its_address(client, ingested_demo, url,
                                                          canonical):
    """One address per page: « NATIONAL », « 2b », « 1 » are sent for good (301) to the
    canonical address, which answers."""
    response = client.get(url)
    assert (response.status_code, response["Location"]) == (301, canonical)
    assert client.get(canonical).status_code == 200
    assert client.get(url + "?page=2")["Location"] == canonical + "?page=2"


@pytest.mark.parametrize("url", [
    "/edition/2026-10-14/2c/", "/edition/2026-10-14/nulle-part/", "/flux/departement/2c/rss/",
    "/flux/departement/national/atom/", "/calendrier/departement/99.ics",
])
def test_an_unknown_place_is_not_found(client, ingested_demo, url):
    assert client.get(url).status_code == 404
