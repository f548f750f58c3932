"""Editions per département: what goes in, in which order, kept and revised."""

from __future__ import annotations

from datetime import date

import pytest

from tests.editions.stored import store_edition, uids
from vigie.analysis.models import Analysis
from vigie.commands.demo import sample_deliveries
from vigie.editions.builder import build_day
from vigie.editions.calendar import (
    built_before,
    covered_days,
    edition_day,
    weekly_monday,
    weekly_view,
)
from vigie.editions.content import Item
from vigie.editions.models import Edition, EditionItem
from vigie.editions.reading import content_of
from vigie.editions.text import render_text
from vigie.reference.french import french_date

pytestmark = pytest.mark.django_db
DAY = date(2026, 10, 14)
CATNAT, PREFET = "JORFTEXT000099000004", "JORFTEXT000099000010"


@pytest.fixture
def demo(vigie):
    code, out, err = vigie("ingest", *sample_deliveries())
    assert code == 0, err
    return out


def _content(departement: str):
    return content_of(Edition.objects.get(date=DAY, departement=departement))


def _uids(departement: str) -> list[str]:
    return _content(departement).uids()


def test_ingest_builds_the_national_and_every_departement_edition(demo):
    assert "Éditions du mercredi 14 octobre 2026" in demo
    assert Edition.objects.filter(date=DAY).count() == 108  # national, 101 départements, 6 COM
    cher = Edition.objects.get(date=DAY, departement="18")
    assert cher.title == "L'actualité du mercredi 14 octobre 2026 — Cher (18)"
    assert list(content_of(cher).jo_headers) == [
        "Journal officiel n°0241 du mercredi 14 octobre 2026"]
    assert content_of(cher).closing.startswith("Aucun autre texte")


def test_local_items_only_in_their_departements_and_flagged(demo):
    assert PREFET in _uids("36")
    assert PREFET not in _uids("")
    assert PREFET not in _uids("18")
    catnat = _content("18").item(CATNAT)
    assert catnat.in_departement and catnat.urgent
    national = _content("").item(CATNAT)
    assert not national.in_departement
    assert "[URGENT · Dans votre département]" in render_text(_content("18"))


def test_urgent_first_then_by_importance_grouped_by_theme(demo):
    rubric = _content("18").rubrics[0]
    assert rubric.slug == "jo" and rubric.label == "Journal officiel"
    # Grouped by theme, urgency orders each theme's items and the themes themselves (a theme
    # with an urgent item before those without); items of two themes do not interleave.
    for theme in rubric.themes:
        flags = [i.urgent for i in theme.items]
        assert flags == sorted(flags, reverse=True)  # urgent items first within a theme
    urgent_themes = [any(i.urgent for i in t.items) for t in rubric.themes]
    assert urgent_themes == sorted(urgent_themes, reverse=True) and urgent_themes[0]
    themes = [t.slug for t in rubric.themes]
    assert len(themes) == len(set(themes))  # one heading per theme


def test_building_again_changes_nothing_and_a_new_analysis_revises(demo):
    assert build_day(DAY)["unchanged"] == 108
    analysis = Analysis.objects.get(document__uid=CATNAT)
    analysis.decision = dict(analysis.decision, short_title="Catastrophe naturelle : 15 communes")
    analysis.save()
    counts = build_day(DAY)
    assert counts["updated"] >= 1
    national = Edition.objects.get(date=DAY, departement="")
    assert national.revision == 2 and content_of(national).revised
    assert "Catastrophe naturelle : 15 communes" in render_text(content_of(national))


