"""Département labels in messages (« Cher (18) »), without loading the whole COG.

``vigie.editions.places`` builds its labels from ``load_geo()``, which also reads every
commune and EPCI (1.5 s); a send run needs only the names of the départements, which the
same tables of ``vigie.analysis.geo`` give in a tenth of a second. Same names, same format
(a test checks it).
"""

from __future__ import annotations

from functools import lru_cache

from vigie.analysis import geo


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    # A private helper of geo, used knowingly: the public load_geo() is the slow path.
    _, departements, _, _ = geo._load_regions_and_departements()
    return {code: d.name for code, d in departements.items()}


def departement_label(code: str) -> str:
    return f"{_names().get(code, code)} ({code})"
