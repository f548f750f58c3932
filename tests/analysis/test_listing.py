"""Communes a text lists (issue 10): real catastrophe naturelle annexes, a 700-commune arrêté
written for the tests, and small cases: status, phenomenon, period, names changed since,
names no commune bears, signatures, and texts whose territory cannot be worked out."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from tests.analysis.conftest import CATNAT, parsed_text, shared_file
from tests.analysis.test_territories import _gold_pairs
from tests.long_catnat import LAST, RENAMED, UID, UNKNOWN, xml
from vigie.analysis.engine import TO_BE_SPECIFIED, analyse
from vigie.analysis.records import CommuneLine, Decision, Item
from vigie.analysis.territories import find_territories, read_places


@pytest.fixture(scope="module")
def long_decision() -> Decision:
    from vigie.parsing.dispatch import parse_member

    return analyse(Item.from_parsed(parse_member(f"{UID}.xml", xml())))


# ------------------------------------------------------------------ the real annexes
def test_real_annexes_give_every_row_with_its_status_phenomenon_and_period():
    decision = analyse(Item.from_parsed(parsed_text(*CATNAT)))
    lines = decision.communes
    assert len(lines) == 140 and all(line.identified for line in lines)
    # Hand-checked: 76 rows in annexe I, 64 in annexe II (see test_territories).
    assert Counter(line.status for line in lines) == {"reconnue": 76, "non reconnue": 64}
    assert lines[0] == CommuneLine("07022", "Baix", "07", "reconnue",
                                   "Inondations et coulées de boue", date(2025, 11, 16),
                                   date(2025, 11, 17))
    fouillade = next(line for line in lines if line.code == "12105")
    assert fouillade.name == "La Fouillade" and fouillade.written == ""  # « Fouillade (La) »
    guecelard = [line for line in lines if line.name == "Guécélard"]
    assert [(g.status, g.start) for g in guecelard] == [
        ("non reconnue", date(2023, 9, 19)), ("non reconnue", date(2024, 1, 1))]
    assert decision.essentials[0] == ("137 communes de 37 départements : état de catastrophe "
                                      "naturelle reconnu pour 76, non reconnu pour 63 (2 communes "
                                      "dans les deux cas, selon le phénomène ou la période).")


def test_real_annexes_precision_and_recall_of_listed_communes():
    xml_path = shared_file(*CATNAT)
    _rows, gold = _gold_pairs(xml_path)
    decision = analyse(Item.from_parsed(parsed_text(*CATNAT)))
    found = {(line.departement, line.code) for line in decision.communes}
    assert found == gold  # precision and recall 1.0 on the 137 (département, commune) pairs


# ------------------------------------------------------------------ 700 communes
def test_seven_hundred_communes_of_71_departements(long_decision):
    lines = long_decision.communes
    assert len(lines) == 700 and lines[-1].name == LAST and lines[-1].code == "59668"
    assert len({line.departement for line in lines}) == 71
    assert long_decision.essentials[0].startswith("700 communes de 71 départements : état de "
                                                  "catastrophe naturelle reconnu pour ")
    assert len([line for line in lines if line.departement == "18"]) == 12


def test_a_name_from_before_a_merge_resolves_to_the_commune_of_today(long_decision):
    name, departement, code = RENAMED
    (line,) = [line for line in long_decision.communes if line.written == name]
    assert (line.code, line.departement, line.name) == (code, departement, "Bernoy-le-Château")
    assert line.status == "non reconnue"


def test_an_unknown_name_is_kept_and_said_never_dropped(long_decision):
    (line,) = [line for line in long_decision.communes if not line.identified]
    assert (line.name, line.departement, line.code) == (UNKNOWN, "18", "")
    assert f"commune non identifiée : « {UNKNOWN} » (Cher)" in long_decision.reasons
    assert ("désigne 700 communes de 71 départements (dont 1 non identifiée)"
            in long_decision.reasons)


def test_the_place_of_signature_is_no_territory(long_decision):
    assert not any(t.name == "Paris" for t in long_decision.territories)
    text = ("Décrète :\nArticle 1\nLe conseil municipal se réunit chaque trimestre.\n"
            "Fait à Paris, le 2 janvier 2026.\nLe Premier ministre,\nPar le Premier ministre :"
            "\nLe ministre de l'intérieur,\nPréfet de la région Bretagne")
    assert find_territories(text) == ()


def test_the_decision_carries_the_communes_and_reads_them_back(long_decision):
    data = long_decision.to_json()
    assert data["communes"][-1] == {
        "code": "59668", "name": LAST, "departement": "59", "status": "non reconnue",
        "phenomenon": data["communes"][-1]["phenomenon"], "start": "2026-09-07",
        "end": "2026-09-16", "written": "", "identified": True}
    assert Decision.from_json(data).to_json() == data
    assert Decision.from_json(data).communes == long_decision.communes


def test_communes_listed_in_prose_by_a_designation_text():
    decision = analyse(Item(
        title="Arrêté du 3 mars 2026 fixant la liste des communes classées en zone de "
              "revitalisation rurale",
        text="Arrête :\nArticle 1\nSont classées en zone de revitalisation rurale les communes "
             "de Baix, Rompon et Soyons (Ardèche).\nFait à Paris, le 3 mars 2026."))
    assert [(c.code, c.status) for c in decision.communes] == [
        ("07022", ""), ("07198", ""), ("07316", "")]


def test_a_row_that_states_its_own_decision_and_a_period_cell():
    places = read_places("Département | Commune | Période | Décision\n"
                         "Cher | Vierzon | du 01/02/2026 au 03/02/2026 | Non reconnue\n"
                         "Cher | Bourges | 2026-02-01 | Reconnue")
    assert [(c.name, c.status, c.start, c.end) for c in places.communes] == [
        ("Vierzon", "non reconnue", date(2026, 2, 1), date(2026, 2, 3)),
        ("Bourges", "reconnue", date(2026, 2, 1), date(2026, 2, 1))]


# ------------------------------------------------------------------ nothing retained lost
def test_a_local_text_without_a_territory_says_territoire_a_preciser():
    decision = analyse(Item(
        title="Décret du 13 octobre 2026 portant nomination du sous-préfet - M. Paul DUPONT",
        section="Décrets, arrêtés, circulaires / Mesures nominatives / Ministère de "
                "l'intérieur"))
    assert decision.retained and decision.scope == "local" and decision.departements == ()
    assert any(reason.startswith(TO_BE_SPECIFIED) for reason in decision.reasons)


# ------------------------------------------------------------------ stored
@pytest.mark.django_db
def test_an_unknown_name_is_an_anomaly_once_when_stored(vigie, tmp_path):
    from vigie.documents.models import Anomaly

    path = tmp_path / f"{UID}.xml"
    path.write_bytes(xml())
    code, out, err = vigie("ingest", path)
    assert code == 0, err
    # The input's own line counts what could not be read (« 0 anomalie »): the analysis's
    # line says these.
    assert ("1 commune(s) des listes non identifiée(s), une anomalie chacune (vigie "
            "anomalies).") in out, out
    (anomaly,) = Anomaly.objects.filter(message__contains=UNKNOWN)
    assert anomaly.message == (f"{UID} : commune non identifiée « {UNKNOWN} » (Cher (18)) : "
                               "aucun nom du Code officiel géographique, même ancien, ne lui "
                               "correspond")
    from vigie.analysis.models import Analysis

    Analysis.objects.update(version="0.0")  # the next run analyses everything again
    assert vigie("analyse", "--all")[0] == 0
    assert Anomaly.objects.filter(message__contains=UNKNOWN).count() == 1
    code, out, _ = vigie("anomalies")
    assert UNKNOWN in out


@pytest.mark.django_db
def test_territoire_a_preciser_reaches_the_national_edition_only(vigie):
    from vigie.analysis.models import Analysis
    from vigie.commands.demo import sample_deliveries
    from vigie.editions.builder import build_day
    from vigie.editions.models import Edition
    from vigie.editions.reading import content_of, editions_showing

    prefet, day = "JORFTEXT000099000010", date(2026, 10, 14)
    assert vigie("ingest", *sample_deliveries())[0] == 0
    analysis = Analysis.objects.get(document__uid=prefet)
    analysis.decision = dict(analysis.decision, scope="local", departements=[], territories=[],
                             reasons=[f"{TO_BE_SPECIFIED} : nomination pour un territoire"])
    analysis.departements = []
    analysis.save()
    build_day(day)

    def shown(departement: str) -> list[str]:
        return content_of(Edition.objects.get(date=day, departement=departement)).uids()

    assert prefet in shown("") and prefet not in shown("36") and prefet not in shown("18")
    assert [e.departement for e in editions_showing(prefet)] == [""]


@pytest.mark.django_db
def test_an_edition_never_shows_two_identical_short_titles(vigie, tmp_path):
    from vigie.commands.demo import sample_deliveries
    from vigie.editions.models import Edition

    path = tmp_path / f"{UID}.xml"
    path.write_bytes(xml())
    assert vigie("ingest", *sample_deliveries(), path)[0] == 0
    from vigie.editions.reading import content_of

    edition = content_of(Edition.objects.get(date=date(2026, 10, 14), departement="18"))
    titles = [item.short_title for item in edition.items()]
    assert len(titles) == len(set(titles))
    assert {t for t in titles if t.startswith("Reconnaissance")} == {
        "Reconnaissance de l'état de catastrophe naturelle (arrêté du 6 octobre 2026)",
        "Reconnaissance de l'état de catastrophe naturelle (arrêté du 9 octobre 2026)"}


def test_what_an_edition_shows_of_a_departement(long_decision):
    cher = long_decision.communes_in("18")
    assert len(cher) == 12 and cher[0].name == UNKNOWN
    reader = cher[5].code
    first = long_decision.communes_in("18", first=reader)
    assert first[0].code == reader and set(first) == set(cher)
    assert cher[0].describe().startswith(f"{UNKNOWN} (commune non identifiée) : reconnue, ")
    line = CommuneLine("07022", "Baix", "07", "reconnue", "Inondations et coulées de boue",
                       date(2025, 11, 16), date(2025, 11, 17))
    assert line.describe() == ("Baix : reconnue, inondations et coulées de boue, du 16/11/2025 "
                               "au 17/11/2025")
    renamed = next(c for c in long_decision.communes if c.written and c.identified)
    assert renamed.describe().startswith("Bernoy-le-Château (« Berzy-le-Sec » dans le texte) : "
                                         "non reconnue")
    assert CommuneLine("18033", "Bourges", "18").describe() == "Bourges"


def test_a_commune_in_both_annexes_is_said_so_the_counts_add_up():
    """76 + 63 for 137 communes puzzled readers: a commune recognised for one phenomenon
    or period and not for another is in both annexes, and the key figure says how many."""
    from vigie.analysis.listing import key_figure

    lines = (CommuneLine("18033", "Bourges", "18", "reconnue"),
             CommuneLine("18033", "Bourges", "18", "non reconnue"),
             CommuneLine("18279", "Vierzon", "18", "reconnue"),
             CommuneLine("36044", "Châteauroux", "36", "non reconnue"))
    title = "Arrêté portant reconnaissance de l'état de catastrophe naturelle"
    assert key_figure(lines, title=title) == (
        "3 communes de 2 départements : état de catastrophe naturelle reconnu pour 2, non "
        "reconnu pour 2 (1 commune dans les deux cas, selon le phénomène ou la période).")
    assert key_figure(lines[2:], title=title) == (
        "2 communes de 2 départements : état de catastrophe naturelle reconnu pour 1, non "
        "reconnu pour 1.")
    assert key_figure(lines, title="Arrêté portant classement de communes").endswith(
        ": 2 reconnues, 2 non reconnues (1 commune dans les deux cas, selon le phénomène ou "
        "la période).")
