"""``vigie sync --source judilibre`` against a real local server answering as Judilibre's
``/export`` does: decisions written for these tests (and the real samples of
``../shared/corpus/jurisprudence`` when present), paged until the last page or the cap, the
watermark that makes the next run ask only from the last day taken in, a server that fails
then gives up, a page cut short, a refused key, ``--source all`` without a key."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta

import pytest

from vigie.commands.output import printer
from vigie.documents import judilibre_sync
from vigie.documents.judilibre_store import decision_uid
from vigie.documents.judilibre_sync import sync_judilibre
from vigie.documents.models import Anomaly, Document, Watermark
from vigie.sources.judilibre import smaller_size

from .judilibre_server import JudilibreServer

KEY = "cle-de-test"
TODAY = date(2026, 10, 14)
THEMES = ["expropriation pour cause d'utilité publique", "urbanisme", "voirie communale",
          "marchés publics", "domaine public"]


def decision(n: int, updated: str, court: str = "Cour de cassation") -> dict:
    """A decision in the export's shape (``resolve_references=true``)."""
    local = court != "Cour de cassation"
    return {
        "id": f"6a1b2c3d4e5f6071829300{n:02d}", "source": "jurica" if local else "jurinet",
        "jurisdiction": court, "location": "Cour d'appel de Chambéry" if local else "",
        "chamber": "Troisième chambre civile", "number": f"26-10.{n:03d}",
        "ecli": f"ECLI:FR:CCASS:2026:C3{n:05d}", "decision_date": "2026-09-24",
        "update_date": updated, "solution": "Rejet", "type": "Arrêt",
        "publication": ["Publié au Bulletin"], "themes": [THEMES[n % len(THEMES)]],
        "summary": f"Sommaire de la décision {n} : la commune reste propriétaire du chemin.",
        "text": f"Décision {n}. La commune de Brides-les-Bains…",
    }


def spread(count: int, first: date = date(2026, 10, 1), numbers: int = 0) -> list[dict]:
    """``count`` decisions changed on successive days from ``first`` (numbered from
    ``numbers``)."""
    return [decision(numbers + n, (first + timedelta(n)).isoformat()) for n in range(count)]


@pytest.fixture
def server(settings, monkeypatch):
    monkeypatch.setenv("VIGIE_JUDILIBRE_KEY", KEY)
    with JudilibreServer(key=KEY) as running:
        settings.VIGIE_JUDILIBRE_URL = running.base_url
        settings.VIGIE_JUDILIBRE_BATCH_SIZE = 3
        settings.VIGIE_JUDILIBRE_MAX_PAGES = 20
        yield running


def sync(**options) -> tuple[int, str, str, list[float]]:
    out, err, delays = io.StringIO(), io.StringIO(), []
    report = sync_judilibre(notify=printer(out, err), sleep=delays.append, today=TODAY,
                            **options)
    return report.status, out.getvalue(), err.getvalue(), delays


def mark() -> str:
    return Watermark.objects.get(source="judilibre").value


def stored() -> int:
    return Document.objects.filter(rubric="jurisprudence").count()


@pytest.mark.django_db
def test_pages_are_read_to_the_last_then_the_next_run_asks_from_the_watermark(server, settings):
    server.decisions = spread(7)
    code, out, err, delays = sync()
    assert code == 0, err
    assert stored() == 7 and mark() == "2026-10-07"
    first, *_ = server.requests
    query, headers = first
    assert headers["keyid"] == KEY and headers["user-agent"].startswith("Vigie/")
    assert query["jurisdiction"] == ["cc", "ca", "tj"]
    assert {k: v[0] for k, v in query.items() if k != "jurisdiction"} == {
        "batch": "0", "batch_size": "3", "date_start": "2026-09-14", "date_end": "2026-10-14",
        "date_type": "update", "order": "asc", "resolve_references": "true"}
    assert [q["batch"] for q in server.queries()] == [["0"], ["1"], ["2"]]
    assert delays == [0.5, 0.5]  # a pause between pages, none after the last
    assert out.count("Judilibre, 3 décisions lues, 3 créées") == 2
    assert "depuis le 14 septembre 2026" in out
    assert not list((settings.DATA_DIR / "downloads" / "judilibre").iterdir())  # stored

    before = len(server.requests)
    code, out, err, _ = sync()
    assert code == 0, err
    again = server.queries()[before:]
    assert [(q["date_start"], q["batch"]) for q in again] == [(["2026-10-07"], ["0"])]
    assert stored() == 7 and "0 créée" in out and "1 inchangée" in out

    server.decisions.append(decision(20, "2026-10-09"))
    code, out, _, _ = sync()
    assert code == 0 and stored() == 8 and mark() == "2026-10-09"
    assert "1 créée" in out


