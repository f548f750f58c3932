"""``vigie sync --source judilibre`` meeting pages over ``VIGIE_INGEST_MAX_FILE_MB``: asked
again smaller, down to the one decision too big, left out as an anomaly (once, however many
runs meet it again), the run and the watermark going on past it; killed meanwhile."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from vigie.documents.judilibre_store import decision_uid
from vigie.documents.models import Anomaly, Document
from vigie.sources.judilibre import smaller_size

from .judilibre_cases import KEY, asked, big, decision, killed_sync, mark, spread, stored, sync
from .judilibre_server import JudilibreServer


def test_a_page_is_asked_again_in_pages_that_cover_it_exactly():
    """The export pages by offset (batch × batch_size): a smaller size must divide the
    page's, so that its pages hold the same decisions, and no other."""
    assert [smaller_size(n) for n in (1000, 500, 250, 125, 25, 5, 1)] == [
        500, 250, 125, 25, 5, 1, 0]
    assert [smaller_size(n) for n in (9, 3, 7, 2)] == [3, 1, 1, 1]


@pytest.mark.django_db
def test_a_page_too_big_is_asked_again_smaller_down_to_the_decision_left_out(judilibre, settings,
                                                                             monkeypatch):
    """A page over VIGIE_INGEST_MAX_FILE_MB stopped the run there, and every later run at the
    same page, until the limit was raised. Now its decisions are asked again in halves, down
    to the one decision too big, left out as an anomaly; the run and the watermark go on."""
    judilibre.decisions = spread(5) + [big(5, "2026-10-06")] + spread(2, date(2026, 10, 7), 6)
    settings.VIGIE_JUDILIBRE_BATCH_SIZE = 4
    monkeypatch.setenv("VIGIE_INGEST_MAX_FILE_MB", "0.1")
    code, out, err, delays = sync()
    assert code == 1  # a decision was left out
    assert asked(judilibre) == [("0", "4"), ("1", "4"), ("2", "2"), ("4", "1"), ("5", "1"),
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

    before = len(judilibre.requests)  # the next run: from the watermark, past the decision
    code, out, err, _ = sync()
    assert code == 0, err
    assert asked(judilibre, before) == [("0", "4")] and "dépasse" not in out
    monkeypatch.setenv("VIGIE_INGEST_MAX_FILE_MB", "1")  # the limit raised, as it says
    code, _, err, _ = sync(since=date(2026, 10, 5))
    assert code == 0, err
    assert stored() == 8 and mark() == "2026-10-08"


@pytest.mark.django_db
def test_a_page_larger_than_a_file_vigie_reads_is_read_in_smaller_pages(judilibre, monkeypatch):
    """It was read whole into memory, however large, then refused when stored: an anomaly
    at every run, the same page asked again. Then the reading stopped at the limit, and
    the run with it, at every run. Now the page (of 3: pages of 1) is asked again smaller;
    the decision too big shows its day: the watermark goes past it."""
    judilibre.decisions = spread(2) + [{**decision(9, "2026-10-03"), "text": "x" * 200_000}]
    monkeypatch.setenv("VIGIE_INGEST_MAX_FILE_MB", "0.1")
    code, out, err, delays = sync()
    assert code == 1
    assert asked(judilibre) == [("0", "3"), ("0", "1"), ("1", "1"), ("2", "1")]  # (total: 3)
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
    the last decision stored, leaves the decision out again (recorded once) and stores the
    rest. On SQLite or
    PostgreSQL (VIGIE_DATABASE_URL), outside the test database."""
    from tests.mailing.outside import OutsideDatabase

    today = date.today()
    first = today - timedelta(8)
    decisions = spread(5, first) + [big(5, (first + timedelta(5)).isoformat())] + spread(
        2, first + timedelta(6), 6)
    database = OutsideDatabase(tmp_path / "base")
    try:
        assert database.vigie("status").returncode == 0
        with JudilibreServer(decisions, key=KEY) as judilibre:
            env = database.env(VIGIE_JUDILIBRE_KEY=KEY, VIGIE_JUDILIBRE_URL=judilibre.base_url,
                               VIGIE_JUDILIBRE_BATCH_SIZE="4", VIGIE_INGEST_MAX_FILE_MB="0.1")
            release = judilibre.stall(3, size=2)
            killed_sync(env, judilibre, 6)
            release.set()
            fifth = (first + timedelta(4)).isoformat()
            assert database.query("SELECT count(*) FROM documents_document") == [(5,)]
            assert database.query("SELECT value FROM documents_watermark WHERE source = "
                                  "'judilibre'") == [(fifth,)]
            assert database.query("SELECT count(*) FROM documents_anomaly") == [(1,)]
            judilibre.stalled.clear()
            before = len(judilibre.requests)
            done = database.vigie("sync", "--source", "judilibre", env=env)
            assert done.returncode == 0, done.stderr  # the decision left out, said again,
            assert "Reprise de ce qu'une exécution précédente a laissé" in done.stdout
            assert "déjà signalée (vigie anomalies), est toujours laissée de côté" in done.stdout
            assert database.query("SELECT count(*) FROM documents_anomaly") == [(1,)]  # once
            assert judilibre.queries()[before]["date_start"] == [fifth]
            assert asked(judilibre, before) == [("0", "4"), ("0", "2"), ("0", "1"), ("1", "1"),
                                             ("1", "2")]
            assert database.query("SELECT value FROM documents_watermark WHERE source = "
                                  "'judilibre'") == [((today - timedelta(1)).isoformat(),)]
        assert database.query("SELECT count(*) FROM documents_document") == [(7,)]
        assert database.query("SELECT count(*) FROM analysis_analysis") == [(7,)]
    finally:
        database.drop()


@pytest.mark.django_db
@pytest.mark.parametrize("record, day", [
    (big(9, "2026-10-03"), "2026-10-02"),  # its day after its text: unseen
    ({**decision(9, "2026-10-03"), "text": "x" * 200_000}, "2026-10-03")])  # its day seen
def test_a_decision_too_big_on_the_watermarks_day_is_recorded_once(judilibre, monkeypatch,
                                                                    record, day):
    """The decision too big is the last one: the watermark stays on the day of the one
    before (or on its own, when its opening shows it), so every later
    sync, asking from that day, met it again, and recorded one more anomaly (its page's name
    and the query's first day differ at each run) until a later decision moved the
    watermark. Now it is known by its id: said again, recorded once, the run not failed."""
    judilibre.decisions = spread(2) + [record]
    monkeypatch.setenv("VIGIE_INGEST_MAX_FILE_MB", "0.1")
    code, _, err, _ = sync()
    assert code == 1 and "laissée de côté" in err
    assert stored() == 2 and mark() == day and Anomaly.objects.count() == 1
    for _ in range(2):
        code, out, err, _ = sync()
        assert code == 0, err
        assert Anomaly.objects.count() == 1 and mark() == day
        assert ("Judilibre : la décision 6a1b2c3d4e5f607182930009, déjà signalée (vigie "
                "anomalies), est toujours laissée de côté : elle dépasse à elle seule 102 ko "
                "(VIGIE_INGEST_MAX_FILE_MB).") in out
    judilibre.decisions.append(decision(10, "2026-10-04"))  # a later one moves the watermark
    code, _, err, _ = sync()
    assert code == 0, err
    assert stored() == 3 and mark() == "2026-10-04" and Anomaly.objects.count() == 1
