"""The portfolios of a ministry: what it is in charge of, whatever a government calls it.

Ministries are renamed at each government (« cohésion des territoires et relations avec les
collectivités territoriales » in 2020, « aménagement du territoire et décentralisation » in
2026, « partenariat avec les territoires et décentralisation » in between): weights learned on
the words of one year's names would say nothing of the next one's. A portfolio is named by the
stable words of French government portfolios since the 2000s, so that every name of the
ministry in charge of local authorities (or of the interior, of the public accounts…) gives the
same feature. A ministry may hold several portfolios (« transition écologique et cohésion des
territoires »); a body that is not a ministry (an authority, a council) holds none and speaks
through its own name's words.
"""

from __future__ import annotations

import re
from functools import lru_cache

from vigie.analysis.normalize import fold

# Portfolio → the folded words or phrases that name it in a ministry's name. Keys are
# contracts (feature names « portefeuille:<key> » in the weights file): add, never rename.
PORTFOLIOS: dict[str, tuple[str, ...]] = {
    "collectivites": (
        "collectivites territoriales", "collectivites locales", "cohesion des territoires",
        "decentralisation", "amenagement du territoire", "partenariat avec les territoires",
        "ruralite", "relations avec les collectivites", "territoires"),
    "interieur": ("interieur",),
    "outre-mer": ("outre-mer", "outre mer"),
    "comptes publics": ("comptes publics", "budget", "action publique"),
    "fonction publique": (
        "fonction publique", "fonction publiques", "transformation publique",
        "reforme de l'etat"),
    "ecologie": (
        "transition ecologique", "ecologie", "environnement", "developpement durable",
        "biodiversite", "transition energetique"),
    "logement": ("logement", "ville", "habitat", "urbanisme"),
    "transports": ("transports",),
    "economie": ("economie", "finances", "industrie", "souverainete industrielle"),
    "agriculture": ("agriculture", "alimentation", "agro-alimentaire", "peche"),
    "culture": ("culture", "communication"),
    "education": ("education", "jeunesse"),
    "sports": ("sports",),
    "enseignement superieur": ("enseignement superieur", "recherche"),
    "sante et solidarites": (
        "sante", "solidarites", "affaires sociales", "familles", "autonomie",
        "personnes handicapees"),
    "travail": ("travail", "emploi", "insertion"),
    "justice": ("justice",),
    "armees": ("armees", "defense", "anciens combattants"),
    "affaires etrangeres": ("affaires etrangeres", "europe"),
    "mer": ("la mer", "de la mer"),
}
# Only a ministry (or the Prime minister's services) holds portfolios.
_MINISTRY = re.compile(r"^\s*(?:ministeres?|premier ministre|premiere ministre|secretariat)\b")
_PATTERNS = {key: re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, forms)) + r")(?![\w-])")
             for key, forms in PORTFOLIOS.items()}


@lru_cache(maxsize=1024)
def portfolios(name: str) -> tuple[str, ...]:
    """The portfolios a ministry's name says it holds, in table order; none for another body
    (« Conseil constitutionnel ») or an empty name."""
    folded = fold(name).replace("’", "'")
    if not _MINISTRY.match(folded):
        return ()
    return tuple(key for key, pattern in _PATTERNS.items() if pattern.search(folded))


# (« relations avec les collectivités » names the portfolio; « territoriales » after it too)
_LOCAL_NAME = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, PORTFOLIOS["collectivites"]))
                         + r")(?: territoriales?| locales?)?(?![\w-])")


def without_local_authorities(name: str) -> str:
    """A ministry's name, folded, without the words that name the portfolio of local
    authorities (« cohésion des territoires », « décentralisation »): that ministry issues
    texts on all of their fields, and those words name none of them."""
    return _LOCAL_NAME.sub(" ", fold(name).replace("’", "'"))


def is_ministry(name: str) -> bool:
    """Whether ``name`` is a ministry's (or the Prime minister's services'), whatever the
    portfolios it holds; not an authority's, a council's, a court's."""
    return _MINISTRY.match(fold(name).replace("’", "'")) is not None

# How readers see each portfolio in reasons (« ministère chargé des collectivités »).
LABELS: dict[str, str] = {
    "collectivites": "des collectivités territoriales", "interieur": "de l'intérieur",
    "outre-mer": "des outre-mer", "comptes publics": "des comptes publics",
    "fonction publique": "de la fonction publique", "ecologie": "de l'écologie",
    "logement": "du logement et de la ville",
    "transports": "des transports", "economie": "de l'économie et des finances",
    "agriculture": "de l'agriculture", "culture": "de la culture", "education": "de "
    "l'éducation nationale", "sports": "des sports", "enseignement superieur": "de "
    "l'enseignement supérieur et de la recherche", "sante et solidarites": "de la santé et "
    "des solidarités", "travail": "du travail et de l'emploi", "justice": "de la justice",
    "armees": "des armées", "affaires etrangeres": "des affaires étrangères", "mer": "de la mer",
}

# The policy's points a ministry's portfolio brings: the ministry in charge of local
# authorities issues the texts that govern them (the DGCL's ministry); the fields local
# authorities share with the State (the three civil services' common rules, housing and town
# planning, overseas, schools, youth and sports) a little. Read from the portfolio, not from
# the words of one government's name (« cohésion des territoires », « décentralisation »),
# which the lexicon would weigh differently each year.
POINTS: dict[str, float] = {
    "collectivites": 3.0, "fonction publique": 1.5, "logement": 0.5, "outre-mer": 0.5,
    "education": 0.5, "sports": 0.5,
}


def points(held: tuple[str, ...]) -> float:
    """The policy's points of a ministry holding ``held`` (``portfolios``): their mean, since
    each of its texts falls under one of them (a ministry of the ecological transition and of
    territorial cohesion issues ecology texts too)."""
    return sum(POINTS.get(key, 0.0) for key in held) / len(held) if held else 0.0
