"""Reading a tarball as a stream of members: with libarchive when present, else ``tarfile``.

This module owns the step "a ``.tar.gz`` / ``.tgz`` / ``.tar`` → its members, one at a time".
Nothing is extracted to disk and only one member is in memory at a time.

* libarchive (the ``libarchive-c`` package over the system's ``libarchive.so``) reads the tar
  format in C, several times faster than Python's ``tarfile`` on a 20 000-member delivery.
  It is restricted to the tar format and given already decompressed bytes: gzip is inflated
  here with :mod:`zlib`, in pieces of at most 256 ko (a gzip bomb never fills memory), and the
  end-of-stream CRC and length are checked, so that an archive truncated between two members,
  or in its last eight bytes, is still reported.
* ``tarfile`` is the fallback when libarchive cannot be loaded (or when
  ``VIGIE_INGEST_TAR_READER=tarfile``), and reads bzip2 or xz tarballs too.

Both yield the same items for the same archive: an XML member, a problem for a link or a
special file, a problem for a file over ``VIGIE_INGEST_MAX_FILE_MB`` (never read), and a
fatal problem where the stream breaks, after every member read before it.
"""

from __future__ import annotations

import ctypes
import gzip
import os
import tarfile
import zlib
from collections.abc import Generator
from contextlib import ExitStack
from pathlib import Path
from typing import Any, BinaryIO, cast

from vigie.sources.members import (
    InputError,
    Item,
    Member,
    MemberProblem,
    Opened,
    OtherHandler,
    input_error,
    is_xml,
    new_member,
    too_big,
)

try:  # the Python binding, and the system library it loads
    import libarchive
    from libarchive import ffi
    from libarchive.entry import ArchiveEntry
    from libarchive.exception import ArchiveError

    from vigie.sources import archive_calls as calls
    from vigie.sources.archive_calls import Walk
except (ImportError, OSError, AttributeError):  # pragma: no cover - depends on the machine
    libarchive = None
    ArchiveError = OSError

GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 256 * 1024
# A member's bytes read at a time: most members in one piece, and a small buffer.
_DATA_CHUNK = 64 * 1024
# Compressed bytes inflated at a time: small, because zlib drops what it inflated from a
# piece that turns out corrupted, and the members before the damage must still come out.
_COMPRESSED_CHUNK = 16 * 1024
# Errors that decompression and the tar machinery raise on corrupted or truncated data.
# File types (``stat``'s), as libarchive gives them.
_S_IFMT, _S_IFREG, _S_IFDIR = 0o170000, 0o100000, 0o040000
_STREAM_ERRORS = (tarfile.TarError, OSError, EOFError, zlib.error)


def reader() -> str:
    """« libarchive » or « tarfile »: what reads tarballs in this process."""
    wanted = os.environ.get("VIGIE_INGEST_TAR_READER", "").strip().lower()
    return "tarfile" if libarchive is None or wanted == "tarfile" else "libarchive"


def tar_members(path: Path, on_other: OtherHandler | None, max_bytes: int) -> Opened:
    """The members of a tarball (see the module docstring); first yields None once open.
    A member over ``max_bytes`` is a problem, never read."""
    with open_binary(path) as raw:
        magic = _peek(path, raw)
        if reader() == "libarchive" and (magic == GZIP_MAGIC or not _other_compression(magic)):
            yield from _libarchive_members(path, raw, magic == GZIP_MAGIC, on_other, max_bytes)
        else:
            yield from _tarfile_members(path, raw, magic == GZIP_MAGIC, on_other, max_bytes)


def open_binary(path: Path) -> BinaryIO:
    try:
        if path.stat().st_size == 0:
            raise InputError(f"Le fichier « {path} » est vide.")
        return path.open("rb")
    except OSError as error:
        raise input_error(path, error) from error


def _peek(path: Path, raw: BinaryIO) -> bytes:
    try:
        magic = raw.read(len(GZIP_MAGIC))
        raw.seek(0)
    except OSError as error:
        raise input_error(path, error) from error
    return magic


def _other_compression(magic: bytes) -> bool:
    """bzip2 (« BZ ») or xz (0xFD « 7 »): left to tarfile."""
    return magic in (b"BZ", b"\xfd7")


def _not_tar(path: Path) -> InputError:
    return InputError(
        f"« {path} » n'est pas une archive tar lisible (fichier corrompu, tronqué dès le "
        "début ou d'un autre format)."
    )


def _not_gzip(path: Path) -> InputError:
    return InputError(f"« {path} » n'est pas une archive gzip valide.")


def _stream_damage(error: BaseException) -> str:
    text = str(error).lower()
    if isinstance(error, EOFError) or "unexpected end" in text or "truncated" in text:
        return "tronquée"
    return "corrompue"


def _broken(source: str, delivery: str, current: str, count: int,
            error: BaseException) -> MemberProblem:
    where = f"pendant la lecture de « {current} »" if current else "entre deux fichiers"
    message = (f"Archive {_stream_damage(error)} {where} : la suite est illisible "
               f"({count} élément(s) lu(s) avant).")
    return MemberProblem(source, delivery, current, message, fatal=True)


