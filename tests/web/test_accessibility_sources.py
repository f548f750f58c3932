"""The pages of the newer sources (acts of EU law, court decisions, awarded contracts) as a
reader with a screen reader or a phone meets them: what an audit of the real corpus with
axe-core, screenshots and the keyboard found wrong (RGAA 8.7 « changement de langue », dates
that read as another's, a footer that named the Journal officiel alone).

Checked on the rendered HTML with lxml; ``test_browser_sources`` reads the same in Chromium."""

from __future__ import annotations

import json
import quopri

import pytest
from lxml import html as lxml_html

from tests.documents.eu_notices import WATER, expression_notice, work_notice
from tests.documents.test_decp import RECORDS
from tests.documents.test_judilibre import ANSWER, EXPROPRIATION
from vigie.documents.eu_store import act_uid
from vigie.documents.judilibre_store import decision_uid

pytestmark = pytest.mark.django_db
ENGLISH_TITLE = ("Directive (EU) 2026/2110 of the European Parliament and of the Council of "
                 "7 October 2026 amending Directive (EU) 2020/2184 on the quality of water "
                 "intended for human consumption")


def english_notices() -> list[tuple[str, str]]:
    """The test notices of the Water directive as the Office gives an act it has not put
    into French yet: labels in English (``decoding="eng"``), an English expression only."""
    work = (work_notice().replace('decoding="fra"', 'decoding="eng"')
            .replace("eau potable", "drinking water").replace("santé publique", "public health")
            .replace("Protection et gestion des eaux", "Water protection and management"))
    expression = expression_notice(title=ENGLISH_TITLE, language="ENG").replace(
        'decoding="fra"', 'decoding="eng"')
    return [("work.xml", work), ("expression.xml", expression)]


@pytest.fixture
def english_act(vigie, tmp_path) -> str:
    for name, text in english_notices():
        (tmp_path / name).write_text(text, encoding="utf-8")
        assert vigie("ingest", tmp_path / name)[0] == 0
    return act_uid(WATER)


def page_of(client, url: str) -> lxml_html.HtmlElement:
    response = client.get(url)
    assert response.status_code == 200, url
    return lxml_html.fromstring(response.content.decode())


def references(page: lxml_html.HtmlElement) -> list[str]:
    return [" ".join(dt.text_content().split()) for dt in page.xpath("//dl[@class='facts']//dt")]


def in_language(page: lxml_html.HtmlElement, code: str) -> list[str]:
    return [" ".join(e.text_content().split()) for e in page.xpath(f"//main//*[@lang='{code}']")]


def test_the_english_words_of_an_eu_act_say_their_language(client, english_act):
    """Its title (in L'essentiel and the references), its EuroVoc concepts and the directory's
    heading are English on a French page: each carries ``lang="en"`` so that a screen reader
    reads it in English (RGAA 8.7); the references say in which language they are."""
    page = page_of(client, f"/texte/{english_act}/")
    english = in_language(page, "en")
    assert english.count(ENGLISH_TITLE) == 2  # L'essentiel, Références
    for label in ("drinking water", "public health", "Water protection and management"):
        assert label in english, label
    assert not [words for words in english if "Thésaurus" in words or "Directive (UE)" in words]
    terms = references(page)
    assert "Thésaurus EuroVoc (anglais)" in terms and "Intitulé publié (anglais)" in terms
    edition = page_of(client, "/edition/2026-10-14/national/")
    assert ENGLISH_TITLE in in_language(edition, "en")
    assert "drinking water" in in_language(edition, "en")


def test_an_act_described_in_french_marks_no_other_language(client, vigie, tmp_path):
    for name, text in (("work.xml", work_notice()), ("expression.xml", expression_notice())):
        (tmp_path / name).write_text(text, encoding="utf-8")
        assert vigie("ingest", tmp_path / name)[0] == 0
    page = page_of(client, f"/texte/{act_uid(WATER)}/")
    assert not page.xpath("//main//*[@lang]")
    terms = references(page)
    assert "Thésaurus EuroVoc" in terms


@pytest.fixture
def decisions(vigie, tmp_path) -> None:
    path = tmp_path / "judilibre.json"
    path.write_text(json.dumps(ANSWER), encoding="utf-8")
    assert vigie("ingest", path)[0] == 0


