"""The writing process parses its share of the batches (``parallel.parsed_here``): what it
gives is what one process reading everything gives, in order."""

from __future__ import annotations

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


def test_batches_parsed_here_and_by_a_worker_give_what_one_process_gives(tmp_path,
                                                                          monkeypatch):
    fixture = tree_members(GLOBAL_FIXTURE)
    members: dict[str, bytes] = {}
    for copy in range(24):
        if copy == 13:  # member 299, in the third batch: parsed here
            members["copie13/bad.xml"] = b"<TEXTE_VERSION>"
        members.update((f"copie{copy:02d}/{name}", data) for name, data in fixture.items())
    tarball = make_tarball(tmp_path / "JORF_20261014-010000.tar.gz", members)
    here = []
    work = parallel.work
    monkeypatch.setattr(parallel, "work", lambda *a: here.append(1) or work(*a))
    shared = _read(tarball, 1)
    assert here  # (the workers, other processes, do not count)
    here.clear()
    alone = _read(tarball, 0)
    assert shared == alone
    assert len(shared) == len(members) > 3 * parallel.BATCH
    assert [e for *_, e in shared if e] and parallel.parsed_here(2, 1)


def test_the_writing_process_parses_one_batch_in_three_beside_one_worker():
    assert [parallel.parsed_here(i, 1) for i in range(6)] == [False, False, True] * 2
    assert sum(parallel.parsed_here(i, 3) for i in range(70)) == 10
