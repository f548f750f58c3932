"""A folder given to ``vigie ingest``: what in it is read, by which reader, and what is not.

A folder most often holds one delivery: a DILA delivery extracted (its XML files) or
Parliament files (questions, dossiers, the Sénat dump), read by the reader of their kind as
one delivery, as before. What in it is an input of its own is read as that input, as if it
had been given on the command line, after the folder's own files: a DILA archive
(``.tar.gz``, ``.tgz``, ``.tar``), a zip (of Parliament or DECP files), a DECP file,
an answer of Judilibre (``parlement_events.stands_alone``), a Cellar notice or an answer of
EUR-Lex (an XML file, told by its root), a circulaire (``cir_<ID>.xml``, by its name), and,
beside the XML files of a DILA delivery, a Parliament file (an older Assemblée question in
XML too: an XML file not named as DILA names its files is told by its root element).
Whatever no reader takes (a note, a binary file, a JSON file of a format no reader knows, a
broken link, a link to a folder, which is not followed; among Parliament files, hidden ones)
is named in one anomaly of the folder, never left out in silence; a folder from which nothing
at all could be read is an input that could not be read.

Of XML files named as DILA names them, only the names are looked at (a DILA delivery holds
thousands); of other XML files, a short head; of other files, their first bytes. Nothing
here touches the database.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from vigie.documents.parlement_events import (
    ALONE_HEAD,
    HEAD,
    is_parlement_head,
    is_parlement_input,
    is_unknown_json,
    stands_alone,
)
from vigie.parsing.cellar import HEAD as EU_HEAD
from vigie.parsing.cellar import is_eu_notice
from vigie.parsing.circulaire import is_circulaire_name
from vigie.parsing.dispatch import json_elsewhere
from vigie.parsing.judilibre import is_judilibre
from vigie.reference.file_names import readable
from vigie.reference.system_errors import os_reason
from vigie.sources.members import ROOT_HEAD, dila_by_name, foreign_xml, is_xml

# What of a JSON file tells an answer of Judilibre (``documents.judilibre_store.HEAD``).
JUDILIBRE_HEAD = 65536
# Unread entries named in the anomaly, the others counted.
NAMED = 10


@dataclass
class Plan:
    """What ``vigie ingest`` reads of a folder."""

    own: bool = False  # files its own reader takes, read as one delivery (the folder's)
    parlement: bool = False  # that reader: Parliament's (else DILA's)
    alone: list[Path] = field(default_factory=list)  # inputs of their own, in path order
    unread: list[str] = field(default_factory=list)  # what no reader takes, as people read it

    def unread_message(self) -> str:
        """The anomaly that names what no reader takes (« » when all is read)."""
        if not self.unread:
            return ""
        shown = ", ".join(self.unread[:NAMED])
        more = len(self.unread) - NAMED
        shown += f" et {more} autre{'s' if more > 1 else ''}" if more > 0 else ""
        n = len(self.unread)
        return (f"{n} fichier{'s' if n > 1 else ''} du dossier non "
                f"lu{'s' if n > 1 else ''} (ni fichier XML de la DILA, ni archive, ni fichier "
                f"reconnu du Parlement, des marchés publics, de Judilibre ou de l'Union "
                f"européenne) : {shown}.")


def plan(root: Path) -> Plan:
    """What is read of the folder ``root``, and how. A folder that cannot be listed is left
    to its reader (``own``), which says why."""
    parlement = is_parlement_input(root)
    found = Plan(parlement=parlement)
    try:
        entries = list(_entries(root))
    except OSError:
        return Plan(own=True, parlement=parlement)
    for rel, path, why in entries:
        if why:
            if why != UNLISTED or parlement:  # (the DILA reader names those itself)
                found.unread.append(f"{readable(rel)} ({why})")
            continue
        kind = _kind(rel, path, parlement)
        if kind == OWN:
            found.own = True
        elif kind == ALONE:
            found.alone.append(path)
        else:
            found.unread.append(readable(rel) + (f" ({kind})" if kind != UNREAD else ""))
    return found


OWN, ALONE, UNREAD, UNLISTED = "own", "alone", "unread", "sous-dossier illisible"
UNKNOWN_JSON = "format JSON non reconnu"


def _kind(rel: str, path: Path, parlement: bool) -> str:
    """Who reads a regular file of the folder: its own reader (``OWN``), itself as an input
    (``ALONE``), no one (``UNREAD``, or why it could not be looked at)."""
    if not parlement and is_xml(rel) and dila_by_name(rel):  # the DILA reader's, by name
        return OWN
    if is_xml(rel) and _eu(path):  # a Cellar notice, an answer of EUR-Lex: an input
        return ALONE
    if is_circulaire_name(rel):  # a circulaire of the DILA fund: an input of its own
        return ALONE
    if not parlement and is_xml(rel):  # named otherwise: an older Assemblée question?
        return _xml_kind(path)
    if parlement and any(part.startswith(".") for part in rel.split("/")):
        return UNREAD  # (the Parliament reader leaves hidden files out)
    try:
        with path.open("rb") as handle:
            head = handle.read(ALONE_HEAD if parlement else HEAD)
    except OSError as error:
        return f"illisible : {os_reason(error)}"
    if stands_alone(path.name, head) or (not parlement and is_parlement_head(head)):
        return ALONE
    if is_unknown_json(head) and _judilibre(path):
        return ALONE
    if not parlement and is_unknown_json(head):  # (the Parliament reader names it itself)
        return json_elsewhere(head) or UNKNOWN_JSON
    return OWN if parlement else UNREAD


def _eu(path: Path) -> bool:
    """Whether this XML file is a Cellar notice or an answer of EUR-Lex (its root, told from
    its first bytes: a DILA delivery's thousands of files cost one short read each)."""
    try:
        with path.open("rb") as handle:
            return is_eu_notice(handle.read(EU_HEAD))
    except OSError:
        return False


def _xml_kind(path: Path) -> str:
    """An XML file not named as DILA names its files, beside a DILA delivery: a Parliament
    file is an input of its own (the DILA reader leaves it, ``sources.members.foreign_xml``);
    any other is the DILA reader's, which says what it could not read."""
    try:
        with path.open("rb") as handle:
            return ALONE if foreign_xml(path.name, handle.read(ROOT_HEAD)) else OWN
    except OSError:
        return OWN  # (its reader says why it cannot be read)


def _judilibre(path: Path) -> bool:
    """Whether this JSON file is an answer of Judilibre (its decisions' metadata may come
    after a long text or long excerpts: more of it is read than of other files)."""
    try:
        with path.open("rb") as handle:
            return is_judilibre(handle.read(JUDILIBRE_HEAD))
    except OSError:
        return False


def _entries(root: Path, prefix: str = "") -> Iterator[tuple[str, Path, str]]:
    """Every entry below ``root`` in path order (folder ``a/`` before ``a.xml``), as (relative
    path, path, why it is no regular file: « » for one); links to folders are not followed."""
    with os.scandir(root) as listing:
        entries = sorted(listing, key=lambda entry: entry.name)
    for entry in entries:
        rel, path = prefix + entry.name, Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            try:
                yield from _entries(path, rel + "/")
            except OSError:
                yield rel, path, UNLISTED
        elif entry.is_symlink() and entry.is_dir():
            yield rel, path, "lien vers un dossier, non suivi"
        elif entry.is_file():
            yield rel, path, ""
        else:
            yield rel, path, "lien cassé" if entry.is_symlink() else "pas un fichier ordinaire"
