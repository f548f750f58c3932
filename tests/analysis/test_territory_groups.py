"""Names that stand for a group of départements (« Antilles », « Antilles-Guyane », « océan
Indien »), a région named as the sea off it (« au large de la Normandie »), and a région in
parentheses that only locates a body whose act the title places in a commune (sentences
written here in the way of the Journal officiel). Each rule comes with the sentence where it
does not apply.
"""

from __future__ import annotations

import pytest

from vigie.analysis.engine import departements_of
from vigie.analysis.territories import find_territories
from vigie.reference.coast import COASTAL_DEPARTEMENTS
from vigie.reference.geography import load_geo


def _departements(title: str) -> list[str]:
    return list(departements_of(find_territories("", title=title)))


@pytest.mark.parametrize("title, expected", [
    # The Antilles are the Guadeloupe and the Martinique; a compound reads each part.
    ("Arrêté du 1er décembre 2020 portant nomination au conseil de coordination interportuaire "
     "Antilles-Guyane", ["971", "972", "973"]),
    ("Décret relatif à l'université des Antilles", ["971", "972"]),
    ("Arrêté portant nomination du recteur de la région académique Antilles", ["971", "972"]),
    ("Arrêté relatif au plan chlordécone dans les Antilles françaises", ["971", "972"]),
    ("Arrêté relatif à la desserte aérienne Guadeloupe-Martinique", ["971", "972"]),
    ("Arrêté portant nomination à la chambre régionale des comptes La Réunion-Mayotte",
     ["974", "976"]),
    ("Arrêté portant nomination du directeur de la mer Sud océan Indien", ["974", "976"]),
    # Not the French Antilles, nor the French océan Indien.
    ("Décret portant publication de l'accord avec les Antilles néerlandaises", []),
    ("Arrêté relatif à la pêche dans les Petites Antilles", []),
    ("Arrêté relatif à la réserve naturelle des îles Éparses de l'océan Indien", []),
    # Metropolitan compounds are river basins: no sum of their parts.
    ("Arrêté portant nomination au conseil d'administration de l'agence de l'eau "
     "Loire-Bretagne", []),
    # The Pacific is too vague to be read.
    ("Décret relatif à la coopération régionale dans le Pacifique", []),
    # A single overseas name is read as before, a compound name stays one name.
    ("Décret relatif au revenu de solidarité en Guadeloupe et en Guyane", ["971", "973"]),
    ("Arrêté relatif à la collectivité territoriale de Saint-Pierre-et-Miquelon", ["975"]),
])
def test_groups_and_overseas_compounds(title: str, expected: list[str]):
    assert _departements(title) == expected


@pytest.mark.parametrize("title, expected", [
    # Off a région: its départements on the sea, not the Eure nor the Orne.
    ("Décision du 4 décembre 2020 consécutive au débat public portant sur un projet éolien en "
     "mer au large de la Normandie et son raccordement", ["14", "50", "76"]),
    ("Décret relatif au parc éolien au large des côtes de Bretagne", ["22", "29", "35", "56"]),
    ("Arrêté relatif à l'érosion du littoral de la région Occitanie", ["11", "30", "34", "66"]),
    ("Arrêté relatif au projet éolien en mer de Provence-Alpes-Côte d'Azur", ["06", "13", "83"]),
    # The région itself, with no sea before it, is all of its départements.
    ("Arrêté portant nomination du préfet de la région Normandie",
     ["14", "27", "50", "61", "76"]),
    # A région with no coast keeps its départements: nothing of it is on the sea.
    ("Arrêté relatif au transport au large de la région Centre-Val de Loire",
     ["18", "28", "36", "37", "41", "45"]),
])
def test_the_sea_off_a_region_is_its_coast(title: str, expected: list[str]):
    assert _departements(title) == expected


@pytest.mark.parametrize("title, expected", [
    # A région in parentheses locates the body; the zone named after a commune places the act.
    ("Décision n° 2020-830 du 25 novembre 2020 autorisant le syndicat du numérique l'Altu di "
     "Casacconi (Corse) à utiliser une ressource radioélectrique pour la diffusion des "
     "programmes d'éditeurs de services de télévision par voie hertzienne terrestre en mode "
     "numérique sur la zone de Vescovato", ["2B"]),
    ("Décision autorisant l'association Radio Lourdes Bigorre à diffuser le service TV Lourdes "
     "dans la zone de Lourdes", ["65"]),
    # Without a commune of it, the région in parentheses is the only place named.
    ("Décision autorisant le syndicat du numérique l'Altu di Casacconi (Corse) à utiliser une "
     "ressource radioélectrique", ["2A", "2B"]),
    # A commune of another région does not narrow it.
    ("Décision autorisant l'association Altu (Corse) à émettre depuis la commune de Menton",
     ["06", "2A", "2B"]),
    # A zone de défense is no commune's zone, a homonym left unsettled is dropped.
    ("Arrêté portant nomination du préfet de la zone de défense et de sécurité de Paris", []),
    ("Arrêté relatif à la zone de Fos", []),
])
def test_a_region_in_parentheses_locates_and_a_zone_names_its_commune(
        title: str, expected: list[str]):
    assert _departements(title) == expected


def test_the_coast_is_made_of_departements_and_spares_the_inland_regions():
    geo = load_geo()
    assert set(geo.departements) >= COASTAL_DEPARTEMENTS
    assert {"27", "61", "16", "75"}.isdisjoint(COASTAL_DEPARTEMENTS)  # Eure: an estuary only
    coastal_regions = {geo.departements[code].region for code in COASTAL_DEPARTEMENTS} - {""}
    inland = {r for r in {d.region for d in geo.departements.values()} - {""}
              if r not in coastal_regions}
    # Île-de-France, Centre-Val de Loire, Bourgogne-Franche-Comté, Grand Est,
    # Auvergne-Rhône-Alpes: the five régions with no sea.
    assert inland == {"11", "24", "27", "44", "84"}


@pytest.mark.parametrize("title, expected", [
    # Real Journal officiel titles (JORF of 17 and 11 December 2020): the post is the
    # departmental unit's, the région only locates the regional service it belongs to.
    ("Arrêté du 15 décembre 2020 portant nomination sur l'emploi de responsable de l'unité "
     "départementale de Loir-et-Cher à la direction régionale des entreprises, de la "
     "concurrence, de la consommation, du travail et de l'emploi du Centre-Val de Loire",
     ["41"]),
    ("Avis de vacance d'emploi de directeur régional adjoint des entreprises, de la concurrence, "
     "de la consommation, du travail et de l'emploi d'Auvergne-Rhône-Alpes, chargé des "
     "fonctions de responsable de l'unité départementale de l'Isère", ["38"]),
    # Without a département of it named, the région is the only place: kept.
    ("Arrêté portant nomination du délégué départemental de l'agence régionale de santé de "
     "Bretagne", ["22", "29", "35", "56"]),
    ("Arrêté portant nomination du directeur de la délégation départementale de l'agence "
     "régionale de santé de Bretagne", ["22", "29", "35", "56"]),
    # A regional post without a departmental unit keeps its région beside a département.
    ("Arrêté portant nomination du directeur régional de l'environnement, de l'aménagement et "
     "du logement de Bretagne, préfet du Finistère", ["22", "29", "35", "56"]),
])
def test_a_departmental_unit_of_a_regional_service_is_its_departement(
        title: str, expected: list[str]):
    assert _departements(title) == expected
