"""``vigie status`` and ``/sante/`` tell the Parliament's last sync (and each chamber's last file
taken in whole) and the followed feeds' last poll, as they tell the DILA flows', Judilibre's
and the EU acts' — after real syncs against local servers. The morning read both and neither
was shown as a source: a Parliament sync failing for a week left ``vigie status`` at 0 and
``/sante/`` silent."""

from __future__ import annotations

import json

import pytest

from tests.sources.dila_server import DilaServer
from tests.sources.feed_server import FeedServer
from tests.sources.parlement_files import QE, an_files

RSS = ('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Actualités'
       "</title><link>https://exemple.gouv.fr/</link><description>Test</description><item>"
       "<title>Dotation de soutien</title><link>https://exemple.gouv.fr/a</link><description>"
       "Les communes</description><guid>https://exemple.gouv.fr/a</guid><pubDate>Wed, 14 Oct "
       "2026 07:00:00 +0200</pubDate></item></channel></rss>").encode()


@pytest.fixture
def chambers(settings):
    with DilaServer(prefix="") as server:
        settings.VIGIE_AN_BASE_URL = server.base_url + "an/"
        settings.VIGIE_AN_LEGISLATURE = "17"
        for path, data in an_files().items():
            server.add(path, data)
        yield server


def _lines(out: str, start: str) -> list[str]:
    lines = out.splitlines()
    at = next(i for i, x in enumerate(lines) if x.startswith(start))
    return lines[at:at + 2]


def _syncs(client) -> dict:
    return json.loads(client.get("/sante/").content)["syncs"]


@pytest.mark.django_db
def test_status_and_health_tell_the_parliament_and_its_failure(vigie, chambers, client):
    code, out, err = vigie("sync", "--source", "an", "--since", "2024-01-01")
    assert code == 0, out + err
    code, out, err = vigie("status")
    assert code == 0, out + err
    line, after = _lines(out, "Synchronisation Parlement")
    assert line.startswith("Synchronisation Parlement : dernière réussie ")
    assert "réussie jamais" not in line and "ÉCHEC" not in after
    assert "; dernier fichier lu en entier : Assemblée nationale an-17-" in line
    assert "Sénat" not in line  # never read
    parlement = _syncs(client)["parlement"]
    assert parlement["last_success"] and parlement["last_failure"] is None
    assert parlement["an_last_file"].startswith("an-17-") and parlement["an_last_file_at"]
    assert parlement["senat_last_file"] is None and parlement["senat_last_file_at"] is None

    chambers.add(QE, b"<html>maintenance</html>")  # a new copy, not an archive
    assert vigie("sync", "--source", "an")[0] != 0
    code, out, _ = vigie("status", "--runs", "0")
    assert code == 1
    line, failure = _lines(out, "Synchronisation Parlement")
    assert failure.startswith("    ÉCHEC depuis : ")
    failed = _syncs(client)["parlement"]
    assert failed["last_failure"] and failed["an_last_file"] == parlement["an_last_file"]


@pytest.mark.django_db
def test_status_and_health_tell_the_feeds_last_poll(vigie, client):
    from vigie.documents.feed_list import add_feed
    from vigie.documents.models import Feed

    with FeedServer({"/actu.xml": RSS}) as server:
        add_feed(server.url("/actu.xml"), "actualite")
        add_feed(server.url("/casse.xml"), "actualite")  # 404
        add_feed(server.url("/parti.xml"), "actualite")
        server.gone.add("/parti.xml")  # 410: retired
        assert vigie("sync", "--source", "feeds")[0] == 1
    code, out, _ = vigie("status", "--runs", "0")
    assert code == 1
    line, failure = _lines(out, "Flux suivis")
    assert line.startswith("Flux suivis : 3, dont 1 en échec et 1 retiré(s) ; dernière relève "
                           "réussie jamais (vigie feeds list)")
    assert failure.startswith("    ÉCHEC depuis : ")
    assert _syncs(client)["feeds"] == {
        "last_success": None, "last_failure": _syncs(client)["feeds"]["last_failure"],
        "followed": 2, "failing": 1, "retired": 1}

    Feed.objects.filter(failures__gt=0).delete()  # the broken one no longer followed
    with FeedServer({"/actu.xml": RSS}) as server:
        Feed.objects.filter(url__endswith="/actu.xml").update(url=server.url("/actu.xml"))
        assert vigie("sync", "--source", "feeds")[0] == 0
    code, out, _ = vigie("status", "--runs", "0")
    assert code == 0, out
    assert "ÉCHEC" not in "\n".join(_lines(out, "Flux suivis"))
    feeds = _syncs(client)["feeds"]
    assert feeds["last_success"] and feeds["last_failure"] is None
    assert (feeds["followed"], feeds["failing"], feeds["retired"]) == (1, 0, 1)


