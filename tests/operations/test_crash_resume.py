"""``vigie ingest`` killed with SIGKILL in the middle of each later step, as real processes,
on SQLite or PostgreSQL (VIGIE_DATABASE_URL): the next run — an ingest of the same
deliveries, or ``vigie repair`` — leaves every text analysed, indexed and in its editions.
And two ingests at once on SQLite: the second waits for the first, or says it will not run.

The crash point is exact, not guessed with sleeps: with VIGIE_PAUSE_AT=<step> the process
stops itself (SIGSTOP) between the two halves of that step's work, the test sees it stopped
(``waitpid`` with WUNTRACED) and kills it there.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, SHARED
from tests.mailing.outside import REPO, OutsideDatabase
from vigie.commands.demo import sample_deliveries

# Three deliveries, three edition days (14 October, 23 September and 10 June 2026), and the
# real JORFSIMPLE files of ../shared when present.
REAL = SHARED / "corpus" / "jorf" / "jorfsimple" / "france-transparence"
INPUTS = [*map(str, sample_deliveries()), str(FIXTURES / "global" / "JORF_20260923-011003"),
          str(FIXTURES / "global" / "JORF_20260923-204512"),
          *([str(REAL)] if REAL.is_dir() else [])]
# What a reader would miss, computed from the stored state by Vigie's own stages, and
# checked against an edition build (which must find nothing to change).
CHECK = """
import json, os, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vigie.settings")
django.setup()
from vigie.analysis.models import Analysis
from vigie.analysis.store import freshness
from vigie.documents.models import Document, FollowUp
from vigie.editions.builder import build_day
from vigie.editions.calendar import edition_day
from vigie.editions.models import Edition, EditionItem
from vigie.reference.taxonomy import EDITION_RUBRICS
from vigie.web.models import SearchEntry
texts = Document.objects.exclude(title="")
retained = Analysis.objects.filter(retained=True, document__rubric__in=EDITION_RUBRICS)
days = sorted({edition_day(d) for d in texts.filter(rubric__in=EDITION_RUBRICS)
               .exclude(date_publi=None).values_list("date_publi", flat=True)})
