"""Whether an input is read by parsing workers depends on what it holds once inflated
(``sources.archives.inflated_size``), not on its compressed size: a delivery of files alike
compresses tenfold and more, and was read by one process alone."""

from __future__ import annotations

import gzip
import re
import tarfile

import pytest

from tests.conftest import FIXTURES, make_tarball, tree_members
from vigie.documents import early, ingest, parallel
from vigie.sources.archives import inflated_size

GLOBAL_FIXTURE = FIXTURES / "global" / "JORF_20260923-011003"
_ID = re.compile(rb"(JORF(?:TEXT|ARTI|SCTA|CONT))00009910(\d{4})")


def _copies(tmp_path, copies: int):
    """The fixture delivery repeated ``copies`` times with new ids (one sommaire)."""
    members: dict[str, bytes] = {}
    for copy in range(1, copies + 1):
        for name, data in tree_members(GLOBAL_FIXTURE).items():
            if copy > 1 and "/conteneur/" in name:
                continue
            renamed = _ID.sub(rb"\g<1>%08d\g<2>" % copy, name.encode()).decode()
            members[renamed] = _ID.sub(rb"\g<1>%08d\g<2>" % copy, data)
    return make_tarball(tmp_path / "JORF_20260923-011003.tar.gz", members)


def test_the_inflated_size_of_a_tarball_is_what_its_tar_holds(tmp_path):
    path = _copies(tmp_path, 3)
    size = path.stat().st_size
    with gzip.open(path) as inflated:
        assert inflated_size(path, size) == len(inflated.read()) > 5 * size
    assert inflated_size(GLOBAL_FIXTURE, 1234) == 1234  # a folder: its size as given
    plain = tmp_path / "plain.tar"
    with tarfile.open(plain, "w"):
        pass
    assert inflated_size(plain, plain.stat().st_size) == plain.stat().st_size
    short = tmp_path / "short.tar.gz"
    short.write_bytes(b"\x1f\x8b")  # cut before its trailer: the readers will say so
    assert inflated_size(short, 2) == 2
    assert inflated_size(tmp_path / "gone.tar.gz", 7) == 7


@pytest.mark.django_db
def test_a_small_archive_of_much_xml_is_read_by_the_workers(tmp_path, monkeypatch):
    monkeypatch.setattr(parallel, "PARALLEL_FROM_BYTES", 256 * 1024)  # (a smaller test)
    path = _copies(tmp_path, 10)
    assert path.stat().st_size < parallel.PARALLEL_FROM_BYTES
    assert inflated_size(path, path.stat().st_size) > parallel.PARALLEL_FROM_BYTES
    monkeypatch.delenv("VIGIE_INGEST_WORKERS", raising=False)
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 2)
    readers: list[int] = []
    parsed_input = ingest.parsed_input

    def spied(path, workers, **limits):
        readers.append(workers)
        return parsed_input(path, workers, **limits)

    monkeypatch.setattr(ingest, "parsed_input", spied)
    early.start(path)  # as ``vigie ingest`` does, before Django: it counts the same
    early._wait_started()
    assert len(early._started) == 1
    report = ingest.ingest_path(path)
    assert report.status == "done" and report.counts["created"] == 30
    assert readers == [1] and early._started == []  # the pool started first, adopted
