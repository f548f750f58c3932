"""A list of places whose items each take their own preposition (« en Martinique, à
Saint-Martin et à Saint-Barthélemy »), and an organ of a commune named after it (« service
archéologique municipal de Béziers »): sentences written here, in the way of the Journal
officiel, then the labelled titles these rules were written for (``../shared``); and a social
landlord named after its département (« SA d'HLM Habitat du Nord »)."""

from __future__ import annotations

import csv

import pytest
from lxml import etree

from tests.analysis.conftest import SOMMAIRE, shared_file
from vigie.analysis.territories import Territory, find_territories


def _names(found: tuple[Territory, ...]) -> list[tuple[str, str]]:
    return [(t.kind, t.code) for t in found]


@pytest.mark.parametrize("title, expected", [
    # Saint-Martin and Saint-Barthélemy are also villages' names: alone they need a cue; in a
    # list that goes on from a place read, « à » is the preposition of each item.
    ("Arrêté relatif aux prix des carburants en Martinique, à Saint-Martin et à "
     "Saint-Barthélemy", [("departement", "972"), ("departement", "978"),
                          ("departement", "977")]),
    ("Décret fixant l'aide au fret en Guyane, à Mayotte, à Saint-Barthélemy, à Wallis-et-Futuna "
     "et à Saint-Martin", [("departement", "973"), ("departement", "976"),
                           ("departement", "977"), ("departement", "986"),
                           ("departement", "978")]),
    ("Arrêté relatif aux communes de Vannes, à Lorient et à Pontivy",
     [("commune", "56260"), ("commune", "56121"), ("commune", "56178")]),
    # No list before it: the name still needs its own evidence.
    ("Arrêté relatif à la desserte aérienne à Saint-Martin", []),
    ("Arrêté relatif à l'aéroport de Lyon, à Saint-Martin", []),
])
def test_each_item_of_a_list_may_take_its_own_preposition(title: str,
                                                           expected: list[tuple[str, str]]):
    assert _names(find_territories("", title=title)) == expected


@pytest.mark.parametrize("title, expected", [
    ("Arrêté portant habilitation du service d'archéologie municipal de Bergerac",
     [("commune", "24037")]),
    ("Arrêté portant agrément de la police municipale d'Agde", [("commune", "34003")]),
    ("Arrêté relatif au centre communal d'action sociale de Sète", [("commune", "34301")]),
    ("Décret portant dissolution du conseil municipal de Millau", [("commune", "12145")]),
    # The adjective alone names no commune: a date, an election, a syndicat of several.
    ("Décret relatif aux élections municipales de 2026", []),
    ("Arrêté relatif aux polices municipales de France", []),
])
def test_an_organ_of_a_commune_names_the_commune(title: str, expected: list[tuple[str, str]]):
    assert _names(find_territories("", title=title)) == expected


def test_the_overseas_list_and_the_municipal_service_of_the_labelled_issues():
    """The revalorisation du revenu de solidarité (JO n°0192, whole title of its sommaire) read
    only the Guadeloupe and the Guyane; the service archéologique of Béziers read nothing."""
    root = etree.parse(str(shared_file(*SOMMAIRE))).getroot()
    (title,) = [link.get("titretxt", "") for link in root.iter("LIEN_TXT")
                if link.get("idtxt") == "JORFTEXT000054708672"]
    found = {t.code for t in find_territories("", title=title)}
    assert found == {"971", "972", "973", "974", "975", "977", "978"}
    with shared_file("eval", "issues", "labels_2020-12-13.csv").open(encoding="utf-8") as rows:
        (beziers,) = [row["title"] for row in csv.DictReader(rows)
                      if row["idtxt"] == "JORFTEXT000042660010"]
    assert _names(find_territories("", title=beziers)) == [("commune", "34032")]


@pytest.mark.parametrize("title, expected", [
    # A real title (JORF of 13 December 2020): an HLM company named after its département.
    ("Arrêté du 7 décembre 2020 portant renouvellement de l'agrément de la société anonyme "
     "d'habitations à loyer modéré (SA d'HLM) Habitat du Nord", [("departement", "59")]),
    ("Arrêté portant nomination au conseil d'administration de l'office public de l'habitat de "
     "la Manche", [("departement", "50")]),
    ("Arrêté portant agrément de la société coopérative d'HLM Habitat de l'Aube",
     [("departement", "10")]),
    # A company that is no social landlord, a river valley: no département.
    ("Arrêté portant agrément de la société Immobilière du Nord", []),
    ("Arrêté relatif à l'office public de l'habitat de la vallée de la Marne", []),
])
def test_a_social_landlord_is_named_after_its_departement(
        title: str, expected: list[tuple[str, str]]):
    assert _names(find_territories("", title=title)) == expected
