"""``vigie run`` on a machine without network: a server that cannot be reached at all is not
asked again (``sources.http.impatient``, ``Plan.impatient``), so the site starts in seconds, not
after the Parliament's minute of retries; a timeout or a 5xx is asked again all the same, and
the morning (``vigie sync``, ``vigie morning``) keeps its patience."""

from __future__ import annotations

from datetime import date

import httpx
import pytest

from vigie.documents.feed_list import OFFERED
from vigie.documents.models import Watermark
from vigie.pipeline import every_source
from vigie.sources.cellar import list_acts
from vigie.sources.dila import RemoteDelivery, download, list_deliveries
from vigie.sources.fetch import GaveUp, fetch
from vigie.sources.http import SourceError, impatient, unreachable

from .dila_server import DilaServer

NOWHERE = "http://127.0.0.1:9/"  # nothing listens: the connection is refused


def _attempts(call, *, hurry: bool) -> int:
    """How many times ``call(sleep)`` tried (each retry sleeps first) before giving up."""
    slept: list[float] = []
    with impatient(hurry), pytest.raises(SourceError):
        call(slept.append)
    return len(slept) + 1


CALLS = {
    "parlement": lambda tmp, sleep: fetch(NOWHERE + "questions.zip", tmp / "q.zip",
                                          progress=False, sleep=sleep),
    "dila listing": lambda tmp, sleep: list_deliveries(NOWHERE, "jorfsimple", sleep=sleep),
    "dila download": lambda tmp, sleep: download(
        RemoteDelivery("JORFSIMPLE_20261014-011502.tar.gz", NOWHERE + "x.tar.gz", "jorfsimple",
                       "20261014-011502", None), tmp, progress=False, sleep=sleep),
    "cellar": lambda tmp, sleep: list_acts(httpx.Client(), NOWHERE + "sparql",
                                           date(2026, 10, 1), date(2026, 10, 2), limit=10,
                                           sleep=sleep),
}


@pytest.mark.parametrize("name", CALLS)
def test_a_refused_connection_is_tried_once_when_impatient_only(name, tmp_path):
    call = CALLS[name]
    patient = _attempts(lambda sleep: call(tmp_path, sleep), hurry=False)
    assert patient > 1  # the morning's: 3 or 6 tries
    assert _attempts(lambda sleep: call(tmp_path, sleep), hurry=True) == 1


def test_what_may_pass_is_asked_again_even_when_impatient(tmp_path):
    with DilaServer() as server:
        server.add("q.zip", b"PK")
        server.fail("q.zip", status=503, times=2)
        slept: list[float] = []
        with impatient(), pytest.raises(GaveUp, match="réponse HTTP 503"):
            fetch(server.url("q.zip"), tmp_path / "q.zip", progress=False, retries=1,
                  sleep=slept.append)
        assert len(server.requests_for("q.zip")) == 2 and slept == [1.0]
    assert not unreachable(httpx.ReadTimeout("lent"))
    with impatient():
        assert unreachable(httpx.ConnectError("refusée"))
        assert unreachable(httpx.ConnectTimeout("pas de réponse"))
        assert not unreachable(httpx.ReadTimeout("lent"))
    assert not unreachable(httpx.ConnectError("refusée"))  # patient again once left


def test_vigie_run_without_network_gives_each_source_one_try(vigie):
    Watermark.objects.create(source=OFFERED, value="2026-10-01")  # no feed: not the point
    code, out, err = vigie("run", "--no-serve")  # every source on 127.0.0.1:9 (tests.settings)
    assert code == 0, err
    for what in ("Questions_ecrites.json.zip » abandonné", "questions.zip » abandonné",
                 "Cellar : la liste des actes (SPARQL) abandonnée"):
        assert f"{what} après 1 échec(s) consécutif(s) : connexion au serveur impossible" in \
            err.replace("\n", " "), err
    assert "Synchronisation incomplète" in out and "Site : http://127.0.0.1:8000/" in out


@pytest.mark.parametrize(("command", "expected"), [
    (["run", "--no-serve"], True), (["sync", "--source", "all"], False), (["morning"], False),
])
def test_only_vigie_run_is_impatient(vigie, monkeypatch, command, expected):
    plans = []
    monkeypatch.setattr(every_source, "sync_sources",
                        lambda source, plan, *args, **kwargs: plans.append(plan) or {})
    Watermark.objects.create(source=OFFERED, value="2026-10-01")
    vigie(*command)
    assert [plan.impatient for plan in plans] == [expected]
    assert every_source.Plan("http://x/").impatient is False  # vigie morning, the tasks
