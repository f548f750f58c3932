"""Reading a JSON document from outside (Judilibre, DECP, BOAMP, aid lists, the Parliament)
into values that can be stored.

JSON may write two characters no database stores: the NUL character (« \\u0000 »: PostgreSQL
refuses it in any text and in ``jsonb``; the other control characters, which no XML document
holds — the site's feeds —, become spaces) and half of a surrogate pair (« \\ud800 » alone:
Python decodes it, but then cannot encode it in UTF-8 — the ingest stopped on a traceback
when hashing the record). A hostile or broken delivery holding either stopped the whole
ingest. Here they are mended in the JSON text before it is decoded, in one pass over the
bytes: a NUL escape is dropped, a lone half of a pair becomes « \\ufffd » (the replacement
character). The raw characters need nothing: a raw control character is refused by
``json`` and a surrogate's bytes are not UTF-8, both said as unreadable JSON.
"""

from __future__ import annotations

import json
import re
from typing import Any

# An escape of a control character (not tab, LF, CR) or of a surrogate (a high one with the
# low one that may follow), with the backslashes before it: an even number of them is an
# escaped backslash, not an escape.
_ESCAPE = re.compile(rb"(\\+)u(00(?:0[0-8bBcCeEfF]|1[0-9a-fA-F]|7[fF])"
                     rb"|[dD][89abAB][0-9a-fA-F]{2}(?:\\u[dD][c-fC-F][0-9a-fA-F]{2})?"
                     rb"|[dD][c-fC-F][0-9a-fA-F]{2})")
_NEEDLE = re.compile(rb"\\u(?:00(?:0[0-8bBcCeEfF]|1|7[fF])|[dD][89a-fA-F])")


def _mended(match: re.Match[bytes]) -> bytes:
    slashes, code = match.group(1), match.group(2)
    if len(slashes) % 2 == 0 or len(code) > 4:  # not an escape, or a whole pair
        return match.group(0)
    if code.startswith(b"00"):  # NUL dropped, another control character a space
        return slashes[:-1] + (b"" if code == b"0000" else b" ")
    return slashes[:-1] + b"\\ufffd"


def mend(data: bytes | str) -> bytes | str:
    """The JSON text with its NUL escapes dropped and its lone surrogates replaced."""
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    if not _NEEDLE.search(raw):  # nearly every file: one quick search, nothing copied
        return data
    mended = _ESCAPE.sub(_mended, raw)
    return mended.decode("utf-8", "surrogatepass") if isinstance(data, str) else mended


def load(data: bytes | str) -> Any:
    """``json.loads`` of the mended text: every string it gives can be stored; raises what
    ``json.loads`` raises."""
    return json.loads(mend(data))


def storable(value: Any) -> Any:
    """A value decoded otherwise (a Python literal: ``ast.literal_eval``) made storable the
    same way, as JSON values (tuples become lists); raises ``TypeError`` for a value JSON
    cannot write (a set, bytes) and ``ValueError``/``RecursionError`` as ``json`` does."""
    return load(json.dumps(value))
