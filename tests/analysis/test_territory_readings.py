"""Names that look like territories and are not, and territories a cue names (sentences
written here, in the way of the Journal officiel).

A station placed in another town, a river, a product, the ressort of a comité territorial de
l'audiovisuel, the place an agreement was signed, a saint, a ship and the last word of a
proper name (« Politique Agricole Commune ») localise nothing. Each rule comes with the
sentence where the same name is still a territory.
"""

from __future__ import annotations

import pytest

from vigie.analysis.territories import Territory, find_territories


def _names(found: tuple[Territory, ...]) -> list[tuple[str, str]]:
    return [(t.kind, t.code) for t in found]


@pytest.mark.parametrize("title, expected", [
    # A station is named for the line it heads to: « gare de Lyon » stands in Paris.
    ("Arrêté relatif au réaménagement de la gare de Lyon à Paris", [("commune", "75056")]),
    ("Arrêté relatif à la gare de Lyon (Paris), voies 5 à 9", [("departement", "75")]),
    ("Arrêté relatif au réaménagement de la gare de Bourges", [("commune", "18033")]),
    # Alone, « gare de Lyon » is still Paris's terminus; a Lyon station, or several, is Lyon's.
    ("Arrêté portant déclaration d'utilité publique des travaux d'extension de la gare de Lyon",
     [("commune", "75056")]),
    ("Arrêté relatif au pôle d'échanges de la gare de Lyon-Part-Dieu", []),
    ("Arrêté relatif aux horaires des trains au départ de la gare de Lyon Perrache", []),
    ("Décret relatif à la sûreté des gares de Lyon et de Marseille",
     [("commune", "69123"), ("commune", "13055")]),
    # A river runs through several départements, whatever the cue before it.
    ("Arrêté approuvant le schéma départemental de gestion de la vallée de la Marne", []),
    ("Arrêté relatif à l'entretien de la rive gauche de la Loire", []),
    ("dans la vallée de la Marne, département de la Marne", [("departement", "51")]),
    # « Commune » ending a proper name introduces no commune.
    ("Décret relatif à la Politique Agricole Commune de l'Union européenne", []),
    ("Commune de Saint-Jacques", [("commune", "04180")]),
    # A product's name: its area is set by its cahier des charges, not by its name.
    ("Arrêté homologuant le cahier des charges de l'appellation d'origine contrôlée "
     "« Saint-Émilion » ou « Saint-Émilion grand cru »", []),
    ("Arrêté relatif à l'indication géographique protégée (IGP) « Volailles de Vendée »", []),
    ("Arrêté relatif au label rouge n° LA 01/99 « Noix de Saint-Jacques » fraîches", []),
    ("L'aire géographique comprend les communes de Saint-Émilion et de Libourne",
     [("commune", "33394"), ("commune", "33243")]),
    # The seat of a comité territorial de l'audiovisuel names a ressort of several départements.
    ("Décision relative à un appel aux candidatures dans le ressort des comités territoriaux de "
     "l'audiovisuel de Caen, Clermont-Ferrand, Lille et Rennes", []),
    ("Délibération relative au ressort du comité territorial de l'audiovisuel de La Réunion et "
     "de Mayotte", [("departement", "974"), ("departement", "976")]),
    # Where an agreement was signed is no territory of it, as « Fait à Paris ».
    ("Décret portant publication de l'accord entre la France et le Sénégal, signé à Paris le "
     "12 novembre 2026", []),
    # A saint's building, shellfish or feast bears the saint's name.
    ("Arrêté relatif à l'hôpital Saint-Jacques de Besançon", [("commune", "25056")]),
    ("Arrêté relatif à la pêche des coquilles Saint-Jacques", []),
    ("Arrêté fixant les jours fériés de la Saint-Jean", []),
    # A ship's name, quoted or not.
    ("Arrêté relatif à l'armement du navire Ville de Bordeaux", []),
    ("Arrêté relatif aux avions de Bordeaux et de Toulouse", [("commune", "33063"),
                                                              ("commune", "31555")]),
])
def test_what_a_name_designates(title: str, expected: list[tuple[str, str]]):
    assert _names(find_territories("", title=title)) == expected
