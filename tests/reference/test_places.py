"""The places editions are made for: one list, one label, one validator."""

from __future__ import annotations

import pytest

from vigie.reference.places import (
    NATIONAL,
    PlaceError,
    departement_label,
    parse_place,
    place_label,
    places,
)


def test_every_departement_and_the_collectivities_with_communes_have_an_edition():
    codes = places()
    assert len(codes) == 107  # 101 départements + 6 collectivités d'outre-mer
    assert {"01", "2A", "2B", "18", "971", "976", "975", "977", "978", "986", "987",
            "988"} <= set(codes)
    assert "984" not in codes  # the TAAF have no commune
    assert codes == sorted(codes)


def test_labels():
    assert departement_label("18") == "Cher (18)"
    assert departement_label("987") == "Polynésie française (987)"
    assert place_label(NATIONAL) == "Édition nationale"


@pytest.mark.parametrize("typed, code", [("2a", "2A"), (" 2B ", "2B"), ("1", "01"),
                                         ("18", "18"), ("987", "987")])
def test_one_validator_with_case_rules(typed, code):
    assert parse_place(typed) == code


def test_national_only_when_asked():
    assert parse_place("national", national=True) == NATIONAL
    with pytest.raises(PlaceError, match="département inconnu « national »"):
        parse_place("national")
    for wrong in ("99", "20", "984", "x", ""):
        with pytest.raises(PlaceError):
            parse_place(wrong)


def test_periods_and_issues_written_as_readers_read_them():
    from datetime import date

    from vigie.reference.french import french_period, journal_officiel

    assert french_period(date(2026, 6, 12), date(2026, 6, 14)) == "du 12 au 14 juin 2026"
    assert french_period(date(2026, 5, 30), date(2026, 6, 2)) == "du 30 mai au 2 juin 2026"
    assert french_period(date(2025, 12, 30), date(2026, 1, 2)) == (
        "du 30 décembre 2025 au 2 janvier 2026")
    assert french_period(date(2026, 6, 1), None) == "le 1er juin 2026"
    assert french_period(date(2026, 6, 1), date(2026, 6, 1)) == "le 1er juin 2026"
    assert french_period(None, None) == ""
    # One way to name an issue everywhere: four digits, as the JO prints its number.
    assert journal_officiel("241", date(2026, 10, 14)) == (
        "Journal officiel n°0241 du 14 octobre 2026")
    assert journal_officiel("0241", date(2026, 10, 14), weekday=True) == (
        "Journal officiel n°0241 du mercredi 14 octobre 2026")
    assert journal_officiel("0020") == "Journal officiel n°0020"
