"""Names that keep their capitals in a French sentence: institutions, countries, places, acronyms.

Owns the general knowledge that ``reference.capitals`` uses to write a title the source wrote in
capitals: institutions as official typography writes them (« Assemblée nationale », « Conseil
d'État », « La Poste »), countries, the places of the Code officiel géographique (régions,
départements, communes: ``reference.geography``) and acronyms (« EPCI », « PLU »; a word of at
most five letters without a vowel is one too: « SNCF », « DGF »). A place whose name is also a
common word (« la somme », « le lot ») is a place only on evidence, which ``capitals`` weighs.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from vigie.reference.geography import GeoTables, load_geo, normalize

# Institutions and bodies, as official typography writes them (matched on folded words).
INSTITUTIONS = (
    "Assemblée nationale", "Sénat", "Parlement", "Parlement européen", "République",
    "Gouvernement", "État", "Premier ministre", "Première ministre", "Conseil d'État",
    "Conseil constitutionnel", "Cour des comptes", "Cour de cassation", "Défenseur des droits",
    "Conseil économique social et environnemental", "Union européenne",
    "Commission européenne", "Conseil européen", "Conseil de l'Europe", "Nations unies",
    "Banque de France", "Caisse des dépôts", "La Poste", "Pôle emploi", "France Travail",
    "France Services", "Élysée", "Matignon", "Europe", "France", "Grand Paris",
)
# Countries and groups of them, French names (the places beyond the COG a title may name).
COUNTRIES = (
    "Allemagne", "Autriche", "Belgique", "Bulgarie", "Chypre", "Croatie", "Danemark",
    "Espagne", "Estonie", "Finlande", "Grèce", "Hongrie", "Irlande", "Italie", "Lettonie",
    "Lituanie", "Luxembourg", "Malte", "Pays-Bas", "Pologne", "Portugal", "Roumanie",
    "Slovaquie", "Slovénie", "Suède", "Tchéquie", "Royaume-Uni", "Suisse", "Norvège",
    "Islande", "Andorre", "Monaco", "Ukraine", "Russie", "Turquie", "États-Unis", "Canada",
    "Québec", "Mexique", "Brésil", "Argentine", "Chine", "Japon", "Inde", "Australie",
    "Maroc", "Algérie", "Tunisie", "Libye", "Égypte", "Sénégal", "Mali", "Niger", "Tchad",
    "Afghanistan", "Syrie", "Liban", "Israël", "Iran", "Irak", "Arménie", "Haïti", "Comores",
    "Madagascar", "Maurice", "Afrique", "Amérique", "Asie", "Océanie", "Méditerranée",
)
# Acronyms with a vowel, frequent in what local authorities read (the others are told by
# having none: « SNCF », « DGF », « PLH »).
ACRONYMS = frozenset({
    "EPCI", "PLU", "PLUI", "SCOT", "ZAN", "EHPAD", "CCAS", "CIAS", "SDIS", "SIVU", "SIVOM",
    "DETR", "DSIL", "DSR", "DSU", "CFE", "CVAE", "TEOM", "TFPB", "TVA", "RSA", "APL", "CAF",
    "URSSAF", "INSEE", "ADEME", "ANAH", "ANRU", "ANCT", "CEREMA", "ONF", "OFB", "CNIL",
    "CADA", "OQTF", "ASE", "PMI", "MDPH", "ARS", "ESAT", "AESH", "ATSEM", "QPV", "ZRR",
    "FCTVA", "GEMAPI", "PPRI", "ICPE", "ZAC", "ZFE", "TER", "TGV", "RATP", "EDF", "ENEDIS",
    "GRDF", "ONU", "OTAN", "UE", "OMS", "COVID", "PME", "TPE", "ETI", "AME", "PUMA", "AAH",
    "RER", "LGV", "CMP", "COR", "CESE", "CNRS", "INRAE", "SAMU", "SMUR", "CHU", "UNEDIC",
})
# Place names that are also common words (« la somme de », « le lot », « tours de garde »):
# never taken for places without evidence from the file itself.
HOMONYMS = frozenset({"reunion", "somme", "lot", "nord", "aube", "tours", "moulins", "orange",
                      "plaisir", "croix", "valence", "vienne", "cher", "landes", "manche"})
# A commune named by one word is a place in a title when it is a préfecture, or this big.
TOWN = 20000
VOWELS = frozenset("aeiouyàâäéèêëîïôöùûüÿœæ")


@dataclass(frozen=True)
class Name:
    """A known name: how it is written, and what it is (for the evidence it needs)."""

    form: str
    kind: str  # "institution", "country", "region", "departement", "commune"
    town: str = ""  # a commune: "prefecture", "big" (``TOWN`` inhabitants or more), or ""


def is_acronym(word: str) -> bool:
    """« SNCF », « DGF », « EPCI », « PLU »: a word written in capitals to keep as it is."""
    letters = word.upper()
    if letters in ACRONYMS:
        return True
    return 2 <= len(word) <= 5 and word.isalpha() and not VOWELS & set(word.lower())


@cache
def fixed_names() -> dict[str, Name]:
    """Institutions and countries by their folded key (« conseil d etat »)."""
    names = {normalize(form): Name(form, "institution") for form in INSTITUTIONS}
    names.update({normalize(form): Name(form, "country") for form in COUNTRIES})
    return names


def known_name(key: str) -> Name | None:
    """The name a folded key (« grande synthe », « la poste ») stands for, if any."""
    found = fixed_names().get(key)
    return found if found is not None else _place(load_geo(), key)


def _place(geo: GeoTables, key: str) -> Name | None:
    """The région, département or current commune whose own name (not another name it is
    known by: « île de La Réunion ») folds to ``key``."""
    region = geo.region_names.get(key)
    departement = geo.departement_names.get(key)
    current = [e.commune for e in geo.commune_names.get(key, ()) if e.current]
    if region is not None and normalize(region.name) == key:
        return Name(region.name, "region")
    if departement is not None and normalize(departement.name) == key:
        return Name(departement.name, "departement")
    commune = max(current, key=lambda c: c.population) if current else None
    if commune is None or normalize(commune.name) != key:
        return None
    town = "prefecture" if commune.code in geo.chefs_lieux else (
        "big" if commune.population >= TOWN else "")
    return Name(commune.name, "commune", town)


@cache
def max_tokens() -> int:
    """How many words the longest known name has (places, institutions, countries)."""
    return max(load_geo().max_tokens, *(key.count(" ") + 1 for key in fixed_names()))
