"""``vigie run`` reads every source as ``vigie morning`` does — the Journal officiel, the
circulaires, the followed feeds, the Assemblée and the Sénat, Judilibre with a key — from
servers on 127.0.0.1, then gets the site ready; a source's first read goes back
``FIRST_SYNC_DAYS`` days only (told), a source that fails stops neither the others nor the
site, ``--source`` reads one, and another run of the pipeline is not waited for."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta

import pytest
from django.db import connection

from vigie.commands.run import FIRST_SYNC_DAYS
from vigie.documents.feed_list import add_feed
from vigie.documents.models import Document, Feed
from vigie.operations.models import Run
from vigie.reference.french import french_date

from .dila_server import DilaServer
from .every_source import NEWS, point_to, serve_dila
from .feed_server import FeedServer
from .judilibre_cases import decision
from .parlement_files import QE, an_files, senat_files

TODAY = date.today()
START = TODAY - timedelta(days=FIRST_SYNC_DAYS)
OLD_JO = "dila/JORFSIMPLE/JORFSIMPLE_20190102-011502.tar.gz"  # years back: never fetched
OLD_CIRCULAIRE = "dila/CIRCULAIRES/FLUX/2015/circulaire_01021509h00.tar.gz"
EVERY_RUN = {"jorfsimple", "circulaires", "flux", "an senat", "eu"}  # Judilibre: no key, said


@pytest.fixture
def sources(db, settings, tmp_path, monkeypatch):
    """Every source on 127.0.0.1: the DILA's deliveries of yesterday and of years ago, the
    Parliament's files, a followed feed."""
    monkeypatch.delenv("VIGIE_JUDILIBRE_KEY", raising=False)
    with DilaServer(prefix="") as server, FeedServer({"/actualite.xml": NEWS}) as feeds:
        for path, data in {**an_files("QANR5L17QE9901_reponse.json"),
                           **senat_files()}.items():
            server.add(path, data)
        serve_dila(server, tmp_path, TODAY - timedelta(days=1))
        server.add(OLD_JO, b"never asked")
        server.add(OLD_CIRCULAIRE, b"never asked")
        point_to(settings, server)
        add_feed(feeds.url("/actualite.xml"), "actualite")
        Feed.objects.update(fetch_articles=False)
        yield server, feeds


def runs() -> dict[str, str]:
    return dict(Run.objects.filter(kind=Run.SYNC).values_list("source", "status"))


def asked(server: DilaServer, part: str) -> list[str]:
    """The paths asked for that hold ``part``."""
    return [r.path for r in server.requests if part in r.path]


def rubrics() -> set[str]:
    return set(Document.objects.values_list("rubric", flat=True))


def test_run_reads_every_source_its_first_days_only(vigie, sources):
    server, _ = sources
    code, out, err = vigie("run", "--departement", "36", "--no-serve")
    assert code == 0, err
    assert rubrics() == {"jo", "circulaires", "actualite", "reponses", "parlement", "europe"}
    assert runs() == dict.fromkeys(EVERY_RUN, Run.OK)
    for label, name in (("Journal officiel", "dila"), ("Circulaires", "circulaires"),
                        ("Union européenne", "eu")):
        assert (f"{label} : premier passage, les {FIRST_SYNC_DAYS} derniers jours seulement "
                f"(depuis le {french_date(START)} ; vigie sync --source {name} --since "
                "AAAA-MM-JJ pour remonter plus loin).") in out
    assert not asked(server, "JORFSIMPLE_2019") and not asked(server, "FLUX/2015")
    assert "Judilibre non synchronisé : aucune clé d'accès" in out
    assert "Synchronisation incomplète" not in out
    assert "/edition/2026-10-14/36/" in out  # the site is ready on what was read
    code, out, err = vigie("run", "--no-serve")  # then each source from where it stopped
    assert code == 0 and "premier passage" not in out, err
    assert "Flux jorfsimple : aucune nouvelle livraison" in out
    assert "Flux circulaires : aucune nouvelle livraison" in out


def test_a_failing_source_stops_neither_the_others_nor_the_site(vigie, sources, settings):
    server, feeds = sources
    feeds.failing.add("/actualite.xml")  # the feed answers 503
    server.fail(QE, status=404)  # the Assemblée's written questions are not there
    (settings.DATA_DIR / "downloads").mkdir(parents=True, exist_ok=True)
    (settings.DATA_DIR / "downloads" / "circulaires").write_text("pas un dossier")
    try:
        code, out, err = vigie("run", "--departement", "36", "--no-serve")
    finally:
        (settings.DATA_DIR / "downloads" / "circulaires").unlink()
    assert code == 0, err
    assert ("vigie : Circulaires : échec (FileExistsError : [Errno 17] File exists: " in err
            and "les autres sources sont lues quand même." in err), err
    assert "Le serveur a répondu 404 pour" in err, err
    assert runs() == {"jorfsimple": Run.OK, "circulaires": Run.FAILED, "flux": Run.FAILED,
                      "an senat": Run.FAILED, "eu": Run.OK}
    assert {"jo", "parlement"} <= rubrics() and not rubrics() & {"circulaires", "actualite"}
    assert ("Synchronisation incomplète (détail ci-dessus ; vigie status) : Vigie démarre sur "
            "les textes déjà enregistrés") in out
    assert "/edition/2026-10-14/36/" in out


def test_run_reads_the_source_asked_for(vigie, sources):
    server, feeds = sources
    code, out, err = vigie("run", "--source", "feeds", "--no-serve")
    assert code == 0, err
    assert out.startswith("Synchronisation : Flux suivis…")
    assert runs() == {"flux": Run.OK} and rubrics() == {"actualite"}
    assert not server.requests and len(feeds.hits("/actualite.xml")) == 1
    code, out, err = vigie("run", "--source", "circulaires", "--since", "2015-01-01",
                           "--no-serve")  # --since: no first-read bound
    assert code == 0 and "premier passage" not in out, err
    assert asked(server, OLD_CIRCULAIRE) and not asked(server, "JORFSIMPLE")


def test_a_first_read_of_judilibre_by_run_goes_back_its_first_days(vigie, judilibre):
    judilibre.decisions = [decision(1, (TODAY - timedelta(days=2)).isoformat())]
    code, out, err = vigie("run", "--source", "judilibre", "--no-serve")
    assert code == 0, err
    assert f"Judilibre : premier passage, les {FIRST_SYNC_DAYS} derniers jours" in out
    assert {query["date_start"][0] for query in judilibre.queries()} == {START.isoformat()}
    assert Document.objects.filter(rubric="jurisprudence").count() == 1


@contextmanager
def another_run() -> Iterator[None]:
    """The pipeline held by another run (its own connection, in a thread) meanwhile."""
    from vigie.operations.exclusive import one_run

    taken, done = threading.Event(), threading.Event()

    def hold() -> None:
        try:
            with one_run(wait=0):
                taken.set()
                done.wait(60)
        finally:
            connection.close()

    holder = threading.Thread(target=hold)
    holder.start()
    assert taken.wait(10)
    try:
        yield
    finally:
        done.set()
        holder.join()


@pytest.mark.django_db(transaction=True)
def test_run_does_not_wait_for_another_run_whatever_the_source(vigie, settings):
    settings.VIGIE_PIPELINE_WAIT = 5
    with another_run():
        started = time.monotonic()
        code, out, err = vigie("run", "--source", "feeds", "--no-serve")
        elapsed = time.monotonic() - started
    assert code == 0, err
    assert "Synchronisation laissée à l'exécution en cours" in out
    assert "attend" not in err and elapsed < 4, (err, elapsed)
