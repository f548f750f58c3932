"""RSS and Atom feeds: the editions' items, in French, with conditional GET."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from xml.etree import ElementTree

import feedparser
import pytest
from django.conf import settings

from tests.editions.stored import content, store_edition, uids
from vigie.documents.models import Document
from vigie.editions.models import Edition

pytestmark = pytest.mark.django_db
CATNAT, ELUS = "JORFTEXT000099000004", "JORFTEXT000099000006"
PREFET, SOUS_PREFETE = "JORFTEXT000099000010", "JORFTEXT000099000011"  # Indre (36), Cher (18)
ATOM = "{http://www.w3.org/2005/Atom}"


def edition_uids(day, departement: str) -> list[str]:
    return uids(day, departement)


def one_item_edition(day, uid: str) -> list:
    """The items of the Indre's edition cut down to its first item, renamed ``uid``."""
    return [replace(next(content(day, "36").items()), uid=uid)]


def rss_items(client, url: str) -> list[ElementTree.Element]:
    response = client.get(url)
    assert response.status_code == 200, url
    return ElementTree.fromstring(response.content).findall("./channel/item")


def test_departement_rss_lists_the_edition_items_in_order(client, ingested_demo):
    response = client.get("/flux/departement/36/rss/")
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    channel = ElementTree.fromstring(response.content).find("channel")
    assert channel.findtext("title") == "Vigie — Indre (36)"
    assert channel.findtext("language") == "fr"
    assert channel.findtext("link") == f"{settings.VIGIE_SITE_URL}/edition/2026-10-14/36/"
    items = channel.findall("item")
    assert [i.findtext("guid") for i in items] == edition_uids(ingested_demo, "36")
    first = next(i for i in items if i.findtext("guid") == CATNAT)  # urgent, like ELUS
    assert first.find("guid").get("isPermaLink") == "false"
    assert first.findtext("title") == "[Urgent] Reconnaissance de l'état de catastrophe naturelle"
    assert first.findtext("link") == f"{settings.VIGIE_SITE_URL}/texte/{CATNAT}/"
    assert first.findtext("pubDate").startswith("Wed, 14 Oct 2026")
    assert first.findtext("category") == "Risques, catastrophes et sécurité civile"
    description = first.findtext("description")
    assert "L'état de catastrophe naturelle est constaté" in description
    assert "Journal officiel n°0241 du 14 octobre 2026 — NOR : INTE2628031A" in description
    assert f"https://www.legifrance.gouv.fr/jorf/id/{CATNAT}" in description
    not_urgent = next(i for i in items if i.findtext("guid") == PREFET)
    assert not not_urgent.findtext("title").startswith("[Urgent]")


def test_a_key_date_is_in_the_description(client, ingested_demo):
    items = rss_items(client, "/flux/national/rss/")
    elus = next(i for i in items if i.findtext("guid") == ELUS)
    assert "Entrée en vigueur : 15/10/2026" in elus.findtext("description")


def test_atom_feeds_parse_and_keep_the_order(client, ingested_demo):
    response = client.get("/flux/departement/36/atom/")
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == "Vigie — Indre (36)"
    assert feed.feed.language == "fr"
    ids = [entry.id for entry in feed.entries]
    # An Atom id is an IRI: the official address of the text, ending with its JORFTEXT id.
    assert [i.rsplit("/", 1)[1] for i in ids] == edition_uids(ingested_demo, "36")
    assert all(i.startswith("https://www.legifrance.gouv.fr/jorf/id/") for i in ids)
    assert feed.entries[0].title.startswith("[Urgent] ")
    first = next(e for e in feed.entries if e.id.endswith(CATNAT))
    assert first.title.startswith("[Urgent] ")
    assert first.link == f"{settings.VIGIE_SITE_URL}/texte/{CATNAT}/"
    assert first.tags[0].term == "Risques, catastrophes et sécurité civile"
    assert "NOR : INTE2628031A" in first.summary


def test_national_feed_has_the_national_edition(client, ingested_demo):
    items = rss_items(client, "/flux/national/rss/")
    assert [i.findtext("guid") for i in items] == edition_uids(ingested_demo, "")
    assert PREFET not in [i.findtext("guid") for i in items]  # local to the Indre
    atom = feedparser.parse(client.get("/flux/national/atom/").content)
    assert atom.feed.title == "Vigie — Édition nationale"


def test_theme_feed_takes_national_then_local_texts(client, ingested_demo):
    guids = [i.findtext("guid") for i in rss_items(client, "/flux/theme/institutions/rss/")]
    national = [u for u in edition_uids(ingested_demo, "")
                if content(ingested_demo, "").item(u).theme == "institutions"]
    # Local texts follow, by département code: the Cher's (18), then the Indre's (36).
    assert guids == [*national, SOUS_PREFETE, PREFET]
    assert [i.findtext("guid") for i in rss_items(client, "/flux/theme/risques/rss/")] == [CATNAT]
    atom = feedparser.parse(client.get("/flux/theme/risques/atom/").content)
    assert atom.feed.title == "Vigie — Risques, catastrophes et sécurité civile"
    assert len(atom.entries) == 1
    assert rss_items(client, "/flux/theme/outre_mer/rss/") == []


