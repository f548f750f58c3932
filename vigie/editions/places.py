"""The départements editions are made for, with the labels readers see."""

from __future__ import annotations

from functools import lru_cache

from vigie.analysis.geo import load_geo


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    geo = load_geo()
    return {code: d.name for code, d in sorted(geo.departements.items())
            if not d.overseas_collectivity}


def departements() -> list[str]:
    """INSEE codes of the départements (métropole, Corse, outre-mer), in code order."""
    return list(_names())


def departement_name(code: str) -> str:
    return _names().get(code, code)


def departement_label(code: str) -> str:
    """« Cher (18) »."""
    return f"{departement_name(code)} ({code})"


def is_departement(code: str) -> bool:
    return code in _names()
