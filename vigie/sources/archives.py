"""Local inputs read as streams of members: DILA tarballs, folders and single XML files.

This module owns the step "a path given by a person → the raw bytes of each XML file in it",
plus a fingerprint of that input. Nothing here parses XML.

* A ``.tar.gz`` / ``.tgz`` / ``.tar`` is read as a stream: no extraction to disk and only one
  member in memory at a time, so a 20 000-member delivery keeps memory flat. Gzip archives are
  decompressed with :mod:`gzip` (which checks the end-of-stream CRC and length) so that an
  archive truncated exactly between two members is still reported.
* A folder is walked recursively, sorted by path components (folder ``a/`` before ``a.xml``).
* A single ``.xml`` file gives one member.

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

import gzip
import hashlib
import os
import stat
import tarfile
import zlib
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol, cast

XML_SUFFIX = ".xml"
TAR_SUFFIXES = (".tar.gz", ".tgz", ".tar")
GZIP_MAGIC = b"\x1f\x8b"
# A member larger than this is reported instead of being loaded (DILA files are a few kB).
MAX_MEMBER_BYTES = 64 * 1024 * 1024
_CHUNK = 64 * 1024
# Errors that the tar/gzip machinery raises on corrupted or truncated data.
_STREAM_ERRORS = (tarfile.TarError, OSError, EOFError, zlib.error)


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

    ``fatal`` is true when nothing after this point of the input can be read either.
    """

    input: str
    delivery: str
    name: str
    message: str
    fatal: bool


Item = Member | MemberProblem
OtherHandler = Callable[[Member], None]
# Inner generators first yield ``None`` once the input is open, then the items.
_Opened = Generator[Item | None, None, None]


def iter_members(path: Path, *, on_other: OtherHandler | None = None) -> Iterator[Item]:
    """Stream the XML members of a tarball, a folder or a single ``.xml`` file.

    Raises :class:`InputError` immediately (not on first iteration) when the input cannot be
    opened. ``on_other`` receives the non-XML regular files (see the module docstring).
    """
    path = Path(path)
    kind = _input_kind(path)
    if kind == "folder":
        inner = _folder_members(path, on_other)
    elif kind == "tar":
        inner = _tar_members(path, on_other)
    else:
        inner = _xml_file_members(path)
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
        if not _is_xml(rel):
            continue
        encoded = rel.encode("utf-8", "surrogateescape")
        digest.update(len(encoded).to_bytes(8, "big") + encoded)
        digest.update(_stat_size(file).to_bytes(8, "big"))
        total += _hash_file(file, digest)
    return digest.hexdigest(), total


# --- input kinds -------------------------------------------------------------------------


def _input_kind(path: Path) -> str:
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise InputError(f"Le chemin « {path} » n'existe pas.") from None
    except OSError as error:
        raise _os_input_error(path, error) from error
    if stat.S_ISDIR(mode):
        return "folder"
    name = path.name.lower()
    if stat.S_ISREG(mode) and name.endswith(TAR_SUFFIXES):
        return "tar"
    if stat.S_ISREG(mode) and name.endswith(XML_SUFFIX):
        return "xml"
    raise InputError(
        f"« {path} » n'est ni une archive (.tar.gz, .tgz, .tar), ni un dossier, "
        "ni un fichier .xml."
    )


def _os_input_error(path: Path, error: OSError) -> InputError:
    if isinstance(error, PermissionError):
        return InputError(f"Impossible de lire « {path} » : accès refusé.")
    return InputError(f"Impossible de lire « {path} » (erreur système n° {error.errno}).")


def _is_xml(name: str) -> bool:
    return name.lower().endswith(XML_SUFFIX)


# --- single file ---------------------------------------------------------------------------


def _xml_file_members(path: Path) -> _Opened:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise _os_input_error(path, error) from error
    yield None
    yield Member(str(path), path.name, path.name, data)


# --- folder --------------------------------------------------------------------------------


def _folder_members(root: Path, on_other: OtherHandler | None) -> _Opened:
    source, delivery = str(root), root.name or root.resolve().name
    files, errors = _folder_files(root)
    yield None
    for rel in errors:
        message = f"Le sous-dossier « {rel} » est illisible : ses fichiers sont ignorés."
        yield MemberProblem(source, delivery, rel, message, fatal=False)
    for rel, file in files:
        is_xml = _is_xml(rel)
        if not is_xml and on_other is None:
            continue
        item = _read_folder_file(source, delivery, rel, file)
        if is_xml or isinstance(item, MemberProblem):
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
        raise _os_input_error(root, error) from error
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


def _read_folder_file(source: str, delivery: str, rel: str, file: Path) -> Item:
    try:
        if _stat_size(file) > MAX_MEMBER_BYTES:
            return _too_big(source, delivery, rel)
        return Member(source, delivery, rel, file.read_bytes())
    except OSError as error:
        reason = "accès refusé" if isinstance(error, PermissionError) else "erreur système"
        message = f"Le fichier « {rel} » est illisible ({reason}) : ignoré."
        return MemberProblem(source, delivery, rel, message, fatal=False)


