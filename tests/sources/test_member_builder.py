"""``members.new_member`` makes the very ``Member`` its class makes (same parameters, same
fields in the same order, equal, same hash, same pickle), on hand-made values and on every
member of a tarball read by both readers (libarchive and tarfile), whose sizes (told by the
header, 0 or more) are checked on the way."""

from __future__ import annotations

import dataclasses
import inspect
import pickle
from pathlib import Path
from typing import Any

import pytest

from vigie.sources import tar_reading
from vigie.sources.archives import iter_members
from vigie.sources.members import Member, MemberProblem, new_member

from .tarballs import delivery_members, write_tarball


def _same(built: Any, made: Any) -> None:
    assert type(built) is type(made)
    assert built == made and hash(built) == hash(made)
    assert list(vars(built)) == [f.name for f in dataclasses.fields(made)]
    assert pickle.dumps(built) == pickle.dumps(made)


def test_parameters_are_the_fields() -> None:
    parameters = inspect.signature(new_member).parameters
    assert list(parameters) == [f.name for f in dataclasses.fields(Member)]
    assert not hasattr(Member, "__post_init__")
    _same(new_member("a.tar.gz", "a", "x.xml", b"<A/>"), Member("a.tar.gz", "a", "x.xml", b"<A/>"))


@pytest.mark.parametrize("reader", ["libarchive", "tarfile"])
def test_members_read_are_the_class_made_ones(tmp_path: Path, reader: str,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    if reader == "libarchive" and tar_reading.libarchive is None:
        pytest.skip("libarchive absent de cette machine")
    monkeypatch.setenv("VIGIE_INGEST_TAR_READER", reader)
    members = {**delivery_members(4), "20260921-220149/vide.xml": b""}
    path = write_tarball(tmp_path / "JORF_20260921-220149.tar.gz", members)
    read = list(iter_members(path, max_bytes=10_000))
    assert [m.name for m in read] == [n for n in members if n.endswith(".xml")]
    for member in read:
        assert not isinstance(member, MemberProblem)
        _same(member, Member(member.input, member.delivery, member.name, member.data))
    assert read[-1].data == b""  # a member of 0 bytes: its size, told, is 0
    too_small = list(iter_members(path, max_bytes=10))  # sizes told by the header: refused
    assert [m.refused for m in too_small if isinstance(m, MemberProblem)] == [True] * 4
