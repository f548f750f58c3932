"""The writing process parses its share of the batches (``parallel.parsed_here``): what it
gives is what one process reading everything gives, in order, whoever parses a batch."""

from __future__ import annotations

import pytest

from tests.conftest import FIXTURES, make_tarball, tree_members
from vigie import config
from vigie.documents import parallel
from vigie.documents.parallel import parsed_input

GLOBAL_FIXTURE = FIXTURES / "global" / "JORF_20260923-011003"


def _read(path, workers: int) -> list[tuple]:
    items = parsed_input(path, workers, max_bytes=config.max_file_bytes(),
                         queue_bytes=config.ingest_queue_bytes() // 2,
                         max_text=config.max_text_chars())
    return [(item.name, item.input, item.delivery, size, record, error)
            for item, size, record, error in items]


ADAPTIVE = parallel.SLACK


@pytest.mark.parametrize("slack", [10**6, 0, ADAPTIVE])
def test_batches_parsed_here_and_by_a_worker_give_what_one_process_gives(tmp_path,
                                                                          monkeypatch, slack):
    """Every batch left to the writing process (``slack`` beyond any batch), none, or as the
    work goes."""
    fixture = tree_members(GLOBAL_FIXTURE)
    members: dict[str, bytes] = {}
    for copy in range(24):
        if copy == 13:  # member 299, in the third batch
            members["copie13/bad.xml"] = b"<TEXTE_VERSION>"
        members.update((f"copie{copy:02d}/{name}", data) for name, data in fixture.items())
    tarball = make_tarball(tmp_path / "JORF_20261014-010000.tar.gz", members)
    here = []
    work = parallel.work
    monkeypatch.setattr(parallel, "work", lambda *a: here.append(1) or work(*a))
    monkeypatch.setattr(parallel, "SLACK", slack)
    shared = _read(tarball, 1)
    batches = -(-len(members) // parallel.BATCH)
    # (The workers, other processes, do not count.) The writing process is never ahead of a
    # worker: batches 0 and 1 are always left to it, as the work goes.
    assert len(here) == {0: 0, ADAPTIVE: max(2, len(here))}.get(slack, batches)
    here.clear()
    alone = _read(tarball, 0)
    assert shared == alone
    assert len(shared) == len(members) > 3 * parallel.BATCH
    assert [e for *_, e in shared if e]


def test_a_batch_is_left_to_the_writing_process_when_it_would_soon_wait_for_it():
    """The writing process is at batch 5: a worker leaves it batches 5 and 6 (``SLACK`` 2),
    parses those after."""
    assert [parallel.parsed_here(i, 5, 2) for i in range(5, 9)] == [True, True, False, False]
    assert not any(parallel.parsed_here(i, 0, 0) for i in range(3))