def _stat_size(file: Path) -> int:
    return file.stat().st_size


def _too_big(source: str, delivery: str, name: str) -> MemberProblem:
    limit = MAX_MEMBER_BYTES // (1024 * 1024)
    message = f"Le fichier « {name} » dépasse {limit} Mo : ignoré."
    return MemberProblem(source, delivery, name, message, fatal=False)


# --- tarball -------------------------------------------------------------------------------


def _tar_members(path: Path, on_other: OtherHandler | None) -> _Opened:
    source, delivery = str(path), path.name
    with _open_binary(path) as raw:
        stream, compressed = _decompressed(path, raw)
        tar = _open_tar(path, stream, compressed)
        with tar:
            yield None
            fatal = yield from _walk_tar(tar, source, delivery, on_other)
            if compressed and not fatal:
                problem = _gzip_end_problem(cast(gzip.GzipFile, stream), source, delivery)
                if problem is not None:
                    yield problem


def _open_binary(path: Path) -> BinaryIO:
    try:
        if path.stat().st_size == 0:
            raise InputError(f"Le fichier « {path} » est vide.")
        return path.open("rb")
    except OSError as error:
        raise _os_input_error(path, error) from error


def _decompressed(path: Path, raw: BinaryIO) -> tuple[BinaryIO, bool]:
    """Wrap ``raw`` in a gzip reader when it starts with the gzip magic."""
    try:
        magic = raw.read(len(GZIP_MAGIC))
        raw.seek(0)
    except OSError as error:
        raise _os_input_error(path, error) from error
    if magic == GZIP_MAGIC:
        return cast(BinaryIO, gzip.GzipFile(fileobj=raw, mode="rb")), True
    return raw, False


def _open_tar(path: Path, stream: BinaryIO, compressed: bool) -> tarfile.TarFile:
    """Open the tar stream, which reads the first header."""
    try:
        return tarfile.open(fileobj=stream, mode="r|" if compressed else "r|*")
    except gzip.BadGzipFile:
        raise InputError(f"« {path} » n'est pas une archive gzip valide.") from None
    except _STREAM_ERRORS:
        raise InputError(
            f"« {path} » n'est pas une archive tar lisible (fichier corrompu, tronqué dès le "
            "début ou d'un autre format)."
        ) from None


def _walk_tar(
    tar: tarfile.TarFile, source: str, delivery: str, on_other: OtherHandler | None
) -> Generator[Item, None, bool]:
    """Yield the members; return True when a fatal problem ended the walk."""
    count, current = 0, ""
    try:
        while (info := tar.next()) is not None:
            # In stream mode tarfile keeps every TarInfo it has seen: drop them.
            tar.members.clear()
            current = info.name
            item = _tar_item(tar, info, source, delivery, on_other)
            current = ""
            if item is not None:
                count += 1
                yield item
    except _STREAM_ERRORS as error:
        where = f"pendant la lecture de « {current} »" if current else "entre deux fichiers"
        message = (
            f"Archive {_stream_damage(error)} {where} : la suite est illisible "
            f"({count} élément(s) lu(s) avant)."
        )
        yield MemberProblem(source, delivery, current, message, fatal=True)
        return True
    return False


def _tar_item(
    tar: tarfile.TarFile,
    info: tarfile.TarInfo,
    source: str,
    delivery: str,
    on_other: OtherHandler | None,
) -> Item | None:
    """Read one tar entry: a Member for XML, None for what is skipped or sent to on_other."""
    is_xml = _is_xml(info.name)
    if info.isdir() or (not is_xml and (on_other is None or not info.isreg())):
        return None
    if not info.isreg():
        message = f"« {info.name} » n'est pas un fichier ordinaire (lien ou spécial) : ignoré."
        return MemberProblem(source, delivery, info.name, message, fatal=False)
    if info.size > MAX_MEMBER_BYTES:
        return _too_big(source, delivery, info.name)
    handle = tar.extractfile(info)
    data = handle.read() if handle is not None else b""
    member = Member(source, delivery, info.name, data)
    if is_xml:
        return member
    if on_other is not None:
        on_other(member)
    return None


def _gzip_end_problem(stream: gzip.GzipFile, source: str, delivery: str) -> MemberProblem | None:
    """Read what follows the end of the tar so that gzip checks its CRC and length."""
    try:
        while stream.read(_CHUNK):
            pass
    except _STREAM_ERRORS as error:
        message = f"Archive {_stream_damage(error)} après le dernier fichier lu."
        return MemberProblem(source, delivery, "", message, fatal=True)
    return None


def _stream_damage(error: BaseException) -> str:
    text = str(error).lower()
    if isinstance(error, EOFError) or "unexpected end" in text or "truncated" in text:
        return "tronquée"
    return "corrompue"


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
        raise _os_input_error(path, error) from error
    return size
