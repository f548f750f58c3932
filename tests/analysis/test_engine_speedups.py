"""The shortcuts of the thirty-first session's engine speed-up find what the plain ways find:
area heads read in the lower-cased line, « publication » read in the lower-cased text, the
words of a title cut by a Latin-1 table, the word before a parenthesis read from the line's
end, a grade of the fonction publique territoriale looked for only after « territoria », a
date's « du » or « le » read from the end, a short title cut at the clause the plain way
chose, a designation that is no territory looked for after its words."""

from __future__ import annotations

import random
import re

from tests.analysis.test_reading_speedups import _texts, _titles
from vigie.analysis import titles
from vigie.analysis.dates import (
    _ENDS_WITH_DU_OR_LE,
    _PUBLICATION,
    _ends_with_du_or_le,
    _publications,
)
from vigie.analysis.evidence import _FPT_GRADE, _fpt_grade
from vigie.analysis.normalize import alnum_runs, fold_chars
from vigie.analysis.territories.cues import ELSEWHERE_CUE, cue_before, elsewhere_before
from vigie.analysis.territories.named import (
    _AREA_HEADS,
    _LAST_WORD,
    _TAIL,
    _word_before,
    area_hint,
)

# The characters that case folding or lower-casing treats apart (« İ » is two characters in
# lower case; « ı », « ſ » and the Kelvin sign match « i », « s », « k » case-insensitively).
_TRAPS = ["İ", "ı", "ſ", "\u212a", "É", "é", "E", "Ç", "œ", "’", "\u00a0", "_", "²", "½", "µ"]


def _made(parts: list[str], count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(parts) for _ in range(rng.randint(0, 12))) for _ in range(count)]


def _lines() -> list[str]:
    return [line for text in [*_titles(), *_texts()] for line in text.splitlines()]


def test_area_heads_read_in_the_lower_cased_line_are_the_plain_ones():
    parts = ["académie", "ACADEMIE", "Académie", "acadİmie", "acadımie", "parc", "parcs",
             " national", " NATIONAL", "RÉGION ", "région", "r", "egion ", "creps", "CREPS",
             "crepſ", "performance sportive", "PERFORMANCE SPORTIVE", " ", "x", *_TRAPS]
    for line in [*_lines(), *_made(parts, 20000, 3)]:
        assert area_hint(line) == (_AREA_HEADS.search(line) is not None), repr(line)


def test_publication_read_in_the_lower_cased_text_is_found_where_the_pattern_finds_it():
    parts = ["publication", "PUBLICATION", "Publication", "publİcation", "publıcation",
             "pub", "lication", "de sa ", "\n", " ", *_TRAPS]
    for text in [*_texts(), *_made(parts, 20000, 5)]:
        assert [m.span() for m in _publications(text)] == [
            m.span() for m in _PUBLICATION.finditer(text)], repr(text)


def test_words_cut_by_a_latin1_table_are_those_of_the_pattern():
    every = "".join(chr(code) for code in range(256))
    plain = re.compile(r"[^\W_]+")
    parts = [every[i:i + 7] for i in range(0, 256, 7)] + _TRAPS + ["Décret", " ", "l’État"]
    for text in [every, *_titles(), *_texts(), *_made(parts, 20000, 7)]:
        assert alnum_runs(text) == plain.findall(text), repr(text)


def test_the_word_before_a_parenthesis_is_the_last_word_of_the_line_before_it():
    def plain(line: str, start: int) -> str:  # the line's last word, as it was read
        before = line[:start].rstrip()
        if before.endswith(")") and "(" in before:
            inner = before[before.rindex("(") + 1:-1].strip()
            return inner if _LAST_WORD.fullmatch(inner) else ""
        found = _LAST_WORD.search(before)
        return found.group(0) if found else ""

    long_word = "a" * (_TAIL - 1)
    parts = [long_word, "b", "-", "'", "’", " ", "x ", "é", ".", "(TFA) ", "(13)", "\n", "_"]
    lines = [*_lines(), *_made(parts, 5000, 11), long_word * 3 + " (", "(", " (", "a" * _TAIL]
    for line in lines:
        for start in [m.start() for m in re.finditer(r"\(", line)] + [len(line)]:
            assert _word_before(line, start) == plain(line, start), repr(line[:start])


def test_a_grade_is_only_looked_for_in_a_title_that_says_territorial():
    parts = ["attaché", "attachés", " territorial", " territoriaux", " principal", "TERRITORIAL",
             "ingénieur", "cadre", " du ", "conservateur", " patrimoine", "territ", "oriale", " "]
    for title in [*_titles(), *_made(parts, 5000, 13)]:
        found = _FPT_GRADE.search(fold_chars(title))
        assert _fpt_grade(title) == (title[found.start():found.end()] if found else ""), title


def test_du_or_le_read_from_the_end_is_what_the_pattern_finds():
    parts = ["du", "DU", "Du", "le", "LE", "lE", "d", "u", "l", "e", " ", "\n", "\t", "x", "1",
             "(", "'", "au", ".", "\u2003", *_TRAPS]
    for text in _made(parts, 100000, 17):
        assert _ends_with_du_or_le(text) == (_ENDS_WITH_DU_OR_LE.search(text) is not None), text


def test_a_subject_is_cut_at_the_clause_the_plain_way_chose():
    def plain(subject: str, limit: int) -> str:  # every head read, as it was
        heads = [subject[:m.start()] for m in titles._CLAUSE_START.finditer(subject)]
        heads = [h for h in heads if titles._self_sufficient(h, titles._MIN_HEAD,
                                                             titles._MIN_HEAD_WORDS)]
        fitting = [h for h in heads if len(h) <= limit]
        if fitting:
            return fitting[-1]
        return heads[0] if heads and len(heads[0]) <= titles._MAX_STRETCH else subject

    subjects = [title.partition(" portant ")[2] or title for title in _titles()]
    rng = random.Random(19)
    words = [word for subject in subjects for word in subject.split()]
    clauses = [", relatif à", " et portant", ", pris pour l'application", " en application",
               ", fixant", " et modifiant"]
    made = [" ".join(rng.choice(words + clauses) for _ in range(rng.randint(1, 60)))
            for _ in range(3000)]
    for subject in [*subjects, *made]:
        for limit in (30, 60, 90, 120):
            assert titles._cut(subject, limit) == plain(subject, limit), subject


def test_a_designation_elsewhere_is_looked_for_after_its_words_where_the_pattern_finds_it():
    parts = ["région d'information de vol de ", "FIR ", "UIR de ", "zone de défense de ",
             "ZONE DE DÉFENSE ET DE SÉCURITÉ de ", "heure de ", "HEURE LÉGALE de ",
             "cour d'appel de ", "accord de ", "Traité de ", "convention d’", "signé à ",
             "navire « Ville de ", "le PÉTROLIER ", "hélicoptère dénommé ", "frégate Jean ",
             "sous-marin ", "ferry ", "de ", "la ", "Paris", " ", "x", *_TRAPS]
    lines = [*_lines(), *_made(parts, 20000, 23)]
    for line in lines:
        for start in [m.start() for m in re.finditer(r"\b\w", line)] + [len(line)]:
            assert elsewhere_before(line, start) == cue_before(ELSEWHERE_CUE, line, start), (
                line[:start])