shown = set(EditionItem.objects.values_list("day", "uid"))
print(json.dumps({
    "texts": texts.count(),
    "unanalysed": len(freshness().stale),
    "unindexed": texts.exclude(uid__in=SearchEntry.objects.values("uid")).count(),
    "unpublished": sum((edition_day(a.document.date_publi), a.document.uid) not in shown
                       for a in retained.select_related("document")),
    "days_without_editions": sum(not Edition.objects.filter(date=d).exists() for d in days),
    "retained": retained.count(),
    "pending": FollowUp.objects.filter(finished_at=None).count(),
    "changed_by_a_build": sum(sum(build_day(d)[k] for k in ("created", "updated"))
                              for d in days) if os.environ.get("BUILD") else 0,
}))
"""
# The stored texts, articles (their order and content) and deliveries, summed up.
COUNTS = ("SELECT (SELECT count(*) FROM documents_document), (SELECT count(*) FROM "
          "documents_document WHERE status = 'complete'), (SELECT count(*) FROM "
          "documents_article), (SELECT sum(position) FROM documents_article), (SELECT "
          "sum(length(html)) FROM documents_article), (SELECT min(status) FROM "
          "documents_delivery)")
ALL_DONE = {"unanalysed": 0, "unindexed": 0, "unpublished": 0, "days_without_editions": 0,
            "pending": 0, "changed_by_a_build": 0}


@pytest.fixture(scope="module")
def migrated(tmp_path_factory) -> Iterator[OutsideDatabase]:
    """An empty database with its tables, cloned by each test."""
    database = OutsideDatabase(tmp_path_factory.mktemp("reprise-modele"))
    try:
        done = database.vigie("status")
        assert done.returncode == 0, done.stderr
        yield database
    finally:
        database.drop()


@pytest.fixture
def database(migrated, tmp_path) -> Iterator[OutsideDatabase]:
    copy = migrated.clone(tmp_path)
    try:
        yield copy
    finally:
        copy.drop()


def state(database: OutsideDatabase, build: bool = False) -> dict[str, int]:
    env = database.env(**({"BUILD": "1"} if build else {}))
    done = subprocess.run([sys.executable, "-c", CHECK], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


class Paused:
    """``vigie ingest`` started with VIGIE_PAUSE_AT, once it has stopped itself there."""

    def __init__(self, database: OutsideDatabase, step: str, folder: Path,
                 *args: str) -> None:
        self.out, self.err = folder / f"{step}.out", folder / f"{step}.err"
        with self.out.open("w") as out, self.err.open("w") as err:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "vigie.cli", "ingest", *(args or INPUTS)], cwd=REPO,
                env=database.env(VIGIE_PAUSE_AT=step), stdout=out, stderr=err)
        _, status = os.waitpid(self.process.pid, os.WUNTRACED)  # returns once it stops
        assert os.WIFSTOPPED(status), (status, self.out.read_text(), self.err.read_text())

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        assert self.process.wait(timeout=30) == -signal.SIGKILL

    def carry_on(self) -> int:
        self.process.send_signal(signal.SIGCONT)
        return self.process.wait(timeout=300)

    def interrupt(self) -> int:
        """Ctrl+C where it stopped: SIGINT, delivered once it runs again."""
        self.process.send_signal(signal.SIGINT)
        return self.carry_on()


@pytest.mark.parametrize("then", ["ingest", "repair"])
@pytest.mark.parametrize("step", ["analysis", "index", "editions"])
def test_a_kill_during_a_step_is_finished_by_the_next_run(database, tmp_path, step, then):
    Paused(database, step, tmp_path).kill()
    stuck = state(database)
    assert stuck["texts"] > 0 and stuck["pending"] > 0  # the crash left work behind…
    assert stuck[{"analysis": "unanalysed", "index": "unindexed",
                  "editions": "days_without_editions"}[step]] > 0, stuck

    done = database.vigie(then, *(INPUTS if then == "ingest" else ()))
    assert done.returncode == 0, done.stderr
    if then == "ingest":  # « rien n'a changé » no longer hides the work left
        assert "rien n'a changé" in done.stdout
    assert "Reprise de ce qu'une exécution précédente a laissé" in done.stdout
    finished = state(database, build=True)
    assert {k: finished[k] for k in ALL_DONE} == ALL_DONE, finished
    assert finished["texts"] == stuck["texts"] and finished["retained"] > 0

    again = database.vigie("repair")  # nothing left for a repair to find
    assert again.returncode == 0 and "Rien à reprendre" in again.stdout, again.stdout


def test_a_kill_then_the_status_tells_what_waits(database, tmp_path):
    """And that the run was stopped: its row stayed « en cours ou interrompu » for ever, with
    exit status 0, though its process was gone (its end could not be written)."""
    paused = Paused(database, "index", tmp_path)
    status = database.vigie("status")  # stopped by SIGSTOP, but there: under way
    assert status.returncode == 0, status.stdout
    assert "ingestion JORFSIMPLE_20261014-011502" in status.stdout
    assert ": en cours ou interrompu [" in status.stdout
    paused.kill()
    status = database.vigie("status")
    assert status.returncode == 1, status.stdout
    assert ": interrompu (son processus s'est arrêté sans finir) [" in status.stdout
    assert "étapes en attente — JORFSIMPLE_20261014-011502" in status.stdout
    assert "index de recherche, éditions" in status.stdout


def test_ctrl_c_during_a_step_says_so_in_french_and_the_next_run_finishes(database, tmp_path):
    """SIGINT in the middle of the index: « interrompu », status 130, no traceback; the
    journal, its log line and ``vigie status`` say why the run failed, in French; the next
    ingest takes up what was left."""
    paused = Paused(database, "index", tmp_path)
    assert paused.interrupt() == 130
    err = paused.err.read_text()
    assert "vigie : interrompu." in err and "Traceback" not in err, err
    assert "fin ingestion" in err and "ÉCHEC — interrompu (Ctrl+C ou SIGINT)" in err, err
    status = database.vigie("status")
    assert "ingestion" in status.stdout and ": ÉCHEC" in status.stdout, status.stdout
    assert "    interrompu (Ctrl+C ou SIGINT)" in status.stdout, status.stdout
    assert state(database)["pending"] > 0

    done = database.vigie("ingest", *INPUTS)
    assert done.returncode == 0, done.stderr
    assert "Reprise de ce qu'une exécution précédente a laissé" in done.stdout
    finished = state(database, build=True)
    assert {k: finished[k] for k in ALL_DONE} == ALL_DONE, finished


def test_sigterm_during_a_step_says_so_in_french_and_the_next_run_finishes(database, tmp_path):
    """``kill`` (SIGTERM, as systemd or a container stops a service) ended the ingest at
    once with nothing said; now as Ctrl+C does, with its own words and status 143."""
    paused = Paused(database, "index", tmp_path)
    paused.process.send_signal(signal.SIGTERM)
    assert paused.carry_on() == 143
    err = paused.err.read_text()
    assert "vigie : arrêté (signal TERM). Ce qui était enregistré est gardé" in err, err
    assert "Traceback" not in err, err
    status = database.vigie("status")
    assert "    arrêté (signal TERM)" in status.stdout, status.stdout
    done = database.vigie("ingest", *INPUTS)
    assert done.returncode == 0 and "Reprise de ce qu'une" in done.stdout, done.stderr
    finished = state(database, build=True)
    assert {k: finished[k] for k in ALL_DONE} == ALL_DONE, finished


def _wait_for(path: Path, words: str, process: subprocess.Popen) -> None:
    """Until ``words`` appear in the file a process writes (it must still be running)."""
    while words not in path.read_text():
        assert process.poll() is None, path.read_text()
        time.sleep(0.05)


def test_two_ingests_at_once_the_second_waits_and_nothing_is_stuck(database, tmp_path):
    first = Paused(database, "analysis", tmp_path, *INPUTS[:1])  # holds the pipeline
    # Another process writes meanwhile: the first one must not fail on its next write.
    database.query("INSERT INTO documents_watermark (source, value, updated_at) "
                   "VALUES ('essai', 'x', CURRENT_TIMESTAMP) RETURNING id")
    refused = database.vigie("ingest", *INPUTS[1:], env=database.env(VIGIE_PIPELINE_WAIT="0"))
    assert refused.returncode == 3, refused.stderr
    assert "une autre exécution de vigie" in refused.stderr
    assert "rien n'est fait, relancez quand elle aura fini" in refused.stderr
    assert database.vigie("status").returncode == 0  # reading commands are not held

    err = tmp_path / "second.err"
    with err.open("w") as errors:
        second = subprocess.Popen([sys.executable, "-m", "vigie.cli", "ingest", *INPUTS[1:]],
                                  cwd=REPO, env=database.env(), stdout=subprocess.DEVNULL,
                                  stderr=errors)
    _wait_for(err, "attente de sa fin", second)
    assert first.carry_on() == 0, first.err.read_text()
    assert second.wait(timeout=300) == 0, err.read_text()
    finished = state(database, build=True)
    assert {k: finished[k] for k in ALL_DONE} == ALL_DONE, finished


def _hold_write_lock(database) -> subprocess.Popen:
    """Another process that holds SQLite's write lock until it reads a line on its input."""
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sqlite3, sys\n"
         f"c = sqlite3.connect({database.url.removeprefix('sqlite:///')!r}, "
         "isolation_level=None)\nc.execute('BEGIN IMMEDIATE')\nprint('tenu', flush=True)\n"
         "sys.stdin.readline()\nc.execute('ROLLBACK')\n"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "tenu"
    return holder


