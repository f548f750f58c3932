"""``vigie status`` and ``/sante/`` tell the EU acts' last sync and their watermark (the last
day of the Official Journal of the EU whose acts are all stored), as they tell each DILA
flow's and Judilibre's — after a real ``vigie sync --source eu`` against a local Cellar. The
EU source was read by ``vigie run``, ``vigie morning`` and ``--source all``, and shown
nowhere: neither how far it had got nor that its last sync had failed."""

from __future__ import annotations

import json

import pytest

from tests.sources.dila_server import DilaServer
from tests.sources.every_source import point_eu, serve_eu


@pytest.fixture
def cellar(settings):
    with DilaServer(prefix="") as server:
        serve_eu(server)  # a directive published on 14 October 2026
        point_eu(settings, server)
        yield server


def _eu_lines(out: str) -> list[str]:
    lines = out.splitlines()
    at = next(i for i, x in enumerate(lines) if x.startswith("Synchronisation Union euro"))
    return lines[at:at + 2]


@pytest.mark.django_db
def test_status_and_health_tell_how_far_the_eu_acts_got(vigie, cellar, client):
    code, out, err = vigie("sync", "--source", "eu", "--since", "2026-10-14")
    assert code == 0, err
    code, out, err = vigie("status")
    assert code == 0, out + err
    line = _eu_lines(out)[0]
    assert line.startswith("Synchronisation Union européenne : dernière réussie ")
    assert "dernière réussie jamais" not in line
    assert "; actes du Journal officiel de l'UE reçus jusqu'au " in line
    assert "(repère posé le " in line and "ÉCHEC" not in "\n".join(_eu_lines(out))
    eu = json.loads(client.get("/sante/").content)["syncs"]["eu"]
    assert eu["last_success"] and eu["last_publication_day"] >= "2026-10-14"
    assert eu["last_publication_day_at"] and eu["last_failure"] is None


@pytest.mark.django_db
def test_a_failed_eu_sync_needs_attention(vigie, cellar, client):
    assert vigie("sync", "--source", "eu", "--since", "2026-10-14")[0] == 0
    mark = json.loads(client.get("/sante/").content)["syncs"]["eu"]["last_publication_day"]
    cellar.fail("eu/sparql", status=400)  # a refusal: not asked again
    assert vigie("sync", "--source", "eu")[0] != 0
    code, out, _ = vigie("status")
    assert code == 1
    line, failure = _eu_lines(out)
    assert "reçus jusqu'au" in line and failure.startswith("    ÉCHEC depuis : ")
    eu = json.loads(client.get("/sante/").content)["syncs"]["eu"]
    assert eu["last_failure"] and eu["last_publication_day"] == mark  # the watermark stays


@pytest.mark.django_db
def test_a_source_skipped_no_longer_needs_attention(vigie, cellar, settings):
    cellar.fail("eu/sparql", status=400)
    assert vigie("sync", "--source", "eu", "--since", "2026-10-14")[0] != 0
    assert vigie("status")[0] == 1
    settings.VIGIE_SOURCES_SKIPPED = "eu"  # the operator leaves it out
    code, out, _ = vigie("status")
    assert code == 0, out
    assert ("Laissé(s) de côté par --source all (VIGIE_SOURCES_SKIPPED, sans demander "
            "attention) : Union européenne") in out
    assert _eu_lines(out)[1].startswith("    ÉCHEC depuis : ")  # still told


@pytest.mark.django_db
def test_before_the_eu_acts_are_read_nothing_is_said_of_them(vigie, client):
    code, out, _ = vigie("status")
    assert "Union européenne" not in out
    assert "eu" not in json.loads(client.get("/sante/").content)["syncs"]
