"""``vigie sync --source judilibre`` against a real local server answering as Judilibre's
``/export`` does: decisions written for these tests (and the real samples of
``../shared/corpus/jurisprudence`` when present), paged until the last page or the cap, the
watermark that makes the next run ask only from the last day taken in, a server that fails
then gives up, a page cut short, a refused key, ``--source all`` without a key. Pages too
big: ``test_judilibre_too_big.py``."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from vigie.documents import judilibre_sync
from vigie.documents.judilibre_store import decision_uid
from vigie.documents.models import Anomaly, Document, Watermark

from .judilibre_cases import KEY, decision, killed_sync, mark, spread, stored, sync
from .judilibre_server import JudilibreServer


@pytest.mark.django_db
def test_pages_are_read_to_the_last_then_the_next_run_asks_from_the_watermark(judilibre, settings):
    judilibre.decisions = spread(7)
    code, out, err, delays = sync()
    assert code == 0, err
    assert stored() == 7 and mark() == "2026-10-07"
    first, *_ = judilibre.requests
    query, headers = first
    assert headers["keyid"] == KEY and headers["user-agent"].startswith("Vigie/")
    assert query["jurisdiction"] == ["cc", "ca", "tj"]
    assert {k: v[0] for k, v in query.items() if k != "jurisdiction"} == {
        "batch": "0", "batch_size": "3", "date_start": "2026-09-14", "date_end": "2026-10-14",
        "date_type": "update", "order": "asc", "resolve_references": "true"}
    assert [q["batch"] for q in judilibre.queries()] == [["0"], ["1"], ["2"]]
    assert delays == [0.5, 0.5]  # a pause between pages, none after the last
    assert out.count("Judilibre, 3 décisions lues, 3 créées") == 2
    assert "depuis le 14 septembre 2026" in out
    assert not list((settings.DATA_DIR / "downloads" / "judilibre").iterdir())  # stored

    before = len(judilibre.requests)
    code, out, err, _ = sync()
    assert code == 0, err
    again = judilibre.queries()[before:]
    assert [(q["date_start"], q["batch"]) for q in again] == [(["2026-10-07"], ["0"])]
    assert stored() == 7 and "0 créée" in out and "1 inchangée" in out

    judilibre.decisions.append(decision(20, "2026-10-09"))
    code, out, _, _ = sync()
    assert code == 0 and stored() == 8 and mark() == "2026-10-09"
    assert "1 créée" in out


@pytest.mark.django_db
def test_the_page_cap_is_said_and_the_next_run_goes_on(judilibre, settings):
    judilibre.decisions = spread(7)
    settings.VIGIE_JUDILIBRE_MAX_PAGES = 2
    code, out, err, _ = sync()
    assert code == 0, err
    assert stored() == 6 and mark() == "2026-10-06"
    assert ("Judilibre : plafond de 2 pages atteint (VIGIE_JUDILIBRE_MAX_PAGES) ; la prochaine "
            "synchronisation reprendra au 6 octobre 2026.") in out
    code, out, err, _ = sync()
    assert code == 0, err
    assert judilibre.queries()[-1]["date_start"] == ["2026-10-06"]
    assert stored() == 7 and mark() == "2026-10-07" and "plafond" not in out


@pytest.mark.django_db
def test_a_busy_server_is_asked_again_then_given_up_and_the_next_run_resumes(judilibre):
    judilibre.decisions = spread(7)
    judilibre.failures[1] = [503, 429]
    code, _, err, delays = sync()
    assert code == 0, err
    assert delays == [0.5, 1.0, 2.0, 0.5]  # pause, two retries (doubling), pause
    assert stored() == 7

    judilibre.decisions += spread(7, date(2026, 10, 8), numbers=40)  # the next week
    judilibre.failures[1] = [500] * 3
    code, _, err, _ = sync(retries=2)
    assert code == 1
    assert ("Judilibre : lot 1 abandonné après 3 échec(s) consécutif(s) : réponse HTTP 500. "
            "Les pages déjà reçues sont gardées. Reprise à la prochaine synchronisation.") in err
    assert stored() == 9 and mark() == "2026-10-09"  # the first page (from the 7th), kept
    before = len(judilibre.requests)
    code, _, err, _ = sync()
    assert code == 0, err
    resumed = judilibre.queries()[before:]  # from the last day taken in: 6 decisions, 2 pages
    assert [(q["date_start"], q["batch"]) for q in resumed] == [
        (["2026-10-09"], ["0"]), (["2026-10-09"], ["1"])]
    assert stored() == 14 and Document.objects.count() == 14 and mark() == "2026-10-14"


@pytest.mark.django_db
def test_a_refused_key_names_the_variable_and_changes_nothing(judilibre, monkeypatch):
    judilibre.decisions = spread(2)
    monkeypatch.setenv("VIGIE_JUDILIBRE_KEY", "une-autre-cle")
    code, out, err, delays = sync()
    assert code == 1 and len(judilibre.requests) == 1 and not delays  # not asked again
    assert err.strip() == (
        "vigie : Judilibre refuse l'accès (HTTP 401) : vérifiez VIGIE_JUDILIBRE_KEY, la clé "
        "(KeyId) d'une application PISTE abonnée à l'API Judilibre (une clé du bac à sable "
        "ne vaut que pour sandbox-api.piste.gouv.fr, voir VIGIE_JUDILIBRE_URL).")
    assert stored() == 0 and not Watermark.objects.exists()


@pytest.mark.django_db
def test_a_page_cut_short_is_an_anomaly_the_run_goes_on_and_it_is_asked_again(judilibre):
    judilibre.decisions = spread(7)
    judilibre.broken.add(1)
    code, out, err, _ = sync()
    assert code == 1
    assert stored() == 4  # pages 0 and 2
    anomaly = Anomaly.objects.get()
    assert anomaly.delivery == "judilibre_update_20260914-20261014_lot00001.json"
    assert "réponse Judilibre illisible (JSON invalide" in anomaly.message
    assert "anomalie — judilibre_update_20260914-20261014_lot00001.json" in err
    assert mark() == "2026-10-03"  # held before the page cut short
    judilibre.broken.clear()
    code, _, err, _ = sync()
    assert code == 0, err
    assert stored() == 7 and mark() == "2026-10-07"


@pytest.mark.django_db
def test_past_the_exports_window_the_query_starts_again_from_the_last_day(judilibre, monkeypatch):
    monkeypatch.setattr(judilibre_sync, "RESULT_WINDOW", 6)
    judilibre.decisions = spread(10)
    code, out, err, _ = sync()
    assert code == 0, err
    assert [(q["date_start"][0], q["batch"][0]) for q in judilibre.queries()] == [
        ("2026-09-14", "0"), ("2026-09-14", "1"), ("2026-10-06", "0"), ("2026-10-06", "1")]
    assert stored() == 10 and mark() == "2026-10-10"

    Watermark.objects.all().delete()  # a day with more decisions than the window gives
    judilibre.decisions = [decision(n, "2026-10-02") for n in range(8)] + [
        decision(30, "2026-10-03")]
    judilibre.requests.clear()
    code, _, err, _ = sync()
    assert code == 1
    assert ("Judilibre : plus de 6 décisions pour le 14 septembre 2026" not in err
            and "plus de 6 décisions pour le 2 octobre 2026 ; l'export ne va pas au-delà" in err)
    assert judilibre.queries()[-1]["date_start"] == ["2026-10-03"]
    assert Document.objects.filter(uid=decision_uid(decision(30, "")["id"])).exists()


@pytest.mark.django_db
def test_sync_source_all_without_a_key_says_judilibre_is_left_out(vigie, monkeypatch):
    from vigie import pipeline
    from vigie.pipeline import eu_source

    monkeypatch.delenv("VIGIE_JUDILIBRE_KEY", raising=False)
    for name in ("sync", "sync_feeds", "sync_parlement"):  # the other sources: nothing new
        monkeypatch.setattr(pipeline, name, lambda *a, **k: pipeline.PipelineReport())
    monkeypatch.setattr(eu_source, "sync_eu", lambda *a, **k: pipeline.PipelineReport())
    code, out, err = vigie("sync", "--source", "all")
    assert code == 0, err
    assert out.splitlines() == [
        f"Circulaires : premier passage, à partir du 1er janvier {date.today().year} "
        "(VIGIE_CIRCULAIRES_SINCE ; vigie sync --source circulaires --since AAAA-MM-JJ pour "
        "remonter plus loin).",
        "Aucun flux suivi : vigie feeds add ADRESSE --rubric actualite (ou vigie feeds "
        "defaults, la liste fournie avec Vigie).",
        "Judilibre non synchronisé : aucune clé d'accès (VIGIE_JUDILIBRE_KEY, à demander sur "
        "piste.gouv.fr)."]
    code, out, err = vigie("sync", "--source", "judilibre")
    assert code == 2 and err.startswith("vigie : Judilibre non synchronisé")


@pytest.mark.django_db
def test_sync_source_judilibre_on_the_command_line_analyses_what_came(vigie, judilibre):
    judilibre.decisions = spread(2) + [decision(9, "2026-10-03", "Cour d'appel de Chambéry")]
    code, out, err = vigie("sync", "--source", "judilibre", "--since", "2026-10-01")
    assert code == 0, err
    assert judilibre.queries()[0]["date_start"] == ["2026-10-01"]
    assert stored() == 3 and "Analyse : 3 texte(s) analysé(s)" in out
    from vigie.analysis.models import Analysis

    assert Analysis.objects.filter(document__uid=decision_uid(decision(9, "")["id"])).exists()


@pytest.mark.django_db
def test_the_published_samples_served_as_export_pages(judilibre, settings, shared):
    folder = shared("corpus", "jurisprudence")
    singles = [json.loads((folder / f"judilibre_{c}_decision_resolved.json").read_bytes())
               for c in ("cc", "ca", "tj")]
    hits = json.loads((folder / "judilibre_cc_search_list.json").read_bytes())["resolved"]
    listed = [{**hit, "update_date": "2021-12-01"} for hit in hits[:40]]  # (hits carry none)
    judilibre.decisions = singles + listed
    settings.VIGIE_JUDILIBRE_BATCH_SIZE = 10
    code, _, err, _ = sync(since=date(2021, 11, 1))
    assert code == 0, err
    ids = {d["id"] for d in judilibre.decisions}
    assert stored() == len(ids) and len(judilibre.requests) == 5
    assert mark() == "2021-12-01"
    uber = Document.objects.get(uid=decision_uid("5fca277de35a255d41ca73ab"))
    assert uber.details["ecli"] == "ECLI:FR:CCASS:2020:CO00740"


def test_killed_mid_run_the_next_run_resumes_from_the_last_page_stored(tmp_path):
    """A real ``vigie sync`` killed (SIGKILL) while it waits for its third page; the next one
    starts from the watermark of the second, stores the rest, and finishes the analysis the
    killed one owed. On SQLite or PostgreSQL (VIGIE_DATABASE_URL), outside the test database."""
    from tests.mailing.outside import OutsideDatabase

    today = date.today()
    database = OutsideDatabase(tmp_path / "base")
    try:
        assert database.vigie("status").returncode == 0
        with JudilibreServer(spread(8, today - timedelta(8)), key=KEY) as judilibre:
            env = database.env(VIGIE_JUDILIBRE_KEY=KEY, VIGIE_JUDILIBRE_URL=judilibre.base_url,
                               VIGIE_JUDILIBRE_BATCH_SIZE="3")
            release = judilibre.stall(2)
            killed_sync(env, judilibre, 3)
            release.set()
            sixth = (today - timedelta(3)).isoformat()
            assert database.query("SELECT count(*) FROM documents_document") == [(6,)]
            assert database.query("SELECT value FROM documents_watermark WHERE source = "
                                  "'judilibre'") == [(sixth,)]
            judilibre.stalled.clear()
            done = database.vigie("sync", "--source", "judilibre", env=env)
            assert done.returncode == 0, done.stderr
            assert "Reprise de ce qu'une exécution précédente a laissé" in done.stdout
            assert judilibre.queries()[3]["date_start"] == [sixth]
        assert database.query("SELECT count(*) FROM documents_document") == [(8,)]
        assert database.query("SELECT count(*) FROM analysis_analysis") == [(8,)]
    finally:
        database.drop()