def test_a_busy_database_is_waited_for_then_written(database, tmp_path):
    """Another process holds SQLite's write lock past the busy timeout: the ingest tries
    again with a growing pause instead of dying with « database is locked »."""
    if database.is_pg:
        pytest.skip("verrou d'écriture propre à SQLite (PostgreSQL verrouille par ligne)")
    holder = _hold_write_lock(database)
    err = tmp_path / "busy.err"
    with err.open("w") as errors:
        ingest = subprocess.Popen(
            [sys.executable, "-m", "vigie.cli", "ingest", *INPUTS[:1]], cwd=REPO,
            env=database.env(VIGIE_SQLITE_BUSY_TIMEOUT="0.2"), stdout=subprocess.DEVNULL,
            stderr=errors)
    _wait_for(err, "base occupée par un autre processus : nouvel essai", ingest)
    holder.communicate("fini\n", timeout=30)
    assert ingest.wait(timeout=300) == 0, err.read_text()
    finished = state(database)
    assert {k: finished[k] for k in ALL_DONE} == ALL_DONE, finished


def test_a_busy_database_is_waited_for_by_a_sync_too(database, tmp_path):
    """The same lock, taken while ``vigie sync`` downloads a delivery (its run is recorded by
    then): the sync tries the delivery again, then moves its watermark, instead of dying with
    « database is locked »."""
    if database.is_pg:
        pytest.skip("verrou d'écriture propre à SQLite (PostgreSQL verrouille par ligne)")
    from tests.conftest import make_tarball, tree_members
    from tests.sources.dila_server import DilaServer

    name = "JORF_20260923-011003"
    tarball = make_tarball(tmp_path / f"{name}.tar.gz", tree_members(FIXTURES / "global" / name))
    with DilaServer({f"JORF/{name}.tar.gz": tarball.read_bytes()}) as server:
        server.stall(f"JORF/{name}.tar.gz", seconds=8)
        err = tmp_path / "busy-sync.err"
        with err.open("w") as errors:
            sync = subprocess.Popen(
                [sys.executable, "-m", "vigie.cli", "sync", "--flow", "jorf",
                 "--base-url", server.base_url], cwd=REPO,
                env=database.env(VIGIE_SQLITE_BUSY_TIMEOUT="0.2"), stdout=subprocess.DEVNULL,
                stderr=errors)
        while not server.requests_for(f"JORF/{name}.tar.gz"):  # downloading, stalled
            assert sync.poll() is None, err.read_text()
            time.sleep(0.05)
        holder = _hold_write_lock(database)
        _wait_for(err, "base occupée par un autre processus : nouvel essai", sync)
        holder.communicate("fini\n", timeout=30)
        assert sync.wait(timeout=300) == 0, err.read_text()
    mark = database.query("SELECT value FROM documents_watermark WHERE source = 'dila-jorf'")
    assert mark == [("20260923-011003",)], mark
    finished = state(database)
    assert {k: finished[k] for k in ALL_DONE} == ALL_DONE, finished


