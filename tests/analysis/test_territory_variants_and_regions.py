"""A compound commune name written with another linking word than the COG's
(``territories.variants``), a région the body of a text names beside narrower places
(``territories.groups.within_regions``), an annex that lists communes after their
département's name (``territories.tables.labelled_rows``) and one body of a local kind
(``reach.one_place``): sentences written here in the way of the Journal officiel, each rule
with the sentence where it does not apply.
"""

from __future__ import annotations

import pytest

from vigie.analysis.engine import analyse, departements_of
from vigie.analysis.evaluate import sommaire_item
from vigie.analysis.reach import one_place
from vigie.analysis.records import Item
from vigie.analysis.territories import find_territories, read_places

ECOLOGY = ("Décrets, arrêtés, circulaires", "Textes généraux",
           "Ministère de la transition écologique")


def _departements(title: str, text: str = "") -> list[str]:
    return list(departements_of(find_territories(text, title=title)))


@pytest.mark.parametrize("title, expected", [
    # « -sur- » for « -le- », « -en- » for « -du- »: the significant words are one commune's.
    ("Arrêté relatif à la gare de Bar-sur-Duc", ["55"]),
    ("Arrêté portant déclaration d'utilité publique de la déviation de La Tour-en-Pin",
     ["38"]),
    # A former commune (Châtillon-en-Michaille) is its commune nouvelle's (Valserhône, 01).
    ("Décret relatif à l'échangeur autoroutier de Châtillon-de-Michaille", ["01"]),
    # Two communes bear these words (Villeneuve-d'Allier, 43; Villeneuve-sur-Allier, 03): the
    # name is dropped rather than guessed.
    ("Décret relatif à la commune de Villeneuve-en-Allier", []),
    # A street, a person: no territory, whatever name they bear.
    ("Arrêté relatif à l'immeuble situé avenue de Bar-sur-Duc", []),
    ("Arrêté portant nomination de M. Jean-Marie de Bar-sur-Duc", []),
    # A name as the COG writes it is read as before.
    ("Arrêté relatif à la gare de Bar-le-Duc", ["55"]),
])
def test_a_compound_name_with_another_linking_word(title: str, expected: list[str]):
    assert _departements(title) == expected


NATURA_TITLE = ("Arrêté du 3 mars 2025 modifiant l'arrêté du 12 mai 2016 portant désignation "
                "du site Natura 2000 Montagne bourbonnaise (zone spéciale de conservation)")
NATURA_TEXT = """La ministre de la transition écologique,
Vu le code de l'environnement, notamment ses articles L. 414-1 et R. 414-1 à R. 414-7 ;
Arrête :
Article 1
Le site Natura 2000 Montagne bourbonnaise (zone spéciale de conservation FR8301099) s'étend \
sur une partie du territoire des communes suivantes : département de l'Allier : \
Saint-Nicolas-des-Biefs, Arfeuilles ; département de la Loire : Saint-Priest-la-Prugne.
Article 2
La carte du site peut être consultée à la préfecture de l'Allier, à la préfecture de la \
Loire, dans les mairies des communes situées dans le périmètre du site, ainsi qu'à la \
direction régionale de l'environnement, de l'aménagement et du logement \
Auvergne-Rhône-Alpes.
"""


def test_a_region_named_for_its_service_gives_way_to_the_places_of_the_text():
    # Read as the whole région, the site of two départements went to twelve editions.
    assert _departements(NATURA_TITLE, NATURA_TEXT) == ["03", "42"]
    decision = analyse(Item(title=NATURA_TITLE, text=NATURA_TEXT, section=" / ".join(ECOLOGY),
                            ministry=ECOLOGY[-1], nature="ARRETE"))
    assert decision.retained and decision.scope == "local"
    assert decision.departements == ("03", "42")


