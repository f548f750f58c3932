"""« Vouliez-vous dire : subvention ? »: a query that finds nothing because of a typo is
respelt with words of the indexed texts (their spelling, accents included), on both
databases; a query whose words are all known gets no suggestion."""

from __future__ import annotations

import re
from html import unescape

import pytest

from tests.web.pages import assert_accessible, get
from vigie.web.models import SearchWord
from vigie.web.search import SearchFilters, search
from vigie.web.search.typos import distance, edits, respelt, surface_words

# Texts written for these tests, in the words of the Journal officiel.
TEXTS = {
    "JORFTEXT000099200001": ("Arrêté relatif aux subventions d'investissement",
                             "Une subvention est attribuée aux communes pour les travaux de "
                             "rénovation des écoles."),
    "JORFTEXT000099200002": ("Décret relatif à la dotation de soutien",
                             "La subvention versée au titre de la dotation est notifiée."),
    "JORFTEXT000099200003": ("Arrêté portant approbation du plan local d'urbanisme",
                             "Le document d'urbanisme de la commune est approuvé."),
    "JORFTEXT000099200004": ("Décret relatif à l'intercommunalité",
                             "Les compétences exercées par l'intercommunalité sont transférées."),
    "JORFTEXT000099200005": ("Arrêté relatif aux élèves des écoles",
                             "Chaque élève bénéficie du transport scolaire."),
    # A typo of the Journal officiel itself: « subvension », in one text.
    "JORFTEXT000099200006": ("Arrêté relatif à une aide", "Une subvension exceptionnelle est "
                             "accordée à la commune."),
    # « assainissement » in one text; the verb « assainir » (one stem for all its forms) in
    # two: counted by stem, « assainissent » is the commoner word one edit from
    # « assainissemnt ».
    "JORFTEXT000099200007": ("Arrêté relatif au service d'assainissement",
                             "Le service public d'assainissement collectif est délégué."),
    "JORFTEXT000099200008": ("Décret relatif aux eaux usées",
                             "Les communes assainissent leurs réseaux."),
    "JORFTEXT000099200009": ("Arrêté relatif aux zones humides",
                             "Le syndicat doit assainir les terrains."),
}
TYPO_IN_TEXT = "JORFTEXT000099200006"


@pytest.fixture
def texts(ingest_written):
    ingest_written(TEXTS, "S")


def _suggested(query: str) -> str:
    return search(query, filters=SearchFilters()).suggestion


@pytest.mark.django_db
@pytest.mark.parametrize(("typed", "meant"), [
    ("urbnisme", "urbanisme"),  # a letter left out
    ("intercomunalité", "intercommunalité"),  # a letter left out, the accents given
    ("intercomunalite", "intercommunalité"),  # and without them
    ("intrecommunalitee", "intercommunalité"),  # two edits in a long word
    ("subvetnion", "subvention"),  # two letters swapped
    ("plan local d'urbnisme", "plan local d'urbanisme"),  # the other words as typed
    ("assainissemnt", "assainissement"),  # the noun, not the verb: a stem as near
])
def test_a_mistyped_word_is_respelt_with_a_word_of_the_texts(texts, typed, meant):
    assert search(typed, filters=SearchFilters()).total == 0
    assert _suggested(typed) == meant
    assert search(meant, filters=SearchFilters()).total >= 1


@pytest.mark.django_db
def test_a_word_in_next_to_no_text_is_respelt_when_a_word_near_it_is_common(texts):
    # « subvension » is in one text (a typo of the texts): found, and still respelt, since
    # « subvention » is in far more texts... but not with only two of them: not enough.
    page = search("subvension", filters=SearchFilters())
    assert [hit.uid for hit in page.results] == [TYPO_IN_TEXT]
    assert page.suggestion == ""
    assert _suggested("Subvensions") == ""


@pytest.fixture
def common(texts, ingest_written):
    """« subvention » in twenty more texts: twenty times as many as « subvension »."""
    ingest_written({f"JORFTEXT0000992001{number:02d}": (
        f"Arrêté n° {number} relatif à une subvention", "La subvention est versée.")
        for number in range(20)}, "T", "more")


@pytest.mark.django_db
def test_then_the_typo_of_the_texts_is_respelt(common):
    page = search("subvension", filters=SearchFilters())
    assert [hit.uid for hit in page.results] == [TYPO_IN_TEXT]
    assert page.suggestion == "subvention"
    assert _suggested("subvension commune") == "subvention commune"


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["subvention", "eleve", "élèves", "urbanisme communes",
                                   "xqzwv", "2024-1234", "zzzzzzzzzzzz"])
