"""Folding a Latin-1 text by one table gives what the long way (NFKD, marks dropped, lower
case) gives, and so do the tokens read from it."""

from __future__ import annotations

import random

from vigie.analysis.normalize import _LIGATURES, _TOKEN, _folded, fold, stem, tokens

_CHARS = [chr(code) for code in range(256)] + ["œ", "Œ", "æ", "’", "ʼ", "\u0301", "ſ", "İ", "μ"]


def _long_way(text: str) -> str:
    for ligature, spelt in _LIGATURES:
        text = text.replace(ligature, spelt)
    return text.lower() if text.isascii() else _folded(text)


def test_every_latin1_character_folds_as_the_long_way():
    for char in _CHARS:
        for text in (char, f"É{char}e", f"{char}" * 300, f"Ça {char} « été »" * 30):
            assert fold(text) == _long_way(text), repr(text)


def test_random_mixtures_fold_and_give_tokens_as_the_long_way():
    rng = random.Random(13)
    for _ in range(5000):
        text = "".join(rng.choice(_CHARS) for _ in range(rng.randint(0, 40)))
        assert fold(text) == _long_way(text), repr(text)
        assert tokens(text) == [stem(word) for word in _TOKEN.findall(_long_way(text))]
        long_text = text * 10  # past the cache of short strings
        assert tokens(long_text) == [stem(w) for w in _TOKEN.findall(_long_way(long_text))]
