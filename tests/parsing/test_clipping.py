"""How a long text is cut for readers (``vigie.parsing.clipping``): one rule, on a meaningful
boundary, never inside a number, a reference, a date or a name, and one spelling of « … »
for essentials, dossier lines, feed summaries and aid descriptions."""

from __future__ import annotations

import csv
import re

import pytest

from tests.conftest import shared_path
from vigie.parsing.clipping import clip
from vigie.parsing.feed import plain_text

# Real shapes of Journal officiel sentences, written for these tests.
ENUMERATION = ("Décision relative à un appel aux candidatures pour l'exploitation de services "
               "de radio dans le ressort des comités territoriaux de l'audiovisuel de Caen, "
               "Clermont-Ferrand, Lille, Paris, Rennes et Toulouse")
REFERENCE = ("Les communes exercent la compétence dans les conditions prévues par les articles "
             "L. 2224-7-2 et R. 2224-19 du code général des collectivités territoriales")
DATE = "Le présent arrêté est pris en application de la décision du 19 janvier 2026 du préfet"
TWO_SENTENCES = ("Les actes sont publiés sous forme électronique. Le maire peut décider, par "
                 "délibération, de maintenir une publication sur papier pour les communes de "
                 "Saint Martin, Sainte Marie et Saint Pierre")
MONTHS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"


def test_short_text_is_left_alone():
    assert clip(DATE, len(DATE)) == DATE


def test_enumeration_is_cut_after_a_whole_item():
    assert clip(ENUMERATION, 190).endswith("de Caen, Clermont-Ferrand, Lille, Paris…")
    assert clip(ENUMERATION, 180).endswith("de Caen, Clermont-Ferrand, Lille…")


def test_end_of_sentence_comes_first_and_the_ellipsis_stands_apart():
    assert clip(TWO_SENTENCES, 90) == "Les actes sont publiés sous forme électronique. …"
    # A sentence ending in the first half of the limit would leave too much out.
    assert clip(TWO_SENTENCES, 120) == ("Les actes sont publiés sous forme électronique. Le "
                                        "maire peut décider, par délibération…")


def test_clause_before_words_and_no_dangling_comma():
    # « , par délibération, » is a clause: the cut comes after it, the comma dropped.
    assert clip(TWO_SENTENCES[48:], 58) == "Le maire peut décider, par délibération…"


@pytest.mark.parametrize("limit", range(60, 118))
def test_never_inside_an_article_reference(limit: int):
    cut = clip(REFERENCE, limit)
    assert len(cut) <= limit and cut.endswith("…")
    kept = cut.removesuffix("…")
    assert not (re.search(r"\d-?$", kept) and re.match(r"[\d-]", REFERENCE[len(kept):])), cut
    assert not re.search(r"(?:articles?|L\.|R\.)$", kept), cut
    assert not cut.removesuffix("…").endswith((" de", " les", " des", " et")), cut


@pytest.mark.parametrize("limit", range(45, len(DATE)))
def test_never_inside_a_date(limit: int):
    cut = clip(DATE, limit)
    assert len(cut) <= limit
    assert "19 janvier 2026" in cut or "19" not in cut, cut
    assert not cut.endswith(("du…", "de la…")), cut


@pytest.mark.parametrize("limit", range(130, len(TWO_SENTENCES)))
def test_never_inside_a_proper_noun(limit: int):
    cut = clip(TWO_SENTENCES[48:], limit)
    assert not cut.endswith(("Saint…", "Sainte…")), cut


def test_one_spelling_everywhere():
    """Essentials, dossier lines and feed summaries said « mot … », « mot… » and « mot … »:
    one rule, « … » glued to the last word, within the limit."""
    from vigie.analysis.essentials import clipped

    long = "Les communes de la Drôme reçoivent une aide pour leurs écoles, " * 12
    assert clipped(long) == clip(long, 300) and len(clipped(long)) <= 300
    assert plain_text(f"<p>{long}</p>", 90) == clip(long.strip(), 90)
    assert plain_text(f"<p>{long}</p>", 90).endswith("leurs écoles…")


def test_feed_summary_never_longer_than_its_limit():
    text = "mot " * 200
    assert len(plain_text(text, 600)) <= 600


def test_real_journal_officiel_titles_are_cut_on_boundaries():
    """The labelled issues' titles longer than an essential: real sentences full of
    references, dates and lists. None is cut inside a number, a reference or a date; one
    with a clause or an item ending in the last third of the limit is cut there."""
    rows = []
    for path in sorted(shared_path("eval", "issues").glob("labels_*.csv")):
        with path.open(encoding="utf-8") as handle:
            rows += [row["title"] for row in csv.DictReader(handle) if len(row["title"]) > 300]
    assert len(rows) > 50
    for title in rows:
        cut = clip(title, 300)
        kept = cut.removesuffix("…").rstrip()
        rest = title[len(kept):]
        assert len(cut) <= 300 and title.startswith(kept)
        assert not (re.search(r"\d[-/]?$", kept) and re.match(r"\s*[\d-]", rest)), cut
        assert not re.search(r"(?:\bn°|\barticles?|\b[LRD]\.)$", kept), cut
        assert not (re.search(r"\b(?:1er|\d{1,2})$", kept) and re.match(rf"\s+(?:{MONTHS})", rest))
        if re.search(r"\w[,;]\s|\s[–—]\s", title[200:299]):
            assert re.match(r"\s*[,;)–—]", rest) or kept.endswith(")"), cut
