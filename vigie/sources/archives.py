"""Local inputs read as streams of members: DILA tarballs, folders and single XML files.

This module owns the step "a path given by a person → the raw bytes of each XML file in it",
plus a fingerprint of that input. Nothing here parses XML.

* A ``.tar.gz`` / ``.tgz`` / ``.tar`` is read as a stream by :mod:`vigie.sources.tar_reading`
  (libarchive, or ``tarfile``): no extraction to disk and only one member in memory at a time,
  so a 20 000-member delivery keeps memory flat.
* A folder is walked recursively, sorted by path components (folder ``a/`` before ``a.xml``).
* A single ``.xml`` file gives one member.

Every file obeys the same size limit, ``max_bytes`` (the ingest passes
``VIGIE_INGEST_MAX_FILE_MB``, 16 Mo by default): an
archive member, a file of a folder or a single file given as a path over it is reported as a
problem (not fatal) without being read, so that memory stays bounded whatever the input.

Only regular files whose name ends in ``.xml`` are yielded. Other regular files (DILA ships
``liste_suppression_*.dat`` beside the XML) are skipped without being read, unless the caller
passes ``on_other``: that callback then receives each of them as a :class:`Member`, in stream
order, and they are still not yielded. This keeps the main loop "XML only" for every caller.

A member that cannot be read is yielded as a :class:`MemberProblem`; ``fatal=True`` means the
rest of the input cannot be read either (truncated gzip, corrupted tar stream): every member
read before it has already been yielded and iteration stops. :class:`InputError` is raised
when the input cannot be opened at all, by ``iter_members`` itself (before any iteration).
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol, cast

from vigie.reference.system_errors import os_reason
from vigie.sources.members import (
    MAX_FILE_BYTES,
    InputError,
    Item,
    Member,
    MemberProblem,
    Opened,
    OtherHandler,
    foreign_xml,
    input_error,
    is_xml,
    too_big,
)
from vigie.sources.tar_reading import tar_members

__all__ = ["InputError", "Item", "Member", "MemberProblem", "OtherHandler", "inflated_size",
           "input_fingerprint", "iter_members"]

TAR_SUFFIXES = (".tar.gz", ".tgz", ".tar")
_CHUNK = 64 * 1024


def iter_members(path: Path, *, on_other: OtherHandler | None = None,
                 max_bytes: int = MAX_FILE_BYTES) -> Iterator[Item]:
    """Stream the XML members of a tarball, a folder or a single ``.xml`` file.

    Raises :class:`InputError` immediately (not on first iteration) when the input cannot be
    opened. ``on_other`` receives the non-XML regular files (see the module docstring). A
    file over ``max_bytes`` is a problem, never read.
    """
    path = Path(path)
    kind = _input_kind(path)
    if kind == "folder":
        inner = _folder_members(path, on_other, max_bytes)
    elif kind == "tar":
        inner = tar_members(path, on_other, max_bytes)
    else:
        inner = _xml_file_members(path, max_bytes)
    if next(inner) is not None:  # pragma: no cover - protocol of the inner generators
        raise RuntimeError("inner generator must first yield None")
    return cast(Iterator[Item], inner)


def input_fingerprint(path: Path) -> tuple[str, int]:
    """Return ``(sha256 hex, size in bytes)`` of an input, reading it in chunks.

    For a file: its bytes. For a folder: a sha256 over the sorted relative paths and contents
    of its ``.xml`` files (each path and length is framed, so renames change the digest); the
    size is the total of those files.
    """
    path = Path(path)
    kind = _input_kind(path)
    digest = hashlib.sha256()
    if kind != "folder":
        size = _hash_file(path, digest)
        return digest.hexdigest(), size
    files, _errors = _folder_files(path)
    total = 0
    for rel, file in files:
        if not is_xml(rel):
            continue
        encoded = rel.encode("utf-8", "surrogateescape")
        digest.update(len(encoded).to_bytes(8, "big") + encoded)
        digest.update(_stat_size(file).to_bytes(8, "big"))
        total += _hash_file(file, digest)
    return digest.hexdigest(), total


def inflated_size(path: Path, size: int) -> int:
    """What an input of ``size`` bytes holds once inflated, as far as known without inflating
    it: for a gzip file, the size its trailer records (that of its last part, modulo 4 Gio:
    never less than ``size``, then); ``size`` otherwise. The work of reading an input grows
    with it: files alike compress tenfold and more, and a delivery read whole in under a
    second can weigh a few hundred kilobytes."""
    try:
        with Path(path).open("rb") as handle:
            if handle.read(2) != b"\x1f\x8b":
                return size
            handle.seek(-4, os.SEEK_END)
            return max(size, int.from_bytes(handle.read(4), "little"))
    except OSError:  # a folder, a file too short or gone: what the readers will say
        return size


# --- input kinds -------------------------------------------------------------------------


def _input_kind(path: Path) -> str:
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError(f"Le chemin « {path} » n'existe pas.") from None
    except OSError as error:
        raise input_error(path, error) from error
    mode = info.st_mode
    if stat.S_ISDIR(mode):
        return "folder"
    name = path.name.lower()
    if stat.S_ISREG(mode) and name.endswith(TAR_SUFFIXES):
        return "tar"
    if stat.S_ISREG(mode) and is_xml(name):
        return "xml"
    # (reached once the Parliament, DECP, Judilibre and EU readers have not recognised it
    # either; an empty file, a download cut at its start, is said so: none could)
    if stat.S_ISREG(mode) and info.st_size == 0:
        raise InputError(f"Le fichier « {path} » est vide.")
    raise InputError(
        f"« {path} » n'est ni une archive (.tar.gz, .tgz, .tar) ou un fichier .xml de la "
        "DILA, ni un dossier, ni un fichier reconnu du Parlement (JSON, XML, zip, dump SQL "
        "du Sénat), des marchés publics (DECP, JSON ou zip), de Judilibre (réponse JSON) ou "
        "de l'Union européenne (notice Cellar, réponse du web-service EUR-Lex)."
    )


# --- single file ---------------------------------------------------------------------------


def _xml_file_members(path: Path, max_bytes: int) -> Opened:
    """The file itself, unless it is over the size limit: then a problem, and it is not read."""
    try:
        size = _stat_size(path)
        data = path.read_bytes() if size <= max_bytes else None
    except OSError as error:
        raise input_error(path, error) from error
    yield None
    if data is None:
        yield too_big(str(path), path.name, path.name, size, max_bytes)
    else:
        yield Member(str(path), path.name, path.name, data)


# --- folder --------------------------------------------------------------------------------


def _folder_members(root: Path, on_other: OtherHandler | None, max_bytes: int) -> Opened:
    source, delivery = str(root), root.name or root.resolve().name
    files, errors = _folder_files(root)
    yield None
    for rel in errors:
        message = f"Le sous-dossier « {rel} » est illisible : ses fichiers sont ignorés."
        yield MemberProblem(source, delivery, rel, message, fatal=False)
    for rel, file in files:
        xml = is_xml(rel)
        if not xml and on_other is None:
            continue
        item = _read_folder_file((source, delivery, max_bytes), rel, file)
        if xml and isinstance(item, Member) and foreign_xml(rel, item.data):
            continue  # another reader's, read as an input of its own (``documents.folders``)
        if xml or isinstance(item, MemberProblem):
            yield item
        elif on_other is not None:
            on_other(item)


def _folder_files(root: Path) -> tuple[list[tuple[str, Path]], list[str]]:
    """Regular files under ``root`` as sorted ``(relative posix path, path)``, and the
    relative paths of sub-folders that could not be listed."""
    try:
        with os.scandir(root):
            pass
    except OSError as error:
        raise input_error(root, error) from error
    failed: list[OSError] = []
    files: list[tuple[str, Path]] = []
    for folder, _dirs, names in os.walk(root, onerror=failed.append):
        for name in names:
            file = Path(folder, name)
            if file.is_file():
                files.append((file.relative_to(root).as_posix(), file))
    files.sort(key=lambda pair: pair[0].split("/"))
    errors = sorted(Path(str(e.filename)).relative_to(root).as_posix() for e in failed)
    return files, errors


def _read_folder_file(where: tuple[str, str, int], rel: str, file: Path) -> Item:
    source, delivery, max_bytes = where
    try:
        if (size := _stat_size(file)) > max_bytes:
            return too_big(source, delivery, rel, size, max_bytes)
        return Member(source, delivery, rel, file.read_bytes())
    except OSError as error:
        reason = os_reason(error)
        message = f"Le fichier « {rel} » est illisible ({reason}) : ignoré."
        return MemberProblem(source, delivery, rel, message, fatal=False)


def _stat_size(file: Path) -> int:
    return file.stat().st_size


class _Digest(Protocol):
    def update(self, data: bytes, /) -> None: ...


def _hash_file(path: Path, digest: _Digest) -> int:
    """Feed the file to ``digest`` in chunks; return the number of bytes read."""
    size = 0
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
                size += len(chunk)
    except OSError as error:
        raise input_error(path, error) from error
    return size
