"""What a markup file (XML, HTML) is, from its first bytes: the name of its root element.

Shared by the readers that choose a file by its content (Parliament files, ``vigie.parsing``)
and the reading of a folder (``vigie.sources``), which must agree on what a file is: an XML
file whose root is ``QUESTION`` is an older Assemblée question, never a DILA file. Pure.
"""

from __future__ import annotations

import re

_PROLOG = re.compile(rb"^\s*(?:<\?.*?\?>\s*|<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*", re.DOTALL)
_ROOT = re.compile(rb"<([A-Za-z_][\w.:-]*)")
# Root elements of the XML files a Parliament reader takes (older Assemblée questions).
PARLEMENT_XML_ROOTS = frozenset({"QUESTION"})


def root_name(head: bytes) -> str:
    """The name of the first element of a markup file ("" when there is none)."""
    start = _PROLOG.sub(b"", head.removeprefix(b"\xef\xbb\xbf"), count=1)
    found = _ROOT.match(start)
    return found.group(1).decode("ascii", "replace") if found else ""
