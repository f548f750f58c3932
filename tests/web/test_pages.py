"""The pages for people, through Django's test client, on the demonstration edition.

Also the structure accessibility asks for (RGAA): French, one h1, headings in order,
landmarks, a skip link, a label for every field.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from html.parser import HTMLParser

import pytest

from tests.editions.stored import store_edition, uids
from vigie.editions.models import Edition

pytestmark = pytest.mark.django_db

CATNAT, ELUS, ARMEMENT = "JORFTEXT000099000004", "JORFTEXT000099000006", "JORFTEXT000099000005"
PREFET, SOUS_PREFETE = "JORFTEXT000099000010", "JORFTEXT000099000011"  # Indre (36), Cher (18)
LOCAL_FLAG = "Dans votre département"


class Page(HTMLParser):
    """What the tests read of a page: headings, landmarks, fields and their labels, links."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.headings: list[tuple[int, str]] = []
        self.tags: list[str] = []
        self.ids: set[str] = set()
        self.labels: set[str] = set()
        self.fields: list[str] = []
        self.links: list[str] = []
        self.lang = ""
        self._heading: int | None = None
        self._text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.append(tag)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "html":
            self.lang = a.get("lang", "")
        elif tag == "label" and "for" in a:
            self.labels.add(a["for"])
        elif tag == "a" and "href" in a:
            self.links.append(a["href"])
        elif tag in ("select", "textarea") or (
                tag == "input" and a.get("type") not in ("hidden", "submit")):
            self.fields.append(a.get("id", "?"))
        elif re.fullmatch(r"h[1-6]", tag):
            self._heading, self._text = int(tag[1]), []

    def handle_endtag(self, tag: str) -> None:
        if self._heading and tag == f"h{self._heading}":
            self.headings.append((self._heading, " ".join("".join(self._text).split())))
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._heading:
            self._text.append(data)

    @property
    def h1(self) -> str:
        return next(text for level, text in self.headings if level == 1)


def get(client, url: str, status: int = 200, **kwargs) -> tuple[str, Page]:
    response = client.get(url, **kwargs)
    assert response.status_code == status, (url, response.status_code)
    html = response.content.decode()
    return html, Page(html)


def items_between(html: str) -> list[str]:
    """The identifiers of the items of an edition page, in page order."""
    return re.findall(r'id="t-(JORFTEXT\d+)"', html)


def item_block(html: str, uid: str) -> str:
    start = html.index(f'id="t-{uid}"')
    start = html.rindex("<article", 0, start)
    return html[start:html.index("</article>", start)]


def assert_accessible(page: Page) -> None:
    assert page.lang == "fr"
    assert [level for level, _ in page.headings].count(1) == 1, page.headings
    levels = [level for level, _ in page.headings]
    assert levels[0] == 1
    for before, after in zip(levels, levels[1:], strict=False):
        assert after <= before + 1, f"titre h{after} après h{before} : {page.headings}"
    for landmark in ("header", "nav", "main", "footer"):
        assert landmark in page.tags, landmark
    assert "#contenu" in page.links and "contenu" in page.ids  # skip link and its target
    unlabelled = [f for f in page.fields if f not in page.labels]
    assert not unlabelled, f"champs sans étiquette : {unlabelled}"


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
    assert "Journal officiel n°0241 du 14 octobre 2026 — NOR : INTE2628031A" in catnat
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


def test_previous_and_next_editions_are_linked(client, ingested_demo):
    before = ingested_demo - timedelta(days=1)
    store_edition(before, "18", title="L'actualité du mardi",
                  frame={"headers": {}, "closing": ""})
    html, _ = get(client, "/edition/2026-10-14/18/")
    assert 'href="/edition/2026-10-13/18/" rel="prev"' in html
    assert "Édition précédente : mardi 13 octobre 2026" in html
    html, _ = get(client, "/edition/2026-10-13/18/")
    assert 'href="/edition/2026-10-14/18/" rel="next"' in html
    assert "rel=\"prev\"" not in html


@pytest.mark.parametrize("url", [
    "/edition/2026-10-15/18/", "/edition/2026-10-14/99/", "/edition/14-10-2026/18/",
    "/edition/2026-02-30/national/", "/texte/JORFTEXT000000000001/", "/nulle-part/",
])
def test_unknown_addresses_get_a_french_404(client, ingested_demo, url):
    html, page = get(client, url, status=404)
    assert page.h1 == "Page introuvable"
    assert "ne correspond à aucune page de Vigie" in html
    assert_accessible(page)


