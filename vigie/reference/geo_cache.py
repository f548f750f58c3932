"""The built COG tables kept on disk, so that a process loads them instead of building them.

Building the tables (``geography.load_geo``) decompresses and reads the 51 MB communes file:
1.5 s on a machine at rest, 4 s and more on a loaded one, paid by every process that analyses —
each analysis worker of an ingest, each command. The tables once built are pickled in the data
directory (``<VIGIE_DATA_DIR>/cache``) under a key made of what they are built from: the
package's data files (name, size, date), the history file and the code that builds them, and
the Python version. Any change makes a new key, so a stale table is never read. Loading takes
a fraction of building.

The data directory is Vigie's own (it holds the SQLite database and the downloads): what it
holds is trusted as the database is. Reading or writing the cache may fail (read-only folder,
damaged or partly written file): the caller then builds the tables as before, nothing else
changes. Files are written under a temporary name and renamed, so that two processes
building at the same time never read half a file.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import TypeVar

from vigie.config import data_dir

T = TypeVar("T")
_FOLDER = "cache"


def key(package: str, folder: str, extra: tuple[Path, ...]) -> str:
    """What the tables are built from, hashed: the files of ``package``'s ``folder`` (name,
    size, modification time), the bytes of ``extra`` files, the Python version."""
    digest = hashlib.sha256(repr(sys.version_info[:2]).encode())
    data = Path(str(resources.files(package) / folder))
    for path in sorted(data.iterdir()) if data.is_dir() else ():
        stat = path.stat()
        digest.update(f"{path.name}\x1f{stat.st_size}\x1f{stat.st_mtime_ns}\n".encode())
    for path in extra:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:24]


def cached(name: str, version: str, build: Callable[[], T]) -> T:
    """The object ``build`` returns, read from the cache file of ``name`` and ``version`` when
    there, else built and written there for the next process."""
    path = data_dir() / _FOLDER / f"{name}-{version}.pickle"
    found = _read(path)
    if found is not None:
        return found
    built = build()
    _write(path, built)
    return built


def _read(path: Path) -> object | None:
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    gc.disable()  # many small objects at once: the collector would run for nothing
    try:
        return pickle.loads(raw)
    except Exception:  # noqa: BLE001 - a damaged file: build again
        return None
    finally:
        gc.enable()


def _write(path: Path, value: object) -> None:
    """Write under a temporary name, then rename; drop the files of older versions."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    except OSError:  # a read-only data directory: every process builds, as before
        return
    try:
        with os.fdopen(handle, "wb") as out:
            pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        return
    name = path.name.rsplit("-", 1)[0]
    for older in path.parent.glob(f"{name}-*.pickle"):
        if older != path:
            with contextlib.suppress(OSError):
                older.unlink()


def _by_fields(self: object) -> tuple:
    """Pickled as a call of the class with its fields: some 75 000 records in the tables,
    loaded from the cache 3 times faster than by a slotted dataclass's own state."""
    return type(self), tuple(getattr(self, name) for name in self.__slots__)  # type: ignore


def pickled_by_fields(*classes: type) -> None:
    """Have the records of these slotted dataclasses pickled as ``_by_fields`` says."""
    for record in classes:
        record.__reduce__ = _by_fields  # type: ignore[method-assign]
