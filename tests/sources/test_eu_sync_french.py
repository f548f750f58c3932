"""``vigie sync --source eu`` and the acts whose French expression comes late, against a real
local Cellar (``cellar_server``): an act stored without its French version is asked for it
again at each run while its publication is less than ``VIGIE_CELLAR_FRENCH_DAYS`` days old,
even once its day has left the three days read again (before, it was never asked again and
kept its designation for good); then given up, said once as an anomaly. And the cap,
``VIGIE_CELLAR_MAX_ACTS``, counts the acts to fetch, not the look-back's acts already stored."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests.documents.eu_notices import (
    DE_MINIMIS,
    WATER,
    WATER_TITLE,
    expression_notice,
    work_notice,
)
from vigie.commands.output import printer
from vigie.documents.eu_store import act_uid
from vigie.documents.models import Anomaly, Delivery, Document
from vigie.editions.models import EditionItem

from . import test_eu_sync
from .test_eu_sync import mark
from .test_eu_sync_hostile import publish_days

pytestmark = pytest.mark.django_db
cellar = test_eu_sync.cellar  # the fixture: the de minimis regulation on the 13th, water the 14th


def sync_on(day: date, **options) -> tuple[int, str, str]:
    """A sync as of ``day``: its status, what it said on stdout and on stderr."""
    out, err = io.StringIO(), io.StringIO()
    report = test_eu_sync.sync_eu(notify=printer(out, err), sleep=lambda _s: None, today=day,
                                  **options)
    return report.status, out.getvalue(), err.getvalue()


def later_acts(cellar, *days: str) -> None:
    """One regulation a day on ``days``, French included: they move the watermark on."""
    for n, day in enumerate(days):
        celex = f"32026R{3200 + n}"
        cellar.publish(celex, day, work=work_notice(celex, eli=f"reg:2026:{3200 + n}:oj",
                                                    published=day),
                       french=expression_notice(celex, f"Règlement (UE) 2026/{3200 + n}"))


def test_a_french_version_that_comes_after_the_look_back_is_still_fetched(cellar, vigie):
    """The whole command (stored, analysed, editions), on days before today."""
    day = [(timezone.localdate() - timedelta(n)).isoformat() for n in range(11)]
    cellar.acts.clear()
    french = cellar.notices.pop(f"celex/{WATER}.FRA")  # not given yet
    cellar.publish(WATER, day[10], work=work_notice(published=day[10]))
    code, out, err = vigie("sync", "--source", "eu", "--since", day[10])
    assert code == 0, err
    water = Document.objects.get(uid=act_uid(WATER))
    assert water.title == "Directive (UE) 2026/2110 du 7 octobre 2026"
    (item,) = EditionItem.objects.filter(uid=water.uid)
    assert item.content["title"] == water.title
    later_acts(cellar, day[5], day[4])
    code, out, err = vigie("sync", "--source", "eu")
    assert code == 0, err
    assert mark() == day[4]  # the next run lists from the 7th day before today, not the 10th
    assert "1 acte attend sa version française" in out  # told in the run's last line
    code, out, err = vigie("status")  # and by the state of the sources
    assert "1 acte attend sa version française" in out.split("Union européenne", 1)[1]
    cellar.notices[f"celex/{WATER}.FRA"] = french  # the French version comes, late
    code, out, err = vigie("sync", "--source", "eu")
    assert code == 0, err
    assert f'"{day[7]}"^^xsd:date' in cellar.queries()[-1]
    water = Document.objects.get(uid=act_uid(WATER))
    assert water.title == WATER_TITLE and water.date_publi.isoformat() == day[10]
    (item,) = EditionItem.objects.filter(uid=water.uid)  # updated, not doubled
    assert item.content["title"] == WATER_TITLE
    # Its work's notice was asked once: what is known is not asked for again.
    assert cellar.notice_requests().count(f"celex/{WATER}") == 1
    assert "attend sa version française" not in out
    requests, deliveries = len(cellar.notice_requests()), Delivery.objects.count()
    assert vigie("sync", "--source", "eu")[0] == 0  # stored whole: nothing asked again
    assert len(cellar.notice_requests()) == requests and Delivery.objects.count() == deliveries


def test_an_act_still_without_french_after_thirty_days_is_given_up_once(cellar, settings):
    del cellar.notices[f"celex/{WATER}.FRA"]
    assert sync_on(date(2026, 10, 15))[0] == 0
    code, out, err = sync_on(date(2026, 11, 13))  # 30 days after its publication: asked
    assert code == 0, err
    assert cellar.notice_requests().count(f"celex/{WATER}.FRA") == 2
    assert "1 acte attend sa version française" in out and not Anomaly.objects.exists()
    code, out, err = sync_on(date(2026, 11, 14))  # 31 days: given up, said
    assert code == 1
    assert cellar.notice_requests().count(f"celex/{WATER}.FRA") == 2
    assert ("acte 32026L2110 du 14 octobre 2026 : toujours pas de version française chez "
            "Cellar 30 jours après sa publication ; plus redemandée (VIGIE_CELLAR_FRENCH_DAYS),"
            " l'acte reste nommé « Directive (UE) 2026/2110 du 7 octobre 2026 »") in err
    (anomaly,) = Anomaly.objects.all()
    assert anomaly.delivery == f"cellar_{WATER}.FRA.xml"
    code, out, err = sync_on(date(2026, 11, 20))  # said once
    assert code == 0, err
    assert Anomaly.objects.count() == 1 and "attend sa version française" not in out
    assert cellar.notice_requests().count(f"celex/{WATER}.FRA") == 2


def test_the_bound_is_a_setting(cellar, settings):
    settings.VIGIE_CELLAR_FRENCH_DAYS = 5
    del cellar.notices[f"celex/{WATER}.FRA"]
    assert sync_on(date(2026, 10, 15))[0] == 0
    assert sync_on(date(2026, 10, 19))[0] == 0
    code, _, err = sync_on(date(2026, 10, 20))
    assert code == 1 and "5 jours après sa publication" in err


def test_an_old_act_first_read_by_since_is_not_given_up_in_the_same_run(cellar):
    del cellar.notices[f"celex/{WATER}.FRA"]
    code, out, err = sync_on(date(2026, 12, 20), since=date(2026, 10, 1))
    assert code == 0, err
    assert "acte 32026L2110, pas de version française" in out
    assert not Anomaly.objects.exists()


def test_the_cap_counts_acts_to_fetch_not_the_look_back_s_acts_already_stored(cellar,
                                                                               settings):
    """Six acts over three days, at most three a run. The second run lists from the 7th: the
    three acts read by the first one filled the cap, and no run went further (said « trop
    bas pour avancer »). The cap now counts the acts to fetch: the second run takes three."""
    cellar.acts.clear()
    acts = publish_days(cellar, ["2026-10-10", "2026-10-11", "2026-10-12"])
    settings.VIGIE_CELLAR_MAX_ACTS = 3
    assert sync_on(date(2026, 10, 15), since=date(2026, 10, 10))[0] == 0
    assert mark() == "2026-10-10"
    code, out, err = sync_on(date(2026, 10, 15))
    assert code == 0, err
    assert "trop bas" not in err
    assert cellar.notice_requests()[6:] == [f"celex/{c}{s}" for c in acts[3:]
                                            for s in ("", ".FRA")]
    assert "6 actes listés par Cellar, 3 déjà lu(s), 6 notices lues" in out
    assert mark() == "2026-10-11"  # the 12th, the listing's last day, may hold more acts
    code, out, err = sync_on(date(2026, 10, 15))
    assert code == 0, err
    assert mark() == "2026-10-12" and Document.objects.filter(rubric="europe").count() == 6
    assert len(cellar.notice_requests()) == 12  # nothing asked twice


def test_new_acts_beyond_the_cap_wait_for_the_next_run(cellar, settings):
    """The listing may give more acts to fetch than the cap (some stored acts are no longer
    listed): the first ``VIGIE_CELLAR_MAX_ACTS`` are taken, the watermark stays before the
    day of the first left out."""
    cellar.acts.clear()
    acts = publish_days(cellar, ["2026-10-10", "2026-10-11"])
    settings.VIGIE_CELLAR_MAX_ACTS = 3
    Document.objects.create(uid=act_uid(DE_MINIMIS), rubric="europe", flow="eurlex",
                            date_publi=date(2026, 10, 10))  # stored, not listed: LIMIT 4
    code, out, err = sync_on(date(2026, 10, 15), since=date(2026, 10, 10))
    assert code == 0, err
    assert ("plafond de 3 actes atteint (VIGIE_CELLAR_MAX_ACTS) ; les actes à partir du 11 "
            "octobre 2026 seront lus à la prochaine synchronisation.") in out
    assert cellar.notice_requests() == [f"celex/{c}{s}" for c in acts[:3] for s in ("", ".FRA")]
    assert mark() == "2026-10-10"
    assert sync_on(date(2026, 10, 15))[0] == 0
    assert mark() == "2026-10-11" and cellar.notice_requests()[6:] == [
        f"celex/{acts[3]}", f"celex/{acts[3]}.FRA"]


def test_the_french_versions_asked_again_count_in_the_cap(cellar, settings):
    """Were Cellar to stop giving French versions, each run would ask again for every act of
    the last 30 days: those requests count in ``VIGIE_CELLAR_MAX_ACTS`` too, the oldest act
    first (the nearest to being given up), the others put off to the next run, said."""
    del cellar.notices[f"celex/{WATER}.FRA"], cellar.notices[f"celex/{DE_MINIMIS}.FRA"]
    assert sync_on(date(2026, 10, 15))[0] == 0  # both stored, named by kind and number
    settings.VIGIE_CELLAR_MAX_ACTS = 1
    before = cellar.notice_requests()
    code, out, err = sync_on(date(2026, 10, 25))
    assert code == 0, err
    assert cellar.notice_requests()[len(before):] == [f"celex/{DE_MINIMIS}.FRA"]
    assert ("2 actes attendent leur version française (redemandée jusqu'à 30 jours après la "
            "publication, 1 au prochain passage : plafond VIGIE_CELLAR_MAX_ACTS atteint)") in out
    settings.VIGIE_CELLAR_MAX_ACTS = 1000
    before = cellar.notice_requests()
    assert sync_on(date(2026, 10, 26))[0] == 0
    assert sorted(cellar.notice_requests()[len(before):]) == sorted(
        [f"celex/{DE_MINIMIS}.FRA", f"celex/{WATER}.FRA"])
