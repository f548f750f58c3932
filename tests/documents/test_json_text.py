"""``json_text``'s encoders write what ``json.dumps`` writes, on the values an ingest encodes
(the prepared columns and hashed values of real texts, decisions, awkward values)."""

from __future__ import annotations

import json

import pytest

from tests.conftest import FIXTURES, tree_members
from vigie.documents import json_text
from vigie.documents.fields import JSON_FIELDS, content_hash, hashed_values, text_values
from vigie.parsing.dispatch import parse_batch
from vigie.parsing.model import ParsedText

ENCODERS = [
    (json_text.dumps_ascii, {}),
    (json_text.dumps, {"ensure_ascii": False}),
    (json_text.dumps_sorted, {"ensure_ascii": False, "sort_keys": True}),
    (json_text.dumps_compact, {"ensure_ascii": False, "separators": (",", ":")}),
    (json_text.dumps_compact_sorted, {"ensure_ascii": False, "sort_keys": True,
                                      "separators": (",", ":")}),
]


def _texts() -> list[ParsedText]:
    members = sorted(tree_members(FIXTURES / "global" / "JORF_20260923-011003").items())
    return [r for r, _ in parse_batch(members) if isinstance(r, ParsedText)]


AWKWARD = ["", "é\u2028\"\\\n\t\x00😀", 0, -3, 1.5, 1e300, float("inf"), True, None,
           {"b": [1, {"z": None, "a": "é"}], "a": ()}, {3: "x", "2": "y"}, [[], {}]]


def _outcome(encode, value) -> tuple[str, str]:
    """The text, or the error (keys of several types sorted, say)."""
    try:
        return "text", encode(value)
    except (TypeError, ValueError) as error:
        return type(error).__name__, str(error)


@pytest.mark.parametrize(("encode", "options"), ENCODERS)
def test_encoders_write_what_json_dumps_writes(encode, options):
    texts = _texts()
    assert texts
    values = [text_values(t) for t in texts]
    cases = [*AWKWARD, *({k: v[k] for k in JSON_FIELDS} for v in values),
             *(v[k] for v in values for k in JSON_FIELDS),
             *({k: str(x) for k, x in v.items()} for v in values)]
    for value in cases:
        assert _outcome(encode, value) == _outcome(lambda v: json.dumps(v, **options), value)
    with pytest.raises(TypeError):
        encode({"x": object()})


def test_hashed_values_and_content_hash_as_written_plainly():
    for parsed in _texts():
        values = text_values(parsed)
        payload = {k: (v.isoformat() if hasattr(v, "isoformat") else v)
                   for k, v in values.items() if k != "flow"}
        plain = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        assert hashed_values(values) == plain[1:]
        articles = [(a.id, a.num, a.html) for a in parsed.articles]
        assert content_hash(values, articles) == content_hash(hashed_values(values), articles)
