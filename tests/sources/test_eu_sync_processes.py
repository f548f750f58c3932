"""``vigie sync --source eu`` as real processes against a local Cellar, on SQLite or
PostgreSQL (VIGIE_DATABASE_URL), outside the test database: killed (SIGKILL) between an act's
two notices, the next run finishes what was left — no act lost, none stored twice, the
watermark never past an act not stored whole; two at once, the second waits for the first or
says another run is in progress, and nothing is asked twice. No traceback either way.

The kill point is exact: the server holds the answer to one notice (``CellarServer.stall``)
and the test kills the process once it is asked for it."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.documents.eu_notices import expression_notice, work_notice
from tests.mailing.outside import REPO, OutsideDatabase

from .cellar_server import CellarServer

DAYS = [(date.today() - timedelta(n)).isoformat() for n in (6, 5, 4, 3)]
ACTS = [f"32026R{3000 + n}" for n in range(len(DAYS))]


def title(celex: str) -> str:
    return f"Règlement d'exécution (UE) 2026/{celex[-4:]} de la Commission"


@pytest.fixture
def cellar() -> Iterator[CellarServer]:
    """Four regulations, one a day, the last three days before today excepted."""
    with CellarServer() as server:
        for celex, day in zip(ACTS, DAYS, strict=True):
            server.publish(celex, day, french=expression_notice(celex, title(celex)),
                           work=work_notice(celex, eli=f"reg_impl:2026:{celex[-4:]}:oj",
                                            published=day))
        yield server


@pytest.fixture
def database(tmp_path) -> Iterator[OutsideDatabase]:
    base = OutsideDatabase(tmp_path / "base")
    try:
        assert base.vigie("status").returncode == 0  # its tables
        yield base
    finally:
        base.drop()


def _env(database: OutsideDatabase, cellar: CellarServer, **extra: str) -> dict[str, str]:
    return database.env(VIGIE_CELLAR_SPARQL_URL=cellar.sparql_url,
                        VIGIE_CELLAR_URL=cellar.resource_url, **extra)


def _start(env: dict[str, str], *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "vigie.cli", "sync", "--source", "eu",
                             *args], cwd=REPO, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _asked(cellar: CellarServer, path: str, times: int = 1) -> None:
    """Wait until ``path`` was asked ``times`` times (two minutes at most)."""
    deadline = time.monotonic() + 120
    while cellar.notice_requests().count(path) < times and time.monotonic() < deadline:
        time.sleep(0.05)
    assert cellar.notice_requests().count(path) >= times


def _stored(database: OutsideDatabase) -> list[tuple]:
    return database.query("SELECT number, title FROM documents_document "
                          "WHERE rubric = 'europe' ORDER BY number")


def _mark(database: OutsideDatabase) -> list[tuple]:
    return database.query("SELECT value FROM documents_watermark WHERE source = 'eu-cellar'")


def test_killed_between_an_acts_two_notices_the_next_run_finishes_it(database, cellar):
    since = (date.today() - timedelta(7)).isoformat()
    release = cellar.stall(f"celex/{ACTS[2]}.FRA")  # the third act's work is stored, not more
    killed = _start(_env(database, cellar), "--since", since)
    _asked(cellar, f"celex/{ACTS[2]}.FRA")
    killed.send_signal(signal.SIGKILL)
    assert killed.wait(timeout=30) == -signal.SIGKILL
    release.set()
    assert _mark(database) == [(DAYS[1],)]  # not the third act's day: its title is missing
    half = dict(_stored(database))
    assert len(half) == 3 and half[ACTS[2]] != title(ACTS[2])

    done = database.vigie("sync", "--source", "eu", env=_env(database, cellar))
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert _stored(database) == [(celex, title(celex)) for celex in ACTS]
    assert _mark(database) == [(DAYS[-1],)]
    asked = cellar.notice_requests()
    assert [asked.count(f"celex/{c}.FRA") for c in ACTS] == [1, 1, 2, 1]  # none asked again
    assert database.query("SELECT count(*) FROM analysis_analysis a JOIN documents_document d"
                          " ON d.id = a.document_id WHERE d.rubric = 'europe'") == [(4,)]


def test_two_eu_syncs_at_once_the_second_waits_or_says_so(database, cellar, tmp_path):
    since = (date.today() - timedelta(7)).isoformat()
    release = cellar.stall(f"celex/{ACTS[1]}")
    first = _start(_env(database, cellar), "--since", since)
    _asked(cellar, f"celex/{ACTS[1]}")
    refused = database.vigie("sync", "--source", "eu", "--since", since,
                             env=_env(database, cellar, VIGIE_PIPELINE_WAIT="0"))
    assert refused.returncode == 3, refused.stderr
    assert "une autre exécution de vigie" in refused.stderr
    assert "Traceback" not in refused.stdout + refused.stderr
    said = tmp_path / "second.err"
    waiting = _second(database, cellar, said, "--since", since)
    release.set()
    out, err = first.communicate(timeout=300)
    assert first.returncode == 0, err
    out = waiting.communicate(timeout=300)[0]
    assert waiting.returncode == 0, said.read_text()
    assert "Traceback" not in out + said.read_text()
    assert "4 déjà lu(s), 0 notice lue" in out  # the second found everything stored
    assert _stored(database) == [(celex, title(celex)) for celex in ACTS]
    assert _mark(database) == [(DAYS[-1],)]
    assert sorted(cellar.notice_requests()) == sorted(
        f"celex/{c}{s}" for c in ACTS for s in ("", ".FRA"))  # each notice asked once


def test_an_act_waiting_for_its_french_version_killed_or_run_twice_at_once(database, cellar,
                                                                          tmp_path):
    """An act stored without its French version, its day out of the three days read again:
    killed while its French version is asked, the next run takes it; two runs at once, the
    second finds it stored whole. Asked once each time, stored once."""
    old, day = "32026R2999", (date.today() - timedelta(12)).isoformat()
    cellar.publish(old, day, work=work_notice(old, eli="reg_impl:2026:2999:oj", published=day))
    since = (date.today() - timedelta(13)).isoformat()
    first = database.vigie("sync", "--source", "eu", "--since", since, env=_env(database, cellar))
    assert first.returncode == 0, first.stderr
    assert _mark(database) == [(DAYS[-1],)]  # the next run lists from six days before today
    cellar.notices[f"celex/{old}.FRA"] = expression_notice(old, title(old)).encode()
    release = cellar.stall(f"celex/{old}.FRA")
    killed = _start(_env(database, cellar))
    _asked(cellar, f"celex/{old}.FRA", 2)
    killed.send_signal(signal.SIGKILL)
    assert killed.wait(timeout=30) == -signal.SIGKILL
    release.set()
    del cellar.stalled[f"celex/{old}.FRA"]
    release = cellar.stall(f"celex/{old}.FRA")
    running = _start(_env(database, cellar))
    _asked(cellar, f"celex/{old}.FRA", 3)
    said = tmp_path / "second.err"
    waiting = _second(database, cellar, said)
    release.set()
    out, err = running.communicate(timeout=300)
    assert running.returncode == 0, err
    assert "Traceback" not in out + err
    out = waiting.communicate(timeout=300)[0]
    assert waiting.returncode == 0, said.read_text()
    assert "attend sa version française" not in out
    assert dict(_stored(database))[old] == title(old)
    assert len(_stored(database)) == len(ACTS) + 1
    asked = cellar.notice_requests()
    assert (asked.count(f"celex/{old}"), asked.count(f"celex/{old}.FRA")) == (1, 3)
    assert database.query(f"SELECT count(*) FROM documents_document WHERE number = '{old}'"
                          ) == [(1,)]


def _second(database, cellar, said: Path, *options: str) -> subprocess.Popen:
    """A second ``vigie sync --source eu`` while one runs, its errors written to ``said``: once
    it says it waits for the first to end."""
    with said.open("w") as errors:
        waiting = subprocess.Popen(
            [sys.executable, "-m", "vigie.cli", "sync", "--source", "eu", *options],
            cwd=REPO, env=_env(database, cellar), stdout=subprocess.PIPE, stderr=errors,
            text=True)
    while "attente de sa fin" not in said.read_text():  # it waits for the first
        assert waiting.poll() is None, said.read_text()
        time.sleep(0.05)
    return waiting
