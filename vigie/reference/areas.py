"""Areas that texts name and the Code officiel géographique does not hold, with their territories.

Owns a small table of public facts, each an area known by a name that is no région,
département, commune or EPCI of the COG, or whose name is a commune's while the area is wider:

- an académie is named after its seat (« académie de Lyon ») and covers several départements
  (Code de l'éducation, R. 222-3; Caen and Rouen before their merger into Normandie in 2020);
- the établissements publics d'aménagement of the State and the établissements publics
  territoriaux of the Métropole du Grand Paris, known by names that are no commune's
  (« Paris-Saclay », « Alzette-Belval », « Plaine Commune »);
- the parcs nationaux of metropolitan France (those overseas are named after their territory);
- the régions before their merger (loi n° 2015-29 du 16 janvier 2015), which texts still name
  (« région Rhône-Alpes »), as do the bodies that kept their name: a centre de ressources,
  d'expertise et de performance sportive (CREPS) belongs to its région (code du sport,
  L. 114-1 and L. 114-5) and often bears the former one's name (« CREPS du Centre »). Many
  of these names are ordinary words or a part of a region's (« Centre », « Lorraine »,
  « Auvergne »): read only after their head, as whole words.

Names are matched as ``normalize`` keys; a head (« académie », « parc national ») with any of
the French prepositions that link it to the name. The distinctive name itself is capitalised
in a text (« Est Ensemble » is the EPT, « est ensemble » two words), which ``Area.name_words``
lets the scanner check.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from vigie.reference.geography import normalize

_LINKS = ("de", "d", "de la", "de l", "du", "des")


@dataclass(frozen=True, slots=True)
class Area:
    """A named area: the départements it covers, as INSEE codes."""

    name: str
    departements: tuple[str, ...]
    name_words: int = 0  # the last words of a key, which a text writes capitalised (a name
    # without a head: « Est Ensemble », or an ordinary word after one: « région Centre »)


_ACADEMIES = (
    ("Aix-Marseille", "04 05 13 84"), ("Amiens", "02 60 80"), ("Besançon", "25 39 70 90"),
    ("Bordeaux", "24 33 40 47 64"), ("Caen", "14 50 61"), ("Clermont-Ferrand", "03 15 43 63"),
    ("Corse", "2A 2B"), ("Créteil", "77 93 94"), ("Dijon", "21 58 71 89"),
    ("Grenoble", "07 26 38 73 74"), ("Guadeloupe", "971"), ("Guyane", "973"),
    ("La Réunion", "974"), ("Réunion", "974"), ("Lille", "59 62"), ("Limoges", "19 23 87"),
    ("Lyon", "01 42 69"), ("Martinique", "972"), ("Mayotte", "976"),
    ("Montpellier", "11 30 34 48 66"), ("Nancy-Metz", "54 55 57 88"),
    ("Nantes", "44 49 53 72 85"), ("Nice", "06 83"), ("Normandie", "14 27 50 61 76"),
    ("Orléans-Tours", "18 28 36 37 41 45"), ("Paris", "75"), ("Poitiers", "16 17 79 86"),
    ("Reims", "08 10 51 52"), ("Rennes", "22 29 35 56"), ("Rouen", "27 76"),
    ("Strasbourg", "67 68"), ("Toulouse", "09 12 31 32 46 65 81 82"),
    ("Versailles", "78 91 92 95"),
)
# Établissements publics d'aménagement (EPA) and territoriaux (EPT), by their own names.
_BODIES = (
    ("Paris-Saclay", "78 91"), ("Alzette-Belval", "54 57"), ("Orly-Rungis-Seine Amont", "94"),
    ("Sénart", "77 91"), ("Marne-la-Vallée", "77 93 94"), ("Mantois Seine Aval", "78"),
    ("Euroméditerranée", "13"), ("Bordeaux-Euratlantique", "33"), ("Plaine du Var", "06"),
    ("Écovallée", "06"), ("Paris La Défense", "92"), ("La Défense Seine Arche", "92"),
    ("Plaine de France", "93 95"), ("Plaine Commune", "93"), ("Est Ensemble", "93"),
    ("Paris Terres d'Envol", "93"), ("Grand Paris Grand Est", "93"),
    ("Paris Ouest La Défense", "92"), ("Vallée Sud Grand Paris", "92"),
    ("Grand Paris Seine Ouest", "92"), ("Boucle Nord de Seine", "92 95"),
    ("Paris Est Marne et Bois", "94"), ("Grand-Orly Seine Bièvre", "91 94"),
    ("Grand Paris Sud Est Avenir", "94"),
)
_PARKS = (
    ("Vanoise", "73"), ("Port-Cros", "83"), ("Pyrénées", "64 65"), ("Cévennes", "30 48"),
    ("Écrins", "05 38"), ("Mercantour", "04 06"), ("Calanques", "13"), ("Forêts", "21 52"),
)

# The former régions whose name is no current one's, with their départements.
_FORMER_REGIONS = (
    ("Alsace", "67 68"), ("Aquitaine", "24 33 40 47 64"), ("Auvergne", "03 15 43 63"),
    ("Basse-Normandie", "14 50 61"), ("Bourgogne", "21 58 71 89"),
    ("Centre", "18 28 36 37 41 45"), ("Champagne-Ardenne", "08 10 51 52"),
    ("Franche-Comté", "25 39 70 90"), ("Haute-Normandie", "27 76"),
    ("Languedoc-Roussillon", "11 30 34 48 66"), ("Limousin", "19 23 87"),
    ("Lorraine", "54 55 57 88"), ("Midi-Pyrénées", "09 12 31 32 46 65 81 82"),
    ("Nord-Pas-de-Calais", "59 62"), ("Picardie", "02 60 80"),
    ("Poitou-Charentes", "16 17 79 86"), ("Rhône-Alpes", "01 07 26 38 42 69 73 74"),
)
# The heads of a former région's name: the région itself, and a CREPS by its acronym or the
# last words of its name (a comma cuts « centre de ressources, d'expertise et … » in two).
FORMER_REGION_HEADS = ("région", "creps", "performance sportive")


def _entries() -> list[tuple[str, str, Area]]:
    """(head, name, area) of every table; an empty head means the name alone."""
    rows: list[tuple[str, str, Area]] = []
    for name, codes in _ACADEMIES:
        rows.append(("académie", name, _area(f"académie de {name}", codes.split())))
    for name, codes in _BODIES:
        rows.append(("", name, _area(name, codes.split(), capitalised=name)))
    for name, codes in _PARKS:
        rows.append(("parc national", name, _area(f"parc national {name}", codes.split())))
    for name, codes in _FORMER_REGIONS:
        # capitalised: « la région du centre de la France » names none
        rows.extend((head, name, _area(f"ancienne région {name}", codes.split(),
                                       capitalised=name)) for head in FORMER_REGION_HEADS)
    return rows


def _area(label: str, departements: list[str], *, capitalised: str = "") -> Area:
    words = len(normalize(capitalised).split()) if capitalised else 0
    return Area(label, tuple(departements), words)


@cache
def area_names() -> dict[str, Area]:
    """Every key of every area: « academie de lyon », « academie d aix marseille », « plaine
    commune »…"""
    names: dict[str, Area] = {}
    for head, name, area in _entries():
        key = normalize(name)
        if not head:
            names[key] = area
            continue
        for link in ("", *_LINKS):
            names[f"{normalize(f'{head} {link}')} {key}"] = area
    return names


@cache
def area_prefixes() -> frozenset[str]:
    """Every word-prefix of an area key, to stop a scan early."""
    return frozenset(" ".join(words[:n]) for words in (k.split() for k in area_names())
                     for n in range(1, len(words) + 1))
