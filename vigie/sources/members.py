"""What reading a local input yields: members, problems, and the French words for them.

Shared by :mod:`vigie.sources.archives` (folders, single files, the entry point) and
:mod:`vigie.sources.tar_reading` (tarballs), so that both say the same thing the same way —
in particular about the one size limit every file read obeys (``max_bytes``, which the ingest
takes from ``VIGIE_INGEST_MAX_FILE_MB``): an archive member, a file of a folder and a single
file given as a path are refused alike, before being read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Generator
from dataclasses import dataclass
from pathlib import Path

from vigie.reference.markup import PARLEMENT_XML_ROOTS, root_name
from vigie.reference.system_errors import os_reason

XML_SUFFIX = ".xml"
MEBIBYTE = 1024 * 1024
# The default of VIGIE_INGEST_MAX_FILE_MB (vigie.config.max_file_bytes); DILA files weigh kB.
MAX_FILE_BYTES = 16 * MEBIBYTE


class InputError(Exception):
    """The input cannot be read at all; ``str(error)`` is a French message for people."""


@dataclass(frozen=True)
class Member:
    """One file read from an input.

    ``input`` is the path as given, ``delivery`` the tarball's, folder's or file's name and
    ``name`` the member path inside the tarball (as stored, e.g. ``20260921-220149/jorf/…``),
    the path relative to the folder (``/``-separated), or the file name.
    """

    input: str
    delivery: str
    name: str
    data: bytes


@dataclass(frozen=True)
class MemberProblem:
    """A member that could not be read; ``message`` is in French.

    ``fatal`` is true when nothing after this point of the input can be read either;
    ``refused``, when the member was left unread for its size (``too_big``): the input is then
    not recorded as read entirely, and is read again, once the limit is raised, without
    ``--force``.
    """

    input: str
    delivery: str
    name: str
    message: str
    fatal: bool
    refused: bool = False


def new_member(input: str, delivery: str, name: str, data: bytes) -> Member:
    """``Member(input, delivery, name, data)``, made without the frozen class's ``__init__``
    (one ``object.__setattr__`` per field, as much as reading the member's header): the same
    record (equal, same hash, same pickle; the class declares no ``__post_init__``), made for
    every member of every tarball, in the reading workers and, once more without its bytes,
    in the writing process (``documents.parallel``)."""
    member = _new(Member)
    _setattr(member, "__dict__", {"input": input, "delivery": delivery, "name": name,
                                  "data": data})
    return member


_new = object.__new__
_setattr = object.__setattr__

Item = Member | MemberProblem
OtherHandler = Callable[[Member], None]
# Inner generators first yield ``None`` once the input is open, then the items.
Opened = Generator[Item | None, None, None]


def is_xml(name: str) -> bool:
    return name.lower().endswith(XML_SUFFIX)


# A DILA file is named by its identifier (``JORFTEXT000054861513.xml``, ``JORFCONT…``): its
# content need not be looked at to know whose it is.
_DILA_NAME = re.compile(r"[A-Z]{8}\d{12}")
# Enough of a file to find its root element behind an XML declaration or a comment.
ROOT_HEAD = 4096


def dila_by_name(name: str) -> bool:
    """Whether the file at ``name`` (a path) is named as DILA names its files."""
    return _DILA_NAME.search(name.rpartition("/")[2]) is not None


def foreign_xml(name: str, head: bytes) -> bool:
    """Whether an XML file of a folder, named ``name`` and starting with ``head``, is not a
    DILA file but a Parliament one (an older Assemblée question, root ``QUESTION``), read by
    the Parliament reader as an input of its own (``documents.folders``), not by the DILA
    reader (it was an anomaly, « élément racine « QUESTION » inconnu », and never read)."""
    return not dila_by_name(name) and root_name(head[:ROOT_HEAD]) in PARLEMENT_XML_ROOTS


def input_error(path: Path, error: OSError) -> InputError:
    """The French message for an input the system refuses to open or read."""
    return InputError(f"Impossible de lire « {path} » : {os_reason(error)}.")


def megabytes(size: int) -> str:
    """``size`` bytes as people read it: « 16 Mo », « 1,5 Mo », « 2 ko »."""
    if size < MEBIBYTE:
        return f"{max(1, round(size / 1024))} ko"
    value = size / MEBIBYTE
    text = f"{value:.0f}" if value >= 10 or value == int(value) else f"{value:.1f}"
    return text.replace(".", ",") + " Mo"


def too_big(source: str, delivery: str, name: str, size: int, limit: int) -> MemberProblem:
    """A file of ``size`` bytes over the ``limit`` (VIGIE_INGEST_MAX_FILE_MB), left unread."""
    message = (f"Le fichier « {name} » pèse {megabytes(size)}, ce qui dépasse la limite de "
               f"{megabytes(limit)} "
               "(VIGIE_INGEST_MAX_FILE_MB) : ignoré, sans être lu. "
               + to_read_it("VIGIE_INGEST_MAX_FILE_MB", size))
    return MemberProblem(source, delivery, name, message, fatal=False, refused=True)


def to_read_it(setting: str, size: int) -> str:
    """What an operator does to read what was refused for its ``size`` (in bytes, or in
    characters: the limits are given in Mo of either): the setting to raise, and to what."""
    return (f"Pour le lire : {setting}={-(-size // MEBIBYTE)} (au moins), puis vigie ingest "
            "de nouveau sur cette entrée (elle n'est pas notée comme lue : pas besoin de "
            "--force).")
