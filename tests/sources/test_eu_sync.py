"""``vigie sync --source eu`` against a real local server answering as Cellar's public
interfaces do (``cellar_server``): the SPARQL endpoint lists the acts published in a span of
days, the REST interface gives each act's object notices (its work's, its French
expression's), written for these tests (``tests.documents.eu_notices``) or, when present, the
real samples of ``../shared/corpus/ue``. The acts are stored and analysed as ``vigie ingest``
does; a second run asks for nothing again; a notice that fails is an anomaly and the others
go in; a server down is said in French, status 1, the watermark kept."""

from __future__ import annotations

import io
from datetime import date

import pytest

from tests.documents.eu_notices import (
    DE_MINIMIS,
    WATER,
    WATER_TITLE,
    expression_notice,
    work_notice,
)
from vigie.analysis.models import Analysis
from vigie.commands.output import printer
from vigie.documents.eu_store import act_uid
from vigie.documents.eu_sync import WATERMARK, sync_eu
from vigie.documents.models import Anomaly, Delivery, Document, Watermark
from vigie.editions.models import EditionItem

from .cellar_server import CellarServer

pytestmark = pytest.mark.django_db
TODAY = date(2026, 10, 15)
AID_TITLE = ("Règlement (UE) 2026/2102 de la Commission du 13 octobre 2026 modifiant le "
             "règlement (UE) 2023/2831 relatif à l'application des articles 107 et 108 du "
             "traité sur le fonctionnement de l'Union européenne aux aides de minimis")


@pytest.fixture
def cellar(settings):
    """A started ``CellarServer`` the settings point to, publishing the de minimis regulation
    on 13 October 2026 and the drinking water directive on the 14th."""
    with CellarServer() as running:
        settings.VIGIE_CELLAR_SPARQL_URL = running.sparql_url
        settings.VIGIE_CELLAR_URL = running.resource_url
        running.publish(DE_MINIMIS, "2026-10-13", french=expression_notice(DE_MINIMIS, AID_TITLE),
                        work=work_notice(DE_MINIMIS, eli="reg:2026:2102:oj",
                                         published="2026-10-13"))
        running.publish(WATER, "2026-10-14", work=work_notice(),
                        french=expression_notice())
        yield running


def sync(**options) -> tuple[int, str, str, list[float]]:
    """A sync as of ``TODAY``: (its status, what it said on stdout and stderr, its pauses)."""
    out, err, delays = io.StringIO(), io.StringIO(), []
    report = sync_eu(notify=printer(out, err), sleep=delays.append, today=TODAY, **options)
    return report.status, out.getvalue(), err.getvalue(), delays


def mark() -> str:
    return Watermark.objects.get(source=WATERMARK).value


def test_acts_are_stored_and_analysed_then_a_second_run_asks_for_nothing_again(vigie, cellar,
                                                                              settings):
    code, out, err = vigie("sync", "--source", "eu", "--since", "2026-10-01")
    assert code == 0, err
    (query,) = cellar.queries()
    assert 'STRSTARTS(STR(?celex), "3")' in query
    assert "cdm:official-journal-act_date_publication ?date" in query
    assert '"2026-10-01"^^xsd:date' in query
    _, params, headers = cellar.requests[0]
    assert params["format"] == ["application/sparql-results+json"]
    assert headers["user-agent"].startswith("Vigie/")
    assert cellar.notice_requests() == [f"celex/{DE_MINIMIS}", f"celex/{DE_MINIMIS}.FRA",
                                        f"celex/{WATER}", f"celex/{WATER}.FRA"]
    assert {h["accept"] for p, _, h in cellar.requests if p.startswith("celex/")} == {
        "application/xml;notice=object"}
    water = Document.objects.get(uid=act_uid(WATER))
    assert (water.rubric, water.title, water.date_publi) == ("europe", WATER_TITLE,
                                                             date(2026, 10, 14))
    aid = Analysis.objects.get(document__uid=act_uid(DE_MINIMIS))
    assert aid.retained and aid.decision["reasons"][0].startswith("l'acte porte sur : aides")
    assert EditionItem.objects.filter(uid=water.uid, day=date(2026, 10, 14)).exists()
    assert mark() == "2026-10-14" and "Analyse : " in out
    assert "Union européenne : 2 actes listés par Cellar, 0 déjà lu(s), 4 notices lues." in out
    assert not list((settings.DATA_DIR / "downloads" / "eu").iterdir())  # stored: none kept

    deliveries, requests = Delivery.objects.count(), len(cellar.requests)
    code, out, err = vigie("sync", "--source", "eu")
    assert code == 0, err
    assert len(cellar.requests) == requests + 1  # the listing only: no notice asked again
    assert '"2026-10-11"^^xsd:date' in cellar.queries()[-1]  # three days before the mark
    assert "Union européenne : 2 actes listés par Cellar, 2 déjà lu(s), 0 notice lue." in out
    assert Delivery.objects.count() == deliveries and Document.objects.count() == 2
    assert mark() == "2026-10-14"


def test_the_first_run_reads_the_last_seven_days_and_says_so(cellar):
    code, out, err, delays = sync()
    assert code == 0, err
    assert ("Union européenne : premier passage, actes publiés au Journal officiel de l'UE "
            "depuis le 8 octobre 2026 (les 7 derniers jours ; vigie sync --source eu --since "
            "AAAA-MM-JJ pour remonter plus loin).") in out
    assert '"2026-10-08"^^xsd:date' in cellar.queries()[0]
    assert '"2026-10-15"^^xsd:date' in cellar.queries()[0]
    assert delays == [0.2]  # a pause between two acts
    assert Document.objects.filter(rubric="europe").count() == 2


