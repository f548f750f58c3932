"""``vigie sync --source eu`` against a Cellar that answers badly or with hostile values (a
real local server, ``cellar_server``): a listing nested past Python's stack, days outside the
span asked (the year 9999 took the watermark past today: no later run asked for anything),
more rows than ``VIGIE_CELLAR_MAX_ACTS``, a redirect to another server of the machine, a
server asking to come back in an hour."""

from __future__ import annotations

import json

import pytest

from tests.documents.eu_notices import DE_MINIMIS, WATER
from vigie.documents.eu_store import act_uid
from vigie.documents.eu_sync import WATERMARK
from vigie.documents.models import Anomaly, Document, Watermark

from . import test_eu_sync
from .cellar_server import CellarServer, sparql_answer
from .test_eu_sync import mark, sync

pytestmark = pytest.mark.django_db
cellar = test_eu_sync.cellar  # the fixture: the de minimis regulation on the 13th, water the 14th


def test_a_listing_nested_past_the_stack_is_said_in_french(cellar, vigie):
    cellar.listing = b"[" * 100_000 + b"]" * 100_000
    code, _, err, _ = sync()
    assert code == 1
    assert ("Cellar : la liste des actes de Cellar n'est pas une réponse SPARQL (JSON imbriqué "
            "à l'excès) ; reprise à la prochaine synchronisation.") in err
    cellar.listing = b'{"results": ' * 50_000 + b"1" + b"}" * 50_000
    code, _, err = vigie("sync", "--source", "eu")
    assert code == 1 and "JSON imbriqué à l'excès" in err and "RecursionError" not in err


def test_a_day_outside_the_span_asked_is_left_out_and_the_watermark_stays_true(cellar):
    cellar.listing = sparql_answer([(DE_MINIMIS, "2026-10-13"), (WATER, "9999-12-31")])
    code, _, err, _ = sync()
    assert code == 1
    assert ("acte 32026L2110 : jour de publication 9999-12-31 hors de la période demandée "
            "(2026-10-08 – 2026-10-15), acte laissé de côté") in err
    assert f"celex/{WATER}" not in cellar.notice_requests()
    assert mark() == "2026-10-13"  # not 9999-12-31: the next run asks from the 10th
    cellar.listing = None
    code, _, err, _ = sync()
    assert code == 0, err
    assert '"2026-10-10"^^xsd:date' in cellar.queries()[-1]
    assert Document.objects.filter(uid=act_uid(WATER)).exists() and mark() == "2026-10-14"


def test_a_watermark_after_today_is_ignored_and_said(cellar):
    Watermark.objects.create(source=WATERMARK, value="9999-12-31")  # left by an older version
    code, out, err, _ = sync()
    assert code == 0, err
    assert "Union européenne : repère 9999-12-31 postérieur à aujourd'hui, ignoré." in out
    assert '"2026-10-08"^^xsd:date' in cellar.queries()[0]  # the first run's seven days
    assert Document.objects.filter(rubric="europe").count() == 2 and mark() == "2026-10-14"


def test_an_answer_past_the_limit_asked_is_cut_to_it(cellar, settings):
    settings.VIGIE_CELLAR_MAX_ACTS = 1  # the query says LIMIT 1: this server gives them all
    rows = [(WATER, "2026-10-14"), (DE_MINIMIS, "2026-10-13")]
    rows += [(f"32026R{n:04d}", "2026-10-14") for n in range(3000, 3100)]
    cellar.listing = sparql_answer(rows)
    code, out, err, _ = sync()
    assert code == 0, err
    assert "plafond de 1 actes atteint (VIGIE_CELLAR_MAX_ACTS)" in out
    assert cellar.notice_requests() == [f"celex/{DE_MINIMIS}", f"celex/{DE_MINIMIS}.FRA"]


def test_many_unreadable_rows_are_ten_anomalies_and_a_count(cellar):
    rows = [{"celex": {"value": f"../{n}"}, "date": {"value": "2026-10-14"}} for n in range(500)]
    cellar.listing = json.dumps({"results": {"bindings": rows}}).encode()
    code, _, err, _ = sync()
    assert Anomaly.objects.count() == 11
    assert "et 490 autre(s) ligne(s) de la liste laissée(s) de côté" in err


def test_a_redirect_to_another_server_of_the_machine_is_not_followed(cellar):
    with CellarServer() as inside:  # another port of 127.0.0.1: Redis, an admin page…
        inside.publish(WATER, "2026-10-14", work=b"<secret/>")
        cellar.redirects[f"celex/{WATER}"] = f"{inside.resource_url}/celex/{WATER}"
        code, _, err, delays = sync()
        assert inside.requests == []
    assert code == 1
    assert ("Cellar : la notice de l'acte 32026L2110 abandonnée après 1 échec(s) consécutif(s) : "
            "adresse non publique refusée (127.0.0.1) : une redirection de Cellar n'est suivie "
            "que vers une adresse publique ou vers l'hôte demandé.") in err
    assert delays == [0.2]  # not asked again
    assert mark() == "2026-10-13"


def test_a_redirect_on_cellar_s_own_host_is_followed(cellar):
    cellar.notices["elsewhere/water"] = cellar.notices.pop(f"celex/{WATER}")
    cellar.redirects[f"celex/{WATER}"] = f"{cellar.resource_url}/elsewhere/water"
    code, _, err, _ = sync()
    assert code == 0, err
    assert Document.objects.filter(uid=act_uid(WATER)).exists()


def test_a_redirect_loop_is_said_in_french(cellar):
    cellar.redirects[f"celex/{WATER}"] = f"{cellar.resource_url}/celex/{WATER}"
    code, _, err, _ = sync()
    assert code == 1 and "trop de redirections" in err


def test_come_back_in_an_hour_is_not_waited_for(cellar):
    cellar.failures["sparql"], cellar.retry_after = [429, 429, 429], "3600"
    code, _, err, delays = sync()
    assert code == 1
    assert delays == []  # was [300.0, 300.0]: ten minutes of the morning, then given up
    assert ("Cellar : la liste des actes (SPARQL) abandonnée après 1 échec(s) consécutif(s) : "
            "réponse HTTP 429, nouvel essai demandé dans 3600 s.") in err
    cellar.failures["sparql"], cellar.retry_after = [429], "120"
    code, _, err, delays = sync()
    assert code == 0 and delays[0] == 120.0  # a wait within the cap is waited for
