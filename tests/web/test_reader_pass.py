"""What a new reader's pass over the pages found (trentième session), on the demonstration's
edition of 14 octobre 2026: an EU act's ELI is a link to its ``https://`` address; the
reasons a reader is given say what the text does, whom and where, without weights or the
policy's jargon (the API keeps them whole); a feed item names its source once; the link to
Vigie's page of a dossier or a question says what that page holds; ``/flux/`` lists every
feed with its address."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from contextlib import redirect_stdout
from datetime import date
from html import escape
from xml.etree import ElementTree

import pytest

from tests.web.pages import get, item_block
from vigie.editions.content import web_address
from vigie.editions.models import Edition
from vigie.editions.reading import content_of
from vigie.web import feeds
from vigie.web.reasons import plain_reasons

pytestmark = pytest.mark.django_db
ACT = "CELEX32026L9901"
ELI = "dir/2026/9901/oj"
CATNAT = "JORFTEXT000099000004"
DOSSIER, QUESTION, DECREE = "DLR5L17N99201", "QANR5L17QE99201", "JORFTEXT000099000006"
WEIGHT = re.compile(r"\([+\-\u2212]\d+,\d\)")


@pytest.fixture(scope="module")
def ingested_demo(django_db_setup, django_db_blocker) -> Iterator[date]:
    """The whole demonstration (``vigie demo --no-serve``: the JO, Parliament, EU acts,
    decisions, circulaires, news, notices and aids), once for the module, rolled back after."""
    from django.db import transaction

    from vigie.cli import main

    with django_db_blocker.unblock(), transaction.atomic():
        with redirect_stdout(io.StringIO()):
            assert main(["demo", "--no-serve"]) == 0
        yield date(2026, 10, 14)
        transaction.set_rollback(True)


def test_an_eu_acts_eli_is_its_https_address(client, ingested_demo):
    html, _ = get(client, "/edition/2026-10-14/18/")
    act = item_block(html, ACT)
    assert f'<a href="https://data.europa.eu/eli/{ELI}" hreflang="fr">Adresse permanente' in act
    own, _ = get(client, f"/texte/{ACT}/")
    assert f'href="https://data.europa.eu/eli/{ELI}"' in own
    for page in (html, own):
        assert "http://data.europa.eu" not in page  # no address dumped as text


def test_only_the_publications_offices_http_addresses_are_made_https():
    assert web_address(f"http://data.europa.eu/eli/{ELI}") == f"https://data.europa.eu/eli/{ELI}"
    for url in ("http://exemple.fr/eli/1", "http://data.europa.eu@evil.example/",
                "http://data.europa.eu/eli/\"onclick=x", "javascript:alert(1)",
                "http://data.europa.eu.evil.example/"):
        assert web_address(url) == "", url


def test_the_api_keeps_the_eli_as_published(client, ingested_demo):
    data = client.get(f"/api/textes/{ACT}/").json()
    assert data["eli"] == f"http://data.europa.eu/eli/{ELI}"


def reasons_shown(html: str) -> list[str]:
    block = html[html.index('class="reasons"'):]
    return re.findall(r"<li>(.*?)</li>", block[:block.index("</ul>")])


def test_a_reader_is_told_why_in_plain_french(client, ingested_demo):
    html, _ = get(client, f"/texte/{CATNAT}/")
    shown = reasons_shown(html)
    assert "désigne 17 communes de 4 départements" in shown
    assert "son titre parle de « catastrophe naturelle »" in shown
    for reason in shown:
        assert not WEIGHT.search(reason), reason
        assert "politique éditoriale" not in reason and not reason.startswith("malgré"), reason
        assert not reason.startswith("thème « "), reason


def test_the_weights_stay_for_programs(client, ingested_demo):
    reasons = client.get(f"/api/textes/{CATNAT}/").json()["analysis"]["reasons"]
    assert any(WEIGHT.search(reason) for reason in reasons)
    assert any("politique éditoriale" in reason for reason in reasons)


def test_plain_reasons_leave_out_the_policys_workings():
    assert plain_reasons([
        "indices de la politique éditoriale, sans collectivité nommée dans le titre (+2,1)",
        "vocabulaire des collectivités (notice) : « CCAS » (+1,5)",
        "malgré : rubrique « Textes généraux » (-0,4)",
        "émetteur : « intérieur »", "Publics concernés : Communes (+1,7)",
        "Publics concernés : Communes (+1,9)", "territoire de l'aide : Cher (18)",
    ]) == ["sa notice parle de « CCAS »", "Publics concernés : Communes",
           "territoire de l'aide : Cher (18)"]


def test_a_feed_item_names_its_source_once(ingested_demo):
    edition = Edition.objects.get(date=ingested_demo, departement="18")
    outside = [item for item in content_of(edition).items() if item.origin]
    assert len(outside) >= 8  # decisions, acts, circulaires, news, notices, aids
    for item in outside:
        described = feeds.item_description(item)
        assert described.count(escape(item.origin.label, quote=False)) == 1, described
        assert f'href="{escape(item.origin.href)}"' in described  # its link stays


def test_a_feed_item_of_an_aid_in_the_served_feed(client, ingested_demo):
    response = client.get("/flux/departement/18/rss/")
    items = ElementTree.fromstring(response.content).findall("./channel/item")
    (aid,) = [i for i in items if "Rénovation énergétique" in i.findtext("title")]
    described = aid.findtext("description")
    assert described.count("Fonds de démonstration pour la transition") == 1, described
    assert ">Lire sur le site de la source</a>" in described


def test_the_link_to_vigies_page_says_what_it_holds(client, ingested_demo):
    html, _ = get(client, "/edition/2026-10-14/national/")
    dossier, question = item_block(html, DOSSIER), item_block(html, QUESTION)
    assert "Texte intégral sur Vigie" not in dossier + question
    assert f'href="/texte/{DOSSIER}/">Le dossier législatif sur Vigie' in dossier
    assert f'href="/texte/{QUESTION}/">La question et sa réponse sur Vigie' in question
    assert "Texte intégral sur Vigie" in item_block(html, DECREE)  # a full text still is


def test_a_chambers_page_is_no_official_text(client, ingested_demo):
    """The chamber's page of a dossier or a question is its official page, not a text; the
    question's own page heads its body as a question, not « Texte intégral »."""
    html, _ = get(client, "/edition/2026-10-14/national/")
    dossier, question = item_block(html, DOSSIER), item_block(html, QUESTION)
    assert "Texte officiel" not in dossier + question
    assert ">Page officielle (Assemblée nationale)" in dossier
    assert ">Page officielle (Assemblée nationale)" in question
    assert ">Texte officiel (Légifrance)" in item_block(html, DECREE)
    own, _ = get(client, f"/texte/{QUESTION}/")
    assert '<h2 id="texte">La question et sa réponse</h2>' in own
    decree, _ = get(client, f"/texte/{DECREE}/")
    assert '<h2 id="texte">Texte intégral</h2>' in decree


