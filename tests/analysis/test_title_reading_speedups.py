"""The faster ways a title is read give what the plain ways give: folding one character for
one by a Latin-1 table, the actors' patterns read from the character before a word, and the
themes read from every feature when the features ``theme_values`` leaves out weigh nothing."""

from __future__ import annotations

import random
import re

import pytest

from tests.analysis.test_reading_speedups import _texts, _titles
from vigie.analysis import actors, evidence, features, reach, titles
from vigie.analysis.features import Features, theme_values
from vigie.analysis.normalize import fold, fold_chars, from_separator
from vigie.analysis.territories.scan import _CAPITALISED
from vigie.analysis.themes import classify
from vigie.analysis.weights import Weights, shipped

_CHARS = [chr(code) for code in range(256)] + ["œ", "Œ", "æ", "’", "ʼ", "\u0301", "ſ", "İ", "μ",
                                               "ß", "ı", "Ω"]


def _one_by_one(text: str) -> str:
    """``fold_chars`` as it was: each character folded alone, its first character kept."""
    return "".join(fold(char)[:1] or char for char in text)


def test_folding_one_character_for_one_by_a_table_is_folding_each_alone():
    for char in _CHARS:
        for text in (char, f"É{char}e", f"Ça {char} « été »" * 3):
            assert fold_chars.__wrapped__(text) == _one_by_one(text), repr(text)
    rng = random.Random(17)
    for _ in range(5000):
        text = "".join(rng.choice(_CHARS) for _ in range(rng.randint(0, 40)))
        assert fold_chars.__wrapped__(text) == _one_by_one(text), repr(text)


_PATTERNS = (actors._LOCAL, actors._PRIVATE, actors._STATE, actors._EXAMS, actors._INDIVIDUAL,
             actors._GENERAL, actors._HEAD, actors._PROJECT, reach._STAFF, reach._STATE_OWN,
             reach._TERRITORIAL_STAFF, evidence._FPT_GRADE, features._NOMINATIVE_TITLE)
_SEPARATORS = [" ", "'", "-", " (", ") ", "ß", "_", "1", "é", "μ", ", ", "  ", "", ".", "l'",
               "d'", "\n", "Ω"]


def _folded_titles() -> list[str]:
    titles = [fold(text).replace("’", "'") for text in [*_titles(), *_texts()]]
    words = [word for title in titles for word in title.split()]
    rng = random.Random(5)
    made = ["".join(rng.choice(words) + rng.choice(_SEPARATORS)
                    for _ in range(rng.randint(1, 20))) for _ in range(3000)]
    return [*titles, *made, "", "societe", "_societe", "ßsociete", "1societe", "(societe)",
            "l'etablissement public national", "autorisant la commune", "relatif aux communes"]


def test_patterns_read_from_the_character_before_a_word_find_what_the_plain_ones_find():
    titles = _folded_titles()
    for plain in _PATTERNS:
        spaced = from_separator(plain)
        for title in titles:
            found = spaced.search(" " + title)
            first = plain.search(title)
            assert (found.start(), found.end() - 1) == first.span() if first else found is None
            assert ([(m.start(), m.end() - 1) for m in spaced.finditer(" " + title)]
                    == [m.span() for m in plain.finditer(title)]), title
            for start in range(0, len(title), 17):  # a window, as the head's is read
                end = start + 60
                found = spaced.search(" " + title, start, end + 1)
                first = plain.search(title, start, end)
                assert (found is None) == (first is None), (title, start)
                assert found is None or (found.start(), found.end() - 1) == first.span()


@pytest.mark.parametrize("source", [r"\b(?:a?b)", r"(?:ab)", r"\b(?:(?:a|b)?c)",
                                    r"\b(?:(?<=x)a)", r"\b(?:-a)", r"\b(?:é)", r"\bab",
                                    r"\b(?:a)|^b"])
def test_a_pattern_that_may_not_begin_with_a_word_is_not_read_from_before_it(source: str):
    with pytest.raises(ValueError):
        from_separator(re.compile(source))


def _plain_classify(features: Features, weights: Weights):
    """``classify`` on the features ``theme_values`` keeps, as it was read."""
    return classify(Features(theme_values(features.values), features.evidence,
                             features.structure), weights=weights)