@pytest.mark.django_db
def test_the_page_cap_is_said_and_the_next_run_goes_on(server, settings):
    server.decisions = spread(7)
    settings.VIGIE_JUDILIBRE_MAX_PAGES = 2
    code, out, err, _ = sync()
    assert code == 0, err
    assert stored() == 6 and mark() == "2026-10-06"
    assert ("Judilibre : plafond de 2 pages atteint (VIGIE_JUDILIBRE_MAX_PAGES) ; la prochaine "
            "synchronisation reprendra au 6 octobre 2026.") in out
    code, out, err, _ = sync()
    assert code == 0, err
    assert server.queries()[-1]["date_start"] == ["2026-10-06"]
    assert stored() == 7 and mark() == "2026-10-07" and "plafond" not in out


@pytest.mark.django_db
def test_a_busy_server_is_asked_again_then_given_up_and_the_next_run_resumes(server):
    server.decisions = spread(7)
    server.failures[1] = [503, 429]
    code, _, err, delays = sync()
    assert code == 0, err
    assert delays == [0.5, 1.0, 2.0, 0.5]  # pause, two retries (doubling), pause
    assert stored() == 7

    server.decisions += spread(7, date(2026, 10, 8), numbers=40)  # the next week
    server.failures[1] = [500] * 3
    code, _, err, _ = sync(retries=2)
    assert code == 1
    assert ("Judilibre : lot 1 abandonné après 3 échec(s) consécutif(s) : réponse HTTP 500. "
            "Les pages déjà reçues sont gardées. Reprise à la prochaine synchronisation.") in err
    assert stored() == 9 and mark() == "2026-10-09"  # the first page (from the 7th), kept
    before = len(server.requests)
    code, _, err, _ = sync()
    assert code == 0, err
    resumed = server.queries()[before:]  # from the last day taken in: 6 decisions, 2 pages
    assert [(q["date_start"], q["batch"]) for q in resumed] == [
        (["2026-10-09"], ["0"]), (["2026-10-09"], ["1"])]
    assert stored() == 14 and Document.objects.count() == 14 and mark() == "2026-10-14"


@pytest.mark.django_db
def test_a_refused_key_names_the_variable_and_changes_nothing(server, monkeypatch):
    server.decisions = spread(2)
    monkeypatch.setenv("VIGIE_JUDILIBRE_KEY", "une-autre-cle")
    code, out, err, delays = sync()
    assert code == 1 and len(server.requests) == 1 and not delays  # not asked again
    assert err.strip() == (
        "vigie : Judilibre refuse l'accès (HTTP 401) : vérifiez VIGIE_JUDILIBRE_KEY, la clé "
        "(KeyId) d'une application PISTE abonnée à l'API Judilibre (une clé du bac à sable "
        "ne vaut que pour sandbox-api.piste.gouv.fr, voir VIGIE_JUDILIBRE_URL).")
    assert stored() == 0 and not Watermark.objects.exists()


@pytest.mark.django_db
def test_a_page_cut_short_is_an_anomaly_the_run_goes_on_and_it_is_asked_again(server):
    server.decisions = spread(7)
    server.broken.add(1)
    code, out, err, _ = sync()
    assert code == 1
    assert stored() == 4  # pages 0 and 2
    anomaly = Anomaly.objects.get()
    assert anomaly.delivery == "judilibre_update_20260914-20261014_lot00001.json"
    assert "réponse Judilibre illisible (JSON invalide" in anomaly.message
    assert "anomalie — judilibre_update_20260914-20261014_lot00001.json" in err
    assert mark() == "2026-10-03"  # held before the page cut short
    server.broken.clear()
    code, _, err, _ = sync()
    assert code == 0, err
    assert stored() == 7 and mark() == "2026-10-07"


@pytest.mark.django_db
def test_past_the_exports_window_the_query_starts_again_from_the_last_day(server, monkeypatch):
    monkeypatch.setattr(judilibre_sync, "RESULT_WINDOW", 6)
    server.decisions = spread(10)
    code, out, err, _ = sync()
    assert code == 0, err
    assert [(q["date_start"][0], q["batch"][0]) for q in server.queries()] == [
        ("2026-09-14", "0"), ("2026-09-14", "1"), ("2026-10-06", "0"), ("2026-10-06", "1")]
    assert stored() == 10 and mark() == "2026-10-10"

    Watermark.objects.all().delete()  # a day with more decisions than the window gives
    server.decisions = [decision(n, "2026-10-02") for n in range(8)] + [
        decision(30, "2026-10-03")]
    server.requests.clear()
    code, _, err, _ = sync()
    assert code == 1
    assert ("Judilibre : plus de 6 décisions pour le 14 septembre 2026" not in err
            and "plus de 6 décisions pour le 2 octobre 2026 ; l'export ne va pas au-delà" in err)
    assert server.queries()[-1]["date_start"] == ["2026-10-03"]
    assert Document.objects.filter(uid=decision_uid(decision(30, "")["id"])).exists()


