"""Which inputs are the DILA CIRCULAIRES fund's: its list of abrogations, a circulaire or an
archive of them, told by their name or by their first file, and the reader each takes.

Told apart here, apart from the readers: every input given to ``vigie ingest`` is asked first
(a JO delivery too), and the readers import what only the fund's inputs need (their stores,
the communes of France: some 50 M instructions of a DILA ingest's start-up).
"""

from __future__ import annotations

import tarfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from vigie.documents.file_deliveries import head_is
from vigie.parsing.abrogations import HEAD as LIST_HEAD
from vigie.parsing.abrogations import is_list_head, is_list_name
from vigie.parsing.circulaire import HEAD, is_circulaire_head, is_circulaire_name
from vigie.sources.archives import TAR_SUFFIXES
from vigie.sources.circulaire_names import archive_stamp, is_abrogations_name
from vigie.sources.tar_reading import GZIP_MAGIC

if TYPE_CHECKING:
    from vigie.documents.ingest import InputReport

_LOOKED_AT = 20  # entries of an archive looked at for its first file


def fund_reader(path: Path) -> Callable[..., InputReport] | None:
    """The reader of an input of the CIRCULAIRES fund: its list of abrogations (told first:
    it is one of the fund's archives), a circulaire or an archive of them; None for another
    input."""
    if is_abrogation_input(path):
        from vigie.documents.circulaire_abrogations import ingest_abrogations

        return ingest_abrogations
    if is_circulaire_input(path):
        from vigie.documents.circulaire_store import ingest_circulaires

        return ingest_circulaires
    return None


def is_abrogation_input(path: Path) -> bool:
    """The fund's ``abroge_txt.tar`` (by its name), or an archive whose first file is a text
    file listing circulaires by path."""
    if not path.is_file():
        return False
    if is_abrogations_name(path.name):
        return True
    if path.name.lower().endswith(TAR_SUFFIXES) or head_is(path, 2, GZIP_MAGIC.__eq__):
        return _archive_of_lists(path)
    return False


def _archive_of_lists(path: Path) -> bool:
    """Whether the first text or XML file of the archive is a ``.txt`` list of circulaires
    (its headers, and the head of that file only, are read)."""
    try:
        with tarfile.open(path, "r|*") as tar:
            for _, info in zip(range(_LOOKED_AT), tar, strict=False):
                if info.isfile() and is_list_name(info.name):
                    handle = tar.extractfile(info)
                    return handle is not None and is_list_head(handle.read(LIST_HEAD))
                if info.isfile() and info.name.lower().endswith(".xml"):
                    return False
    except (OSError, tarfile.TarError, EOFError):
        return False  # (its reader says what is wrong with it)
    return False


def is_circulaire_input(path: Path) -> bool:
    """A circulaire of the fund (named ``cir_<ID>.xml``, or an XML file naming
    ``ID_CIRCULAIRE``) or an archive whose first file is one."""
    if not path.is_file():
        return False
    if is_circulaire_name(path.name) or archive_stamp(path.name):  # (the fund's archives)
        return True
    if path.name.lower().endswith(TAR_SUFFIXES) or head_is(path, 2, GZIP_MAGIC.__eq__):
        return _archive_of_circulaires(path)
    return path.name.lower().endswith(".xml") and head_is(path, HEAD, is_circulaire_head)


def _archive_of_circulaires(path: Path) -> bool:
    """Whether the first XML file of the archive is named ``cir_<ID>.xml`` (its headers only
    are read: a JO delivery costs one header; the fund's flow ships PDF files beside)."""
    try:
        with tarfile.open(path, "r|*") as tar:
            for _, info in zip(range(_LOOKED_AT), tar, strict=False):
                if info.isfile() and info.name.lower().endswith(".xml"):
                    return is_circulaire_name(info.name)
    except (OSError, tarfile.TarError, EOFError):
        return False  # (its reader says what is wrong with it)
    return False
