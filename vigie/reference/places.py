"""The places editions are made for, their labels, and the one validator of place codes.

A place is a département (métropole, Corse, outre-mer) or a collectivité d'outre-mer that
has communes (Saint-Pierre-et-Miquelon, Saint-Barthélemy, Saint-Martin, Wallis-et-Futuna,
Polynésie française, Nouvelle-Calédonie): the analysis can tie a text to any of them, so each
gets its edition. The national edition is the place "" (``national`` in addresses). Every
address, form and command reads a place code through ``parse_place``, so « 2a », « 2A » and
« 1 » mean the same everywhere (« 2A », « 01 »).
"""

from __future__ import annotations

from functools import lru_cache

from vigie.reference.geography import departement_table

NATIONAL = ""  # the national edition's place code
NATIONAL_SLUG = "national"  # how the national edition is named in addresses
NATIONAL_LABEL = "Édition nationale"
# Collectivités d'outre-mer with communes of their own (INSEE codes); the TAAF (984) have none.
COLLECTIVITIES_WITH_EDITIONS = frozenset({"975", "977", "978", "986", "987", "988"})


class PlaceError(ValueError):
    """A place code that names no edition; the message is French, for people."""


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    return {code: d.name for code, d in sorted(departement_table().items())
            if not d.overseas_collectivity or code in COLLECTIVITIES_WITH_EDITIONS}


def places() -> list[str]:
    """INSEE codes of every place with an edition (national excluded), in code order."""
    return list(_names())


def place_name(code: str) -> str:
    """« Cher » for 18; the code itself when unknown."""
    return _names().get(code, code)


def departement_label(code: str) -> str:
    """« Cher (18) »."""
    return f"{place_name(code)} ({code})"


def subscribed_for(code: str) -> str:
    """« pour le département Cher (18) »: the one wording that tells a subscriber, on a page or
    in a message, which département the subscription is for."""
    return f"pour le département {departement_label(code)}"


def place_label(code: str) -> str:
    """« Cher (18) », or « Édition nationale » for the national edition."""
    return departement_label(code) if code else NATIONAL_LABEL


def canonical(value: str) -> str:
    """The code as editions store it: upper case, two digits for 1 to 9 (« 2a » → « 2A »)."""
    code = value.strip().upper()
    return "0" + code if len(code) == 1 and code.isdigit() else code


def is_place(code: str) -> bool:
    """True for the canonical code of a place with an edition (not for "")."""
    return code in _names()


def parse_place(value: str, *, national: bool = False) -> str:
    """The canonical code of ``value``; with ``national``, « national » or "" give "".

    Raises ``PlaceError`` (French message) for anything else.
    """
    if national and value.strip().lower() in ("", NATIONAL_SLUG):
        return NATIONAL
    code = canonical(value)
    if not is_place(code):
        raise PlaceError(f"département inconnu « {value.strip()} » (code INSEE attendu, par "
                         "exemple 18, 2A ou 974)")
    return code
