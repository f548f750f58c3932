"""The DILA's frozen list of abrogated circulaires (``CIRCULAIRES/txt/abroge_txt.tar``, 2013 to
January 2015) read into the ids it names. Pure: the bytes of one of its text files in, the
ids listed and what could not be read of it out.

No real file of that list could be checked: per the reconnaissance of another public project,
each of its text files names one abrogated or deleted circulaire a line, by its path in the
fund (« 2011/07/cir_33411.pdf », « .xml » as well, sometimes « A_ » before the path or the
file name). A line is read when it ends in ``cir_<ID>`` (« .pdf » or « .xml » after it
allowed); a blank line is nothing; any other line is counted, and one example of them kept,
so that a file says its unreadable lines once (not one anomaly per line).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# « 2011/07/cir_33411.pdf », « A_2011/07/cir_33411.xml », « 2011/07/A_cir_33411.pdf »,
# « cir_33411 »: a path (any folders), then the file named as the fund names them.
_LINE = re.compile(r"(?:A_)?(?:[\w.-]+[/\\])*(?:A_)?cir_(?P<id>[0-9A-Za-z_-]{1,28}?)"
                   r"(?:\.(?:pdf|xml))?", re.IGNORECASE)
# What tells a file of the list by its content: a line naming a circulaire's path.
_HEAD_LINE = re.compile(rb"^(?:A_)?(?:[\w.-]+/)*(?:A_)?cir_[0-9A-Za-z_-]+(?:\.(?:pdf|xml))?\s*$",
                        re.IGNORECASE | re.MULTILINE)
HEAD = 4096  # bytes of a text file looked at to tell it
# The list is frozen: its last entries date from January 2015. An export of a circulaire
# dated after this day, in force, was made after the list and wins over it.
LIST_END = "2015-01-31"


@dataclass(frozen=True)
class AbrogationList:
    """What one text file of the list names: ids (« 33411 ») with the line naming each, in
    file order, and its unreadable lines (how many, and the first one)."""

    listed: tuple[tuple[str, str], ...]
    unreadable: int = 0
    example: str = ""  # the first unreadable line, cut
    example_line: int = 0  # its number, from 1


def is_list_name(name: str) -> bool:
    """Whether a file of an archive is a text file (``.txt``), as the list's are."""
    return name.lower().endswith(".txt")


def is_list_head(head: bytes) -> bool:
    """Whether a file starting with ``head`` lists circulaires by path (a line that names
    ``cir_<ID>``, alone on its line)."""
    return _HEAD_LINE.search(head.removeprefix(b"\xef\xbb\xbf")) is not None


def read_abrogation_list(data: bytes) -> AbrogationList:
    """The ids a text file of the list names; never raises (an unreadable line is counted).
    The list names ASCII paths: bytes of another encoding only make a line unreadable."""
    text = data.decode("utf-8", errors="replace").removeprefix("\ufeff")
    listed: dict[str, str] = {}
    unreadable, example, example_line = 0, "", 0
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        found = _LINE.fullmatch(line)
        if found is None:
            unreadable += 1
            if not example:
                example, example_line = line[:80], number
            continue
        listed.setdefault(found["id"], line[:255])  # (named twice: once)
    return AbrogationList(tuple(listed.items()), unreadable, example, example_line)


def is_later_than_list(exported: str) -> bool:
    """Whether an export dated ``exported`` (« 2026-01-02 », a time allowed) was made after
    the list's last day; « » (no date known) is not."""
    return exported[:10] > LIST_END