@pytest.mark.django_db
def test_sync_source_all_without_a_key_says_judilibre_is_left_out(vigie, monkeypatch):
    from vigie import pipeline

    monkeypatch.delenv("VIGIE_JUDILIBRE_KEY", raising=False)
    for name in ("sync", "sync_feeds", "sync_parlement"):  # the other sources: nothing new
        monkeypatch.setattr(pipeline, name, lambda *a, **k: pipeline.PipelineReport())
    code, out, err = vigie("sync", "--source", "all")
    assert code == 0, err
    assert out.splitlines() == [
        "Aucun flux suivi : vigie feeds add ADRESSE --rubric actualite (ou vigie feeds "
        "defaults, la liste fournie avec Vigie).",
        "Judilibre non synchronisé : aucune clé d'accès (VIGIE_JUDILIBRE_KEY, à demander sur "
        "piste.gouv.fr)."]
    code, out, err = vigie("sync", "--source", "judilibre")
    assert code == 2 and err.startswith("vigie : Judilibre non synchronisé")


@pytest.mark.django_db
def test_sync_source_judilibre_on_the_command_line_analyses_what_came(vigie, server):
    server.decisions = spread(2) + [decision(9, "2026-10-03", "Cour d'appel de Chambéry")]
    code, out, err = vigie("sync", "--source", "judilibre", "--since", "2026-10-01")
    assert code == 0, err
    assert server.queries()[0]["date_start"] == ["2026-10-01"]
    assert stored() == 3 and "Analyse : 3 texte(s) analysé(s)" in out
    from vigie.analysis.models import Analysis

    assert Analysis.objects.filter(document__uid=decision_uid(decision(9, "")["id"])).exists()


@pytest.mark.django_db
def test_the_published_samples_served_as_export_pages(server, settings, shared):
    folder = shared("corpus", "jurisprudence")
    singles = [json.loads((folder / f"judilibre_{c}_decision_resolved.json").read_bytes())
               for c in ("cc", "ca", "tj")]
    hits = json.loads((folder / "judilibre_cc_search_list.json").read_bytes())["resolved"]
    listed = [{**hit, "update_date": "2021-12-01"} for hit in hits[:40]]  # (hits carry none)
    server.decisions = singles + listed
    settings.VIGIE_JUDILIBRE_BATCH_SIZE = 10
    code, _, err, _ = sync(since=date(2021, 11, 1))
    assert code == 0, err
    ids = {d["id"] for d in server.decisions}
    assert stored() == len(ids) and len(server.requests) == 5
    assert mark() == "2021-12-01"
    uber = Document.objects.get(uid=decision_uid("5fca277de35a255d41ca73ab"))
    assert uber.details["ecli"] == "ECLI:FR:CCASS:2020:CO00740"


