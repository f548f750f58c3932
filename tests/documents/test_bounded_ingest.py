"""Bounded ingest (issue 13): size limits, memory measured on real processes, duplicated
records, parsing workers that die with the ingest.

Memory is measured as the ``ru_maxrss`` of a real ``vigie ingest`` process (never a time):
a big input must not cost more than a small one.
"""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import tarfile
import time
from dataclasses import replace
from pathlib import Path

import pytest

from tests.conftest import REPO, make_tarball
from vigie.demo.factory import FakeText, texte_xml
from vigie.documents.models import Anomaly, Article, Delivery, Document

pytestmark = pytest.mark.django_db

TEXT = FakeText(uid="JORFTEXT000099600001", title="Arrêté du 12 octobre 2026 relatif aux digues",
                articles=("Le préfet arrête la liste des digues.",))
MIB = 1024 * 1024


def _ingest_rss(tmp_path: Path, target: Path, **env: str) -> tuple[int, str, int]:
    """Run ``vigie ingest --no-analysis`` in its own process on a fresh SQLite file:
    (exit code, output, peak resident memory in bytes)."""
    data = tmp_path / f"donnees-{target.name}"
    data.mkdir()
    environment = dict(os.environ, VIGIE_DATA_DIR=str(data), **env,
                       VIGIE_DATABASE_URL=f"sqlite:///{data / 'vigie.sqlite3'}")
    command = [sys.executable, "-m", "vigie.cli", "ingest", "--no-analysis", str(target)]
    process = subprocess.Popen(command, env=environment, cwd=REPO, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT)
    output = process.stdout.read().decode() if process.stdout else ""
    _, status, usage = os.wait4(process.pid, 0)
    return os.waitstatus_to_exitcode(status), output, usage.ru_maxrss * 1024


def test_oversized_single_file_is_an_anomaly_and_never_loaded(tmp_path):
    """A 1 Go XML file given as a path (sparse: no disk used) is refused unread, with a clear
    message (the setting to raise, and to what), and costs no more memory than a file of a
    few bytes; nothing else was given: it could not be read (status 1)."""
    small = tmp_path / "petit.xml"
    small.write_bytes(texte_xml(TEXT))
    huge = tmp_path / "JORFTEXT000099600002.xml"
    with huge.open("wb") as handle:
        handle.write(b"<TEXTE>")
        handle.truncate(1024 * MIB)
    code, out, small_rss = _ingest_rss(tmp_path, small)
    assert code == 0 and "1 texte créé" in out
    code, out, huge_rss = _ingest_rss(tmp_path, huge)
    assert code == 1, out
    assert "1 anomalie" in out
    assert huge_rss < small_rss + 32 * MIB, (small_rss, huge_rss)
    code, out, _ = _anomalies(tmp_path, huge)
    assert "pèse 1024 Mo, ce qui dépasse la limite de 16 Mo" in out
    assert "VIGIE_INGEST_MAX_FILE_MB=1024 (au moins)" in out


def _anomalies(tmp_path: Path, target: Path) -> tuple[int, str, int]:
    data = tmp_path / f"donnees-{target.name}"
    environment = dict(os.environ, VIGIE_DATA_DIR=str(data),
                       VIGIE_DATABASE_URL=f"sqlite:///{data / 'vigie.sqlite3'}")
    done = subprocess.run([sys.executable, "-m", "vigie.cli", "anomalies"], env=environment,
                          cwd=REPO, capture_output=True, text=True, check=False)
    return done.returncode, done.stdout, 0


def _big_texts(tmp_path: Path, name: str, count: int) -> Path:
    """``count`` texts of about 1 Mo each (one long article), in a gzip tarball."""
    body = "\n".join(f"Ligne {i} de l'annexe : la commune de Saint-Denis." for i in range(20_000))
    members = {
        f"t/{i:03d}.xml": texte_xml(replace(TEXT, uid=f"JORFTEXT0000997{i:05d}",
                                            articles=(body,)))
        for i in range(count)
    }
    return make_tarball(tmp_path / name, members)