# --- The page of a text -----------------------------------------------------------------------

def test_the_page_of_a_text(client, ingested_demo):
    html, page = get(client, f"/texte/{CATNAT}/")
    assert page.h1 == "Arrêté du 6 octobre 2026 portant reconnaissance de l'état de catastrophe " \
                      "naturelle"
    titles = [text for _, text in page.headings]
    for heading in ("L'essentiel", "Texte intégral", "Pourquoi ce texte ?", "Territoires",
                    "Références", "Provenance", "Signataires"):
        assert heading in titles, heading
    articles = [text for text in titles if text.startswith("Article")]
    assert articles[:3] == ["Article 1", "Article 2", "Article 3"]
    assert "<table" in html  # the annex table, as the parser sanitised it
    assert "Retenu pour toutes les éditions" in html
    assert "INTE2628031A" in html and "Ministère de l&#x27;intérieur" in html
    assert "Bourges (commune, Cher (18))" in html
    assert f"https://www.legifrance.gouv.fr/jorf/id/{CATNAT}" in html
    assert "JORFSIMPLE_20261014-011502" in html  # provenance
    assert 'href="/edition/2026-10-14/national/"' in html  # where Vigie showed it
    assert_accessible(page)


def test_a_text_known_from_the_sommaire_only(client, ingested_demo):
    html, page = get(client, f"/texte/{ARMEMENT}/")
    assert "délégation de signature" in page.h1
    assert "connu par le sommaire du Journal officiel seulement" in html
    assert "Non retenu" in html
    assert_accessible(page)


def test_a_text_known_from_the_sommaire_only_offers_no_full_text(client, ingested_demo):
    from vigie.editions.content import Item

    later = ingested_demo + timedelta(days=1)
    store_edition(later, "", [Item(uid=ARMEMENT, rubric="jo", title="Arrêté de délégation",
                                   short_title="Délégation", theme="institutions",
                                   reference="Journal officiel n°0242", status="sommaire")],
                  title="L'actualité du jeudi 15 octobre 2026")
    html, _ = get(client, "/edition/2026-10-15/national/")
    block = item_block(html, ARMEMENT)
    assert "connu par le sommaire seulement" in block
    assert "Texte intégral sur Vigie" not in block and "Fiche sur Vigie" in block


def test_a_nor_leads_to_its_text(client, ingested_demo):
    response = client.get("/texte/INTE2628031A/")
    assert response.status_code == 302 and response["Location"] == f"/texte/{CATNAT}/"


# --- Archive ----------------------------------------------------------------------------------

def test_the_archive_lists_dates_by_month(client, ingested_demo):
    html, page = get(client, "/archives/")
    assert page.h1 == "Archives des éditions"
    assert "Octobre 2026" in [text for level, text in page.headings if level == 2]
    assert 'href="/edition/2026-10-14/national/"' in html
    assert "Mercredi 14 octobre 2026" in html
    assert_accessible(page)


def test_the_archive_is_paginated_and_shows_the_chosen_departement(client, ingested_demo):
    start = date(2026, 6, 1)
    Edition.objects.bulk_create(
        Edition(date=start + timedelta(days=n), departement="", title=f"Jour {n}",
                frame={}, items_count=1) for n in range(45))
    client.cookies["vigie_departement"] = "18"
    html, page = get(client, "/archives/")
    assert "46 jours d'édition" in html
    assert 'href="/edition/2026-10-14/18/"' in html  # the chosen département's edition
    assert 'href="?page=2"' in html and "Page suivante" in html
    html, page = get(client, "/archives/?page=2")
    months = [text for level, text in page.headings if level == 2]
    assert months == ["Juin 2026"]
    assert "Lundi 1er juin 2026" in html and "Page précédente" in html
    assert get(client, "/archives/?page=zz")[1].h1 == "Archives des éditions"


