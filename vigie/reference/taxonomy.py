"""Themes, reader roles and rubrics, with their stable slugs and the labels readers see.

Mirrors ``shared/eval/TAXONOMY.md``: slugs are identifiers for code, data and URLs; labels are
French and shown as they are. Dict order is the order of the taxonomy, which also breaks ties
between equally likely themes.
"""

from __future__ import annotations

THEMES: dict[str, str] = {
    "institutions": "Institutions locales, élus et décentralisation",
    "intercommunalite": "Intercommunalité et coopération locale",
    "finances": "Finances et fiscalité locales",
    "rh": "Ressources humaines et fonction publique territoriale",
    "commande_publique": "Commande publique et contrats",
    "urbanisme": "Urbanisme, foncier et aménagement opérationnel",
    "logement": "Habitat, logement et gens du voyage",
    "environnement": "Environnement, eau, déchets et biodiversité",
    "energie": "Énergie et climat",
    "risques": "Risques, catastrophes et sécurité civile",
    "securite": "Sécurité, ordre public et police municipale",
    "population": "État civil, élections, citoyenneté et funéraire",
    "social": "Action sociale, santé et solidarités",
    "education": "Éducation, enfance et jeunesse",
    "culture_sport_tourisme": "Culture, sport, tourisme et vie associative",
    "mobilite": "Transports, mobilité et voirie",
    "numerique": "Numérique, télécommunications et données",
    "economie": "Économie locale, emploi, commerce et agriculture",
    "territoires": (
        "Aménagement du territoire, ruralité, montagne, littoral et politique de la ville"
    ),
    "outre_mer": "Outre-mer",
}

ROLES: dict[str, str] = {
    "elus": "Maire et élus",
    "direction": "Direction générale, secrétariat de mairie",
    "rh": "Ressources humaines",
    "finances": "Finances et budget",
    "juridique": "Affaires juridiques et achats",
    "urbanisme": "Urbanisme et aménagement",
    "technique": "Services techniques et environnement",
    "social": "Action sociale (CCAS, autonomie)",
    "education": "Éducation, enfance, jeunesse",
    "securite": "Police municipale et prévention",
    "population": "Population : état civil, élections",
    "culture_sport": "Culture, sport, vie associative",
    "numerique": "Numérique et données (DSI, DPO)",
}

# Typical themes of each role ("direction" reads every theme, so it is handled apart).
ROLE_THEMES: dict[str, tuple[str, ...]] = {
    "elus": ("institutions", "intercommunalite", "finances", "securite", "risques", "territoires"),
    "rh": ("rh",),
    "finances": ("finances", "commande_publique"),
    "juridique": ("commande_publique", "institutions"),
    "urbanisme": ("urbanisme", "logement", "territoires"),
    "technique": ("environnement", "energie", "mobilite", "risques"),
    "social": ("social", "logement"),
    "education": ("education",),
    "securite": ("securite", "risques"),
    "population": ("population",),
    "culture_sport": ("culture_sport_tourisme",),
    "numerique": ("numerique",),
}

RUBRICS: dict[str, str] = {
    "jo": "Journal officiel",
    "parlement": "Parlement",
    "reponses": "Réponses ministérielles",
    "jurisprudence": "Jurisprudence",
    "europe": "Union européenne",
    "circulaires": "Circulaires et instructions",
    "rh": "Infos RH",
    "marches": "Marchés publics",
    "documentation": "Documentation",
    "actualite": "Actualité",
    "financements": "Financements",
}

# Rubrics the analysis selects from and the editions show: the Journal officiel
# (``analysis.engine``), Parliament items (``analysis.questions``): bills in progress
# (« parlement ») and answers to questions (« reponses »); « Actualité », « Infos RH » and
# « Documentation » from the feeds Vigie follows, « Marchés publics » from the BOAMP,
# « Financements » from aid schemes (``FEED_RUBRICS``, ``analysis.outside``), « Jurisprudence »
# from Judilibre's decisions (``analysis.case_law``), « Union européenne » from the notices of
# the EU's Publications Office (``analysis.eu_law``), « Circulaires et instructions » from the
# DILA's CIRCULAIRES fund and the bulletins officiels' feeds (``analysis.outside``). Editions
# show them in the order of ``RUBRICS``.
EDITION_RUBRICS: tuple[str, ...] = ("jo", "parlement", "reponses", "jurisprudence", "europe",
                                    "circulaires", "actualite", "rh", "documentation",
                                    "marches", "financements")
# Court decisions (Judilibre): stored and shown like the feeds' items, not from a feed.
CASE_LAW = "jurisprudence"
# Acts of EU law (Cellar notices, EUR-Lex): likewise.
EUROPE = "europe"
# Aid schemes: their deadlines are reminded (``editions.reminders``).
FUNDING = "financements"
# Circulaires: the DILA's fund (``documents.circulaire_store``) and the bulletins officiels'
# feeds; selected as news are, an abrogated one left out.
CIRCULAIRES = "circulaires"
# Rubrics a feed can be given (``vigie feeds add URL --rubric …``): news feeds, the BOAMP
# and aid-scheme sources whose items always go under their own rubric, bulletins officiels.
FEED_RUBRICS: tuple[str, ...] = ("actualite", "rh", "documentation", "marches", "financements",
                                 CIRCULAIRES)
# Rubrics of items Vigie did not write and shows with their origin (their page, their source's
# facts): the feeds' items (and the DILA's circulaires), court decisions, acts of EU law.
# Such items have no articles.
ORIGIN_RUBRICS: tuple[str, ...] = (*FEED_RUBRICS, CASE_LAW, EUROPE)


def theme_label(slug: str) -> str:
    """The French label of a theme slug (the slug itself when unknown, never an error)."""
    return THEMES.get(slug, slug)


def role_label(slug: str) -> str:
    """The French label of a role slug (the slug itself when unknown)."""
    return ROLES.get(slug, slug)


def roles_for(themes: tuple[str, ...]) -> tuple[str, ...]:
    """Reader roles for a main theme and its secondary ones, most specific first.

    The roles whose typical themes include the main theme come first, then those of the
    secondary themes; "direction" reads everything and closes the list.
    """
    roles: list[str] = []
    for theme in themes:
        for role, typical in ROLE_THEMES.items():
            if theme in typical and role not in roles:
                roles.append(role)
    roles.append("direction")
    return tuple(roles)
