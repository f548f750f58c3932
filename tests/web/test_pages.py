"""The pages for people, through Django's test client, on the demonstration edition: the
home and edition pages, the reader's département, addresses unknown, the style sheet and the
footer; each checked for the structure accessibility asks for (``pages.assert_accessible``).
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from tests.editions.stored import store_edition, uids
from tests.web.pages import (
    CATNAT,
    ELUS,
    LOCAL_FLAG,
    PREFET,
    SOUS_PREFETE,
    assert_accessible,
    get,
    item_block,
    items_between,
)
from vigie.editions.content import Item
from vigie.editions.models import Edition

pytestmark = pytest.mark.django_db


# --- Home and the reader's département --------------------------------------------------------

def test_home_shows_the_latest_national_edition_and_every_departement(client, ingested_demo):
    html, page = get(client, "/")
    assert page.h1 == "L'actualité du mercredi 14 octobre 2026 — Édition nationale"
    assert '<option value="18">Cher (18)</option>' in html
    assert '<option value="2A">Corse-du-Sud (2A)</option>' in html
    assert '<option value="974">La Réunion (974)</option>' in html
    assert len(re.findall(r'<option value="\w+">[^<]+ \(\w+\)</option>', html)) == 107
    assert PREFET not in items_between(html) and CATNAT in items_between(html)
    assert_accessible(page)


def test_choosing_a_departement_is_remembered_by_a_cookie(client, ingested_demo):
    response = client.get("/departement/", {"code": "18"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert response.cookies["vigie_departement"].value == "18"
    html, page = get(client, "/")  # the client keeps the cookie
    assert page.h1 == "L'actualité du mercredi 14 octobre 2026 — Cher (18)"
    assert '<option value="18" selected>Cher (18)</option>' in html
    assert LOCAL_FLAG in item_block(html, CATNAT)
    assert SOUS_PREFETE in items_between(html)
    assert "Voir l'édition nationale" in html  # a way back to the national edition

    response = client.get("/departement/", {"code": "national"})
    assert response.cookies["vigie_departement"].value == ""  # forgotten
    _, page = get(client, "/")
    assert page.h1.endswith("Édition nationale")


def test_choosing_with_a_date_goes_to_that_edition(client, ingested_demo):
    response = client.get("/departement/", {"code": "2a", "date": "2026-10-14"})
    assert response["Location"] == "/edition/2026-10-14/2A/"
    assert client.get("/departement/", {"code": "99"}).status_code == 404


def test_an_unknown_departement_in_the_cookie_means_national(client, ingested_demo):
    client.cookies["vigie_departement"] = "99"
    _, page = get(client, "/")
    assert page.h1.endswith("Édition nationale")


def test_home_without_any_edition_says_how_to_get_one(client):
    Edition.objects.all().delete()  # the module's sample may be loaded already
    html, page = get(client, "/")
    assert page.h1 == "Aucune édition pour l'instant"
    assert "vigie sync" in html and "vigie demo" in html


# --- Editions ---------------------------------------------------------------------------------

def test_a_departement_edition(client, ingested_demo):
    html, page = get(client, "/edition/2026-10-14/18/")
    assert page.h1 == "L'actualité du mercredi 14 octobre 2026 — Cher (18)"
    assert "Journal officiel n°0241 du mercredi 14 octobre 2026" in html
    assert ("Risques, catastrophes et sécurité civile" in
            [text for level, text in page.headings if level == 3])
    catnat = item_block(html, CATNAT)
    assert LOCAL_FLAG in catnat and "Urgent" in catnat
    assert f'href="/texte/{CATNAT}/">Reconnaissance de l' in catnat  # short title, linked
    assert "Arrêté du 6 octobre 2026 portant reconnaissance" in catnat  # official title
    assert "&gt;&gt;</span> L&#x27;état de catastrophe naturelle est constaté" in catnat
    # non-breaking spaces: « NOR » and « : INTE… » stay on one line on a telephone
    assert "Journal officiel n°0241 du 14 octobre 2026 — NOR\u00a0: INTE2628031A" in catnat
    assert "Texte intégral sur Vigie" in catnat and "Texte officiel (Légifrance)" in catnat
    assert f"https://www.legifrance.gouv.fr/jorf/id/{CATNAT}" in catnat
    assert "/eli/arrete/2026/10/6/INTE2628031A/jo/texte" in catnat
    # Which of its communes, and how (annexes I and II of the arrêté), in the text's order.
    assert "Communes de votre département concernées (6) :" in catnat
    listed = re.findall(r"<li><strong>([^<]+)</strong> : <span class=\"commune-status[^\"]*\">"
                        r"([^<]+)</span> — ([^<]+)</li>", catnat)
    assert [(name, status) for name, status, _ in listed][::5] == [
        ("Bourges", "reconnue"), ("Sancerre", "non reconnue")]
    assert listed[0][2] == ("mouvements de terrain différentiels consécutifs à la sécheresse "
                            "et à la réhydratation des sols, du 1er juillet au 30 septembre 2025")
    assert "Communes de votre département" not in item_block(html, SOUS_PREFETE)  # named only
    assert LOCAL_FLAG not in item_block(html, ELUS)
    assert "Entrée en vigueur" in item_block(html, "JORFTEXT000099000009")
    assert "Aucun autre texte intéressant les collectivités n&#x27;a été publié." in html
    assert "Édition mise à jour" not in html
    assert PREFET not in items_between(html)
    assert_accessible(page)


def test_the_contents_list_the_urgent_texts_first(client, ingested_demo):
    """« 2 urgents » in the kicker, then to be found among the themes: the contents open on
    them, as the digest does, each linked to its place in the page."""
    html, page = get(client, "/edition/2026-10-14/18/")
    contents = html.split('id="sommaire-edition"', 1)[1].split("</nav>", 1)[0]
    assert "À lire en priorité (2 urgents)" in contents
    urgent = re.findall(r'<li><a href="#t-([A-Z0-9]+)">', contents.split("toc--urgent", 1)[1]
                        .split("</ul>", 1)[0])
    assert CATNAT in urgent and len(urgent) == 2
    assert all(f'id="t-{uid}"' in html for uid in urgent)
    assert "masthead__urgent\">2 urgents" in html
    assert_accessible(page)


def test_the_national_edition_has_no_local_nomination(client, ingested_demo):
    html, page = get(client, "/edition/2026-10-14/national/")
    assert page.h1 == "L'actualité du mercredi 14 octobre 2026 — Édition nationale"
    assert PREFET not in items_between(html) and SOUS_PREFETE not in items_between(html)
    assert LOCAL_FLAG not in html and "Communes de votre département" not in html
    assert items_between(html) == uids(ingested_demo, "")  # the stored order


def test_the_indre_edition_has_its_prefet(client, ingested_demo):
    html, page = get(client, "/edition/2026-10-14/36/")
    assert page.h1.endswith("Indre (36)")
    assert PREFET in items_between(html)
    assert LOCAL_FLAG in item_block(html, PREFET)
    assert "préfet de l&#x27;Indre" in item_block(html, PREFET)


def test_a_revised_edition_says_so(client, ingested_demo):
    edition = Edition.objects.get(date=ingested_demo, departement="18")
    edition.frame = {**edition.frame, "revised": True}
    edition.revision = 2
    edition.save()
    html, _ = get(client, "/edition/2026-10-14/18/")
    assert "Édition mise à jour" in html


def an_item(uid: str = ELUS) -> Item:
    return Item(uid=uid, rubric="jo", title="Décret relatif aux élus", short_title="Élus",
                theme="institutions", reference="Journal officiel n°0240")


def test_previous_and_next_editions_are_linked(client, ingested_demo):
    before = ingested_demo - timedelta(days=1)
    store_edition(before, "18", [an_item()], title="L'actualité du mardi",
                  frame={"headers": {}, "closing": ""})
    html, _ = get(client, "/edition/2026-10-14/18/")
    assert 'href="/edition/2026-10-13/18/" rel="prev"' in html
    assert "Édition précédente : mardi 13 octobre 2026" in html
    html, _ = get(client, "/edition/2026-10-13/18/")
    assert 'href="/edition/2026-10-14/18/" rel="next"' in html
    assert "rel=\"prev\"" not in html


def test_previous_and_next_editions_skip_the_empty_ones(client, ingested_demo):
    """An edition without texts (« 0 texte — Aucun texte… ») is no day of publication: the
    archive leaves it out, so do the links to the previous and next editions."""
    store_edition(ingested_demo - timedelta(days=1), "18", title="Mardi, vide")
    store_edition(ingested_demo - timedelta(days=2), "18", [an_item()], title="Lundi",
                  frame={"headers": {}, "closing": ""})
    store_edition(ingested_demo + timedelta(days=1), "", title="Jeudi, vide")
    html, _ = get(client, "/edition/2026-10-14/18/")
    assert 'href="/edition/2026-10-12/18/" rel="prev"' in html
    assert "Édition précédente : lundi 12 octobre 2026" in html
    html, _ = get(client, "/edition/2026-10-12/18/")
    assert 'href="/edition/2026-10-14/18/" rel="next"' in html
    html, _ = get(client, "/")
    assert 'href="/edition/2026-10-15/national/"' not in html and 'rel="next"' not in html
    html, _ = get(client, "/edition/2026-10-13/18/")  # the empty one still answers, if asked
    assert 'href="/edition/2026-10-12/18/" rel="prev"' in html


@pytest.mark.parametrize("url", [
    "/edition/2026-10-15/18/", "/edition/2026-10-14/99/", "/edition/14-10-2026/18/",
    "/edition/2026-02-30/national/", "/texte/JORFTEXT000000000001/", "/nulle-part/",
])
def test_unknown_addresses_get_a_french_404(client, ingested_demo, url):
    html, page = get(client, url, status=404)
    assert page.h1 == "Page introuvable"
    assert "ne correspond à aucune page de Vigie" in html
    assert_accessible(page)


# --- Style, without DEBUG ---------------------------------------------------------------------

def test_the_style_sheet_is_served_without_debug(client, settings):
    assert not settings.DEBUG
    response = client.get("/vigie.css")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    css = response.content.decode()
    assert ":focus-visible" in css and "@media print" in css and "@media (min-width" in css


def test_the_icon_browsers_ask_for_is_the_pages_icon(client):
    """Showing a feed, a calendar or the API's JSON, browsers ask for /favicon.ico: a 404 and a
    warning in the log at each visit."""
    from pathlib import Path
    from urllib.parse import unquote

    import vigie.web

    response = client.get("/favicon.ico")
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    assert "max-age=604800" in response["Cache-Control"]
    base = Path(vigie.web.__file__).parent / "templates" / "web" / "base.html"
    page = base.read_text(encoding="utf-8")
    inline = unquote(page.split('rel="icon" href="data:image/svg+xml,', 1)[1].split('"', 1)[0])
    assert response.content.decode() == inline  # the same icon


def test_the_footer_credits_the_sources(client, ingested_demo):
    html, _ = get(client, "/")
    footer = html[html.index("<footer"):]
    assert "DILA" in footer and "Licence Ouverte 2.0" in footer


def test_a_title_said_by_the_headline_is_not_written_again_below_it(client, vigie, shared):
    """The real sommaire of 19 August 2026 lists decisions of the Conseil constitutionnel
    whose headline is their whole title (« Décision n° 2026-910 DC du 14 août 2026 »): the
    page wrote it a second time under the headline, which the e-mail (``Item.title_line``)
    does not; a title the headline shortens is still given whole."""
    folder = shared("corpus", "jorf", "jorfsimple", "france-transparence")
    assert vigie("ingest", folder)[0] == 0
    page = client.get("/edition/2026-08-19/national/").content.decode()
    decision = page[page.index('id="t-JORFTEXT000054707698"'):]
    decision = decision[:decision.index("</article>")]
    assert "Décision n° 2026-910 DC du 14 août 2026" in decision
    assert 'class="item__official"' not in decision
    assert ('<p class="item__official">Décret n° 2026-800 du 17 août 2026 pris pour '
            "l&#x27;application de l&#x27;article 15") in page