def test_a_notice_that_fails_is_an_anomaly_the_rest_goes_in_and_the_next_run_takes_it(cellar):
    cellar.notices[f"celex/{DE_MINIMIS}"] = b'<NOTICE type="object"><WORK><URI>'  # cut short
    code, out, err, _ = sync()
    assert code == 1
    assert "cellar_32026R2102.xml" in err
    (anomaly,) = Anomaly.objects.all()
    assert anomaly.delivery == "cellar_32026R2102.xml" and "XML" in anomaly.message
    assert Document.objects.get(uid=act_uid(WATER)).title == WATER_TITLE  # the rest went in
    # Its French title came (the expression's notice): the act waits for its work's notice,
    # and the watermark stays before its day, so that the next run asks for it again.
    assert not Watermark.objects.filter(source=WATERMARK).exists()

    cellar.notices[f"celex/{DE_MINIMIS}"] = work_notice(
        DE_MINIMIS, eli="reg:2026:2102:oj", published="2026-10-13").encode()
    code, out, err, _ = sync()
    assert code == 0, err
    aid = Document.objects.get(uid=act_uid(DE_MINIMIS))
    assert aid.date_publi == date(2026, 10, 13) and aid.title == AID_TITLE
    assert mark() == "2026-10-14"
    assert cellar.notice_requests()[-2:] == [f"celex/{DE_MINIMIS}", f"celex/{DE_MINIMIS}.FRA"]


def test_an_act_listed_without_a_notice_is_an_anomaly_and_holds_the_watermark(cellar):
    del cellar.notices[f"celex/{WATER}"]
    code, _, err, _ = sync()
    assert code == 1
    assert ("acte 32026L2110 du 14 octobre 2026, listé par Cellar : Cellar n'a pas la notice de "
            "l'acte 32026L2110 (HTTP 404).") in err
    assert Anomaly.objects.filter(delivery="cellar_32026L2110.xml").exists()
    assert mark() == "2026-10-13"  # the day before stays taken
    assert Document.objects.filter(uid=act_uid(DE_MINIMIS)).exists()


def test_a_missing_french_expression_is_said_and_the_act_named_in_french(cellar):
    del cellar.notices[f"celex/{WATER}.FRA"]
    code, out, err, _ = sync()
    assert code == 0, err
    assert ("Union européenne : acte 32026L2110, pas de version française chez Cellar pour "
            "l'instant.") in out
    water = Document.objects.get(uid=act_uid(WATER))
    assert water.title == "Directive (UE) 2026/2110 du 7 octobre 2026"
    assert mark() == "2026-10-14"
    deliveries = Delivery.objects.count()
    _, out, _, _ = sync()  # not stored whole: its French version asked again
    assert cellar.notice_requests().count(f"celex/{WATER}.FRA") == 2
    # What that costs: one request (its work's notice is not asked again), no new delivery,
    # the act counted in the last line; no anomaly, none piled up run after run.
    assert cellar.notice_requests().count(f"celex/{WATER}") == 1
    assert "pas de version française" not in out
    assert "2 actes listés par Cellar, 1 déjà lu(s), 0 notice lue ; 1 acte attend sa " in out
    assert Delivery.objects.count() == deliveries and not Anomaly.objects.exists()


def test_cellar_down_is_said_in_french_and_the_watermark_kept(vigie, settings):
    Watermark.objects.create(source=WATERMARK, value="2026-10-10")
    settings.VIGIE_CELLAR_SPARQL_URL = "http://127.0.0.1:9/webapi/rdf/sparql"
    code, _, err, delays = sync()
    assert code == 1
    assert ("Cellar : la liste des actes (SPARQL) abandonnée après 3 échec(s) consécutif(s) : "
            "connexion au serveur impossible. Les actes déjà stockés sont intacts ; reprise à "
            "la prochaine synchronisation.") in err
    assert delays == [1.0, 2.0] and mark() == "2026-10-10"
    code, _, err = vigie("sync", "--source", "eu")  # the command: status 1, said
    assert code == 1 and "Cellar : la liste des actes (SPARQL) abandonnée" in err
    assert mark() == "2026-10-10"


def test_a_server_that_gives_up_mid_run_keeps_what_was_stored(cellar):
    cellar.failures[f"celex/{WATER}"] = [503, 500, 502]
    code, _, err, delays = sync()
    assert code == 1
    assert ("Cellar : la notice de l'acte 32026L2110 abandonnée après 3 échec(s) consécutif(s) : "
            "réponse HTTP 502. Les actes déjà stockés sont gardés") in err
    assert delays == [0.2, 1.0, 2.0]
    assert mark() == "2026-10-13" and Document.objects.count() == 1
    assert f"celex/{WATER}.FRA" not in cellar.notice_requests()  # the run stopped there


def test_a_listing_that_is_no_sparql_answer_is_said(cellar):
    cellar.listing = b"<html><body>Maintenance</body></html>"
    code, _, err, _ = sync()
    assert code == 1
    assert "Cellar : la liste des actes de Cellar n'est pas du JSON" in err
    assert not Document.objects.exists()


def test_the_real_samples_of_cellar_go_through_the_same_reading(cellar, shared):
    folder = shared("corpus", "ue")
    cellar.acts, cellar.notices = [], {}
    cellar.publish("32018R0196", "2018-02-16",
                   work=(folder / "cellar_object_notice_work_32018R0196.xml").read_bytes())
    code, out, err, _ = sync(since=date(2018, 2, 1))
    assert code == 0, err
    customs = Document.objects.get(uid=act_uid("32018R0196"))
    assert customs.date_text == date(2018, 2, 7)
    assert customs.details["concepts"][-1] == "suspension of customs duties"
    assert "acte 32018R0196, pas de version française" in out
