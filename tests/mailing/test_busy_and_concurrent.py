"""The site and ``vigie send`` as real processes, on SQLite or PostgreSQL (issue 13):

- 40 sign-ups posted at once pass neither the per-client limit nor the 3 messages a
  mailbox may receive, ``+tag`` variants included;
- while another connection holds the database's write lock (a batch), a sign-up answers
  503 with Retry-After at once, and a one-click unsubscribe is recorded all the same,
  applied afterwards, and nothing is sent to that reader by the next ``vigie send``;
- two ``vigie send`` never run together, even reaching one database by two paths.
"""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx
import pytest

from tests.mailing.outside import REPO, OutsideDatabase
from tests.mailing.smtp_sink import start_sink
from vigie.commands.demo import sample_deliveries

SEED = """
import os, sys, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vigie.settings")
django.setup()
from datetime import datetime, timezone
from vigie.mailing.models import Subscriber
from vigie.mailing.subscribing import links
for name in ("part", "reste"):
    s = Subscriber.objects.create(email=f"{name}@exemple.fr", status="active", departement="18",
                                  confirmed_at=datetime(2026, 10, 1, tzinfo=timezone.utc),
                                  consent_means="test", alerts=False)
    print(links.unsubscribe_path(links.holder_of(s)))
"""
HOLD_LOCK = """
import os, sys, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vigie.settings")
django.setup()
from vigie.mailing.sending.lock import run_lock
with run_lock() as held:
    print("tenu" if held else "pris", flush=True)
    sys.stdin.read()
"""
FORM = {"departement": "18", "frequency": "daily", "alerts": "on"}


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Iterator[tuple[OutsideDatabase, list[str]]]:
    """The demo editions and two readers, built once; their unsubscribe paths."""
    database = OutsideDatabase(tmp_path_factory.mktemp("site-modele"))
    try:
        done = database.vigie("ingest", *map(str, sample_deliveries()))
        assert done.returncode == 0, done.stderr
        seeded = database.python(SEED)
        assert seeded.returncode == 0, seeded.stderr
        yield database, seeded.stdout.split()
    finally:
        database.drop()


class Site:
    """``vigie run --offline`` serving a database, with a real SMTP server behind it."""

    def __init__(self, database: OutsideDatabase, **env: str) -> None:
        self.sink, self.controller = start_sink()
        self.env = database.env(VIGIE_SMTP_HOST="127.0.0.1",
                                VIGIE_SMTP_PORT=str(self.controller.port),
                                VIGIE_MAIL_FROM="Vigie <vigie@vigie.test>",
                                VIGIE_SITE_URL="https://vigie.test", PYTHONUNBUFFERED="1",
                                **env)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "vigie.cli", "run", "--offline", "--port", "0"], cwd=REPO,
            env=self.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        lines = []
        for line in self.process.stdout:
            lines.append(line)
            found = re.search(r"Vigie est servi sur (http://\S+)/ ", line)
            if found:
                self.address = found.group(1)
                break
        else:
            raise AssertionError("".join(lines))
        threading.Thread(target=self.process.stdout.read, daemon=True).start()

    def form(self) -> tuple[httpx.Client, str]:
        """A browser with the CSRF cookie, and the form's token."""
        browser = httpx.Client(base_url=self.address, timeout=20)
        page = browser.get("/abonnement/")
        return browser, re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"',
                                  page.text).group(1)

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)
        self.controller.stop()


@pytest.fixture
def site(seeded, tmp_path, request) -> Iterator[tuple[Site, OutsideDatabase, list[str]]]:
    """The site on a copy of the seeded database; ``request.param``: how long a request
    waits for the database (VIGIE_WEB_LOCK_WAIT)."""
    template, leave_paths = seeded
    database = template.clone(tmp_path)
    served = Site(database, VIGIE_SIGNUP_LIMIT="20", VIGIE_WEB_LOCK_WAIT=request.param)
    try:
        yield served, database, leave_paths
    finally:
        served.close()
        database.drop()