def test_each_issue_day_is_its_own_edition_and_monday_gathers_the_week():
    saturday, monday = date(2026, 8, 15), date(2026, 8, 17)
    assert covered_days(saturday) == [saturday] and covered_days(monday) == [monday]
    assert edition_day(saturday) == saturday
    assert weekly_monday(saturday) == monday and weekly_monday(monday) == monday
    assert weekly_monday(date(2026, 8, 11)) == monday  # a Tuesday: the next Monday's week
    assert built_before(saturday) == [monday] and built_before(date(2026, 8, 19)) == []
    # The weekly view is due on the Monday ending the latest edition's week, even without a
    # Monday issue (the latest edition is then Sunday's); before that Monday, the last one.
    sunday = date(2026, 8, 16)
    assert weekly_view(sunday, today=monday) == monday
    assert weekly_view(sunday, today=sunday) == date(2026, 8, 10)
    assert weekly_view(date(2026, 8, 19), today=date(2026, 8, 19)) == monday
    assert weekly_view(sunday, today=monday, forced=True) == date(2026, 8, 10)
    assert french_date(date(2026, 8, 1), weekday=True) == "samedi 1er août 2026"


def test_a_saturday_issue_has_its_own_edition_and_no_monday_repeats_it(demo):
    """A text of the Saturday issue: its edition is Saturday's. A Monday edition built when
    Monday covered the weekend is rebuilt with it; with no Monday issue, it goes: no two
    editions carry the same texts, and no empty edition passes for a day of publication."""
    from vigie.documents.models import Document
    from vigie.pipeline import editions

    saturday, monday = date(2026, 10, 17), date(2026, 10, 19)
    Document.objects.filter(uid=PREFET).update(date_publi=saturday)
    old = Item.from_json(EditionItem.objects.get(day=DAY, uid=PREFET).content)
    store_edition(monday, "36", [old])  # as the former calendar built it
    report = editions({PREFET})
    assert report.days[saturday]["created"] == 108 and report.days[monday]["deleted"] == 1
    assert uids(saturday, "36") == [PREFET] and not Edition.objects.filter(date=monday).exists()
    assert not EditionItem.objects.filter(day=monday).exists()
    build_day(DAY)  # the text left Wednesday's issue: Wednesday's edition lets it go
    assert PREFET not in _uids("36")
    assert [e.date for e in Edition.objects.filter(departement="36")
            if PREFET in content_of(e).uids()] == [saturday]


def test_a_day_without_publication_has_no_edition(demo, vigie):
    sunday = date(2026, 10, 18)
    assert build_day(sunday) == {}
    assert not Edition.objects.filter(date=sunday).exists()
    code, _, err = vigie("editions", "--date", "2026-10-18")
    assert code == 1 and "aucun texte publié le dimanche 18 octobre 2026" in err


def test_editions_command_shows_one_departement(demo, vigie):
    code, out, err = vigie("editions", "--date", "2026-10-14", "--departement", "36")
    assert code == 0
    assert "Indre (36)" in out and "préfet de l'Indre" in out
    assert err.startswith("Éditions du mercredi 14 octobre 2026 : ")  # was « du 2026-10-14 »
    code, _, err = vigie("editions", "--departement", "999")
    assert code == 2 and "département inconnu" in err


def test_each_retained_text_is_stored_once_whatever_the_number_of_editions(demo):
    retained = Analysis.objects.filter(retained=True).count()
    assert EditionItem.objects.filter(day=DAY).count() == retained  # not 108 × retained
    prefet = EditionItem.objects.get(day=DAY, uid=PREFET)
    assert not prefet.national and prefet.departements == " 36 "
    for edition in Edition.objects.filter(date=DAY):
        content = content_of(edition)
        assert len(content.uids()) == edition.items_count
        assert sum(i.urgent for i in content.items()) == edition.urgent_count


def test_an_item_keeps_its_territories_and_their_communes(demo):
    catnat = _content("18").item(CATNAT)
    assert [t.departement for t in catnat.territories] == ["18", "36", "41", "45"]
    assert {c.name for c in catnat.communes_in("18")} >= {"Bourges", "Vierzon"}
    cher = {c.name: c for c in catnat.communes_in("18")}
    assert cher["Bourges"].status == "reconnue" and cher["Sancerre"].status == "non reconnue"
    assert cher["Bourges"].period == "du 1er juillet au 30 septembre 2025"
    assert cher["Bourges"].phenomenon.startswith("Mouvements de terrain différentiels")
    assert [c.name for c in catnat.local_communes][0] == "Bourges"  # the text's order
    assert catnat.official_url.endswith(CATNAT)
    assert catnat.reference.startswith("Journal officiel n°0241 du 14 octobre 2026 — NOR : ")


