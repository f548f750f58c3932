"""``fold``'s and ``_words_of``'s fast paths for Latin-1 texts give what their long way gives
(NFKD and marks dropped; ``_WORD``'s matches): on every Latin-1 character, next to others, and
on the texts of the fixture delivery and the shared corpus."""

from __future__ import annotations

import random

from tests.conftest import FIXTURES, shared_path, tree_members
from vigie.web.search import text
from vigie.web.search.text import _LIGATURES, _WORD, _folded, _words_of, fold


def long_fold(value: str) -> str:
    value = value.lower()
    if value.isascii():
        return value
    for ligature, spelt in _LIGATURES:
        value = value.replace(ligature, spelt)
    return _folded(value)


def _check(value: str) -> None:
    folded = fold(value)
    assert folded == long_fold(value), repr(value)
    assert _words_of(folded) == _WORD.findall(folded), repr(value)


def test_every_latin1_character_alone_and_among_others():
    assert text._LATIN1_HARD  # µ, ¼, ½, ¾: folded the long way
    for code in range(256):
        character = chr(code)
        for value in (character, f"É{character}«x", character * 3 + "é", f"{character}œ’ŋ"):
            _check(value)


def test_random_mixtures():
    draw = random.Random(13)
    alphabet = [chr(c) for c in range(0x250)] + list("’ʼœŒæÆß“”–—…€\u0301\u0327ﬁ½µ | \n")
    for _ in range(20_000):
        _check("".join(draw.choice(alphabet) for _ in range(draw.randint(0, 24))))


def test_real_texts():
    members = tree_members(FIXTURES / "global" / "JORF_20260923-011003")
    corpus = shared_path("corpus")
    files = sorted(corpus.rglob("*.xml")) if corpus.is_dir() else []
    values = [data.decode("utf-8") for data in members.values()]
    values += [path.read_text(encoding="utf-8") for path in files]
    assert len(values) > 50
    for value in values:
        _check(value)