@pytest.mark.parametrize("site", ["20"], indirect=True)  # a burst queues, nothing is busy
def test_forty_sign_ups_at_once_keep_both_limits(site):
    served, database, _ = site
    browser, token = served.form()
    start = threading.Barrier(40)
    answers: list[int] = []

    def post(n: int) -> None:
        email = "nom@exemple.fr" if n % 4 == 0 else f"Nom+{n}@exemple.fr"
        start.wait()
        answer = browser.post("/abonnement/", data={**FORM, "email": email,
                                                     "csrfmiddlewaretoken": token})
        answers.append(answer.status_code)

    threads = [threading.Thread(target=post, args=(n,)) for n in range(40)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sorted(answers) == [302] * 20 + [429] * 20  # the per-client limit, exactly
    done = database.vigie("send", env=served.env)  # whatever the answers left to send
    assert done.returncode == 0, done.stderr
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and len(served.sink.accepted) < 5:
        time.sleep(0.1)
    time.sleep(0.5)
    mailbox = [m for m in served.sink.accepted
               if re.fullmatch(r"nom(\+\d+)?@exemple\.fr", m.recipients[0])]
    assert len(mailbox) == 3  # (the other messages: the seeded readers' digests)
    assert database.query("SELECT COUNT(*) FROM mailing_pendingrequest") == [(0,)]


def _hold_write_lock(database: OutsideDatabase):
    """Another connection in a write transaction, as a long ingest holds it."""
    if database.is_pg:
        import psycopg

        parts = urlsplit(database.url)
        holder = psycopg.connect(host=parts.hostname, port=parts.port or 5432,
                                 user=parts.username or "postgres", dbname=database.name)
        holder.execute("LOCK TABLE mailing_subscriber, mailing_delivery, mailing_throttle, "
                       "mailing_pendingrequest IN EXCLUSIVE MODE")  # reads pass, writes wait
        return holder
    holder = sqlite3.connect(database.url.removeprefix("sqlite:///"), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO mailing_throttle (bucket, at) VALUES ('lot', '2026-10-14')")
    return holder


@pytest.mark.parametrize("site", ["1"], indirect=True)
def test_a_locked_database_answers_503_and_still_records_one_click_unsubscribes(site):
    served, database, (leave, stays) = site
    browser, token = served.form()
    holder = _hold_write_lock(database)
    try:
        started = time.monotonic()
        answer = browser.post("/abonnement/", data={**FORM, "email": "neuf@exemple.fr",
                                                     "csrfmiddlewaretoken": token})
        assert answer.status_code == 503 and answer.headers["Retry-After"] == "30"
        assert "Service momentanément occupé" in answer.text
        assert time.monotonic() - started < 15  # not the 30 s of SQLite's own timeout
        one_click = httpx.post(served.address + leave, content="List-Unsubscribe=One-Click",
                               headers={"Content-Type": "application/x-www-form-urlencoded"},
                               timeout=20)
        assert one_click.status_code == 202 and "enregistré" in one_click.text
        assert database.query(
            "SELECT status FROM mailing_subscriber WHERE email = 'part@exemple.fr'") == [
            ("active",)]
    finally:
        holder.rollback() if database.is_pg else holder.execute("ROLLBACK")
        holder.close()
    httpx.get(served.address + "/", timeout=20)  # the next answer applies the queue
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and database.query(
            "SELECT status FROM mailing_subscriber WHERE email = 'part@exemple.fr'") != [
            ("unsubscribed",)]:
        time.sleep(0.1)
    assert database.query("SELECT status FROM mailing_subscriber WHERE email = "
                          "'part@exemple.fr'") == [("unsubscribed",)]
    done = database.vigie("send", "--date", "2026-10-14", env=served.env)
    assert done.returncode == 0, done.stderr
    assert served.sink.to("reste@exemple.fr") and not served.sink.to("part@exemple.fr")
    assert not served.sink.to("neuf@exemple.fr")  # the refused sign-up left nothing
    assert stays != leave


def test_vigie_send_applies_the_queue_before_sending(seeded, tmp_path):
    template, (leave, _) = seeded
    database = template.clone(tmp_path)
    sink, controller = start_sink()
    try:
        env = database.env(VIGIE_SMTP_HOST="127.0.0.1", VIGIE_SMTP_PORT=str(controller.port))
        token = leave.rstrip("/").rsplit("/", 1)[1]
        queued = database.python(
            "import os, django; os.environ.setdefault('DJANGO_SETTINGS_MODULE', "
            "'vigie.settings'); django.setup()\n"
            "from vigie.mailing.subscribing import leaving\n"
            f"leaving.push({token!r})")
        assert queued.returncode == 0, queued.stderr
        done = database.vigie("send", "--date", "2026-10-14", env=env)
        assert done.returncode == 0, done.stderr
        assert sink.to("reste@exemple.fr") and not sink.to("part@exemple.fr")
    finally:
        controller.stop()
        database.drop()


def _other_path(database: OutsideDatabase, tmp_path: Path) -> str:
    """Another address of the same database: a symbolic link (SQLite), another host name
    (PostgreSQL)."""
    if database.is_pg:
        parts = urlsplit(database.url)
        other = parts.netloc.replace("127.0.0.1", "localhost") if "127.0.0.1" in parts.netloc \
            else parts.netloc.replace("localhost", "127.0.0.1")
        return urlunsplit((parts.scheme, other, parts.path, parts.query, ""))
    real = Path(database.url.removeprefix("sqlite:///"))
    link = tmp_path / "ailleurs" / "lien.sqlite3"
    link.parent.mkdir()
    link.symlink_to(real)
    return f"sqlite:///{link}"


def test_two_sends_never_run_together_through_another_path(seeded, tmp_path):
    template, _ = seeded
    (tmp_path / "base").mkdir()
    database = template.clone(tmp_path / "base")
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK], cwd=REPO, env=database.env(),
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "tenu"
        other = database.env(VIGIE_DATABASE_URL=_other_path(database, tmp_path),
                             VIGIE_SMTP_HOST="127.0.0.1", VIGIE_SMTP_PORT="9")
        second = database.vigie("send", "--date", "2026-10-14", env=other)
        assert second.returncode == 0 and "un envoi est déjà en cours" in second.stderr
        assert database.query("SELECT COUNT(*) FROM mailing_delivery") == [(0,)]
    finally:
        holder.communicate("", timeout=30)
        database.drop()


@pytest.mark.parametrize("site", ["5"], indirect=True)  # VIGIE_WEB_LOCK_WAIT's default
def test_sign_ups_during_a_long_parliament_ingest_are_answered(site, tmp_path):
    """A Parliament file is written by batches, each its own short transaction: sign-ups
    posted while 20 000 questions are ingested are recorded, none waits for the whole file
    (before, one transaction held SQLite's write lock from its first question to its last:
    503 after five seconds)."""
    from bench.parlement import build_archive

    served, database, _ = site
    archive = tmp_path / "Questions_ecrites.json.zip"
    build_archive(archive, 20_000)
    ingest = subprocess.Popen([sys.executable, "-m", "vigie.cli", "ingest", "--no-analysis",
                               str(archive)], cwd=REPO, env=served.env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while database.query("SELECT COUNT(*) FROM documents_document WHERE rubric = "
                             "'reponses'") == [(0,)]:
            assert ingest.poll() is None, "l'ingestion a fini avant les inscriptions"
            time.sleep(0.01)
        browser, token = served.form()
        answers = []
        while ingest.poll() is None and len(answers) < 8:
            answer = browser.post("/abonnement/", data={
                **FORM, "email": f"lecteur{len(answers)}@exemple.fr",
                "csrfmiddlewaretoken": token})
            answers.append((answer.status_code, ingest.poll() is None))
            time.sleep(0.3)
        assert ingest.wait(timeout=300) == 0
    finally:
        if ingest.poll() is None:
            ingest.kill()
    during = [status for status, running in answers if running]
    assert len(during) >= 3 and set(during) == {302}, answers
