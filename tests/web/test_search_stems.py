"""``stemmed`` reads the stems of the index's words from a dict filled as words are met: it
gives what ``stem`` (Snowball through its cache) gives word by word, on the texts of the
fixture delivery and the shared corpus, the dict emptied when full or not."""

from __future__ import annotations

import pytest

from tests.conftest import FIXTURES, shared_path, tree_members
from vigie.reference.memo import BoundedMemo
from vigie.web.search import text
from vigie.web.search.text import MAX_INDEX_CHARS, index_words, stem, stemmed


def _real_texts() -> list[str]:
    members = tree_members(FIXTURES / "global" / "JORF_20260923-011003")
    corpus = shared_path("corpus")
    files = sorted(corpus.rglob("*.xml"))[:400] if corpus.is_dir() else []
    values = [data.decode("utf-8") for data in members.values()]
    return values + [path.read_text(encoding="utf-8") for path in files]


def _word_by_word(value: str) -> str:
    return " ".join(stem(word) for word in index_words(value))[:MAX_INDEX_CHARS]


@pytest.mark.parametrize("kept", [200_000, 50])
def test_stemmed_is_stem_word_by_word(monkeypatch, kept):
    monkeypatch.setattr(text, "_STEMS", BoundedMemo(text._snowball, kept))
    values = _real_texts() + ["Élections municipales 2026 : 12 communes, œuvre d'art ½"]
    assert len(values) > 50
    for value in values:
        assert stemmed(value) == _word_by_word(value)
    assert len(text._STEMS) <= kept
