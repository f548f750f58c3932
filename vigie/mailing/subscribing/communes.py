"""Communes a reader can choose, from the Code officiel géographique, by département.

The form offers the communes of the chosen département for completion (« Bourges (18033) »)
and accepts what a person types: that label, the INSEE code, or the name alone when it is
unambiguous in the département.
"""

from __future__ import annotations

import re
from functools import lru_cache

from vigie.reference.geography import load_geo, normalize

_CODE_IN_LABEL = re.compile(r"\(?\s*(\d[\dAB]\d{3})\s*\)?\s*$", re.I)


class CommuneError(ValueError):
    """What a person typed is not one commune of the département; the message is French."""


@lru_cache(maxsize=128)
def communes_of(departement: str) -> tuple[tuple[str, str], ...]:
    """(INSEE code, name) of the current communes of a département, by name."""
    geo = load_geo()
    found = [(c.code, c.name) for c in geo.communes.values()
             if c.departement == departement and c.kind == "COM"]
    return tuple(sorted(found, key=lambda pair: (normalize(pair[1]), pair[0])))


def commune_label(code: str, name: str) -> str:
    return f"{name} ({code})"


def resolve(departement: str, typed: str) -> tuple[str, str]:
    """(INSEE code, name) of the commune meant by ``typed`` in the département."""
    typed = typed.strip()
    mine = dict(communes_of(departement))
    match = _CODE_IN_LABEL.search(typed)
    if match:
        code = match.group(1).upper()
        if code in mine:
            return code, mine[code]
        raise CommuneError(f"Le code {code} n'est pas celui d'une commune de ce département.")
    key = normalize(typed)
    same = [(code, name) for code, name in mine.items() if normalize(name) == key]
    if len(same) == 1:
        return same[0]
    if same:
        options = ", ".join(commune_label(c, n) for c, n in same)
        raise CommuneError(f"Plusieurs communes portent ce nom : précisez, par exemple {options}.")
    raise CommuneError("Aucune commune de ce nom dans ce département : choisissez-la dans "
                       "la liste proposée ou indiquez son code INSEE.")
