"""``vigie status`` in French; the journal of runs; JSON logs without personal data; the
refusals of ``vigie worker`` and ``vigie beat``."""

from __future__ import annotations

import io
import json
import logging
import re

import pytest


@pytest.mark.django_db
def test_status_tells_what_ran_and_what_failed(vigie, settings):
    from vigie.commands.demo import sample_deliveries

    assert vigie("ingest", *sample_deliveries())[0] == 0
    code, out, _ = vigie("status")
    assert code == 0, out
    assert "Synchronisation DILA :" in out and "jorfsimple : dernière réussie jamais" in out
    assert "Livraisons ingérées : 1, la dernière JORFSIMPLE_20261014-011502" in out
    assert "Courriels : 0 à envoyer" in out
    assert "ingestion JORFSIMPLE_20261014-011502 : réussi" in out

    settings.VIGIE_DILA_BASE_URL = "http://127.0.0.1:9/OPENDATA/"  # nothing listens there
    assert vigie("sync")[0] == 1
    code, out, _ = vigie("status")
    assert code == 1
    assert "ÉCHEC depuis" in out
    assert "synchronisation jorfsimple : ÉCHEC" in out


@pytest.mark.django_db
def test_status_says_its_counts_in_french_and_fails_after_a_failed_run_however_few_shown(
        vigie, tmp_path):
    """``vigie status --runs 0 || alerte``: the exit status said 0 after a failed run when no
    run was shown, and said « Aucune exécution enregistrée. » while there were some; the
    counts of each run were its stored keys (« inputs 1, texts 19 »)."""
    from vigie.commands.demo import sample_deliveries

    assert vigie("ingest", *sample_deliveries())[0] == 0
    code, out, _ = vigie("status")
    assert code == 0
    line = next(line for line in out.splitlines() if "ingestion JORFSIMPLE_" in line)
    assert "(entrées 1, textes " in line and "analysés " in line and "éditions " in line, line
    texts = re.search(r"textes (\d+), analysés (\d+),", line)
    assert texts and texts[1] == texts[2], line  # not the retained ones a second time
    assert "inputs" not in out and "texts" not in out

    assert vigie("ingest", str(tmp_path / "absente.tar.gz"))[0] == 1
    for runs in ("0", "1", "10"):
        code, out, _ = vigie("status", "--runs", runs)
        assert code == 1, (runs, out)
        assert "Aucune exécution enregistrée" not in out
    assert "Dernières exécutions" not in vigie("status", "--runs", "0")[1]
    code, _, err = vigie("status", "--runs", "-1")
    assert code == 2 and "nombre invalide « -1 » (entier ≥ 0 attendu)" in err


