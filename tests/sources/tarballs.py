"""Builders of small DILA-like tarballs for tests (plain helpers, no pytest import)."""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

STAMP = "20260921-220149"


def xml_text(identifier: str, body: str = "") -> str:
    """A tiny JORF-looking XML document."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<TEXTE_VERSION><META><ID>{identifier}</ID></META>{body}</TEXTE_VERSION>\n"
    )


def tarball_bytes(members: dict[str, bytes | str], *, compression: str = "gz") -> bytes:
    """A tar archive (``compression``: "gz", "" for plain tar) holding ``members`` in order.

    A name ending in ``/`` becomes a directory entry.
    """
    buffer = io.BytesIO()
    mode = f"w:{compression}" if compression else "w"
    with tarfile.open(fileobj=buffer, mode=mode) as tar:
        for name, content in members.items():
            info = tarfile.TarInfo(name.rstrip("/"))
            if name.endswith("/"):
                info.type = tarfile.DIRTYPE
                tar.addfile(info)
                continue
            data = content.encode("utf-8") if isinstance(content, str) else content
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def write_tarball(
    path: Path, members: dict[str, bytes | str], *, compression: str = "gz"
) -> Path:
    path.write_bytes(tarball_bytes(members, compression=compression))
    return path


def delivery_members(count: int = 3, *, stamp: str = STAMP) -> dict[str, bytes | str]:
    """Members laid out like a JORF delivery, with a suppression list and a directory."""
    members: dict[str, bytes | str] = {f"{stamp}/": b""}
    for index in range(count):
        identifier = f"JORFTEXT{index:012d}"
        path = f"{stamp}/jorf/global/texte/version/JORF/TEXT/00/00/{identifier}.xml"
        members[path] = xml_text(identifier)
    members[f"{stamp}/liste_suppression_jorf.dat"] = "jorf/global/texte/JORFTEXT000000000999\n"
    return members
