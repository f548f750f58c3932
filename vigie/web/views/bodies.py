"""What the text page shows of each article's body.

DILA's paragraphs and table cells often open with a line break (``<p><br/>Les demandes…``),
which would show as an empty line. A style rule cannot drop it alone: ``p > br:first-child``
ignores text, so it also hid the break between two sentences (« rémunère.<br/>Le temps… »
read « rémunère.Le temps »). The break is dropped here, only when nothing but white space
comes before it in its paragraph or cell.
"""

from __future__ import annotations

import re

# The stored HTML is sanitised (tags and attributes whitelisted, ``<`` and ``>`` escaped in
# attribute values), so an opening tag is matched whole by a pattern.
_LEADING_BREAKS = re.compile(r"(<(?:p|td|th)(?:\s[^<>]*)?>)\s*(?:<br\s*/?>\s*)+", re.IGNORECASE)


def without_leading_breaks(html: str) -> str:
    """``html`` without the line breaks that open a paragraph or a cell before any text."""
    return _LEADING_BREAKS.sub(r"\1", html)
