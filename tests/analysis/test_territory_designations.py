"""Place names inside designations, and areas the COG does not hold (titles written here, in
the way of the Journal officiel).

A name that designates something else than a territory the text binds (a flight information
region, the time of a deadline, a court of appeal's ressort, a treaty, a ship, a street named
after another place) localises nothing; an académie, an établissement public d'aménagement
or territorial, a parc national is its départements; a département written in parentheses
after a name the COG lacks still names its département.
"""

from __future__ import annotations

import pytest

from vigie.analysis.engine import analyse
from vigie.analysis.records import Item
from vigie.analysis.territories import Territory, find_territories

GENERAL = "Décrets, arrêtés, circulaires / Textes généraux / Ministère des armées"
NOMINATIVE = ("Décrets, arrêtés, circulaires / Mesures nominatives / Ministère de la transition "
              "écologique")
DEBATE = "Avis et communications / Commission nationale du débat public"


def _departements(found: tuple[Territory, ...]) -> list[str]:
    return sorted({t.departement or t.code for t in found if t.kind != "region"})


# ------------------------------------------------------------------ not a territory
@pytest.mark.parametrize("text", [
    "dans la région d'information de vol de Paris",
    "dans les régions d'information de vol de Paris, de Brest et de Marseille",
    "dans la FIR Marseille",
    "avant le 15 mars 2027 à 12 heures (heure de Paris)",
    "notaires dans le ressort des cours d'appel de Colmar et de Metz",
    "la cour administrative d'appel de Nantes",
    "l'accord de Paris sur le climat et le traité de Nice",
    "le navire « Ville de Bordeaux » et l'aéronef « Marseille »",
    "le préfet de la zone de défense et de sécurité de Paris",
    "dont le siège est 3, avenue de Versailles",
    "les travaux de la route de Grenoble et du boulevard de Strasbourg",
    "au parc des expositions de la porte de Versailles, quai de la Loire",
])
def test_designations_name_no_territory(text: str):
    assert find_territories("", title=text) == ()


def test_a_flight_information_region_does_not_put_a_text_in_paris():
    title = ("Arrêté du 3 mars 2027 portant création d'une zone réglementée identifiée LF-R 12 "
             "dans la région de Monts (Indre-et-Loire), dans la région d'information de vol "
             "de Paris")
    assert _departements(find_territories("", title=title)) == ["37"]
    decision = analyse(Item(title=title, section=GENERAL))
    assert "75" not in decision.departements
    if decision.retained:
        assert decision.departements == ("37",)


def test_places_next_to_a_designation_are_still_read():
    text = ("La commune de Paris et le tribunal judiciaire d'Évreux ; à compter de la date "
            "fixée par le préfet de la région Bretagne, préfet de la zone de défense et de "
            "sécurité Ouest, préfet d'Ille-et-Vilaine")
    found = find_territories("", title=text)
    assert [(t.kind, t.code) for t in found] == [
        ("commune", "75056"), ("commune", "27229"), ("region", "53"), ("departement", "35")]


def test_an_address_is_where_the_street_is_not_the_place_it_is_named_after():
    text = ("Le siège de l'établissement est transféré au 12, rue de Paris à Montreuil "
            "(Seine-Saint-Denis). Le stationnement dans les rues de Lyon est réglementé ; les "
            "routes de Corse sont transférées à la collectivité.")
    found = find_territories("", title=text)
    assert [(t.kind, t.code) for t in found] == [
        ("commune", "93048"), ("departement", "93"), ("commune", "69123"), ("region", "94")]


# ------------------------------------------------------------------ areas the COG lacks
@pytest.mark.parametrize(("text", "codes"), [
    ("recteur de l'académie de Lyon", ["01", "42", "69"]),
    ("rectrice de l'académie d'Aix-Marseille", ["04", "05", "13", "84"]),
    ("l'académie de Nancy-Metz", ["54", "55", "57", "88"]),
    ("l'établissement public d'aménagement Paris-Saclay", ["78", "91"]),
    ("l'établissement public d'aménagement d'Alzette-Belval", ["54", "57"]),
    ("l'établissement public d'aménagement de la ville nouvelle de Sénart", ["77", "91"]),
    ("l'établissement public territorial Plaine Commune", ["93"]),
    ("l'établissement public territorial Est Ensemble", ["93"]),
    ("la charte du Parc national des Écrins", ["05", "38"]),
])
def test_areas_are_their_departements(text: str, codes: list[str]):
    assert _departements(find_territories("", title=text)) == codes


def test_an_area_name_is_written_capitalised_and_whole():
    assert find_territories("", title="le conseil est ensemble compétent") == ()
    # The académie's seat alone is still the city; an area is not read inside a compound.
    assert [t.code for t in find_territories("", title="la ville de Lyon")] == ["69123"]
    assert [t.code for t in find_territories("", title="région Auvergne-Rhône-Alpes")] == ["84"]


def test_a_board_of_an_amenagement_body_goes_to_its_departements():
    title = ("Arrêté du 2 mars 2027 portant nomination au conseil d'administration de "
             "l'établissement public d'aménagement Orly-Rungis-Seine Amont")
    decision = analyse(Item(title=title, section=NOMINATIVE))
    assert decision.retained and decision.scope == "local"
    assert decision.departements == ("94",)


# ------------------------------------------------------------------ départements in parentheses
@pytest.mark.parametrize(("text", "codes"), [
    ("autorisant la commune de Mons-la-Trivalle (Hérault) à utiliser", ["34"]),
    ("Projet de liaison routière Fos-Salon (13)", ["13"]),
    ("stockage de déchets de très faible activité (TFA) (10)", ["10"]),
    ("sur le site du Ricanto (2A)", ["2A"]),
    ("la base aérienne de Hao (dép. 987)", ["987"]),
])
def test_a_departement_in_parentheses_after_a_name(text: str, codes: list[str]):
    assert _departements(find_territories("", title=text)) == codes


@pytest.mark.parametrize("text", [
    "LOI n° 2027-12 du 3 mars 2027 portant diverses dispositions (1)",
    "Article 18 (18)",
    "une somme de 100 euros (12)",
    "le site Natura 2000 Vallée de l'Allier (nord)",
])
def test_other_parentheses_name_no_departement(text: str):
    assert find_territories("", title=text) == ()


def test_a_project_with_its_departement_code_is_local_to_it():
    title = ("Décision n° 2027-12/LIAISON FOS-SALON/3 du 3 mars 2027 relative au projet de "
             "liaison routière Fos-Salon (13)")
    decision = analyse(Item(title=title, section=DEBATE))
    assert decision.retained and decision.scope == "local"
    assert decision.departements == ("13",)
