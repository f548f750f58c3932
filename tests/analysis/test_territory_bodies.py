"""Intercommunal bodies named with a name the EPCI table lacks (titles written here, in the way
of the Journal officiel).

The COG's EPCI table is one year's, and EPCI are renamed, merged, made communautés
d'agglomération; syndicats are not in it at all. Such a name is no homonym commune (« Val de
Drôme » is a commune of Calvados): it is the known EPCI named alike, the département of the
known EPCI its name begins, the département it names when that name is no river flowing
elsewhere, a préfecture, or nothing.
"""

from __future__ import annotations

import pytest

from vigie.analysis.territories import Territory, find_territories


def _names(found: tuple[Territory, ...]) -> list[tuple[str, str]]:
    return [(t.kind, t.code) for t in found]


@pytest.mark.parametrize("title, expected", [
    # The former name of « CC du Val de Drôme en Biovallée » (26), not the commune (14672).
    ("Arrêté du 14 mars 2027 portant modification des statuts de la communauté de communes du "
     "Val de Drôme", [("departement", "26")]),
    ("Le président de la CC du Val de Drôme est autorisé à signer la convention",
     [("departement", "26")]),
    ("Arrêté portant dissolution du syndicat mixte du Val de Drôme", [("departement", "26")]),
    # The known EPCI, its article and its type set aside.
    ("Décret portant extension du périmètre de la communauté d'agglomération du Grand "
     "Montauban", [("epci", "248200099")]),
    # A département the table never uses for an EPCI elsewhere; « Loire » flows through many.
    ("Arrêté portant création de la communauté de communes Cœur de Drôme",
     [("departement", "26")]),
    ("Arrêté portant création de la communauté de communes Loire Layon Sud", []),
    # The known EPCI its name begins lies in the Ain.
    ("Arrêté relatif au pôle d'équilibre territorial et rural du Pays de Gex",
     [("departement", "01")]),
    # A préfecture is still read in the name.
    ("Arrêté relatif à la dotation de la communauté d'agglomération de Montauban",
     [("commune", "82121")]),
    # The commune itself, on its own evidence, is still the commune.
    ("Arrêté portant reconnaissance de l'état de catastrophe naturelle dans la commune de "
     "Val de Drôme (14)", [("commune", "14672"), ("departement", "14")]),
])
def test_an_unlisted_intercommunal_name_is_no_homonym_commune(title: str,
                                                              expected: list[tuple[str, str]]):
    assert _names(find_territories("", title=title)) == expected


def test_the_body_s_name_stops_at_its_last_capitalised_word():
    text = ("La communauté de communes du Val de Drôme et la commune de Bourges signent "
            "une convention.")
    assert _names(find_territories(text)) == [("departement", "26"), ("commune", "18033")]