def test_a_change_to_a_local_text_revises_only_its_editions(demo):
    analysis = Analysis.objects.get(document__uid=PREFET)
    analysis.decision = dict(analysis.decision, short_title="Nouveau titre du préfet")
    analysis.save()
    assert build_day(DAY) == {"updated": 1, "unchanged": 107}
    assert Edition.objects.get(date=DAY, departement="36").revision == 2
    assert Edition.objects.get(date=DAY, departement="18").revision == 1
    assert _content("36").item(PREFET).short_title == "Nouveau titre du préfet"


def test_a_text_no_longer_retained_leaves_every_edition(demo):
    Analysis.objects.filter(document__uid=CATNAT).update(retained=False)
    build_day(DAY)
    assert not EditionItem.objects.filter(day=DAY, uid=CATNAT).exists()
    assert CATNAT not in _uids("18") and CATNAT not in _uids("")


def test_a_700_commune_arrete_lists_each_departements_own_communes(vigie, tmp_path):
    """The long arrêté of ``tests/long_catnat.py``: each département's edition lists its own
    communes (the Cher's twelve, the unidentified name among them, said so), nobody else's."""
    from tests.long_catnat import CHER_COUNT, LAST, UID, UNKNOWN, xml
    from tests.long_catnat import DAY as LONG_DAY

    path = tmp_path / f"{UID}.xml"
    path.write_bytes(xml())
    code, _, err = vigie("ingest", path)
    assert code == 0, err
    day = date.fromisoformat(LONG_DAY)
    cher = content_of(Edition.objects.get(date=day, departement="18"))
    listed = cher.item(UID).local_communes
    assert len(listed) == CHER_COUNT and all(c.status == "reconnue" for c in listed)
    (unknown,) = [c.describe() for c in listed if not c.identified]
    assert unknown.startswith(f"{UNKNOWN} (commune non identifiée) : reconnue — ")
    assert unknown.endswith(" septembre 2026")  # its period, as the row gives it
    assert f"- {UNKNOWN} (commune non identifiée)" in render_text(cher)
    nord = content_of(Edition.objects.get(date=day, departement="59")).item(UID)
    assert LAST in [c.name for c in nord.local_communes]
    assert not {c.name for c in listed} & {c.name for c in nord.local_communes}
    national = content_of(Edition.objects.get(date=day, departement=""))
    assert national.item(UID).local_communes == () and "concernées" not in render_text(national)


def test_a_history_is_told_in_one_line_and_its_latest_days(vigie, tmp_path):
    """A delivery of twelve days of texts (a history, ``bench --per-day``) builds the editions
    of twelve days: one line says how many and from when to when, then the latest three; a
    line per day would fill a terminal for a history of a thousand days."""
    from bench.ingest import build_global

    tarball = tmp_path / "JORF_20261014-011502.tar.gz"
    build_global(tarball, 22 * 12, per_day=1)  # twelve copies, one a day
    code, out, _ = vigie("ingest", tarball)
    assert code == 0, out
    lines = [line for line in out.splitlines() if line.startswith("Éditions")]
    assert lines[0].startswith("Éditions de 12 jours, du 12 septembre 2026 au 23 septembre "
                               "2026 : ") and lines[0].endswith("les 3 derniers jours :")
    assert lines[1:] == [f"Éditions du {french_date(date(2026, 9, d), weekday=True)} : 108 "
                         "créée(s), 0 mise(s) à jour." for d in (21, 22, 23)]
    assert Edition.objects.dates("date", "day").count() == 12