def _end_problem(source: str, delivery: str, error: BaseException | None) -> list[MemberProblem]:
    if error is None:
        return []
    message = f"Archive {_stream_damage(error)} après le dernier fichier lu."
    return [MemberProblem(source, delivery, "", message, fatal=True)]


def _kept(name: str, regular: bool, on_other: OtherHandler | None) -> bool:
    """Whether a non-directory entry is read (XML, or a regular file ``on_other`` wants)."""
    return is_xml(name) or (on_other is not None and regular)


def _hand_over(member: Member, on_other: OtherHandler | None,
               xml: bool | None = None) -> Member | None:
    """The XML member itself; anything else goes to ``on_other`` and is not yielded.
    ``xml``: whether its name says XML, when known already."""
    if is_xml(member.name) if xml is None else xml:
        return member
    if on_other is not None:
        on_other(member)
    return None


def _special(source: str, delivery: str, name: str) -> MemberProblem:
    message = f"« {name} » n'est pas un fichier ordinaire (lien ou spécial) : ignoré."
    return MemberProblem(source, delivery, name, message, fatal=False)


# --- libarchive ------------------------------------------------------------------------------


class _Feed:
    """The bytes libarchive reads: the file as is, or inflated from gzip in bounded pieces.

    libarchive calls :meth:`read` (a C callback): exceptions cannot cross it, so the first
    one is kept in ``error`` and libarchive is told the stream failed.
    """

    def __init__(self, raw: BinaryIO, gzipped: bool) -> None:
        self.raw = raw
        self.inflate = zlib.decompressobj(31) if gzipped else None
        self.pending = b""  # compressed bytes not inflated yet
        # The piece libarchive is reading: one buffer, reused (no per-piece allocation).
        self.buffer = ctypes.create_string_buffer(_CHUNK)
        self.error: BaseException | None = None

    def read(self, _archive: Any, _context: Any, pointer: Any) -> int:
        try:
            data = self.next_piece()
        except (OSError, EOFError, zlib.error) as error:
            self.error = self.error or error
            return -30  # ARCHIVE_FATAL
        ctypes.memmove(self.buffer, data, len(data))
        pointer[0] = ctypes.addressof(self.buffer)
        return len(data)

    def next_piece(self) -> bytes:
        """The next bytes of the tar stream (b"" at its end)."""
        if self.inflate is None:
            return self.raw.read(_CHUNK)
        while True:
            if self.inflate.eof and not self._next_gzip_member():
                return b""
            data = self.pending or self.raw.read(_COMPRESSED_CHUNK)
            if not data:
                raise EOFError("compressed stream ended before its end-of-stream marker")
            piece = self.inflate.decompress(data, _CHUNK)
            self.pending = self.inflate.unconsumed_tail
            if piece:
                return piece

    def _next_gzip_member(self) -> bool:
        """After a gzip member: start the next one (as gzip does), or end; zero bytes between
        or after members are padding, as gzip tolerates."""
        rest = self.inflate.unused_data if self.inflate else b""
        while len(rest := rest.lstrip(b"\0")) < len(GZIP_MAGIC):
            more = self.raw.read(_CHUNK)
            if not more:
                break
            rest += more
        if not rest:
            return False
        if not rest.startswith(GZIP_MAGIC):
            raise gzip.BadGzipFile("data after the end of the gzip stream")
        self.inflate, self.pending = zlib.decompressobj(31), rest
        return True

    def drain(self) -> BaseException | None:
        """Read to the end of the file once the tar has ended (gzip checks CRC and length)."""
        if self.error is None and self.inflate is not None:
            try:
                while self.next_piece():
                    pass
            except (OSError, EOFError, zlib.error) as error:
                self.error = error
        return self.error


def _libarchive_members(path: Path, raw: BinaryIO, gzipped: bool,
                        on_other: OtherHandler | None, max_bytes: int) -> Opened:
    source, delivery = str(path), path.name
    feed = _Feed(raw, gzipped)
    with ExitStack() as stack:
        try:
            archive = stack.enter_context(libarchive.custom_reader(
                feed.read, format_name="tar", filter_name="none", seek_func=0))
        except ArchiveError:
            raise (_not_gzip(path) if isinstance(feed.error, zlib.error) else _not_tar(path)
                   ) from None
        yield None
        fatal = yield from _walk_entries(archive, feed, (source, delivery, max_bytes),
                                         on_other)
        if not fatal:
            yield from _end_problem(source, delivery, feed.drain())


def _walk_entries(archive: Any, feed: _Feed, where: tuple[str, str, int],
                  on_other: OtherHandler | None) -> Generator[Item, None, bool]:
    """Yield the members; return True when a fatal problem ended the walk. ``where`` is
    (input, delivery, size limit).

    One entry and one buffer serve the whole walk, and libarchive's functions are called
    directly (``archive_calls``): the binding's object per entry, its properties and its
    blocks (a buffer allocated per member, copied twice) cost more than the tar format
    itself."""
    source, delivery, _ = where
    count, current = 0, ""
    entry = ArchiveEntry(archive._pointer, archive.header_codec)  # freed with the object
    walk = Walk(archive._pointer, entry._entry_p, _DATA_CHUNK)
    try:
        while (done := calls.NEXT_HEADER(walk.archive, walk.entry)) != ffi.ARCHIVE_EOF:
            if done < 0:
                walk.checked(done)
            current = _entry_name(walk)
            item = _entry_item(walk, current, where, on_other)
            current = ""
            if item is not None:
                count += 1
                yield item
    except ArchiveError as error:
        yield _broken(source, delivery, current, count, feed.error or error)
        return True
    return False