def test_memory_does_not_grow_with_the_number_of_big_members(tmp_path):
    """Forty members of 1 Mo cost about what four cost: what waits for the parsing and the
    database is bounded in bytes (VIGIE_INGEST_QUEUE_MB), not only in members."""
    bound = {"VIGIE_INGEST_WORKERS": "0", "VIGIE_INGEST_QUEUE_MB": "4"}
    code, out, few_rss = _ingest_rss(tmp_path, _big_texts(tmp_path, "quatre.tar.gz", 4), **bound)
    assert code == 0 and "4 textes créés" in out, out
    code, out, many_rss = _ingest_rss(tmp_path, _big_texts(tmp_path, "quarante.tar.gz", 40),
                                      **bound)
    assert code == 0 and "40 textes créés" in out, out
    assert many_rss < few_rss + 48 * MIB, (few_rss, many_rss)


def test_text_over_the_text_limit_is_an_anomaly(vigie, tmp_path, monkeypatch):
    monkeypatch.setenv("VIGIE_INGEST_MAX_TEXT_MB", "0.05")  # 52 428 characters
    long = replace(TEXT, uid="JORFTEXT000099600003", articles=("Une ligne d'annexe. " * 4000,))
    tarball = make_tarball(tmp_path / "JORFSIMPLE_20261014-010000.tar.gz",
                           {"a/court.xml": texte_xml(TEXT), "a/long.xml": texte_xml(long)})
    code, out, _ = vigie("ingest", "--no-analysis", tarball)
    assert code == 0 and "1 texte créé" in out and "1 anomalie" in out
    anomaly = Anomaly.objects.get()
    assert anomaly.member == "a/long.xml"
    assert "JORFTEXT000099600003" in anomaly.message
    assert "VIGIE_INGEST_MAX_TEXT_MB" in anomaly.message
    assert not Document.objects.filter(uid=long.uid).exists()


def test_the_same_text_three_times_keeps_the_first_and_reports_the_others(vigie, tmp_path):
    first = replace(TEXT, title="Arrêté du 12 octobre 2026 relatif aux digues (premier)")
    members = {
        "a/1.xml": texte_xml(first),
        "a/2.xml": texte_xml(replace(TEXT, title="Arrêté du 12 octobre 2026 (deuxième)")),
        "a/3.xml": texte_xml(replace(TEXT, title="Arrêté du 12 octobre 2026 (troisième)")),
    }
    tarball = make_tarball(tmp_path / "JORFSIMPLE_20261014-010000.tar.gz", members)
    code, out, _ = vigie("ingest", "--no-analysis", tarball)
    assert code == 0 and "1 texte créé" in out and "2 anomalies" in out
    assert Document.objects.get(uid=TEXT.uid).title == first.title
    anomalies = Anomaly.objects.order_by("member")
    assert [a.member for a in anomalies] == ["a/2.xml", "a/3.xml"]
    assert all(f"le texte {TEXT.uid} figure déjà plus haut dans cette livraison" in a.message
               for a in anomalies)
    assert Delivery.objects.get().anomalies == 2
    # Running it again changes nothing and reports nothing new.
    code, out, _ = vigie("ingest", "--no-analysis", "--force", tarball)
    assert code == 0 and Anomaly.objects.count() == 2
    assert Article.objects.filter(text_uid=TEXT.uid).count() == 1


def test_a_member_name_repeated_in_the_archive_is_a_duplicate_too(vigie, tmp_path):
    path = tmp_path / "JORFSIMPLE_20261014-010000.tar.gz"
    with tarfile.open(path, "w:gz") as archive:
        for title in ("premier", "second"):
            data = texte_xml(replace(TEXT, title=f"Arrêté du 12 octobre 2026 ({title})"))
            info = tarfile.TarInfo("a/meme.xml")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    code, out, _ = vigie("ingest", "--no-analysis", path)
    assert code == 0 and "1 anomalie" in out
    assert Document.objects.get(uid=TEXT.uid).title.endswith("(premier)")


# --- Workers die with the ingest --------------------------------------------------------------