@pytest.mark.parametrize("url", [
    "/flux/departement/99/rss/", "/flux/departement/2c/atom/", "/flux/theme/inconnu/rss/",
    "/flux/theme/inconnu/atom/", "/flux/departement/national/rss/",
])
def test_unknown_departement_or_theme_is_404(client, ingested_demo, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("typed, code", [("2a", "2A"), ("1", "01"), ("36", "36")])
def test_a_place_is_read_as_everywhere_else(client, ingested_demo, typed, code):
    """« 2a » is the Corse-du-Sud in a feed's address as in an edition's (issue 8): written
    otherwise than « 2A », the address leads (301) to the canonical one, not a duplicate."""
    for path in ("/edition/2026-10-14/{}/", "/flux/departement/{}/rss/",
                 "/flux/departement/{}/atom/", "/calendrier/departement/{}.ics"):
        response = client.get(path.format(typed))
        assert response.status_code == (200 if typed == code else 301)
        if typed != code:
            assert response["Location"] == path.format(code)
    items = rss_items(client, f"/flux/departement/{code}/rss/")
    assert [i.findtext("guid") for i in items] == edition_uids(ingested_demo, code)
    atom = ElementTree.fromstring(client.get(f"/flux/departement/{code}/atom/").content)
    self_link = next(link for link in atom.findall(f"{ATOM}link") if link.get("rel") == "self")
    assert self_link.get("href").endswith(f"/flux/departement/{code}/atom/")
    assert client.get(f"/calendrier/departement/{code}.ics").status_code == 200
    assert client.get(f"/api/editions/2026-10-14/{typed}/").json()["departement"] == code


def test_feeds_look_back_30_days_from_the_latest_edition(client, ingested_demo):
    for days, uid in ((29, "JORFTEXT000022222222"), (30, "JORFTEXT000011111111")):
        items = one_item_edition(ingested_demo, uid)
        store_edition(ingested_demo - timedelta(days=days), "36", items, title="ancienne",
                      fingerprint="x", items_count=1)
    guids = [i.findtext("guid") for i in rss_items(client, "/flux/departement/36/rss/")]
    assert guids == [*edition_uids(ingested_demo, "36"), "JORFTEXT000022222222"]


def test_a_control_character_in_an_item_does_not_break_its_feeds(client, ingested_demo):
    # XML 1.0 has no « \x01 »: one item holding it (read from a source before it was mended,
    # or typed in the newsroom) made every feed listing it a 500, for 30 days.
    item = replace(one_item_edition(ingested_demo, "JORFTEXT000044444444")[0],
                   short_title="Reprise\x01 des concessions\x08", essentials=("Le\x0bmaire",))
    store_edition(ingested_demo + timedelta(days=1), "36", [item], items_count=1)
    for url in ("/flux/departement/36/rss/", "/flux/departement/36/atom/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"Reprise des concessions" in response.content and b"Le maire" in response.content
    assert rss_items(client, "/flux/departement/36/rss/")[0].findtext("guid") == item.uid


def test_links_use_the_public_site_address(client, ingested_demo, settings):
    settings.VIGIE_SITE_URL = "https://vigie.example.fr"
    items = rss_items(client, "/flux/departement/36/rss/")
    assert {i.findtext("link") for i in items} >= {f"https://vigie.example.fr/texte/{CATNAT}/"}
    atom = ElementTree.fromstring(client.get("/flux/departement/36/atom/").content)
    self_link = next(link for link in atom.findall(f"{ATOM}link") if link.get("rel") == "self")
    assert self_link.get("href") == "https://vigie.example.fr/flux/departement/36/atom/"


def test_a_feed_without_editions_is_empty_not_an_error(client, ingested_demo):
    Edition.objects.all().delete()
    response = client.get("/flux/departement/18/rss/")
    assert response.status_code == 200
    assert ElementTree.fromstring(response.content).findall("./channel/item") == []
    assert not response.has_header("Last-Modified")  # nothing to validate against yet


@pytest.mark.parametrize("url", ["/flux/departement/36/rss/", "/flux/theme/risques/atom/",
                                 "/flux/national/atom/"])
def test_conditional_get_answers_304_until_an_edition_changes(client, ingested_demo, url):
    first = client.get(url)
    etag, modified = first["ETag"], first["Last-Modified"]
    assert etag and modified
    unchanged = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert unchanged.status_code == 304
    assert unchanged.content == b""
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH='"autre"').status_code == 200

    Edition.objects.get(date=ingested_demo, departement="36").save()  # a revision
    Edition.objects.get(date=ingested_demo, departement="").save()
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_rss_and_atom_have_different_validators(client, ingested_demo):
    rss = client.get("/flux/departement/36/rss/")["ETag"]
    atom = client.get("/flux/departement/36/atom/")["ETag"]
    assert rss != atom
    assert client.get("/flux/departement/36/atom/", HTTP_IF_NONE_MATCH=rss).status_code == 200


def atom_id(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return ElementTree.fromstring(response.content).findtext(f"{ATOM}id")


@pytest.mark.parametrize("url", ["/flux/departement/18/atom/", "/flux/national/atom/",
                                 "/flux/theme/risques/atom/", "/flux/rubrique/jo/atom/"])
def test_an_atom_feed_keeps_its_id_when_a_new_edition_comes(client, ingested_demo, url):
    """RFC 4287: a feed's id never changes. A place's feed took the address of its latest
    edition (« …/edition/2026-10-14/18/ », then « …/edition/2026-12-06/18/ »): readers saw a
    new feed with every edition. Its own address is its id; its link still leads to the
    latest edition."""
    before = atom_id(client, url)
    later = ingested_demo + timedelta(days=53)
    for code, uid in (("18", "JORFTEXT000033333318"), ("", "JORFTEXT000033333300")):
        store_edition(later, code, one_item_edition(ingested_demo, uid), title="nouvelle",
                      items_count=1)
    assert atom_id(client, url) == before
    if "/theme/" not in url and "/rubrique/" not in url:
        assert before == f"{settings.VIGIE_SITE_URL}{url}"
        feed = feedparser.parse(client.get(url).content)
        assert feed.feed.link.endswith(f"/edition/{later.isoformat()}/"
                                       f"{'18' if '18' in url else 'national'}/")


def test_descriptions_say_what_the_page_says(client, ingested_demo):
    """A text known from the sommaire only: « — connu par le sommaire seulement » and
    « Fiche sur Vigie », as on the page; the official text « Texte officiel (Légifrance) »,
    not « Texte officiel sur Légifrance »."""
    items = {i.findtext("guid"): i.findtext("description")
             for i in rss_items(client, "/flux/departement/18/rss/")}
    sommaire = items[SOUS_PREFETE]
    assert ("<p>Journal officiel n°0241 du 14 octobre 2026 — connu par le sommaire "
            "seulement</p>") in sommaire
    assert (f'<a href="{settings.VIGIE_SITE_URL}/texte/{SOUS_PREFETE}/">Fiche sur Vigie</a>'
            in sommaire)
    assert (f'<a href="https://www.legifrance.gouv.fr/jorf/id/{CATNAT}">Texte officiel '
            "(Légifrance)</a>") in items[CATNAT]
    assert "Texte officiel sur" not in "".join(items.values())
    assert "sommaire" not in items[CATNAT]


def test_an_outside_item_leads_to_its_origin(client, ingested_demo):
    from vigie.commands.demo import follow_sample_feeds

    assert follow_sample_feeds(lambda event: None) == 0
    items = {i.findtext("guid"): i.findtext("description")
             for i in rss_items(client, "/flux/departement/18/rss/")}
    # The source named once: by the reference (« BOAMP, avis n° … »), not again by the link.
    assert ('<p><a href="https://demo.vigie.invalid/boamp/26-990001">Lire sur le site de la '
            "source</a></p>") in items["BOAMP26-990001"]
    assert items["BOAMP26-990001"].count("BOAMP") == 1


def test_an_aid_brought_back_by_its_reminder_is_in_a_feed_once(client):
    """An aid published on 1 October that closes on the 20th comes back, urgent, in the
    edition of the 14th (its reminder): the feed of its département listed it twice, with the
    same guid (Atom: the same id). The reminder, the latest, is the entry kept."""
    from tests.editions.test_aid_reminders import aid, build, published

    days = (date(2026, 10, 1), date(2026, 10, 14))
    published(days)
    aid("AIDECHER", ["18"], False)
    Document.objects.filter(uid="AIDECHER").update(date_publi=days[0])
    build(days)
    assert "AIDECHER" in uids(days[0], "18") and "AIDECHER" in uids(days[1], "18")
    items = rss_items(client, "/flux/departement/18/rss/")
    guids = [i.findtext("guid") for i in items]
    assert guids.count("AIDECHER") == 1 and len(guids) == len(set(guids))
    aid_item = next(i for i in items if i.findtext("guid") == "AIDECHER")
    assert aid_item.findtext("pubDate").startswith("Wed, 14 Oct 2026")
    assert aid_item.findtext("title").startswith("[Urgent] ")
    atom = feedparser.parse(client.get("/flux/departement/18/atom/").content)
    ids = [entry.id for entry in atom.entries]
    assert len(ids) == len(set(ids)) and len(ids) == len(guids)