def test_the_list_of_feeds(client, ingested_demo, settings):
    html, page = get(client, "/flux/")
    assert page.h1 == "Flux RSS, Atom et calendriers"
    site = settings.VIGIE_SITE_URL
    for path in ("/flux/national/rss/", "/flux/national/atom/", "/calendrier/national.ics",
                 "/flux/departement/18/rss/", "/flux/departement/2A/atom/",
                 "/calendrier/departement/976.ics", "/flux/theme/risques/rss/",
                 "/calendrier/theme/finances.ics", "/flux/rubrique/parlement/atom/"):
        assert f'href="{site}{path}"' in html and f"<code class=\"breakable\">{site}{path}" in html
        assert client.get(path).status_code == 200, path  # the addresses listed are served
    assert "Cher (18)" in html and "Finances et fiscalité locales" in html


def test_the_list_of_feeds_is_linked_from_every_page_and_the_editions(client, ingested_demo):
    for path in ("/", "/archives/", f"/texte/{CATNAT}/"):
        html, _ = get(client, path)
        assert '<a href="/flux/">Flux RSS, Atom et calendriers</a>' in html, path
    html, _ = get(client, "/edition/2026-10-14/18/")
    follow = html[html.index("Suivre cette édition"):]
    assert '<a href="/flux/">Tous les flux' in follow


def test_small_pieces_alone_are_said_as_such():
    """A text kept on many small pieces (its nature, words of its title), none a reason a
    reader would understand: the page says so rather than nothing."""
    assert plain_reasons([
        "nature du texte : décret, sommaire sans rubrique (+0,7)",
        "nature du texte : décret (+0,4)", "mot du titre « salaire » (+0,2)",
        "malgré : aucune collectivité, ni ses élus, ni ses agents n'est nommée dans le titre"
        " (-0,8)", "thème « Ressources humaines » : émetteur : « travail »",
        "Pas d'essentiel extrait : texte connu par le sommaire seulement",
    ]) == ["décision prise sur un faisceau de petits indices, aucun décisif à lui seul : "
           "sa nature (décret), des mots de son titre"]
    assert plain_reasons(["malgré : rubrique « Textes généraux » (-0,4)"]) == []


def test_small_pieces_name_the_words_of_the_theme_they_hold():
    """Only the policy's own pieces and the theme's vocabulary: the page names those words
    (« code de l'action sociale et des familles »), not nothing."""
    assert plain_reasons([
        "indices de la politique éditoriale : 2 points ou plus (+1,0)",
        "thème « Action sociale, santé et solidarités » : vocabulaire du domaine « Action "
        "sociale, santé et solidarités » (« code de l'action sociale et des familles »), "
        "émetteur : « solidarités »",
    ]) == ["décision prise sur un faisceau de petits indices, aucun décisif à lui seul : "
           "le vocabulaire de son thème (« code de l'action sociale et des familles »)"]