@pytest.mark.django_db
def test_a_truncated_copy_read_in_full_since_is_no_longer_said_incomplete(vigie, tmp_path):
    """A truncated copy (status 1, an anomaly), then the full copy under the same name read
    to its end: « incomplète » was said for ever. A file of that name read in part after it
    (a later state of a Parliament file, say) is said again."""
    from dataclasses import replace

    from tests.conftest import make_tarball
    from vigie.demo.factory import FakeText, texte_xml
    from vigie.documents.models import Delivery

    name = "JORF_20260102-000000.tar.gz"
    text = FakeText(uid="JORFTEXT000099950000", title="Arrêté du 2 janvier 2026 " + "x" * 3000)
    full = make_tarball(tmp_path / "entiere.tar.gz", {
        f"t/{n}.xml": texte_xml(replace(text, uid=f"JORFTEXT0000999500{n:02d}"))
        for n in range(40)}).read_bytes()
    copy = tmp_path / name
    copy.write_bytes(full[:len(full) // 2])
    assert vigie("ingest", "--no-analysis", copy)[0] == 1
    assert f"  incomplète : {name}" in vigie("status")[1]
    copy.write_bytes(full)
    code, out, _ = vigie("ingest", "--no-analysis", copy)
    assert code == 0 and "0 anomalie" in out, out
    assert sorted(Delivery.objects.values_list("status", flat=True)) == ["done", "partial"]
    assert "incomplète" not in vigie("status")[1]

    copy.write_bytes(full[:len(full) // 3])  # read in part after the full one: said
    assert vigie("ingest", "--no-analysis", copy)[0] == 1
    assert f"  incomplète : {name}" in vigie("status")[1]


@pytest.mark.django_db
def test_a_run_is_said_stopped_only_when_its_process_is_known_gone():
    """A row « running » of this machine whose process is gone, or whose process number a
    later process took, is stopped; one of another machine, or of a living process, may
    still be under way."""
    import socket
    import subprocess
    import sys
    from datetime import timedelta

    from django.utils import timezone

    from vigie.operations.journal import stopped, where
    from vigie.operations.models import Run

    now, here = timezone.now(), socket.gethostname()
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()

    def run(host: str, status: str = Run.RUNNING, started=now) -> Run:
        return Run.objects.create(kind=Run.INGEST, status=status, started_at=started,
                                  host=host)

    assert stopped(run(f"{here}:{gone}"))
    assert not stopped(run(where()))  # this very process, under way
    assert stopped(run(where(), started=now - timedelta(days=400)))  # number reused since
    assert not stopped(run(f"autre-machine:{gone}"))
    assert not stopped(run(f"{here}:{gone}", status=Run.OK))
    assert not stopped(run(""))


@pytest.mark.django_db
def test_anomalies_limit_is_a_whole_number(vigie, tmp_path):
    """``--limit -1`` listed nothing and announced « … 71 autres anomalies » of 70."""
    for name in ("a.xml", "b.xml", "c.xml"):
        (tmp_path / name).write_text("pas du XML")
    vigie("ingest", str(tmp_path))
    code, out, _ = vigie("anomalies", "--limit", "0")
    assert code == 0 and out.strip() == "… 3 autres anomalies (--limit pour en voir plus)."
    code, out, _ = vigie("anomalies", "--limit", "2")
    assert out.count("(entrée : ") == 2 and "… 1 autre anomalie (--limit" in out
    code, _, err = vigie("anomalies", "--limit", "-1")
    assert code == 2 and "argument --limit : nombre invalide « -1 »" in err


@pytest.mark.django_db
def test_a_run_that_raises_is_journaled_as_failed_with_the_addresses_masked():
    from vigie.operations.journal import recording
    from vigie.operations.models import Run

    with pytest.raises(RuntimeError), recording(Run.SEND, "essai"):
        raise RuntimeError("refus pour lecteur@exemple.fr")
    run = Run.objects.get(source="essai")
    assert run.status == Run.FAILED and run.finished_at is not None
    assert run.error == "RuntimeError : refus pour <adresse>"


def test_json_logs_are_one_line_per_event_without_addresses_or_tokens():
    from django.core import signing

    from vigie.operations.logs import JsonFormatter, Private

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(Private())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("vigie.test.logs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    token = signing.dumps({"subscriber": "Zx8Kq2LmN4pR7sT9vW1yB3"})
    try:
        logger.info("envoi à %s via %s", "jean.dupont@mairie.fr", f"/abonnement/{token}/",
                    extra={"counts": {"sent": 3}, "key": "Zx8Kq2LmN4pR7sT9vW1yB3",
                           "uid": "JORFTEXT000099000004"})
    finally:
        logger.removeHandler(handler)
    lines = stream.getvalue().splitlines()
    assert len(lines) == 1
    event = json.loads(lines[0])
    assert event["level"] == "INFO" and event["logger"] == "vigie.test.logs"
    assert event["counts"] == {"sent": 3} and event["uid"] == "JORFTEXT000099000004"
    assert "dupont" not in lines[0] and token not in lines[0]
    assert "Zx8Kq2LmN4pR7sT9vW1yB3" not in lines[0]
    assert event["message"].startswith("envoi à <adresse> via /abonnement/<jeton>")


@pytest.mark.django_db
def test_worker_and_beat_need_redis(vigie, settings):
    settings.VIGIE_REDIS_URL = ""
    for command in ("worker", "beat"):
        code, _, err = vigie(command)
        assert code == 2 and "VIGIE_REDIS_URL n'est pas définie" in err


def test_several_workers_on_sqlite_are_refused(tmp_path):
    import subprocess
    import sys

    from tests.mailing.outside import REPO

    env = {"PATH": "/usr/bin:/bin", "VIGIE_DATA_DIR": str(tmp_path),
           "VIGIE_DATABASE_URL": f"sqlite:///{tmp_path / 'vigie.sqlite3'}",
           "VIGIE_REDIS_URL": "redis://127.0.0.1:6379/5"}
    done = subprocess.run([sys.executable, "-m", "vigie.cli", "worker", "--concurrency", "2"],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "plusieurs processus de travail demandent PostgreSQL" in done.stderr


def test_the_morning_time_is_checked():
    from vigie.config import ConfigError
    from vigie.tasks.schedule import beat_schedule, morning_time

    assert morning_time("6:30") == (6, 30)
    schedule = beat_schedule("06:45")["vigie-morning"]
    assert schedule["task"] == "vigie.morning"
    assert schedule["schedule"].hour == {6} and schedule["schedule"].minute == {45}
    for wrong in ("25:00", "6h30", ""):
        with pytest.raises(ConfigError, match="VIGIE_MORNING_AT"):
            morning_time(wrong)
