"""Folding a Latin-1 text by one table gives what the long way (NFKD, marks dropped, lower
case) gives, and so do the tokens read from it; the annexes of a text, read from the lines
whose folded text may hold a heading or a status only, are those every line gives."""

from __future__ import annotations

import random

from tests.analysis.test_reading_speedups import _texts
from vigie.analysis.normalize import _LIGATURES, _TOKEN, _folded, fold, stem, tokens
from vigie.analysis.territories.tables import (
    _ANNEX_HEADING,
    _ANNEX_REFERENCE,
    Annexes,
    _status_of,
)
from vigie.reference.geography import normalize

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


def _plain_annexes(lines: list[str]) -> tuple[dict[str, str], str]:
    """``Annexes.read`` without its test of the folded line: every line normalised."""
    annexes = Annexes()
    for line in lines:
        low = line.lower()
        if len(line) > 600 or ("annexe" not in low and "commune" not in low):
            continue
        key = normalize.__wrapped__(line)
        heading = _ANNEX_HEADING.match(key)
        if heading:
            annexes.current = annexes.statuses.get(heading.group(1), "")
            continue
        status = _status_of(key)
        referenced = set(_ANNEX_REFERENCE.findall(key)) if status else set()
        if status and len(referenced) == 1:
            annexes.statuses.setdefault(referenced.pop(), status)
        elif status and not referenced and len(key) <= 120 and "commune" in key:
            annexes.current = status
    return annexes.statuses, annexes.current


def test_annexes_read_as_when_every_line_is_normalised():
    rng = random.Random(11)
    parts = ["Communes ", "COMMUNES ", "non ", "reconnues ", "RECONNUES ", "reconnu\u0301",
             "rejetées ", "REJETÉES ", "constatée ", "annexe ", "ANNEXE ", "I ", "II ", "2 ",
             "en état de catastrophe naturelle ", "\n", "« ", "(La) ", "ré", "connu", "œ", "ﬁ"]
    texts = [*_texts(), *("".join(rng.choice(parts) for _ in range(rng.randint(1, 40)))
                          for _ in range(3000))]
    for text in texts:
        lines = text.splitlines()
        for end in range(len(lines) + 1):
            annexes = Annexes()
            for line in lines[:end]:
                annexes.read(line)
            assert (annexes.statuses, annexes.current) == _plain_annexes(lines[:end])