def test_themes_read_from_every_feature_are_those_of_the_theme_features():
    weights = shipped()
    names = list(weights.themes)
    values = {name: 1.0 for name in names[:40]} | {
        "acteur:local": 1.0, "politique": 0.75, "mot:maire": 1.0,
        "croise:DECRET | textes generaux": 1.0, "domaine:finances": 2.3}
    features = Features(values)
    assert classify(features, weights=weights) == _plain_classify(features, weights)
    # A model that weighs a feature ``theme_values`` leaves out: read without it, as before.
    odd = Weights("", 0.0, 0.0, {}, {"finances": 0.5, "rh": -1.0},
                  {"acteur:local": {"rh": 9.0}, "mot:x": {"finances": 2.0}}, {}, 1.5)
    features = Features({"acteur:local": 1.0, "mot:x": 1.0})
    themes = classify(features, weights=odd)
    assert themes == _plain_classify(features, odd)
    assert themes.theme == "finances"  # (the weight of « acteur:local » counts for no theme)


def test_capitalised_words_found_from_their_capital_are_those_the_plain_pattern_finds():
    plain = re.compile(r"\b[A-ZÀ-ÖØ-ÞŒ]\w*")
    lines = [line for text in [*_titles(), *_texts()] for line in text.splitlines()]
    rng = random.Random(3)
    lines += ["".join(rng.choice(_CHARS + ["A", "Éa", " ", "x", "Œ", "_"])
                      for _ in range(rng.randint(0, 30))) for _ in range(5000)]
    for line in [*lines, "A", "aB", "_B", "1B", "ßB", " B", "(B)", "É", "xÉ"]:
        assert _CAPITALISED.findall(line) == plain.findall(line), line


_PLAIN_TITLE_PATTERNS = {  # the forms before they began with their first characters
    "_AMENDING_TAIL": (r"(?:,? et |, )", r"(?:, et | et |, )"),
    "_CODE_BASIS": (r",? (?:en vertu", r"(?:, | )(?:en vertu"),
    "_ELIDED": (r"(?<![\w'])de (?=", r"de (?<![\w']de )(?="),
}


def _phrases() -> list[str]:
    titles = [" ".join(title.split()) for title in _titles()]
    pieces = [piece for title in titles for piece in re.split(r"(?<=[ ,])", title)] + [
        "pris ", "prise ", "prises ", "apris ", ", ", ",", " et ", "de ", "'de ", "xde ",
        "Etat ", "pris en application ", "en vertu ", "portant ", "modifiant ", "(1)", " (2) "]
    rng = random.Random(11)
    made = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 30))) for _ in range(4000)]
    return [*titles, *made, "pris, en vertu de", "prise en application", ", et portant"]


def test_title_patterns_from_their_first_characters_find_what_the_plain_ones_find():
    texts = _phrases()
    clause = re.compile(
        r"(?:,? et |, )(?=(?:portant|relatif|relative|relatifs|relatives|pris|prise|prises|"
        + titles._PARTICIPLE_WORDS + r")\b)"
        r"|(?<!\bpris)(?<!\bprise)(?<!\bprises),? (?=(?:pris pour l'application|pris en "
        r"application|prises? en application|en application|pour l'application|en vertu)\b)")
    pairs = [(clause, titles._CLAUSE_START)]
    for name, (old, new) in _PLAIN_TITLE_PATTERNS.items():
        pattern = getattr(titles, name)
        assert new in pattern.pattern
        pairs.append((re.compile(pattern.pattern.replace(new, old)), pattern))
    for plain, fast in pairs:
        for text in texts:
            assert ([(m.span(), m.group()) for m in fast.finditer(text)]
                    == [(m.span(), m.group()) for m in plain.finditer(text)]), (fast, text)


def test_a_footnote_is_looked_for_at_the_end_of_a_title_only():
    for text in [*_phrases(), "Décret (1)", "Décret (1) ", "Décret\n(1)\n", "(2)", "x (a)"]:
        clean = " ".join(text.split())
        assert (titles._FOOTNOTE.search(clean) is None) or clean.endswith(")"), text
