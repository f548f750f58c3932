"""The reader of the DILA CIRCULAIRES fund's files: the documented elements wherever they sit
(no real file could be checked), their values, and what it says of what it cannot read."""

from __future__ import annotations

from datetime import date

import pytest

from tests.documents.circulaire_files import BUDGET_ID, WITHOUT_ID, budget, school
from vigie.parsing.circulaire import (
    is_circulaire_head,
    is_circulaire_name,
    read_circulaire,
)
from vigie.parsing.model import ParseError


def test_fields_read_in_either_nesting():
    nested, problems = read_circulaire("cir_45990.xml", budget().encode())
    assert not problems
    assert (nested.id, nested.state, nested.nor, nested.signed, nested.author) == (
        BUDGET_ID, "V", "INTB2630012C", date(2026, 10, 14), "Ministère de l'intérieur")
    assert nested.pdf == "cir_45990.pdf" and len(nested.references) == 2
    assert nested.url == "https://www.legifrance.gouv.fr/circulaire/id/45990"
    flat, _ = read_circulaire("cir_45991.xml", school().encode())
    assert flat.signed == date(2026, 10, 14) and flat.references == ()
    assert flat.summary.startswith("Calendrier des épreuves") and "\n" not in flat.summary


def test_a_namespace_and_an_abrogated_state():
    text = budget(state="A").replace("<CIRCULAIRE>", '<CIRCULAIRE xmlns="urn:exemple">')
    circulaire, _ = read_circulaire("cir_45990.xml", text.encode())
    assert circulaire.id == BUDGET_ID and circulaire.abrogated


def test_unreadable_values_are_said_and_the_circulaire_kept():
    text = budget(state="X", signed="le 14 octobre")
    circulaire, problems = read_circulaire("cir_45990.xml", text.encode())
    assert circulaire.signed is None and circulaire.state == "V"
    assert problems == [
        "cir_45990.xml : date de signature « le 14 octobre » illisible (AAAA-MM-JJ ou "
        "JJ/MM/AAAA attendu) : circulaire gardée sans date",
        "cir_45990.xml : état « X » inconnu (V ou A attendu) : circulaire tenue pour en "
        "vigueur"]
    none, _ = read_circulaire("cir_45990.xml", budget(signed="2999-01-01").encode())
    assert none.signed is None


def test_without_identifier_no_circulaire_and_no_link_for_another_form():
    with pytest.raises(ParseError, match="pas d'identifiant de circulaire"):
        read_circulaire("cir_1.xml", WITHOUT_ID.encode())
    other, _ = read_circulaire("cir_x.xml", budget().replace(
        f"cir_{BUDGET_ID}</ID", "CIRC-A12</ID").encode())
    assert other.id == "CIRC-A12" and other.url == ""


def test_told_by_name_or_content():
    assert is_circulaire_name("stock/2026/cir_45990.xml")
    assert not is_circulaire_name("JORFTEXT000054861513.xml")
    assert not is_circulaire_name("circulaire.xml")
    assert is_circulaire_head(school().encode()) and not is_circulaire_head(b"<JO/>")