def test_known_words_and_words_near_no_other_get_no_suggestion(texts, query):
    assert _suggested(query) == ""


@pytest.mark.django_db
def test_the_vocabulary_keeps_the_spelling_of_the_texts(texts):
    stored = dict(SearchWord.objects.values_list("word", "form"))
    assert stored["intercommunalite"] == "intercommunalité"
    assert stored["eleve"] == "élève" and stored["ecoles"] == "écoles"
    assert "de" not in stored and "la" not in stored  # stop words are no correction


@pytest.mark.django_db
def test_the_page_offers_the_corrected_search_as_a_link(client, texts):
    html, page = get(client, "/recherche/", data={"q": "subvetnion", "theme": "",
                                                  "rubric": "jo"})
    assert "Aucun résultat" in html
    link = re.search(r'<p class="suggestion">Vouliez-vous dire&nbsp;: <a href="\?([^"]+)">'
                     r"([^<]+)</a>&nbsp;\?</p>", html)
    assert link and link.group(2) == "subvention"
    assert unescape(link.group(1)) == "q=subvention&rubric=jo"  # the filters kept
    assert_accessible(page)
    html, _ = get(client, "/recherche/?" + unescape(link.group(1)))
    assert "2 résultats" in html and "Vouliez-vous dire" not in html


@pytest.mark.django_db
def test_the_suggestion_is_escaped(client, texts):
    html, _ = get(client, "/recherche/", data={"q": "<b>urbnisme</b>"})
    assert "<b>" not in html.split('class="suggestion"')[1].split("</p>")[0]
    assert "&lt;b&gt;urbanisme&lt;/b&gt;" in html


@pytest.mark.django_db
def test_the_api_adds_the_suggestion(client, texts):
    answer = client.get("/api/recherche/", {"q": "intercomunalité"}).json()
    assert answer["count"] == 0 and answer["suggestion"] == "intercommunalité"
    assert client.get("/api/recherche/", {"q": "écoles"}).json()["suggestion"] == ""


# --- The pure parts ---------------------------------------------------------------------------

def test_distance_counts_a_swap_as_one_edit_and_stops_past_the_limit():
    assert distance("subvetnion", "subvention", 2) == 1
    assert distance("urbnisme", "urbanisme", 1) == 1
    assert distance("intrecommunalitee", "intercommunalite", 2) == 2
    assert distance("commune", "subvention", 2) == 3


def test_edits_hold_every_string_one_edit_away():
    near = edits("urbnisme")
    assert {"urbanisme", "urbisme", "urbnsime", "urbnismes"} <= near
    assert "urbnisme" not in near and "urbanismes" not in near


def test_surface_words_fold_keep_accents_and_skip_numbers_and_stop_words():
    forms = surface_words(["ÉLÈVES de l'école", "élèves et ÉCOLE n° 2024", "Œuvre"])
    assert forms == {"eleves": "élèves", "ecole": "école", "oeuvre": "œuvre"}


def test_respelt_keeps_the_rest_of_the_query_as_typed():
    assert respelt('"Plan local" d’urbnisme 2024', {"urbnisme": "urbanisme"}) == \
        '"Plan local" d’urbanisme 2024'
    assert respelt("Urbnisme", {"urbnisme": "urbanisme"}) == "Urbanisme"


def test_words_with_latin_letters_beyond_french_stay_whole():
    # « Gdańsk » is one word (folded « gdansk »), never « gda » and « sk »; another script is
    # not read at all (no folding of it is a-z).
    words = surface_words(["Lech Wałęsa à Gdańsk, Ελλάδα et l’Œuvre"])
    assert words["gdansk"] == "gdańsk" and words["oeuvre"] == "œuvre"
    assert not {"gda", "ska", "lla"} & set(words)


def test_a_latin1_text_gives_the_words_the_expression_finds():
    # A Latin-1 text's words are cut by a byte table (``typos._NOT_TOKEN``), others' by the
    # expression: the same words either way, whatever the character between them.
    text = ("Élu\xa0à l'ÉCOLE×régie÷bâti ñandú ÿeux ß µs ªº 12ab_cd-ef\x85gh "
            "«arrêté» n°3 ½ ¿qué? ÀÖØöøÿ")
    assert text.encode("latin-1")
    other = text + " ’"  # (a character beyond Latin-1: the expression)
    assert surface_words([text]) == surface_words([other])
    tokens = set(re.findall("[A-Za-zÀ-ÖØ-öø-ÿ\u0100-\u017f]+", text.lower()))
    assert set(surface_words([text]).values()) <= tokens