@pytest.mark.parametrize("name", ["JORF_20261014-011502.tar.gz", "Questions_ecrites.json.zip"],
                         ids=["dila", "parlement"])
def test_a_delivery_killed_while_read_is_read_again_by_repair(database, tmp_path, name):
    """SIGKILL once the input's first batches are committed — a DILA delivery of 6 000 files
    (half its texts written) or a Parliament archive of 6 000 questions (batches of 500) —,
    then ``vigie repair``: it reads the input again to its end, from where it was read, and
    the base holds what a run never killed holds."""
    from bench.ingest import build_global
    from bench.parlement import build_archive

    path = tmp_path / name
    (build_global if name.startswith("JORF") else build_archive)(path, 6000)
    (tmp_path / "entiere").mkdir()
    whole = database.clone(tmp_path / "entiere")
    try:  # what a run never stopped stores
        assert whole.vigie("ingest", "--no-analysis", str(path)).returncode == 0
        expected = whole.query(COUNTS)
    finally:
        whole.drop()
    err = tmp_path / "ingest.err"
    with err.open("w") as written:
        ingest = subprocess.Popen(  # small chunks: many commits before the end
            [sys.executable, "-m", "vigie.cli", "ingest", str(path)], cwd=REPO,
            env=database.env(VIGIE_INGEST_QUEUE_MB="1"), stdout=subprocess.DEVNULL,
            stderr=written)
    while database.query("SELECT count(*) FROM documents_document") == [(0,)]:
        assert ingest.poll() is None, "l'ingestion a fini avant d'être arrêtée"
        time.sleep(0.01)
    ingest.send_signal(signal.SIGKILL)
    assert ingest.wait(timeout=30) == -signal.SIGKILL
    # Python's resource tracker outlives the killed ingest; it said in English that
    # semaphores had « leaked » (it frees them itself): nothing for an operator to do.
    time.sleep(1)
    assert "leaked" not in err.read_text(), err.read_text()
    assert database.query("SELECT status FROM documents_delivery") == [("started",)]
    assert database.query(COUNTS) != expected
    assert "commencée, pas finie" in database.vigie("status").stdout

    done = database.vigie("repair")
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"relue(s) jusqu'au bout : {name}" in done.stdout
    assert database.query(COUNTS) == expected
    finished = state(database, build=True)
    assert {k: finished[k] for k in ALL_DONE} == ALL_DONE, finished
