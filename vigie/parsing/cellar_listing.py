"""The answer of Cellar's SPARQL endpoint listing the acts published in a span of days
(``vigie.sources.cellar.listing_query``), read into ``Listed`` rows: the act's CELEX number
and the day the Official Journal published it.

The answer is W3C's JSON form of SPARQL results: ``{"head": {"vars": […]}, "results":
{"bindings": [{"celex": {"type": "literal", "value": "32019L0904"}, "date": {…,
"value": "2019-06-12"}}, …]}}``. Only acts of law (CELEX sector 3) are kept; a row whose
number or day cannot be read is said in ``problems`` and left out; an act given twice (two
publication days, a work under two numbers) is kept once, on its earliest day. An answer
that is no SPARQL answer (an error page, JSON nested deeper than Python's stack) raises
``ParseError``. Pure: bytes in, records out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from vigie.parsing.celex import read_celex
from vigie.parsing.json_reading import load
from vigie.parsing.model import ParseError


@dataclass(frozen=True)
class Listed:
    """An act Cellar lists: its CELEX number and its day of publication."""

    celex: str
    day: date


@dataclass
class Listing:
    """The acts of an answer in order (day, then number), its rows, what could not be read."""

    acts: list[Listed] = field(default_factory=list)
    rows: int = 0
    problems: list[str] = field(default_factory=list)


def read_listing(data: bytes) -> Listing:
    """The acts of a SPARQL answer; raises ``ParseError`` when it is no SPARQL answer."""
    try:
        payload = load(data)
    except (ValueError, UnicodeDecodeError):
        raise ParseError("la liste des actes de Cellar n'est pas du JSON (page d'erreur du "
                         "serveur ?)") from None
    except RecursionError:  # « [[[[… » nested deeper than Python's stack
        raise ParseError("la liste des actes de Cellar n'est pas une réponse SPARQL (JSON "
                         "imbriqué à l'excès)") from None
    results = payload.get("results") if isinstance(payload, dict) else None
    bindings = results.get("bindings") if isinstance(results, dict) else None
    if not isinstance(bindings, list):
        raise ParseError("la liste des actes de Cellar n'est pas une réponse SPARQL "
                         "(« results.bindings » absent)")
    listing, days = Listing(rows=len(bindings)), {}
    for row in bindings:
        found = _row(row, listing)
        if found and (found.celex not in days or found.day < days[found.celex]):
            days[found.celex] = found.day
    listing.acts = sorted((Listed(c, d) for c, d in days.items()),
                          key=lambda act: (act.day, act.celex))
    return listing


def _row(row: object, listing: Listing) -> Listed | None:
    celex_text, day_text = _value(row, "celex"), _value(row, "date")
    celex = read_celex(celex_text)
    if celex is None:
        listing.problems.append(f"numéro CELEX « {celex_text[:40]} » illisible : ligne "
                                "laissée de côté")
        return None
    if not celex.legislation:
        return None
    try:
        return Listed(celex.number, date.fromisoformat(day_text[:10]))
    except ValueError:
        listing.problems.append(f"acte {celex.number} : date de publication « {day_text[:30]} »"
                                " illisible, acte laissé de côté")
        return None


def _value(row: object, name: str) -> str:
    cell = row.get(name) if isinstance(row, dict) else None
    value = cell.get("value") if isinstance(cell, dict) else None
    return value.strip() if isinstance(value, str) else ""
