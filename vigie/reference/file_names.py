"""File names as text that a database, a log and a terminal all take.

The system hands Python the bytes of a name that are not UTF-8 (a file named on a machine
set to Latin-1: « arrêté.xml » as ``arr\\xeat\\xe9.xml``) as lone surrogates (``os.fsdecode``):
fine to open the file with, refused by every UTF-8 encoder (SQLite, PostgreSQL, a UTF-8
terminal), which raise ``UnicodeEncodeError``. Vigie opens files by their system name, and
stores, logs and prints ``readable(name)``: each such byte written ``\\xHH``, as Python
writes it; ``system_name`` gives the name back, to find the file again.
"""

from __future__ import annotations

import os
import re

_ESCAPED = re.compile(rb"\\x([0-9a-f]{2})")


def readable(name: str) -> str:
    """``name`` with each byte that is not UTF-8 written ``\\xHH`` (any other lone surrogate
    ``\\udcHH``); ``name`` itself, most often."""
    if name.isascii():
        return name
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        try:
            raw = name.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:  # a surrogate no undecodable byte stands for
            return name.encode("utf-8", "backslashreplace").decode("utf-8")
        return raw.decode("utf-8", "backslashreplace")
    return name


def system_name(text: str) -> str:
    """The name ``readable`` wrote as ``text``: its ``\\xHH`` back to the bytes they stand
    for (a name that held these four characters itself is not found this way)."""
    if "\\x" not in text:
        return text
    return os.fsdecode(_ESCAPED.sub(lambda found: bytes([int(found[1], 16)]),
                                    text.encode("utf-8")))
