"""Parsing workers started before Django (``documents.early``): adopted by the ingest with the
batches they parsed meanwhile, or stopped when the input did not need them."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from tests.conftest import FIXTURES, make_tarball, tree_members
from vigie import config
from vigie.documents import early
from vigie.documents.models import Article, Document
from vigie.documents.parallel import parsed_input

GLOBAL_FIXTURE = FIXTURES / "global" / "JORF_20260923-011003"


@pytest.fixture
def tarball(tmp_path, monkeypatch):
    monkeypatch.setenv("VIGIE_INGEST_WORKERS", "1")  # the fixture is smaller than the threshold
    return make_tarball(tmp_path / "JORF_20261014-010000.tar.gz", tree_members(GLOBAL_FIXTURE))


def _read(path, workers: int) -> list[tuple]:
    items = parsed_input(path, workers, max_bytes=config.max_file_bytes(),
                         queue_bytes=config.ingest_queue_bytes() // 2,
                         max_text=config.max_text_chars())
    return [(item.name, size, record, error)
            for item, size, record, error in items]


def test_a_pool_started_early_is_adopted_with_the_batches_it_parsed(tarball):
    """The input read by the pool started first gives what one process reads, in order."""
    early.start(tarball)
    early._wait_started()
    assert len(early._started) == 1 and early._started[0].pending
    adopted = _read(tarball, 1)
    assert early._started == []  # taken, not started twice
    assert adopted == _read(tarball, 0)
    assert len(adopted) > 20


def test_a_pool_started_for_another_input_or_other_limits_is_not_adopted(tarball, tmp_path,
                                                                         monkeypatch):
    early.start(tarball)
    monkeypatch.setenv("VIGIE_INGEST_WORKERS", "0")  # other limits than the pool's
    assert _read(tarball, 0)
    early._wait_started()
    assert len(early._started) == 1
    processes = list(early._started[0].pool._processes.values())
    early.discard()
    assert early._started == []
    deadline = time.monotonic() + 60  # liveness, not speed: they must end at all
    while any(p.is_alive() for p in processes) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(p.is_alive() for p in processes)


def test_other_inputs_start_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("VIGIE_INGEST_WORKERS", "1")
    single = tmp_path / "texte.xml"
    single.write_bytes(b"<TEXTE_VERSION/>")
    for path in (single, tmp_path, tmp_path / "absente.tar.gz"):
        early.start(path)
    assert early._started == [] and early._starting == []


@pytest.mark.django_db
def test_the_command_adopts_its_workers_then_stops_those_a_known_delivery_needs_not(
        vigie, tarball):
    code, out, _ = vigie("ingest", "--no-analysis", tarball)
    assert code == 0 and "0 anomalie" in out, out
    stored = (Document.objects.count(), Article.objects.count())
    code, out, _ = vigie("ingest", "--no-analysis", tarball)
    assert code == 0 and "déjà ingérée" in out, out
    assert early._started == [] and early._starting == []
    assert (Document.objects.count(), Article.objects.count()) == stored and stored[1] > 5


def test_the_ingest_program_leaves_quickly_with_its_output_and_its_rows(tarball, tmp_path):
    """``vigie ingest`` leaves without the interpreter's teardown (``cli.run``): its summary
    (a pipe: buffered) is out, its exit status kept, its delivery recorded as done."""
    env = dict(os.environ, VIGIE_DATABASE_URL=f"sqlite:///{tmp_path / 'vigie.sqlite3'}",
               VIGIE_DATA_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="vigie.settings")

    def ingest() -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "vigie.cli", "ingest", "--no-analysis",
                               str(tarball)], env=env, capture_output=True, text=True,
                              cwd=tmp_path, timeout=300)

    first = ingest()
    assert first.returncode == 0 and "0 anomalie" in first.stdout, first.stderr
    again = ingest()
    assert again.returncode == 0 and "déjà ingérée" in again.stdout, again.stderr
    missing = subprocess.run([sys.executable, "-m", "vigie.cli", "ingest",
                              str(tmp_path / "absente.tar.gz")], env=env, cwd=tmp_path,
                             capture_output=True, text=True, timeout=300)
    assert missing.returncode == 1 and "absente.tar.gz" in missing.stdout + missing.stderr


def test_a_delivery_ingested_before_is_left_at_once_while_its_early_workers_are_busy(tmp_path):
    """The second ``vigie ingest`` of a delivery big enough to keep its early workers parsing
    (``early.STARTING_AHEAD`` batches) when the ingest finds it done: it says so and ends.
    It used to wait for ever: the workers, stopped without waiting, were joined at the exit
    after their pool's task queue had been closed, before the order to stop reached them."""
    from bench.ingest import STAMP, build_global

    tarball = tmp_path / f"JORF_{STAMP}.tar.gz"
    build_global(tarball, 12_000)
    assert tarball.stat().st_size > 2 * 1024 * 1024  # workers start without a setting
    env = dict(os.environ, VIGIE_DATABASE_URL=f"sqlite:///{tmp_path / 'vigie.sqlite3'}",
               VIGIE_DATA_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="vigie.settings")
    env.pop("VIGIE_INGEST_WORKERS", None)
    for said in ("0 anomalie", "déjà ingérée"):
        run = subprocess.run([sys.executable, "-m", "vigie.cli", "ingest", "--no-analysis",
                              str(tarball)], env=env, capture_output=True, text=True,
                             cwd=tmp_path, timeout=120)  # liveness: it used to never end
        assert run.returncode == 0 and said in run.stdout, run.stdout + run.stderr
