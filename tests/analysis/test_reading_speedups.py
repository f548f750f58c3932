"""The faster ways the analysis reads a text find exactly what the plain patterns find.

Each shortcut of the reading (visas found from their « Vu », a phrase matcher whose phrases all
begin with one character, theme sums over an index table, patterns whose branches are gathered
by first character, formulas looked for by their words first) is checked against the plain way
on the texts of the test deliveries and on made-up edge cases.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from vigie.analysis import actors, reach  # noqa: F401 - their patterns, grouped at import
from vigie.analysis.essentials import _FORMULA, _formula
from vigie.analysis.essentials import sentences as sentences_of
from vigie.analysis.evidence import _CODE_MATCHER, _TERM_MATCHER, _VISA, _visas
from vigie.analysis.normalize import (
    GROUPED_SOURCES,
    PhraseMatcher,
    _trie,
    _trie_pattern,
    by_first_character,
    fold,
    stream,
)
from vigie.analysis.records import Item
from vigie.analysis.territories.named import _EPCI_HINT, epci_hint
from vigie.analysis.territories.scan import _ARTICLE_WORDS, _after_article
from vigie.analysis.weights import Weights, shipped
from vigie.parsing.dispatch import parse_member
from vigie.parsing.model import ParsedText
from vigie.reference.geography import load_geo

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _texts() -> list[str]:
    texts = []
    for path in sorted(FIXTURES.rglob("*.xml")):
        try:
            parsed = parse_member(path.name, path.read_bytes())
        except Exception:  # noqa: BLE001 - not a text of the Journal officiel
            continue
        if isinstance(parsed, ParsedText):
            item = Item.from_parsed(parsed)
            texts += [item.text, item.title]
    return [text for text in texts if text]


EDGES = ["Vu le code ;\nVu la loi", "  Vu x", "a Vu b", ";Vu ;, Vu\n\n Vu z", "Vu", "Vu ",
         "x,\t\xa0Vu y\nVu ; Vu Vu ", "\nVu a; b Vu c;Vu d", "Vu Vu Vu", "; \n ; Vu"]


@pytest.mark.parametrize("text", [*EDGES, *_texts()])
def test_visas_are_found_where_the_plain_pattern_finds_them(text: str):
    assert list(_visas(text)) == [(m.start(), m.end()) for m in _VISA.finditer(text)]


def _plain(matcher: PhraseMatcher) -> re.Pattern[str]:
    return re.compile(rf"(?<![a-z0-9])(?:{_trie_pattern(_trie(matcher._keys))})(?![a-z0-9])")


def test_a_matcher_of_phrases_finds_what_the_plain_pattern_does():
    assert _CODE_MATCHER._regex.pattern.startswith(" (c")
    streams = [stream(text) for text in _texts()] + [
        "code general des collectivites territoriales", "le cgct et le code civil",
        "xcode civil", "code civilx", "c", "ccode civil | code du travail", "cgi",
        "code civil code du travail", " | code civil . cgct", ""]
    for matcher in (_CODE_MATCHER, _TERM_MATCHER):
        plain = _plain(matcher)
        for text in streams:
            assert matcher._regex.findall(" " + text) == plain.findall(text)
            assert matcher.remove(text) == plain.sub(" | ", text)
            found = plain.search(text)
            assert matcher.first(text) == (matcher.key_of(found.group()) if found else None)


def _sums(weights: Weights, values: dict[str, float]) -> dict[str, float]:
    """The theme sums added one by one, as they were before the index table."""
    sums = dict(weights.theme_bias)
    unseen = min(sums.values(), default=0.0)
    for name, value in values.items():
        for theme, weight in (weights.themes.get(name) or {}).items():
            sums[theme] = sums.get(theme, unseen) + weight * value
        if weights.domain_weight and name.startswith("domaine:"):
            theme = name[len("domaine:"):]
            sums[theme] = sums.get(theme, unseen) + weights.domain_weight * value
    return sums


def test_theme_sums_are_the_sums_added_one_by_one():
    weights = shipped()
    names = list(weights.themes)
    cases = [{name: 1.0 for name in names[:60]},
             {name: 0.5 for name in names[::7]} | {"domaine:finances": 2.3,
                                                   "domaine:intercommunalite": 1.7},
             {"mot:inconnu": 1.0, "domaine:theme nouveau": 0.4}, {}]
    for values in cases:
        assert list(weights.theme_sums(values).items()) == list(_sums(weights, values).items())
    model = Weights("", 0.0, 0.0, {}, {"a": 0.5, "b": -1.0}, {"x": {"c": 2.0, "a": 1.0}}, {}, 1.5)
    values = {"x": 1.0, "domaine:d": 2.0, "domaine:a": 1.0}
    assert list(model.theme_sums(values).items()) == list(_sums(model, values).items())


def _titles() -> list[str]:
    holdout = FIXTURES / "holdout_titles.jsonl"
    return [json.loads(line)["title"] for line in holdout.read_text().splitlines() if line]


def test_patterns_grouped_by_first_character_find_what_the_plain_ones_find():
    assert len(GROUPED_SOURCES) >= 10  # the actors', the State's staff, the FPT grade
    texts = [fold(text) for text in [*_titles(), *_texts()]] + [
        "relatif aux communes et aux societes d'economie mixte", "agents de l'etat",
        "ministres et ministeres", "portant nomination autorisant la commune", "a au aux"]
    for source in list(GROUPED_SOURCES):
        plain, grouped = re.compile(source), re.compile(by_first_character(source))
        assert grouped.pattern != plain.pattern
        for text in texts:
            assert ([(m.span(), m.group()) for m in grouped.finditer(text)]
                    == [(m.span(), m.group()) for m in plain.finditer(text)])


def test_grouping_keeps_branches_that_begin_with_a_group_last():
    assert by_first_character(r"\b(?:ab|ac|b|(?:x|a)y)\b") == r"\b(?:a(?:b|c)|b|(?:x|a)y)\b"
    with pytest.raises(ValueError):
        by_first_character(r"\b(?:(?:x|a)y|ab)\b")
    assert by_first_character(r"(?:ab\ c|ad|b)") == r"(?:a(?:b\ c|d)|b)"
    with pytest.raises(ValueError):
        by_first_character(r"ab|ac")


def test_formulas_looked_for_by_their_words_first_are_those_the_pattern_finds():
    sentences = [piece for text in _texts() for line in text.splitlines()
                 for piece in sentences_of(line)] + [
        "Le présent décret sera publié au JOURNAL OFFICIEL de la République française.",
        "La présente loi sera exécutée comme loi de l'Etat.", "Il est INSÉRÉ un article",
        "Les dispositions sont abrogées.", "Le ministre est chargé de l'EXÉCUTION du décret.",
        "Les mots : « commune » sont remplacés par", "En ce qui la concerne, rien",
        "Elles ſont abrogées", "İl est inséré", "Il est ınséré", "l'article est ainsi modifié",
        "Une règle qui fixe le montant de la dotation des communes rurales."]
    for sentence in sentences:
        assert _formula(sentence) == (_FORMULA.search(sentence) is not None), sentence


def test_an_epci_hint_read_in_lower_case_is_the_one_the_pattern_finds():
    lines = [line for text in _texts() for line in text.splitlines()] + _titles() + [
        "CA du Grand Paris", "la ca", "xca", "İca", "cu", "Cu.", "MÉTROPOLE de Lyon",
        "Communauté de communes", "aggloméra", "c a", "_ca", "ca_", "Métropole", "CC"]
    for line in lines:
        assert epci_hint(line) == (_EPCI_HINT.search(line) is not None), line


def test_a_name_after_an_article_is_found_in_one_set_as_in_four_phrases():
    geo = load_geo()
    after = _after_article(geo)
    keys = {word for prefix in geo.name_prefixes for word in prefix.split()}
    keys |= {prefix.split(" ", 1)[-1] for prefix in geo.name_prefixes} | {"", "x", "mans"}
    for key in keys:
        assert (key in after) == any(f"{article} {key}" in geo.name_prefixes
                                     for article in _ARTICLE_WORDS), key


def test_a_person_found_from_the_m_is_the_one_the_plain_pattern_finds():
    plain = re.compile(r"(?:\bM\.|\bMM\.|\bMmes?\b|\bMlles?\b)\s+(?:de |d'|le |la )?[A-ZÉÈ]")
    titles = [*_titles(), *[line for text in _texts() for line in text.splitlines()],
              "M. Dupont", "xM. Dupont", "MM. X et Y", "Mme Durand", "Mmes A", "Mlle de La",
              "-M. X", "AMme Y", "M Durand", "Mlles d'Arc", "M.", "M"]
    for title in titles:
        assert ([m.span() for m in actors.PERSON.finditer(title)]
                == [m.span() for m in plain.finditer(title)]), title