@pytest.mark.django_db
def test_a_failed_poll_needs_attention_though_no_feed_is_failing(vigie, client):
    """A poll that stopped on an error of its own (a full disk, a fault of Vigie) leaves every
    feed as it was: the journal alone tells it."""
    from django.utils import timezone

    from vigie.documents.feed_list import add_feed
    from vigie.operations.models import Run

    add_feed("https://exemple.gouv.fr/actu.xml", "actualite")
    Run.objects.create(kind=Run.SYNC, source="flux", status=Run.FAILED,
                       started_at=timezone.now(), finished_at=timezone.now(), error="OSError")
    Run.objects.create(kind=Run.SEND, status=Run.OK, started_at=timezone.now(),
                       finished_at=timezone.now())  # the latest run went well
    code, out, _ = vigie("status", "--runs", "0")
    assert code == 1, out
    assert _lines(out, "Flux suivis")[1].startswith("    ÉCHEC depuis : ")
    assert _syncs(client)["feeds"]["last_failure"]


@pytest.mark.django_db
def test_before_the_parliament_or_a_feed_is_read_nothing_is_said_of_them(vigie, client):
    code, out, _ = vigie("status")
    assert "Parlement" not in out and "Flux suivis" not in out
    assert not {"parlement", "feeds"} & set(_syncs(client))


@pytest.mark.django_db
def test_health_asks_the_same_few_queries_however_long_the_journal(client):
    """One query per source's runs, whatever the number of runs, feeds or Sénat dossiers."""
    from datetime import timedelta

    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from vigie.documents.models import Feed, Watermark
    from vigie.operations.models import Run

    def grow(n: int) -> int:
        now = timezone.now() - timedelta(days=n)
        Run.objects.bulk_create(Run(kind=Run.SYNC, source=source, status=status, started_at=now,
                                    finished_at=now) for source in ("an senat", "an", "flux")
                                for status in (Run.OK, Run.FAILED))
        Feed.objects.create(url=f"https://exemple.gouv.fr/{n}.xml", rubric="actualite",
                            failures=n % 2)
        Watermark.objects.create(source=f"senat-dossier-pjl{n:02d}-1", value="x")
        with CaptureQueriesContext(connection) as queries:
            syncs = _syncs(client)
        assert {"parlement", "feeds"} <= set(syncs)
        return len(queries)

    assert grow(1) == grow(2) == grow(3)


@pytest.mark.django_db
def test_a_network_outage_is_a_count_and_five_feeds_not_a_wall(vigie, client):
    """Eight feeds failing (503, as two hundred would in a network outage), and one retired:
    ``vigie status`` names the first five and counts the rest, still exit 1; ``/sante/``
    counts them all."""
    from vigie.documents.feed_list import add_feed

    with FeedServer({"/actu.xml": RSS}) as server:
        add_feed(server.url("/parti.xml"), "actualite")
        server.gone.add("/parti.xml")  # 410: retired
        for n in range(8):
            add_feed(server.url(f"/flux-{n:02d}.xml"), "actualite")
            server.failing.add(f"/flux-{n:02d}.xml")  # 503
        assert vigie("sync", "--source", "feeds")[0] == 1
    code, out, _ = vigie("status", "--runs", "0")
    assert code == 1
    lines = out.splitlines()
    at = next(i for i, x in enumerate(lines) if x.startswith("Flux suivis"))
    assert lines[at].startswith("Flux suivis : 9, dont 8 en échec et 1 retiré(s)")
    named = [x for x in lines if x.startswith(("  en échec ×", "  retiré : "))]
    assert len(named) == 5 and all("/flux-" in x for x in named)  # the failing ones first
    assert lines[lines.index(named[-1]) + 1] == "  … et 4 autres (vigie feeds list)"
    assert (_syncs(client)["feeds"]["failing"], _syncs(client)["feeds"]["retired"]) == (8, 1)
