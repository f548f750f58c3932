"""JSON texts as ``json.dumps`` writes them, for the tens of thousands of values an ingest
encodes (stored JSON columns, content hashes, fingerprints).

``json.dumps`` with any option builds a new ``JSONEncoder``, and each call then builds a new C
encoder: for the small values of a text (a notice, a list of signatories) that costs as much
as the encoding itself. Here each C encoder is built once, with the arguments ``json.dumps``
gives it (same separators, escapes, key order, float spelling: the same text). Without the
check for circular values, which these values (parsed or decoded JSON) never are.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from json.encoder import (  # type: ignore[attr-defined]
    c_make_encoder,
    encode_basestring,
    encode_basestring_ascii,
)
from typing import Any

_DEFAULT = json.JSONEncoder().default  # the TypeError ``json.dumps`` raises


def _encoder(*, ensure_ascii: bool, sort_keys: bool = False,
             separators: tuple[str, str] = (", ", ": ")) -> Callable[[Any], str]:
    """What ``json.dumps(value, ensure_ascii=…, sort_keys=…, separators=…)`` returns."""
    if c_make_encoder is None:  # no C accelerator: json.dumps itself
        return lambda value: json.dumps(value, ensure_ascii=ensure_ascii, sort_keys=sort_keys,
                                        separators=separators)
    item_separator, key_separator = separators
    encoder = c_make_encoder(None, _DEFAULT,
                             encode_basestring_ascii if ensure_ascii else encode_basestring,
                             None, key_separator, item_separator, sort_keys, False, True)
    join = "".join
    return lambda value: join(encoder(value, 0))


# json.dumps(value)
dumps_ascii = _encoder(ensure_ascii=True)
# json.dumps(value, ensure_ascii=False)
dumps = _encoder(ensure_ascii=False)
# json.dumps(value, ensure_ascii=False, sort_keys=True)
dumps_sorted = _encoder(ensure_ascii=False, sort_keys=True)
# json.dumps(value, ensure_ascii=False, separators=(",", ":")), and with sort_keys=True
dumps_compact = _encoder(ensure_ascii=False, separators=(",", ":"))
dumps_compact_sorted = _encoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))
