"""libarchive's functions as the tarball walk calls them (``tar_reading``): bare, without the
binding's conversions and checks, and the arguments of one walk (``Walk``).

The binding (``libarchive.ffi``) declares the types of each function's arguments, so that
ctypes converts every argument by a call of its type's ``from_param``, and it checks the
results of reading by a call of a Python function (``check_int``): a Python call per argument
and per reading, for the seven or so calls a member costs (its header, name, type, links,
size, data). Here the same functions, taken apart from the binding's (whose declarations stay
as they are), have no declared arguments: the pointers are given as ``c_void_p`` objects and
the size as a ``c_size_t``, which ctypes passes as they are, and a reading's result is checked
in Python only when it is negative, by ``check_int`` itself (the same warning, the same
``ArchiveError``). On the bench's 4 000 files, 15 million instructions fewer (0.7 % of the
reading process's work).
"""

from __future__ import annotations

import ctypes
from ctypes import c_char_p, c_int, c_longlong, c_size_t, c_ssize_t, c_void_p, c_wchar_p
from typing import Any

from libarchive import ffi


def _bare(name: str, restype: Any) -> Any:
    """``archive_<name>`` returning ``restype``, its arguments passed as they are given."""
    function = ffi.libarchive["archive_" + name]  # (indexing makes a new function object)
    function.restype = restype
    return function


NEXT_HEADER = _bare("read_next_header2", c_int)  # (archive, entry)
READ_DATA = _bare("read_data", c_ssize_t)  # (archive, buffer, its size)
# Of the entry:
PATHNAME_W = _bare("entry_pathname_w", c_wchar_p)
PATHNAME = _bare("entry_pathname", c_char_p)
FILETYPE = _bare("entry_filetype", c_int)
HARDLINK_W = _bare("entry_hardlink_w", c_wchar_p)
HARDLINK = _bare("entry_hardlink", c_char_p)
SIZE = _bare("entry_size", c_longlong)


class Walk:
    """An archive read with one entry, its members' bytes read into one buffer of ``chunk``
    bytes: the arguments of the functions above, as ctypes passes them."""

    def __init__(self, archive: int, entry: int, chunk: int) -> None:
        self.pointer = archive  # (as the binding's functions take it: ``check_int``)
        self.archive, self.entry = c_void_p(archive), c_void_p(entry)
        self.buffer = ctypes.create_string_buffer(chunk)
        self.view = memoryview(self.buffer)  # sliced and copied without a foreign call
        self.chunk = c_size_t(chunk)

    def checked(self, result: int) -> int:
        """A negative result of ``NEXT_HEADER`` or ``READ_DATA`` as the binding takes it: a
        warning logged (the result returned), else ``ArchiveError`` raised."""
        return ffi.check_int(result, None, (self.pointer,))