def test_killed_mid_run_the_next_run_resumes_from_the_last_page_stored(tmp_path):
    """A real ``vigie sync`` killed (SIGKILL) while it waits for its third page; the next one
    starts from the watermark of the second, stores the rest, and finishes the analysis the
    killed one owed. On SQLite or PostgreSQL (VIGIE_DATABASE_URL), outside the test database."""
    import signal
    import subprocess
    import sys
    import time

    from tests.mailing.outside import REPO, OutsideDatabase

    today = date.today()
    database = OutsideDatabase(tmp_path / "base")
    try:
        assert database.vigie("status").returncode == 0
        with JudilibreServer(spread(8, today - timedelta(8)), key=KEY) as server:
            env = database.env(VIGIE_JUDILIBRE_KEY=KEY, VIGIE_JUDILIBRE_URL=server.base_url,
                               VIGIE_JUDILIBRE_BATCH_SIZE="3")
            release = server.stall(2)
            process = subprocess.Popen(
                [sys.executable, "-m", "vigie.cli", "sync", "--source", "judilibre"], cwd=REPO,
                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            deadline = time.monotonic() + 120
            while len(server.requests) < 3 and time.monotonic() < deadline:
                time.sleep(0.05)
            process.send_signal(signal.SIGKILL)
            assert process.wait(timeout=30) == -signal.SIGKILL
            release.set()
            sixth = (today - timedelta(3)).isoformat()
            assert database.query("SELECT count(*) FROM documents_document") == [(6,)]
            assert database.query("SELECT value FROM documents_watermark WHERE source = "
                                  "'judilibre'") == [(sixth,)]
            server.stalled.clear()
            done = database.vigie("sync", "--source", "judilibre", env=env)
            assert done.returncode == 0, done.stderr
            assert "Reprise de ce qu'une exécution précédente a laissé" in done.stdout
            assert server.queries()[3]["date_start"] == [sixth]
        assert database.query("SELECT count(*) FROM documents_document") == [(8,)]
        assert database.query("SELECT count(*) FROM analysis_analysis") == [(8,)]
    finally:
        database.drop()


def big(n: int, updated: str) -> dict:
    """A decision whose text alone exceeds 0,1 Mo, its keys in the order of the API's export
    (``id``, ``source``, ``text``, then the rest: its day comes after its text)."""
    record = decision(n, updated)
    return {"id": record["id"], "source": record["source"], "text": "x" * 200_000,
            **{k: v for k, v in record.items() if k not in ("id", "source", "text")}}


def asked(server: JudilibreServer, since: int = 0) -> list[tuple[str, str]]:
    return [(q["batch"][0], q["batch_size"][0]) for q in server.queries()[since:]]


def test_a_page_is_asked_again_in_pages_that_cover_it_exactly():
    """The export pages by offset (batch × batch_size): a smaller size must divide the
    page's, so that its pages hold the same decisions, and no other."""
    assert [smaller_size(n) for n in (1000, 500, 250, 125, 25, 5, 1)] == [
        500, 250, 125, 25, 5, 1, 0]
    assert [smaller_size(n) for n in (9, 3, 7, 2)] == [3, 1, 1, 1]


@pytest.mark.django_db
def test_a_page_too_big_is_asked_again_smaller_down_to_the_decision_left_out(server, settings,
                                                                             monkeypatch):
    """A page over VIGIE_INGEST_MAX_FILE_MB stopped the run there, and every later run at the
    same page, until the limit was raised. Now its decisions are asked again in halves, down
    to the one decision too big, left out as an anomaly; the run and the watermark go on."""
    server.decisions = spread(5) + [big(5, "2026-10-06")] + spread(2, date(2026, 10, 7), 6)
    settings.VIGIE_JUDILIBRE_BATCH_SIZE = 4
    monkeypatch.setenv("VIGIE_INGEST_MAX_FILE_MB", "0.1")
    code, out, err, delays = sync()
    assert code == 1  # a decision was left out
    assert asked(server) == [("0", "4"), ("1", "4"), ("2", "2"), ("4", "1"), ("5", "1"),
                             ("3", "2")]
    assert delays == [0.5] * 5
    assert stored() == 7 and mark() == "2026-10-08"
    assert not Document.objects.filter(uid=decision_uid(decision(5, "")["id"])).exists()
    assert ("Judilibre : le lot 1 (4 décisions) dépasse 102 ko (VIGIE_INGEST_MAX_FILE_MB) ; "
            "ses décisions sont redemandées par lots de 2 (lots 2 et 3).") in out
    assert "le lot 2 (2 décisions) dépasse 102 ko" in out and "lots de 1 (lots 4 et 5)" in out
    anomaly = Anomaly.objects.get()
    assert anomaly.delivery == "judilibre_update_20260914-20261014_lot00005_taille1.json"
    assert anomaly.message == (
        "décision n° 6 des décisions publiées ou modifiées depuis le 14 septembre 2026, venue "
        "après une décision du 5 octobre 2026 (identifiant 6a1b2c3d4e5f607182930005), laissée "
        "de côté : elle dépasse à elle seule 102 ko (VIGIE_INGEST_MAX_FILE_MB). Pour la lire, "
        "relevez la limite puis vigie sync --source judilibre --since 2026-10-05.")
    assert f"vigie : Judilibre : anomalie — {anomaly.delivery} : {anomaly.message}" in err
    assert "lot00005_taille1.json : Judilibre, 1 décision lue, 1 créée" not in out
    assert "judilibre_update_20260914-20261014_lot00003_taille2.json : Judilibre, 2 décisions " \
           "lues, 2 créées" in out
    assert not list((settings.DATA_DIR / "downloads" / "judilibre").iterdir())

    before = len(server.requests)  # the next run: from the watermark, past the decision
    code, out, err, _ = sync()
    assert code == 0, err
    assert asked(server, before) == [("0", "4")] and "dépasse" not in out
    monkeypatch.setenv("VIGIE_INGEST_MAX_FILE_MB", "1")  # the limit raised, as it says
    code, _, err, _ = sync(since=date(2026, 10, 5))
    assert code == 0, err
    assert stored() == 8 and mark() == "2026-10-08"


@pytest.mark.django_db
def test_a_page_larger_than_a_file_vigie_reads_is_read_in_smaller_pages(server, monkeypatch):
    """It was read whole into memory, however large, then refused when stored: an anomaly
    at every run, the same page asked again. Then the reading stopped at the limit, and
    the run with it, at every run. Now the page (of 3: pages of 1) is asked again smaller;
    the decision too big shows its day: the watermark goes past it."""
    server.decisions = spread(2) + [{**decision(9, "2026-10-03"), "text": "x" * 200_000}]
    monkeypatch.setenv("VIGIE_INGEST_MAX_FILE_MB", "0.1")
    code, out, err, delays = sync()
    assert code == 1
    assert asked(server) == [("0", "3"), ("0", "1"), ("1", "1"), ("2", "1")]  # (total: 3)
    assert "Reprise à la prochaine" not in err
    assert stored() == 2 and mark() == "2026-10-03"
    assert ("décision n° 3 des décisions publiées ou modifiées depuis le 14 septembre 2026, du "
            "3 octobre 2026 (identifiant 6a1b2c3d4e5f607182930009), laissée de côté") in err
    monkeypatch.setenv("VIGIE_INGEST_MAX_FILE_MB", "1")
    code, _, err, _ = sync(since=date(2026, 10, 1))
    assert code == 0 and stored() == 3, err


def test_killed_while_a_page_is_asked_again_smaller_the_next_run_goes_on(tmp_path):
    """A real ``vigie sync`` killed (SIGKILL) while it asks for the second half of a page too
    big, after the decision too big was left out; the next one starts from the watermark of
    the last decision stored, leaves the decision out again and stores the rest. On SQLite or
    PostgreSQL (VIGIE_DATABASE_URL), outside the test database."""
    import signal
    import subprocess
    import sys
    import time

    from tests.mailing.outside import REPO, OutsideDatabase

    today = date.today()
    first = today - timedelta(8)
    decisions = spread(5, first) + [big(5, (first + timedelta(5)).isoformat())] + spread(
        2, first + timedelta(6), 6)
    database = OutsideDatabase(tmp_path / "base")
    try:
        assert database.vigie("status").returncode == 0
        with JudilibreServer(decisions, key=KEY) as server:
            env = database.env(VIGIE_JUDILIBRE_KEY=KEY, VIGIE_JUDILIBRE_URL=server.base_url,
                               VIGIE_JUDILIBRE_BATCH_SIZE="4", VIGIE_INGEST_MAX_FILE_MB="0.1")
            release = server.stall(3, size=2)
            process = subprocess.Popen(
                [sys.executable, "-m", "vigie.cli", "sync", "--source", "judilibre"], cwd=REPO,
                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            deadline = time.monotonic() + 120
            while len(server.requests) < 6 and time.monotonic() < deadline:
                time.sleep(0.05)
            process.send_signal(signal.SIGKILL)
            assert process.wait(timeout=30) == -signal.SIGKILL
            release.set()
            fifth = (first + timedelta(4)).isoformat()
            assert database.query("SELECT count(*) FROM documents_document") == [(5,)]
            assert database.query("SELECT value FROM documents_watermark WHERE source = "
                                  "'judilibre'") == [(fifth,)]
            assert database.query("SELECT count(*) FROM documents_anomaly") == [(1,)]
            server.stalled.clear()
            before = len(server.requests)
            done = database.vigie("sync", "--source", "judilibre", env=env)
            assert done.returncode == 1, done.stderr  # the decision left out, said again
            assert "Reprise de ce qu'une exécution précédente a laissé" in done.stdout
            assert "laissée de côté" in done.stderr and "Traceback" not in done.stderr
            assert server.queries()[before]["date_start"] == [fifth]
            assert asked(server, before) == [("0", "4"), ("0", "2"), ("0", "1"), ("1", "1"),
                                             ("1", "2")]
            assert database.query("SELECT value FROM documents_watermark WHERE source = "
                                  "'judilibre'") == [((today - timedelta(1)).isoformat(),)]
        assert database.query("SELECT count(*) FROM documents_document") == [(7,)]
        assert database.query("SELECT count(*) FROM analysis_analysis") == [(7,)]
    finally:
        database.drop()
