"""``vigie status`` and ``/sante/`` tell Judilibre's last sync and its watermark (the day of
the last decision taken in), as they tell each DILA flow's — after a real ``vigie sync
--source judilibre`` against a local server that answers as the API does.

Found by trying a deployment: Judilibre synced every morning, but neither the person on duty
(``vigie status``) nor the monitoring (``/sante/``) could see how far it had got, nor that
its last sync had failed.
"""

from __future__ import annotations

import json

import pytest

from tests.sources.judilibre_cases import KEY, decision, spread
from tests.sources.judilibre_server import JudilibreServer


@pytest.fixture
def server(settings, monkeypatch):
    monkeypatch.setenv("VIGIE_JUDILIBRE_KEY", KEY)
    with JudilibreServer(key=KEY) as running:
        settings.VIGIE_JUDILIBRE_URL = running.base_url
        yield running


@pytest.mark.django_db
def test_status_and_health_tell_how_far_judilibre_got(vigie, server, client):
    server.decisions = spread(3) + [decision(9, "2026-10-02", "Cour d'appel de Chambéry")]
    code, out, err = vigie("sync", "--source", "judilibre", "--since", "2026-10-01")
    assert code == 0, err
    code, out, err = vigie("status")
    assert code == 0, out + err
    line = next(x for x in out.splitlines() if x.startswith("Synchronisation Judilibre"))
    assert "dernière réussie jamais" not in line
    assert ("décisions reçues jusqu'au 3 octobre 2026 (date de mise à jour, repère posé le "
            in line)
    body = json.loads(client.get("/sante/").content)
    judilibre = body["syncs"]["judilibre"]
    assert judilibre["last_decision_day"] == "2026-10-03"
    assert judilibre["last_success"] and judilibre["last_decision_day_at"]
    assert judilibre["last_failure"] is None
    assert {"jorf", "jorfsimple"} <= set(body["syncs"])


@pytest.mark.django_db
def test_a_failed_judilibre_sync_needs_attention(vigie, server, client, monkeypatch):
    server.decisions = spread(2)
    assert vigie("sync", "--source", "judilibre", "--since", "2026-10-01")[0] == 0
    monkeypatch.setenv("VIGIE_JUDILIBRE_KEY", "cle-perimee")  # the gateway refuses it
    assert vigie("sync", "--source", "judilibre")[0] != 0
    code, out, _ = vigie("status")
    assert code == 1
    lines = out.splitlines()
    at = next(i for i, x in enumerate(lines) if x.startswith("Synchronisation Judilibre"))
    assert "jusqu'au 2 octobre 2026" in lines[at]  # the watermark stays where it was
    assert lines[at + 1].startswith("    ÉCHEC depuis : ")
    assert json.loads(client.get("/sante/").content)["syncs"]["judilibre"]["last_failure"]


@pytest.mark.django_db
def test_without_judilibre_nothing_is_said_of_it(vigie, client, monkeypatch):
    monkeypatch.delenv("VIGIE_JUDILIBRE_KEY", raising=False)
    code, out, _ = vigie("status")
    assert "Judilibre" not in out
    assert "judilibre" not in json.loads(client.get("/sante/").content)["syncs"]
    # A key configured, never synced yet: said so.
    monkeypatch.setenv("VIGIE_JUDILIBRE_KEY", KEY)
    assert "Synchronisation Judilibre : dernière réussie jamais" in vigie("status")[1]
