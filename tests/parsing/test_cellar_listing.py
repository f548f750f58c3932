"""The answer of Cellar's SPARQL endpoint listing the acts published in a span of days, read
into acts of law (CELEX sector 3) with their day; what cannot be read is said, not raised."""

from __future__ import annotations

import json
from datetime import date

import pytest

from vigie.parsing.cellar_listing import Listed, read_listing
from vigie.parsing.model import ParseError


def answer(*rows: tuple[str, str]) -> bytes:
    return json.dumps({"head": {"vars": ["celex", "date"]}, "results": {"bindings": [
        {"celex": {"type": "literal", "value": celex},
         "date": {"type": "literal", "value": day}} for celex, day in rows]}}).encode()


def test_acts_of_law_are_kept_in_order_once_each_on_their_first_day():
    listing = read_listing(answer(("32026L2110", "2026-10-14"), ("32026R2102", "2026-10-13"),
                                  ("52026PC0345", "2026-10-13"),  # a proposal: not law
                                  ("32026L2110", "2026-10-15"),  # listed twice
                                  ("32026R2102R(01)", "2026-10-14+02:00")))
    assert listing.acts == [Listed("32026R2102", date(2026, 10, 13)),
                            Listed("32026L2110", date(2026, 10, 14)),
                            Listed("32026R2102R(01)", date(2026, 10, 14))]
    assert listing.rows == 5 and listing.problems == []


def test_rows_that_cannot_be_read_are_said_and_left_out():
    payload = json.loads(answer(("pas un numéro", "2026-10-14"), ("32026L2110", "hier"),
                                ("32026R2102", "2026-10-13")))
    payload["results"]["bindings"].append({"x": 1})
    listing = read_listing(json.dumps(payload).encode())
    assert listing.acts == [Listed("32026R2102", date(2026, 10, 13))]
    assert listing.problems == [
        "numéro CELEX « pas un numéro » illisible : ligne laissée de côté",
        "acte 32026L2110 : date de publication « hier » illisible, acte laissé de côté",
        "numéro CELEX «  » illisible : ligne laissée de côté"]


@pytest.mark.parametrize("data", [b"<html>Maintenance</html>", b'{"boolean": true}', b"[]",
                                  b'{"results": {"bindings": {}}}'])
def test_what_is_no_sparql_answer_is_refused_in_french(data):
    with pytest.raises(ParseError, match="la liste des actes de Cellar n'est pas"):
        read_listing(data)
