"""``vigie sync --source eu`` against a Cellar that answers badly or with hostile values (a
real local server, ``cellar_server``): a listing nested past Python's stack, days outside the
span asked (the year 9999 took the watermark past today: no later run asked for anything),
more rows than ``VIGIE_CELLAR_MAX_ACTS``, a redirect to another server of the machine, a
server asking to come back in an hour."""

from __future__ import annotations

import json
from datetime import date

import pytest

from tests.documents.eu_notices import DE_MINIMIS, WATER, expression_notice, work_notice
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
    assert mark() == "2026-10-13"  # the act left out is of the 14th: the 13th was read whole


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


def publish_days(cellar: CellarServer, days: list[str], per_day: int = 2) -> list[str]:
    """``per_day`` regulations published on each of ``days``, with their notices."""
    numbers = []
    for day in days:
        for _ in range(per_day):
            celex = f"32026R{3000 + len(numbers)}"
            title = f"Règlement d'exécution (UE) 2026/{3000 + len(numbers)} de la Commission"
            cellar.publish(celex, day, work=work_notice(celex, eli=f"reg_impl:2026:"
                                                        f"{3000 + len(numbers)}:oj",
                                                        published=day),
                           french=expression_notice(celex, title))
            numbers.append(celex)
    return numbers


def test_a_listing_cut_at_the_cap_leaves_the_watermark_before_its_last_day(cellar, settings):
    """Six acts over three days, at most three a run: the third act (the 11th's first) is
    stored, but the 11th is not read whole, so the watermark stays on the 10th; the next run,
    its cap raised, takes the rest. (The watermark went to the 11th: its second act was never
    asked for again by a run starting after it… and stored only by chance of the look-back.)"""
    cellar.acts.clear()
    acts = publish_days(cellar, ["2026-10-10", "2026-10-11", "2026-10-12"])
    settings.VIGIE_CELLAR_MAX_ACTS = 3
    code, out, err, _ = sync(since=date(2026, 10, 10))
    assert code == 0, err
    assert ("Union européenne : plafond de 3 actes atteint (VIGIE_CELLAR_MAX_ACTS) ; les actes "
            "à partir du 11 octobre 2026 seront lus à la prochaine synchronisation.") in out
    assert cellar.notice_requests()[-2:] == [f"celex/{acts[2]}", f"celex/{acts[2]}.FRA"]
    assert mark() == "2026-10-10"
    settings.VIGIE_CELLAR_MAX_ACTS = 10
    code, out, err, _ = sync()
    assert code == 0, err
    assert '"2026-10-07"^^xsd:date' in cellar.queries()[-1]
    assert Document.objects.filter(rubric="europe").count() == 6 and mark() == "2026-10-12"


def test_a_cap_too_small_to_move_on_is_said_with_the_setting_to_raise(cellar, settings):
    """The acts of the span already stored do not count in the cap (the listing asks for as
    many more: ``test_eu_sync_french``), but acts whose notice gives another publication than
    the day Cellar lists them on are stored on that other day, and still fill the listing:
    with no act to fetch, no run would go further. Said, status 1 (``vigie status`` asks
    for attention), rather than silently stuck."""
    cellar.acts.clear()
    for celex in publish_days(cellar, ["2026-10-10", "2026-10-11", "2026-10-12"]):
        cellar.notices[f"celex/{celex}"] = work_notice(
            celex, eli=f"reg_impl:2026:{celex[-4:]}:oj", published="2026-09-01").encode()
    settings.VIGIE_CELLAR_MAX_ACTS = 3
    first = sync(since=date(2026, 10, 10))
    assert first[0] == 0, first[2]
    assert mark() == "2026-10-10"
    code, _, err, _ = sync()
    assert code == 1
    assert ("Union européenne : plafond de 3 actes (VIGIE_CELLAR_MAX_ACTS) trop bas pour "
            "avancer : la liste s'arrête au 11 octobre 2026, jour non lu en entier, et le repère "
            "reste au 10 octobre 2026 ; augmentez VIGIE_CELLAR_MAX_ACTS.") in err
    assert mark() == "2026-10-10"