ENDLESS_INGEST = """
import itertools, sys, time
from vigie.demo.factory import FakeText, texte_xml
from vigie.documents.parallel import parsed_items
from vigie.sources.members import Member

def members():
    for i in itertools.count():
        text = FakeText(uid=f"JORFTEXT{i:012d}", title=f"Arrêté n° {i}")
        yield Member("flux", "flux", f"{i}.xml", texte_xml(text))

for n, _ in enumerate(parsed_items(members(), 2, queue_bytes=1 << 20, max_text=1 << 20)):
    if n == 200:
        print("prêt", flush=True)
    time.sleep(0.002)
"""


def _descendants(pid: int) -> set[int]:
    """Living descendants of ``pid`` (Linux /proc; zombies count as gone)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            state, ppid = stat.rpartition(")")[2].split()[:2]
            if state != "Z":
                parents[int(entry.name)] = int(ppid)
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier}
        found |= frontier
    return found


def _alive(pids: set[int]) -> set[int]:
    living = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
        except OSError:
            continue
        if state != "Z":
            living.add(pid)
    return living


# The same for a Parliament file's workers, and for those reading feeds (before, they stayed:
# a killed Parliament ingest's fork server and workers were still there minutes later).
ENDLESS_PARLEMENT = """
import itertools, time
from vigie.documents.parlement_events import Raw, parsed

def items():
    for i in itertools.count():
        yield Raw(f"json/QANR5L17QE{i}.json", b'{"question": {"uid": "QANR5L17QE%d"}}' % i)

for n, _ in enumerate(parsed(items(), 2)):
    if n == 200:
        print("prêt", flush=True)
    time.sleep(0.002)
"""
ENDLESS_FEEDS = """
import itertools, time
from vigie.documents.feed_reading import read_all

def items():
    for i in itertools.count():
        yield i, b"<rss version='2.0'><channel><title>Flux %d</title></channel></rss>" % i

for n, _ in enumerate(read_all(items(), 2)):
    if n == 200:
        print("prêt", flush=True)
    time.sleep(0.002)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="lit /proc (Linux)")
@pytest.mark.parametrize("reader", [ENDLESS_INGEST, ENDLESS_PARLEMENT, ENDLESS_FEEDS],
                         ids=["livraison", "parlement", "flux"])
def test_workers_exit_when_the_ingest_is_killed(reader):
    """SIGKILL of the process that reads a delivery (a Parliament file, feeds): its fork
    server and its parsing workers (real processes) all exit by themselves."""
    ingest = subprocess.Popen([sys.executable, "-c", reader], cwd=REPO,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    helpers: set[int] = set()
    try:
        assert ingest.stdout is not None and ingest.stdout.readline().strip() == b"pr\xc3\xaat"
        helpers = _descendants(ingest.pid)
        assert len(helpers) >= 3, helpers  # the fork server and two workers
        os.kill(ingest.pid, signal.SIGKILL)
        ingest.wait()
        deadline = time.monotonic() + 60  # liveness, not speed: they must end at all
        while _alive(helpers) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not _alive(helpers), _alive(helpers)
    finally:
        if ingest.poll() is None:
            ingest.kill()
        for pid in _alive(helpers):  # only the processes this test started
            os.kill(pid, signal.SIGKILL)


def test_a_delivery_cut_between_two_batches_is_finished_by_the_next_run(vigie, tmp_path):
    """Batches are committed one by one: a run that dies after some of them leaves stored
    texts, no delivery recorded and no analysis. The next run finds them unchanged, and still
    takes them to the later steps."""
    from vigie.analysis.models import Analysis

    members = {f"a/{i}.xml": texte_xml(replace(TEXT, uid=f"JORFTEXT0000996{i:05d}"))
               for i in range(3)}
    tarball = make_tarball(tmp_path / "JORFSIMPLE_20261014-010000.tar.gz", members)
    code, out, _ = vigie("ingest", "--no-analysis", tarball)
    assert code == 0 and "3 textes créés" in out
    Delivery.objects.all().delete()  # the state a crash after the last batch leaves
    assert not Analysis.objects.exists()
    code, out, _ = vigie("ingest", tarball)
    assert code == 0 and "3 inchangés" in out, out
    assert Analysis.objects.count() == 3
    # Once the delivery is recorded as done, a forced run does not redo the later steps.
    code, out, _ = vigie("ingest", "--force", tarball)
    assert code == 0 and "Analyse" not in out, out