def _entry_name(walk: Walk) -> str:
    """The entry's path as ``ArchiveEntry.pathname`` reads it (the binding's header codec is
    UTF-8), undecodable bytes escaped."""
    name = calls.PATHNAME_W(walk.entry)
    if name:
        return name
    raw = calls.PATHNAME(walk.entry)
    return raw.decode("utf-8", "surrogateescape") if raw is not None else ""


def _entry_item(walk: Walk, name: str, where: tuple[str, str, int],
                on_other: OtherHandler | None) -> Item | None:
    """Read one entry: a Member for XML, None for what is skipped or sent to on_other."""
    source, delivery, limit = where
    entry = walk.entry
    kind = calls.FILETYPE(entry) & _S_IFMT
    regular = kind == _S_IFREG and not (calls.HARDLINK_W(entry) or calls.HARDLINK(entry))
    xml = is_xml(name)
    if kind == _S_IFDIR or not (xml or _kept(name, regular, on_other)):
        return None
    if not regular:
        return _special(source, delivery, name)
    size = calls.SIZE(entry)  # 0 when the header tells none (libarchive clears it)
    if size > limit:
        return too_big(source, delivery, name, size, limit)
    data = _data(walk, size)
    if len(data) > limit:  # a size the header did not tell
        return too_big(source, delivery, name, len(data), limit)
    return _hand_over(new_member(source, delivery, name, data), on_other, xml)


def _data(walk: Walk, size: int) -> bytes:
    """The current entry's bytes (one copy of each piece read). Once the ``size`` bytes its
    header tells are read, libarchive is not asked again for the end it would tell (it
    reads nothing more for it); a size not told (0) is read to that end."""
    pieces = []
    read = 0
    read_data, archive, buffer, chunk = calls.READ_DATA, walk.archive, walk.buffer, walk.chunk
    while (got := read_data(archive, buffer, chunk)) > 0:
        pieces.append(walk.view[:got].tobytes())
        read += got
        if read == size:
            break
    if got < 0:
        walk.checked(got)
    return pieces[0] if len(pieces) == 1 else b"".join(pieces)


# --- tarfile (fallback) ----------------------------------------------------------------------


def _tarfile_members(path: Path, raw: BinaryIO, gzipped: bool,
                     on_other: OtherHandler | None, max_bytes: int) -> Opened:
    source, delivery = str(path), path.name
    stream = cast(BinaryIO, gzip.GzipFile(fileobj=raw, mode="rb")) if gzipped else raw
    try:
        tar = tarfile.open(fileobj=stream, mode="r|" if gzipped else "r|*")  # noqa: SIM115
    except gzip.BadGzipFile:
        raise _not_gzip(path) from None
    except _STREAM_ERRORS:
        raise _not_tar(path) from None
    with tar:
        yield None
        fatal = yield from _walk_tar(tar, (source, delivery, max_bytes), on_other)
        if gzipped and not fatal:
            yield from _end_problem(source, delivery, _gzip_end_error(stream))


def _walk_tar(tar: tarfile.TarFile, where: tuple[str, str, int],
              on_other: OtherHandler | None) -> Generator[Item, None, bool]:
    """Yield the members; return True when a fatal problem ended the walk."""
    source, delivery, _ = where
    count, current = 0, ""
    try:
        while (info := tar.next()) is not None:
            # In stream mode tarfile keeps every TarInfo it has seen: drop them.
            tar.members.clear()
            current = info.name
            item = _tar_item(tar, info, where, on_other)
            current = ""
            if item is not None:
                count += 1
                yield item
    except _STREAM_ERRORS as error:
        yield _broken(source, delivery, current, count, error)
        return True
    return False


def _tar_item(tar: tarfile.TarFile, info: tarfile.TarInfo, where: tuple[str, str, int],
              on_other: OtherHandler | None) -> Item | None:
    source, delivery, limit = where
    if info.isdir() or not _kept(info.name, info.isreg(), on_other):
        return None
    if not info.isreg():
        return _special(source, delivery, info.name)
    if info.size > limit:
        return too_big(source, delivery, info.name, info.size, limit)
    handle = tar.extractfile(info)
    data = handle.read() if handle is not None else b""
    return _hand_over(Member(source, delivery, info.name, data), on_other)


def _gzip_end_error(stream: BinaryIO) -> BaseException | None:
    """Read what follows the end of the tar so that gzip checks its CRC and length."""
    try:
        while stream.read(_CHUNK):
            pass
    except _STREAM_ERRORS as error:
        return error
    return None
