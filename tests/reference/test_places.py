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