def test_a_decisions_page_is_dated_by_the_decision_and_its_footer_names_its_source(
        client, decisions):
    """Over the title « …, 24 septembre 2026, n° … » the page said « 14 octobre 2026 », the
    day Judilibre updated it (on the real corpus, the day Vigie read the file); and the footer
    said that only the Journal officiel is authentic, under « le texte qui fait foi est sur le
    site de la source »."""
    page = page_of(client, f"/texte/{decision_uid(EXPROPRIATION['id'])}/")
    kicker = " ".join(page.xpath("//p[@class='masthead__kicker']")[0].text_content().split())
    assert kicker == "Décision de justice · Judilibre · 24 septembre 2026"
    footer = " ".join(page.xpath("//footer")[0].text_content().split())
    assert "seul le texte publié au Journal officiel fait foi" not in footer
    for named in ("Judilibre", "EUR-Lex", "Assemblée nationale", "seul le texte publié par sa "
                  "source"):
        assert named in footer, named


def test_a_decision_found_by_the_search_says_what_its_date_is(client, decisions):
    """The hit's date is the day the decision entered Vigie's editions, not its own (which
    its title gives): « Signalée le »."""
    page = page_of(client, "/recherche/?q=expropriation")
    metas = [" ".join(p.text_content().split()) for p in page.xpath("//p[@class='hit__meta']")]
    assert metas and all(meta.startswith("Signalée le 14 octobre 2026") for meta in metas)


def test_a_contract_with_lost_characters_says_they_were_lost_by_its_source(client, vigie,
                                                                            tmp_path):
    """A DECP record whose publisher's encoding lost its accents (« Soci\ufffdt\ufffd »):
    the page says so instead of showing « \ufffd » unexplained."""
    path = tmp_path / "decp.json"
    path.write_text(json.dumps(RECORDS), encoding="utf-8")
    assert vigie("ingest", path)[0] == 0
    hits = page_of(client, "/recherche/?q=prestations+juridiques").xpath("//h3/a/@href")
    assert len(hits) == 1
    page = page_of(client, hits[0])
    notes = [" ".join(p.text_content().split()) for p in page.xpath("//p[@class='notice-info']")]
    assert any("\ufffd » de cette fiche sont ceux que la source a perdus" in n for n in notes)
    school = page_of(client, page_of(client, "/recherche/?q=couvertures").xpath("//h3/a/@href")[0])
    assert "a perdus" not in school.text_content()


def test_only_whole_words_and_the_cut_title_are_marked():
    """« waste » is no label inside « wastes »; a title cut at 300 characters with « … » is
    marked up to the cut."""
    from vigie.web.languages import in_languages

    known = (("waste", "en"), (ENGLISH_TITLE, "en"))
    assert str(in_languages("wastes, waste & co", known)) == (
        'wastes, <span lang="en">waste</span> &amp; co')
    cut = f"Intitulé : {ENGLISH_TITLE[:60]}…"
    assert str(in_languages(cut, known)) == (
        f'Intitulé : <span lang="en">{ENGLISH_TITLE[:60]}</span>…')


def test_the_english_words_keep_their_language_in_search_feeds_and_e_mails(client, english_act):
    """What the page marks ``lang="en"`` is marked too where the same words are read
    elsewhere: a search snippet (cut at both ends, its matched words in ``<mark>``), the
    RSS and Atom descriptions and the e-mail block of the act."""
    from vigie.editions.models import Edition
    from vigie.editions.reading import content_of
    from vigie.mailing.composing.blocks import Blocks
    from vigie.reference.places import NATIONAL

    page = page_of(client, "/recherche/?q=drinking+water")
    (snippet,) = page.xpath("//p[@class='hit__snippet']")
    english = snippet.xpath(".//*[@lang='en']")
    assert "drinking water" in [" ".join(e.text_content().split()) for e in english]
    assert snippet.xpath(".//*[@lang='en']//mark")  # the matched words inside, nested
    for kind in ("rss", "atom"):
        feed = client.get(f"/flux/national/{kind}/").content.decode()
        assert f'&lt;span lang="en"&gt;{ENGLISH_TITLE}&lt;/span&gt;' in feed, kind
    edition = Edition.objects.get(date="2026-10-14", departement=NATIONAL)
    (item,) = [i for i in content_of(edition).items() if i.uid == english_act]
    block = quopri.decodestring(Blocks().item_html(edition, item)).decode()  # as sent
    assert f'<span lang="en">{ENGLISH_TITLE}</span>' in block


def test_a_snippet_marks_the_words_of_a_title_cut_at_its_start():
    from vigie.web.languages import marked

    known = ((ENGLISH_TITLE, "en"),)
    snippet = f"… {ENGLISH_TITLE[41:]} ; eau potable …"
    at = snippet.index("water")
    assert str(marked(snippet, [(at, at + 5)], known)) == (
        f'… <span lang="en">{ENGLISH_TITLE[41:ENGLISH_TITLE.index("water")]}<mark>water</mark>'
        f'{ENGLISH_TITLE[ENGLISH_TITLE.index("water") + 5:]}</span> ; eau potable …')