def test_empty_editions_are_no_days_of_publication(client, ingested_demo):
    """An edition without texts (built by an older Vigie for a day without an issue, or a day
    with nothing for the collectivités) is neither listed in the archive nor opened by the
    home page, which opens on the latest edition that has texts."""
    later = ingested_demo + timedelta(days=5)  # Monday 19
    store_edition(later, "", title="L'actualité du lundi 19 octobre 2026 — vide")
    store_edition(later, "18", title="L'actualité du lundi 19 octobre 2026 — vide")
    html, _ = get(client, "/archives/")
    assert "1 jour d'édition" in html and "19 octobre" not in html
    _, page = get(client, "/")
    assert page.h1 == "L'actualité du mercredi 14 octobre 2026 — Édition nationale"
    client.cookies["vigie_departement"] = "18"
    _, page = get(client, "/")
    assert page.h1 == "L'actualité du mercredi 14 octobre 2026 — Cher (18)"


# --- Search -----------------------------------------------------------------------------------

def hits(html: str) -> list[str]:
    return re.findall(r'<h3 class="hit__title"><a href="/texte/(JORFTEXT\d+)/">', html)


def test_the_search_form_alone(client, ingested_demo):
    html, page = get(client, "/recherche/")
    assert page.h1 == "Rechercher dans le Journal officiel"
    assert "résultat" not in html
    assert_accessible(page)


@pytest.mark.parametrize("query", ["élus", "elus", "ÉLUS"])
def test_search_ignores_accents_and_case(client, ingested_demo, query):
    html, page = get(client, "/recherche/", data={"q": query})
    assert hits(html) == [ELUS]
    assert "<mark>élus</mark>" in html
    assert "1 résultat" in html
    assert_accessible(page)


def test_search_finds_plurals_and_texts_not_retained(client, ingested_demo):
    html, _ = get(client, "/recherche/", data={"q": "élections"})
    assert hits(html) == ["JORFTEXT000099000003"]
    html, _ = get(client, "/recherche/", data={"q": "meunerie"})
    assert hits(html) == ["JORFTEXT000099000013"]
    assert "Retenu pour les collectivités" not in html


def test_search_filters(client, ingested_demo):
    html, _ = get(client, "/recherche/", data={"q": "", "theme": "risques"})
    assert hits(html) == [CATNAT]
    html, _ = get(client, "/recherche/", data={"departement": "36"})
    assert set(hits(html)) == {CATNAT, PREFET}
    html, _ = get(client, "/recherche/", data={"nature": "LOI"})
    assert hits(html) == ["JORFTEXT000099000002"]
    html, _ = get(client, "/recherche/", data={"q": "nomination", "retenus": "on"})
    assert set(hits(html)) == {PREFET, SOUS_PREFETE}
    html, _ = get(client, "/recherche/", data={"du": "2026-10-15"})
    assert "Aucun résultat" in html
    html, _ = get(client, "/recherche/", data={"du": "14/10/2026", "au": "2026-10-14",
                                              "role": "rh", "rubric": "jo"})
    assert hits(html) == ["JORFTEXT000099000007"]


def test_search_reports_invalid_filters_in_french(client, ingested_demo):
    html, _ = get(client, "/recherche/", data={"du": "2026-10-20", "au": "2026-10-01"})
    assert "La date de début est postérieure à la date de fin." in html
    html, _ = get(client, "/recherche/", data={"theme": "inconnu"})
    assert "Sélectionnez un choix valide" in html
    assert hits(html) == []


def test_search_is_paginated(client, ingested_demo, monkeypatch):
    monkeypatch.setattr("vigie.web.views.search.PER_PAGE", 4)
    html, _ = get(client, "/recherche/", data={"q": "", "tri": "date"})
    assert "15 résultats — page 1 sur 4" in html
    assert len(hits(html)) == 4
    assert 'href="?tri=date&amp;page=2"' in html
    html, _ = get(client, "/recherche/", data={"tri": "date", "page": "4"})
    assert "page 4 sur 4" in html and len(hits(html)) == 3
    assert '<ol class="hits" start="13">' in html


# --- Style, without DEBUG ---------------------------------------------------------------------

def test_the_style_sheet_is_served_without_debug(client, settings):
    assert not settings.DEBUG
    response = client.get("/vigie.css")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    css = response.content.decode()
    assert ":focus-visible" in css and "@media print" in css and "@media (min-width" in css


def test_the_footer_credits_the_sources(client, ingested_demo):
    html, _ = get(client, "/")
    footer = html[html.index("<footer"):]
    assert "DILA" in footer and "Licence Ouverte 2.0" in footer
