"""Places named by what a text governs, in the way of the Journal officiel (titles written
here): a road or a railway line by its two ends, a former région (before 2016) by its head,
« région » or a CREPS, and a social landlord's name that is a river's, not a département's.
"""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from vigie.analysis.engine import analyse
from vigie.analysis.evaluate import sommaire_item
from vigie.analysis.territories import Territory, find_territories
from vigie.analysis.weights import shipped


def _names(found: tuple[Territory, ...]) -> list[tuple[str, str]]:
    return [(t.kind, t.code) for t in found]


def _departements(found: tuple[Territory, ...]) -> list[str]:
    return sorted(t.code for t in found if t.kind == "departement")


@pytest.mark.parametrize("title, expected", [
    # A motorway named by its ends: both towns, though neither is a préfecture.
    ("Décret approuvant l'avenant à la convention de concession pour la construction de "
     "l'autoroute A 40 entre Annemasse et Saint-Julien-en-Genevois",
     [("commune", "74012"), ("commune", "74243")]),
    ("Arrêté déclarant d'utilité publique les travaux de la section de la route nationale 7 "
     "entre Valence et Montélimar", [("commune", "26362"), ("commune", "26198")]),
    # A town that is no commune (« Le Fayet ») leaves the other end read.
    ("Décret relatif à l'exploitation de l'autoroute B 41 entre Gaillard et Le Fayet",
     [("commune", "74133")]),
    # « entre » of two parties, not of two ends of a work.
    ("Arrêté portant approbation de la convention entre l'Etat et la société Autoroutes du "
     "Sud", []),
])
def test_a_road_or_a_line_is_named_by_its_two_ends(title: str,
                                                    expected: list[tuple[str, str]]):
    assert _names(find_territories("", title=title)) == expected


CENTRE = ["18", "28", "36", "37", "41", "45"]


@pytest.mark.parametrize("title, expected", [
    # A CREPS belongs to its région and often keeps the former one's name.
    ("Arrêté du 3 mars 2027 portant nomination au conseil d'administration du centre de "
     "ressources, d'expertise et de performance sportive du Centre", CENTRE),
    ("Arrêté portant nomination du directeur du CREPS de Lorraine", ["54", "55", "57", "88"]),
    ("Arrêté relatif au contrat de plan de la région Rhône-Alpes",
     ["01", "07", "26", "38", "42", "69", "73", "74"]),
    ("Décret portant nomination du préfet de la région Nord-Pas-de-Calais", ["59", "62"]),
    # Lower case, the word is no name; the current région keeps its own reading.
    ("Avis relatif aux éleveurs de la région du centre de la France", []),
])
def test_a_former_region_after_its_head_is_its_departements(title: str, expected: list[str]):
    assert _departements(find_territories("", title=title)) == expected


def test_the_current_region_is_not_cut_to_a_former_name():
    found = find_territories("", title="Arrêté relatif à la région Centre-Val de Loire")
    assert _names(found) == [("region", "24")]


@pytest.mark.parametrize("title, expected", [
    ("Arrêté portant agrément de la société anonyme d'HLM Habitat du Nord",
     [("departement", "59")]),
    # The river after « vallée du », however close the HLM cue: no département.
    ("Arrêté autorisant la société anonyme d'HLM Le Foyer de la vallée du Rhône à céder des "
     "logements", []),
])
def test_a_social_landlord_names_its_departement_not_a_river(
        title: str, expected: list[tuple[str, str]]):
    assert _names(find_territories("", title=title)) == expected


def test_works_between_two_towns_are_local_to_their_departements():
    title = ("Décret n° 2027-12 du 2 mars 2027 approuvant le neuvième avenant à la convention de "
             "concession passée entre l'Etat et la société concessionnaire pour la construction "
             "et l'exploitation de l'autoroute A 411 entre Annemasse et Gaillard")
    keep_all = replace(shipped(), threshold=-math.inf)
    decision = analyse(sommaire_item(title, ("Décrets, arrêtés, circulaires", "Textes "
                                             "généraux")), weights=keep_all)
    assert decision.scope == "local", decision.reasons
    assert decision.departements == ("74",)
