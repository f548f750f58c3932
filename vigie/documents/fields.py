"""How a parsed text becomes stored values, and what counts as its content.

The content hash covers what a reader sees of the text itself (metadata, notice,
visas, articles, signatories, citations) and leaves out where the sommaire puts it
(section, rank): re-delivering an unchanged text must hash the same, whatever the flow.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import fields
from datetime import date
from typing import Any

from vigie.documents.json_text import dumps, dumps_compact, dumps_compact_sorted
from vigie.parsing.model import CitedText, Notice, ParsedText

NOTICE_KEYS = ("publics", "objet", "entree_en_vigueur", "notice", "references", "application")

# Fields of Document that a text delivery owns (the sommaire owns section/rank/jo_id).
TEXT_FIELDS = (
    "flow", "nature", "nor", "eli", "number", "title", "short_title", "ministry",
    "date_text", "date_publi", "jo_number", "origine_publi", "notice", "visas",
    "signatories", "cited", "keywords",
)
HASHED_FIELDS = tuple(f for f in TEXT_FIELDS if f != "flow")


def notice_dict(notice: Notice) -> dict[str, str]:
    values = {key: getattr(notice, key) for key in NOTICE_KEYS}
    if notice.origin:
        values["origin"] = notice.origin
    return values


CITED_KEYS = tuple(f.name for f in fields(CitedText))


def cited_dict(cited: CitedText) -> dict[str, Any]:
    # Field by field: ``asdict`` deep-copies recursively, ten times slower on every text.
    values = {key: getattr(cited, key) for key in CITED_KEYS}
    values["date"] = cited.date.isoformat() if cited.date else None
    return values


def text_values(parsed: ParsedText) -> dict[str, Any]:
    """The Document column values a text delivery sets."""
    return {
        "flow": parsed.flow,
        "nature": parsed.nature,
        "nor": parsed.nor,
        "eli": parsed.eli,
        "number": parsed.number,
        "title": parsed.title,
        "short_title": parsed.short_title[:255],
        "ministry": parsed.ministry[:255],
        "date_text": parsed.date_text,
        "date_publi": parsed.date_publi,
        "jo_number": parsed.jo_number,
        "origine_publi": parsed.origine_publi[:255],
        "notice": notice_dict(parsed.notice),
        "visas": parsed.visas,
        "signatories": list(parsed.signatories),
        "cited": [cited_dict(c) for c in parsed.cited],
        "keywords": list(parsed.keywords),
    }


_DATE_FIELDS = ("date_text", "date_publi")
_OTHER_HASHED = tuple(key for key in HASHED_FIELDS if key not in _DATE_FIELDS)


def hashed_values(values: dict[str, Any]) -> str:
    """What the content hash says of the text's own fields: the JSON of the hashed fields,
    keys sorted, without its opening brace. Computed where the text is parsed and kept until
    the text's assembly, it spares reading those fields back from the database."""
    get = values.get
    payload = dict(zip(_OTHER_HASHED, map(get, _OTHER_HASHED), strict=True))
    for key in _DATE_FIELDS:  # (only these two are dates: no test of every value)
        value = get(key)
        payload[key] = value.isoformat() if isinstance(value, date) else value
    return dumps_compact_sorted(payload)[1:]


def content_hash(values: dict[str, Any] | str, articles: list[tuple[str, str, str]]) -> str:
    """sha256 over the hashed fields (``values``, or their ``hashed_values``) and the ordered
    (id, num, html) of the articles: the JSON of all of them, keys sorted (« articles » comes
    first: no hashed field sorts before it)."""
    fields = values if isinstance(values, str) else hashed_values(values)
    listed = dumps_compact([list(a) for a in articles])
    digest = hashlib.sha256(b'{"articles":')
    digest.update(listed.encode("utf-8"))
    digest.update(b",")
    digest.update(fields.encode("utf-8"))
    return digest.hexdigest()


_NUM_PARTS = re.compile(r"(\d+)")


def article_sort_key(num: str, article_id: str) -> tuple:
    """Natural order of article numbers (2 before 10; « Annexe » after numbers)."""
    parts = [int(p) if p.isdigit() else p.lower() for p in _NUM_PARTS.split(num or "") if p]
    starts_with_number = bool(parts) and isinstance(parts[0], int)
    key = tuple((0, p, "") if isinstance(p, int) else (1, 0, p) for p in parts)
    return (0 if starts_with_number else 1, key, article_id)


def text_size(parsed: ParsedText) -> int:
    """How big a text is once read, in characters: title, visas, notice, articles (HTML and
    plain text). What ``VIGIE_INGEST_MAX_TEXT_MB`` bounds."""
    notice = sum(len(getattr(parsed.notice, key)) for key in NOTICE_KEYS)
    articles = sum(len(a.html) + len(a.text) for a in parsed.articles)
    return len(parsed.title) + len(parsed.visas) + notice + articles


Prepared = tuple[dict[str, Any], str]
# In a global-flow text's prepared values: its ``hashed_values`` (not a column).
HASHED = "_hashed"
JSON_FIELDS = ("notice", "signatories", "cited", "keywords")


class Encoded(str):
    """A JSON column's value already serialised, as the database receives it: the workers
    encode it beside the parsing, so that the process writing to the database does not."""

    def decoded(self) -> Any:
        return json.loads(self)


def encode(value: Any) -> Encoded:
    """The JSON text of a column's value (what ``bulk`` writes for a JSON column)."""
    return Encoded(dumps(value))


def decoded(value: Any) -> Any:
    """A column's value as Python reads it back (JSON text decoded)."""
    return value.decoded() if isinstance(value, Encoded) else value


def prepare(parsed: ParsedText) -> Prepared:
    """Column values (JSON columns already encoded) and, for a self-contained text, its
    content hash ("" otherwise).

    Pure, so that worker processes can do it beside the parsing.
    """
    values = text_values(parsed)
    digest = ""
    if parsed.flow == "jorfsimple" or parsed.articles:
        digest = content_hash(values, [(a.id, a.num, a.html) for a in parsed.articles])
    else:  # hashed at its assembly, from this
        values[HASHED] = hashed_values(values)
    for key in JSON_FIELDS:
        values[key] = encode(values[key])
    return values, digest