@pytest.mark.parametrize("title, text, expected", [
    # The title names the région: it stays, with all its départements.
    ("Arrêté relatif au schéma régional de la région Bretagne",
     "Le préfet du Finistère est chargé de l'exécution du présent arrêté.",
     ["22", "29", "35", "56"]),
    # The body names the région and nothing narrower: it stays.
    ("Arrêté relatif au contrat de plan", "Le contrat de plan de la région Bretagne est "
     "approuvé.", ["22", "29", "35", "56"]),
    # A département of another région narrows nothing.
    ("Arrêté relatif au contrat de plan", "Le contrat de plan de la région Bretagne est "
     "approuvé. Le préfet du Cher en est informé.", ["18", "22", "29", "35", "56"]),
])
def test_a_region_stays_when_nothing_narrower_of_it_is_named(title: str, text: str,
                                                             expected: list[str]):
    assert sorted(_departements(title, text)) == expected


@pytest.mark.parametrize("title, section", [
    ("Arrêté du 2 juin 2025 attribuant l'appellation « musée de France » en application de "
     "l'article L. 442-1 du code du patrimoine",
     ("Décrets, arrêtés, circulaires", "Textes généraux", "Ministère de la culture")),
    ("Arrêté du 5 mai 2025 portant renouvellement de l'agrément de la société anonyme "
     "d'habitations à loyer modéré Habitat des Vallées", ECOLOGY),
])
def test_one_establishment_or_body_of_a_local_kind_is_local(title: str,
                                                            section: tuple[str, ...]):
    decision = analyse(sommaire_item(title, section))
    assert decision.retained, decision.reasons
    assert decision.scope == "local", decision.reasons


@pytest.mark.parametrize("title, reason", [
    ("Arrêté portant réorganisation de postes comptables des services déconcentrés de la "
     "direction générale des finances publiques", "réorganisation de postes comptables situés"),
    ("Arrêté autorisant la transformation de « HABITAT COOP », société anonyme coopérative "
     "d'HLM, en société coopérative d'intérêt collectif", "organisme d'HLM nommé"),
    ("Arrêté portant attribution de fonctions (direction interdépartementale des routes Est)",
     "service interdépartemental des routes"),
    # Every body of a kind, in the plural: a general rule, no place.
    ("Décret relatif aux sociétés anonymes d'habitations à loyer modéré", ""),
    ("Décret relatif aux directions interdépartementales des routes", ""),
    ("Arrêté fixant la liste des postes comptables de la direction générale des finances "
     "publiques", ""),
])
def test_one_place_reads_one_body_of_a_local_kind(title: str, reason: str):
    assert one_place(title, {}) == reason


ANNEX = """ANNEXE
Liste des communes concernées
Allier : Arfeuilles, Laprugne et Lavoine.
Loire : Cervières, Noirétable.
"""


def test_an_annex_listing_communes_after_their_departement_reads_them():
    places = read_places(ANNEX, title=NATURA_TITLE)
    assert [(t.kind, t.code) for t in places.territories] == [
        ("departement", "03"), ("commune", "03006"), ("commune", "03139"), ("commune", "03141"),
        ("departement", "42"), ("commune", "42034"), ("commune", "42159")]
    assert [line.name for line in places.communes] == [
        "Arfeuilles", "Laprugne", "Lavoine", "Cervières", "Noirétable"]


@pytest.mark.parametrize("text", [
    "Loire : travaux sur le fleuve et ses affluents.",  # prose after a river's name
    "Loire : Cervières, Vichy.",  # Vichy is no commune of the Loire: no list of the Loire
])
def test_a_departement_before_a_colon_lists_nothing_but_its_communes(text: str):
    assert _departements("Arrêté relatif aux travaux", text) == []


def test_an_annex_line_ending_in_a_long_run_of_full_stops_is_read_at_once():
    # « A, B et C » then « [\s.;]* » was tried at each length of the list: a line of 16 000
    # characters « . . . » before its last word took seconds, a longer one minutes.
    dotted = "Allier : Arfeuilles" + " ." * 60_000 + " x"
    assert _departements("Arrêté relatif aux travaux", dotted) == []
    ended = "Allier : Arfeuilles, Laprugne et Lavoine" + " ." * 60_000
    assert [line.name for line in read_places(ended, title=NATURA_TITLE).communes] == [
        "Arfeuilles", "Laprugne", "Lavoine"]
