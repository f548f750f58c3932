"""Pages, feeds, API and calendar tell the same edition: same texts, same order."""

from __future__ import annotations

import re
from xml.etree import ElementTree

import icalendar
import pytest

pytestmark = pytest.mark.django_db
UID = r"JORFTEXT\d{12}"


def unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


def page_uids(client, day: str, place: str) -> list[str]:
    response = client.get(f"/edition/{day}/{place}/")
    assert response.status_code == 200
    # Each item links to its page on Vigie (possibly more than once): first links, in order.
    return unique(re.findall(rf'href="/texte/({UID})/"', response.content.decode()))


def api_items(client, day: str, place: str) -> list[dict]:
    data = client.get(f"/api/editions/{day}/{place}/").json()
    return [i for r in data["rubrics"] for t in r["themes"] for i in t["items"]]


def rss_uids(client, url: str) -> list[str]:
    root = ElementTree.fromstring(client.get(url).content)
    return [item.findtext("guid") for item in root.findall("./channel/item")]


def atom_uids(client, url: str) -> list[str]:
    root = ElementTree.fromstring(client.get(url).content)
    ids = root.findall("{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}id")
    return [entry.text.rsplit("/", 1)[1] for entry in ids]


def calendar_uids(client, url: str) -> list[str]:
    calendar = icalendar.Calendar.from_ical(client.get(url).content)
    return unique([str(e["UID"]).split("-", 1)[0] for e in calendar.walk("VEVENT")])


@pytest.mark.parametrize(("place", "feed", "ics"), [
    ("36", "/flux/departement/36", "/calendrier/departement/36.ics"),
    ("18", "/flux/departement/18", "/calendrier/departement/18.ics"),
    ("national", "/flux/national", "/calendrier/national.ics"),
])
def test_page_api_feeds_and_calendar_agree(client, ingested_demo, place, feed, ics):
    day = ingested_demo.isoformat()
    items = api_items(client, day, place)
    uids = [i["uid"] for i in items]
    assert len(uids) >= 8
    assert page_uids(client, day, place) == uids
    assert rss_uids(client, f"{feed}/rss/") == uids
    assert atom_uids(client, f"{feed}/atom/") == uids
    key_dates = [i["uid"] for i in items
                 if any(d["kind"] in ("entree_en_vigueur", "echeance") for d in i["dates"])]
    assert key_dates, "the demo edition has texts with an entry into force"
    assert calendar_uids(client, ics) == key_dates


def test_urgent_items_are_marked_everywhere(client, ingested_demo):
    day = ingested_demo.isoformat()
    urgent = [i["uid"] for i in api_items(client, day, "36") if i["urgent"]]
    assert urgent
    root = ElementTree.fromstring(client.get("/flux/departement/36/rss/").content)
    marked = [i.findtext("guid") for i in root.findall("./channel/item")
              if i.findtext("title").startswith("[Urgent] ")]
    assert marked == urgent


@pytest.mark.parametrize("query", ["q=communes", "q=catastrophe+naturelle",
                                   "theme=institutions", "q=collectivités&du=2026-10-14"])
def test_search_page_and_api_find_the_same_texts_in_the_same_order(client, ingested_demo,
                                                                   query):
    page = client.get(f"/recherche/?{query}")
    assert page.status_code == 200
    found = unique(re.findall(rf'href="/texte/({UID})/"', page.content.decode()))
    api = client.get(f"/api/recherche/?{query}").json()
    assert [h["uid"] for h in api["results"]] == found
    assert found
