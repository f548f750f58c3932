"""``vigie morning`` and the ``vigie.morning`` task read every source by default — the Journal
officiel, the circulaires, the followed feeds, the Assemblée and the Sénat — from servers on
127.0.0.1, then send; a source that fails is told and journaled, costs the exit status, and
neither stops the others nor the sending. A first run of the circulaires within ``all`` does
not go back to the flow's first years."""

from __future__ import annotations

from datetime import date

import pytest

from tests.conftest import make_tarball
from tests.documents.circulaire_files import SCHOOL_ID, school
from tests.mailing.conftest import subscriber
from tests.sources.dila_server import DilaServer
from tests.sources.every_source import NEWS, point_to, serve_dila
from tests.sources.feed_server import FeedServer
from tests.sources.parlement_files import an_files, senat_files
from vigie.documents.feed_list import add_feed
from vigie.documents.models import Document, Feed
from vigie.operations.models import Run

EVERY_RUN = {"jorfsimple", "circulaires", "flux", "an senat", "eu"}  # Judilibre: no key, said


@pytest.fixture
def sources(db, settings, tmp_path, monkeypatch):
    """Every source served on 127.0.0.1, a feed followed, a reader of the Indre."""
    monkeypatch.delenv("VIGIE_JUDILIBRE_KEY", raising=False)
    settings.VIGIE_CIRCULAIRES_SINCE = date(2026, 1, 1)
    with DilaServer(prefix="") as server, FeedServer({"/actualite.xml": NEWS}) as feeds:
        for path, data in {**an_files("QANR5L17QE9901_reponse.json"),
                           **senat_files()}.items():
            server.add(path, data)
        serve_dila(server, tmp_path)
        point_to(settings, server)
        add_feed(feeds.url("/actualite.xml"), "actualite")
        Feed.objects.update(fetch_articles=False)
        subscriber("matin@exemple.fr", "36")
        yield server, feeds


def runs() -> dict[str, str]:
    return dict(Run.objects.filter(kind=Run.SYNC).values_list("source", "status"))


def test_morning_reads_every_source_then_sends(vigie, smtp, sources):
    code, out, err = vigie("morning")
    assert code == 0, err
    assert set(Document.objects.values_list("rubric", flat=True)) == {
        "jo", "circulaires", "actualite", "reponses", "parlement", "europe"}
    assert runs() == dict.fromkeys(EVERY_RUN, Run.OK)
    assert "Judilibre non synchronisé : aucune clé d'accès" in out
    (digest,) = [m.message["Subject"] for m in smtp.accepted]
    assert digest.startswith("Vigie · Indre (36) · mercredi 14 octobre 2026")
    code, out, err = vigie("morning", "--source", "dila")  # one source still, when asked
    assert code == 0 and "Flux jorfsimple : aucune nouvelle livraison" in out, err
    assert Run.objects.filter(kind=Run.SYNC).count() == len(EVERY_RUN) + 1


def test_sources_that_fail_stop_neither_the_others_nor_the_sending(vigie, smtp, sources,
                                                                   settings):
    server, feeds = sources
    feeds.failing.add("/actualite.xml")  # the feed answers 503: its run says so
    # The circulaires' download folder cannot be made (a file in its way): an error that
    # nobody foresaw, raised out of their run.
    (settings.DATA_DIR / "downloads").mkdir(parents=True, exist_ok=True)
    (settings.DATA_DIR / "downloads" / "circulaires").write_text("pas un dossier")
    try:
        code, out, err = vigie("morning")
    finally:
        (settings.DATA_DIR / "downloads" / "circulaires").unlink()
    assert code == 1
    assert ("vigie : Circulaires : échec (FileExistsError : [Errno 17] File exists: "
            in err and "les autres sources sont lues quand même." in err), err
    assert set(Document.objects.values_list("rubric", flat=True)) == {
        "jo", "reponses", "parlement", "europe"}  # read after the failures
    assert runs() == {"jorfsimple": Run.OK, "circulaires": Run.FAILED, "flux": Run.FAILED,
                      "an senat": Run.OK, "eu": Run.OK}
    assert len(smtp.accepted) == 1  # and the digest left all the same
    code, out, _ = vigie("status")
    assert "circulaires" in out and "FileExistsError" in out


def test_the_morning_task_reads_every_source_and_one_when_asked(smtp, sources):
    from vigie.tasks.work import morning

    done = morning.delay().get()  # no VIGIE_REDIS_URL: run here, as the schedule's would
    assert done["sync"]["status"] == 0
    assert set(done["sync"]["sources"]) == {"dila", "circulaires", "feeds", "an senat",
                                            "eu", "judilibre"}
    assert done["sync"]["sources"]["circulaires"]["inputs"] == 1
    assert runs() == dict.fromkeys(EVERY_RUN, Run.OK) and len(smtp.accepted) == 1
    done = morning.delay(source="circulaires").get()
    assert set(done["sync"]["sources"]) == {"circulaires"}


@pytest.mark.django_db
def test_a_first_read_of_the_circulaires_within_all_starts_this_year(vigie, tmp_path,
                                                                     monkeypatch, settings):
    from vigie import pipeline
    from vigie.pipeline import eu_source

    for name in ("sync_feeds", "sync_parlement"):  # the other sources: nothing new
        monkeypatch.setattr(pipeline, name, lambda *a, **k: pipeline.PipelineReport())
    monkeypatch.setattr(eu_source, "sync_eu", lambda *a, **k: pipeline.PipelineReport())
    monkeypatch.delenv("VIGIE_JUDILIBRE_KEY", raising=False)
    year = date.today().year
    old = "CIRCULAIRES/FLUX/2015/circulaire_01021509h00.tar.gz"
    new = f"CIRCULAIRES/FLUX/{year}/circulaire_0201{year % 100:02d}09h00.tar.gz"
    archive = make_tarball(tmp_path / "c.tar.gz", {
        f"xml/{year}/01/cir_{SCHOOL_ID}.xml": school().encode()}).read_bytes()
    with DilaServer({old: archive, new: archive}) as server:
        settings.VIGIE_DILA_BASE_URL = server.base_url
        code, out, err = vigie("sync", "--source", "all")
        assert f"Circulaires : premier passage, à partir du 1er janvier {year}" in out
        assert not server.requests_for("CIRCULAIRES/FLUX/2015/")  # not even listed
        assert len(server.requests_for(new)) == 1
        code, out, err = vigie("sync", "--source", "all")  # then from its watermark
        assert "premier passage" not in out and "Flux circulaires : aucune nouvelle" in out


def test_the_sources_skipped_are_left_out_of_all_and_said(vigie, smtp, sources, settings):
    settings.VIGIE_SOURCES_SKIPPED = "eu, senat circulaires"
    code, out, err = vigie("morning")
    assert code == 0, err
    assert ("Laissé(s) de côté (VIGIE_SOURCES_SKIPPED) : Circulaires, Union européenne, "
            "Sénat.") in out
    assert runs() == {"jorfsimple": Run.OK, "flux": Run.OK, "an": Run.OK}  # Assemblée alone
    assert not Document.objects.filter(rubric__in=("europe", "circulaires")).exists()
    code, out, err = vigie("sync", "--source", "eu")  # named, it is read all the same
    assert code == 0 and "Laissé(s) de côté" not in out, err
    assert Document.objects.filter(rubric="europe").exists()
