"""The vocabulary of local government, weighted, with the theme each term points to.

Each ``Term`` says two things: how strongly it ties a text to local authorities (``local``,
used by selection, policy §2) and which theme it evokes (``theme`` with ``weight``, used by
themes). Surface forms are matched after accent folding and plural stripping, so a term lists
only its synonyms, acronyms and gender variants. Weights are judgments from the editorial
policy, not fitted to any labelled issue: 5 = a notion that only exists for local authorities
(« conseil municipal », « CGCT »), 3 = a domain they run daily (« voirie », « état civil »),
1 = a domain they share with others, 0 = theme only.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    label: str  # shown to readers in reasons
    theme: str
    weight: float  # theme evidence
    local: float  # local-authority evidence
    forms: tuple[str, ...]  # surface forms, label included
    also: str = ""  # a second theme the term evokes, at half its weight


def _t(theme: str, weight: float, local: float, label: str, *others: str) -> Term:
    return Term(label, theme, weight, local, (label, *others))


LEXICON: tuple[Term, ...] = (
    # Institutions locales, élus et décentralisation
    _t("institutions", 2, 5, "collectivités territoriales", "collectivité territoriale",
       "collectivités locales", "collectivité locale", "collectivités à statut particulier"),
    _t("institutions", 3, 5, "élu local", "élus locaux", "élue locale", "élues locales",
       "mandat local", "mandats locaux", "statut de l'élu", "élus municipaux"),
    _t("institutions", 3, 5, "conseil municipal", "conseillers municipaux", "conseiller municipal",
       "conseillère municipale"),
    # A service of a commune (« service archéologique municipal »): the commune is its author.
    _t("institutions", 1, 3, "municipal", "municipale", "municipaux", "municipales"),
    _t("institutions", 3, 5, "conseil départemental", "conseillers départementaux",
       "conseiller départemental", "conseil régional", "conseillers régionaux",
       "conseiller régional", "assemblée de Corse", "collectivité de Corse",
       "conseil exécutif de Corse"),
    _t("institutions", 2, 4, "maire", "maires", "adjoint au maire", "adjoints au maire"),
    _t("institutions", 1, 3, "communes", "commune"),
    _t("institutions", 1, 2, "communale", "communal"),
    _t("institutions", 3, 5, "commune nouvelle", "communes nouvelles"),
    _t("institutions", 3, 4, "décentralisation", "libre administration"),
    _t("institutions", 3, 5, "contrôle de légalité", "actes des collectivités",
       "démocratie locale", "référendum local", "consultation locale"),
    _t("institutions", 2, 3, "exercice des mandats", "indemnités de fonction",
       "conditions d'exercice des mandats"),
    _t("institutions", 1, 4, "établissements publics locaux", "établissement public local"),
    _t("institutions", 2, 1, "chambres régionales des comptes", "chambre régionale des comptes"),
    _t("institutions", 1, 1, "préfet", "préfète", "préfets", "représentant de l'État"),
    # Intercommunalité et coopération locale
    _t("intercommunalite", 3, 5, "EPCI", "établissement public de coopération intercommunale",
       "établissements publics de coopération intercommunale"),
    _t("intercommunalite", 3, 4, "intercommunalité", "intercommunal", "intercommunale",
       "coopération intercommunale"),
    _t("intercommunalite", 3, 5, "communauté de communes", "communauté d'agglomération",
       "communauté urbaine", "métropole du Grand Paris", "métropole de Lyon",
       "métropole d'Aix-Marseille-Provence"),
    _t("intercommunalite", 3, 5, "syndicat mixte", "syndicats mixtes", "syndicat intercommunal",
       "syndicats de communes", "pôle d'équilibre territorial et rural", "PETR"),
    _t("intercommunalite", 3, 5, "groupements de collectivités", "leurs groupements",
       "groupements de communes", "fiscalité propre"),
    _t("intercommunalite", 2, 3, "coopération décentralisée", "transfert de compétences",
       "transferts de compétences"),
    # Finances et fiscalité locales. The instruments of local finance say the subject of a
    # text whoever they are for (« DGF des communes et de leurs groupements »): they outweigh
    # the names of the collectivités they apply to.
    _t("finances", 5, 5, "finances locales", "dotation globale de fonctionnement", "DGF",
       "fonds de compensation pour la taxe sur la valeur ajoutée", "FCTVA",
       "dotation d'équipement des territoires ruraux", "DETR",
       "dotation de soutien à l'investissement local", "DSIL", "dotation de solidarité urbaine",
       "dotation de solidarité rurale", "dotation politique de la ville", "dotation forfaitaire",
       "dotation d'intercommunalité", "dotation de compensation", "dotation nationale de "
       "péréquation", "dotation globale de décentralisation", "dotation de soutien à "
       "l'investissement des départements", "dotation de solidarité communautaire",
       "fonds national de péréquation des ressources intercommunales et communales", "FPIC",
       "attribution de compensation", "attributions de compensation", "potentiel fiscal",
       "potentiel financier", "effort fiscal", "concours financiers de l'État"),
    _t("finances", 2, 3, "dotations", "dotation"),
    _t("finances", 5, 5, "fiscalité locale", "impôts locaux", "impositions locales",
       "taxe foncière", "taxe d'habitation", "cotisation foncière des entreprises",
       "taxe d'enlèvement des ordures ménagères", "valeurs locatives",
       "droits de mutation à titre onéreux", "taxe sur les logements vacants",
       "taxe d'aménagement", "taxe communale sur la consommation finale d'électricité"),
    # A local tax (TAXONOMY « fiscalité locales »: the commune institutes it, sets its rates
    # and collects it) that finances tourism (policy §2.2): finances first, tourism second.
    Term("taxe de séjour", "finances", 5, 5, ("taxe de séjour", "taxes de séjour",
         "taxe de séjour forfaitaire"), also="culture_sport_tourisme"),
    _t("finances", 3, 5, "budgets locaux", "budget primitif", "compte administratif",
       "compte financier unique", "nomenclature M57", "M57", "instruction budgétaire et comptable"),
    _t("finances", 3, 4, "péréquation", "fonds de péréquation", "loi de finances",
       "lois de finances"),
    _t("finances", 2, 1, "comptabilité publique", "comptables publics", "comptable public",
       "gestion budgétaire et comptable publique"),
    _t("finances", 2, 0, "finances publiques", "comptes publics"),
    _t("finances", 1, 1, "subventions", "subvention"),
    _t("finances", 1, 0, "fiscalité", "impôts", "taxe", "budget", "emprunt", "emprunts"),
    # Ressources humaines et fonction publique territoriale
    _t("rh", 3, 5, "fonction publique territoriale", "agents territoriaux", "agent territorial",
       "fonctionnaires territoriaux", "cadre d'emplois", "cadres d'emplois",
       "comité social territorial", "emplois fonctionnels", "directeur général des services",
       "secrétaire de mairie", "secrétaires de mairie", "secrétaire général de mairie",
       "secrétaires généraux de mairie"),
    _t("rh", 3, 5, "centre de gestion", "centres de gestion",
       "Centre national de la fonction publique territoriale", "CNFPT",
       "caisse nationale de retraites des agents des collectivités locales", "CNRACL"),
    _t("rh", 3, 4, "trois fonctions publiques", "agents publics", "agent public"),
    _t("rh", 3, 3, "fonction publique", "fonctions publiques"),
    _t("rh", 2, 2, "fonctionnaires", "agents contractuels", "protection sociale complémentaire",
       "régime indemnitaire", "RIFSEEP", "point d'indice",
       "indemnité de fonctions, de sujétions et d'expertise", "IFSE"),
    # The other two fonctions publiques alone: their own rules, not those of local employers.
    _t("rh", 2, 0, "fonction publique hospitalière", "fonction publique de l'État"),
    _t("rh", 3, 2, "liste d'aptitude", "listes d'aptitude"),
    _t("rh", 0.5, 1, "territorial", "territoriale"),
    _t("rh", 1, 0, "recrutement", "concours", "avancement", "rémunération", "télétravail",
       "congé", "dialogue social", "santé et sécurité au travail"),
    # Commande publique et contrats
    _t("commande_publique", 3, 4, "commande publique", "marchés publics", "marché public",
       "délégation de service public", "délégations de service public", "achat public",
       "acheteurs publics", "contrats de concession", "marchés de partenariat"),
    _t("commande_publique", 1, 1, "concessions", "concession"),
    # Urbanisme, foncier et aménagement opérationnel
    _t("urbanisme", 3, 5, "urbanisme", "autorisations d'urbanisme", "permis de construire",
       "permis d'aménager", "certificat d'urbanisme", "plan local d'urbanisme", "PLU", "PLUi",
       "carte communale", "schéma de cohérence territoriale", "SCoT", "documents d'urbanisme"),
    _t("urbanisme", 3, 4, "droit de préemption", "préemption", "expropriation",
       "déclaration d'utilité publique", "zone d'aménagement concerté", "ZAC",
       "aménagement opérationnel", "lotissement", "friches", "artificialisation des sols",
       "zéro artificialisation nette", "établissement public foncier",
       "établissements publics fonciers", "biens sans maître", "biens vacants",
       "publicité extérieure", "règlement local de publicité"),
    _t("urbanisme", 2, 3, "domaine public", "propriété des personnes publiques",
       "établissements recevant du public"),
    _t("urbanisme", 2, 2, "foncier", "foncière", "foncières", "valeur vénale"),
    _t("urbanisme", 1, 1, "terres agricoles", "aménagement", "accessibilité"),
    _t("urbanisme", 2, 1, "patrimoine immobilier", "immobilier", "immobilière"),
    # Habitat, logement et gens du voyage
    _t("logement", 3, 4, "logement social", "logements sociaux", "habitations à loyer modéré",
       "HLM", "offices publics de l'habitat", "office public de l'habitat", "bailleurs sociaux",
       "programme local de l'habitat", "habitat indigne", "insalubrité",
       "immeubles menaçant ruine", "attribution des logements",
       "réduction de loyer de solidarité"),
    _t("logement", 3, 5, "gens du voyage", "aires d'accueil", "aire d'accueil"),
    _t("logement", 2, 1, "logement", "logements", "habitat", "copropriétés", "copropriété",
       "hébergement d'urgence"),
    # Environnement, eau, déchets et biodiversité
    _t("environnement", 3, 4, "eau potable", "assainissement", "eaux usées", "eaux pluviales",
       "GEMAPI", "gestion des milieux aquatiques", "service public de l'eau"),
    _t("environnement", 3, 3, "déchets", "ordures ménagères", "biodéchets", "collecte des déchets",
       "responsabilité élargie du producteur", "économie circulaire"),
    _t("environnement", 3, 4, "parc naturel régional", "parcs naturels régionaux", "espaces verts"),
    _t("environnement", 3, 2, "réserve naturelle", "réserves naturelles", "Natura 2000",
       "évaluation environnementale", "qualité de l'air"),
    _t("environnement", 2, 1, "biodiversité", "espaces naturels", "zones humides", "pollution",
       "installations classées", "ressource en eau", "eau", "eaux"),
    _t("environnement", 1, 0, "environnement", "environnemental", "environnementale", "forêt",
       "forêts", "transition écologique"),
    # Énergie et climat
    _t("energie", 3, 4, "usage tertiaire", "bâtiments tertiaires", "décret tertiaire",
       "éclairage public", "réseaux de chaleur", "réseau de chaleur", "plan climat-air-énergie",
       "PCAET", "autorité organisatrice de la distribution",
       # the networks those authorities extend in rural communes (code de l'énergie, L. 322-6)
       "électrification rurale", "électrification",
       # the décret tertiaire's own name (code de la construction, art. L. 174-1)
       "obligations d'actions de réduction", "obligation d'actions de réduction"),
    _t("energie", 3, 2, "rénovation énergétique", "autoconsommation collective"),
    _t("energie", 3, 1, "consommations d'énergie", "consommation d'énergie",
       "performance énergétique", "efficacité énergétique", "transition énergétique",
       "économies d'énergie"),
    _t("energie", 3, 0.5, "énergies renouvelables", "énergie renouvelable", "photovoltaïque",
       "éolien", "éoliennes"),
    _t("energie", 1, 0, "énergie", "énergétique", "climat", "électricité", "gaz",
       "pompes à chaleur"),
    # Risques, catastrophes et sécurité civile
    _t("risques", 3, 5, "catastrophe naturelle", "catastrophes naturelles",
       "services d'incendie et de secours", "service départemental d'incendie et de secours",
       "SDIS", "plan communal de sauvegarde", "défense extérieure contre l'incendie",
       "fonds de prévention des risques naturels majeurs"),
    _t("risques", 3, 4, "plan de prévention des risques", "plans de prévention des risques",
       "PPRN", "PPRI", "recul du trait de côte"),
    _t("risques", 3, 3, "sécurité civile", "sapeurs-pompiers", "sapeur-pompier",
       "risques naturels", "obligations légales de débroussaillement"),
    _t("risques", 2, 2, "inondations", "inondation", "submersion", "mouvements de terrain",
       "retrait-gonflement des argiles", "incendies de forêt", "sécheresse"),
    _t("risques", 1, 0, "risques", "crise", "crises"),
    # Sécurité, ordre public et police municipale
    _t("securite", 3, 5, "police municipale", "polices municipales", "policiers municipaux",
       "gardes champêtres", "garde champêtre", "pouvoirs de police du maire"),
    _t("securite", 3, 3, "vidéoprotection", "prévention de la délinquance", "police administrative",
       "tranquillité publique", "tranquillité", "rodéos"),
    _t("securite", 3, 2, "ordre public"),
    _t("securite", 2, 1, "sécurité publique", "sécurité intérieure", "délinquance", "nuisances"),
    _t("securite", 1, 0, "sécurité", "gendarmerie", "police nationale", "armes", "terrorisme"),
    # État civil, élections, citoyenneté et funéraire
    _t("population", 3, 5, "état civil", "officier de l'état civil", "actes de l'état civil",
       "listes électorales", "liste électorale", "répertoire électoral unique",
       "bureaux de vote", "bureau de vote", "élections municipales", "élections départementales",
       "élections régionales", "cimetières", "cimetière", "concessions funéraires"),
    _t("population", 3, 4, "funéraire", "funéraires", "opérations funéraires", "crématorium",
       "recensement de la population"),
    _t("population", 3, 3, "inhumation", "crémation", "pompes funèbres", "procurations",
       "cartes nationales d'identité", "carte nationale d'identité", "passeports",
       "pacte civil de solidarité", "mariage"),
    _t("population", 2, 2, "élections", "élection", "électoral", "électorale", "scrutin",
       "campagne électorale"),
    _t("population", 1, 0, "citoyenneté", "nationalité", "naturalisation", "changement de nom"),
    # Action sociale, santé et solidarités
    _t("social", 3, 5, "centre communal d'action sociale", "centres communaux d'action sociale",
       "CCAS", "CIAS", "centre intercommunal d'action sociale"),
    _t("social", 3, 4, "revenu de solidarité active", "revenu de solidarité", "RSA",
       "allocation personnalisée d'autonomie", "prestation de compensation du handicap",
       "aide sociale à l'enfance", "protection de l'enfance", "aide sociale"),
    _t("social", 3, 3, "action sociale"),
    _t("social", 2, 2, "médico-social", "médico-sociale", "médico-sociaux", "aide à domicile",
       "centres de santé", "EHPAD", "minima sociaux"),
    _t("social", 2, 1, "autonomie", "handicap", "personnes handicapées", "personnes âgées",
       "accès aux soins", "hébergement"),
    _t("social", 2, 0, "aide à mourir", "fin de vie", "soins palliatifs"),
    _t("social", 1, 0, "solidarité", "solidarités", "insertion", "pauvreté", "santé",
       "santé publique", "hospitalier", "hospitalière", "hospitalières", "sécurité sociale"),
    # Éducation, enfance et jeunesse
    _t("education", 3, 5, "restauration scolaire", "caisse des écoles", "périscolaire",
       "temps scolaire", "rythmes scolaires", "écoles maternelles", "écoles élémentaires",
       "école maternelle", "école élémentaire", "écoles primaires", "école primaire",
       "directeurs d'école", "directrices d'école", "écoles publiques", "premier degré"),
    _t("education", 3, 4, "petite enfance", "établissements d'accueil du jeune enfant",
       "crèches", "crèche", "assistants maternels", "assistantes maternelles",
       "accueils collectifs de mineurs", "accueil collectif de mineurs", "accueils de loisirs",
       "accueil de loisirs", "centres de loisirs", "carte scolaire", "cantines", "cantine"),
    _t("education", 2, 3, "collèges publics", "instruction en famille"),
    _t("education", 2, 1, "écoles", "école", "collèges"),
    _t("education", 2, 1, "jeunesse", "enfance", "scolaire", "scolaires", "lycées"),
    _t("education", 1, 0, "élèves", "enseignement", "éducation nationale", "baccalauréat"),
    # Culture, sport, tourisme et vie associative
    _t("culture_sport_tourisme", 3, 4, "communes touristiques", "commune touristique",
       "stations classées", "station classée", "stations de tourisme", "station de tourisme",
       "offices de tourisme", "office de tourisme"),
    _t("culture_sport_tourisme", 3, 3, "équipements sportifs", "bibliothèques", "médiathèques",
       "lecture publique", "conservatoires", "enseignement artistique", "archives communales"),
    _t("culture_sport_tourisme", 2, 1, "tourisme", "sport", "sports", "sportif", "sportive",
       "musées", "monuments historiques", "vie associative", "piscines"),
    _t("culture_sport_tourisme", 1, 0, "culture", "culturel", "culturelle", "patrimoine",
       "associations", "spectacle vivant", "archives"),
    # Heritage that development works must let be searched first (code du patrimoine, book V):
    # communes and départements run approved services, planners pay for the digs.
    Term("archéologie préventive", "culture_sport_tourisme", 2, 1, (
        "archéologie préventive", "archéologie", "archéologique", "fouilles archéologiques"),
        also="urbanisme"),
    # Transports, mobilité et voirie
    _t("mobilite", 3, 5, "autorité organisatrice de la mobilité",
       "autorités organisatrices de la mobilité", "voies communales", "routes départementales",
       "transports scolaires", "transport scolaire"),
    _t("mobilite", 3, 4, "voirie", "versement mobilité", "zones à faibles émissions",
       "zone à faibles émissions"),
    _t("mobilite", 2, 3, "stationnement", "pistes cyclables", "limitation de vitesse"),
    _t("mobilite", 2, 2, "transports en commun", "transport public", "transports collectifs",
       "infrastructures de recharge", "bornes de recharge"),
    _t("mobilite", 2, 1, "mobilité", "mobilités", "circulation", "sécurité routière"),
    _t("mobilite", 1, 0, "transports", "transport", "véhicules", "véhicule",
       "permis de conduire", "ferroviaire"),
    # Numérique, télécommunications et données
    _t("numerique", 3, 4, "base adresse nationale", "adressage", "réseaux d'initiative publique"),
    _t("numerique", 3, 3, "très haut débit", "zones blanches", "couverture mobile"),
    _t("numerique", 3, 2, "zone fibrée", "zones fibrées", "fibre optique", "ouverture des données",
       "données publiques"),
    _t("numerique", 3, 1, "données personnelles", "protection des données", "cybersécurité",
       "dématérialisation", "téléservices", "téléservice"),
    _t("numerique", 3, 0, "communications électroniques", "fibre", "Autorité de régulation des "
       "communications électroniques", "ARCEP", "fréquences radioélectriques",
       "bande de fréquences", "bandes de fréquences", "utilisation de fréquences",
       "spectre radioélectrique", "haut débit", "réseaux mobiles", "réseau mobile",
       "téléphonie mobile", "antennes-relais", "infrastructures numériques", "5G"),
    # « fréquence » alone is also how often (« fréquence de collecte des déchets »): a hint.
    _t("numerique", 1.5, 0, "fréquences"),
    # Not « données » alone: folded, it is also « donnée » (given), as in « délégation donnée ».
    _t("numerique", 2, 0, "numérique", "intelligence artificielle", "données numériques",
       "traitement de données", "traitements de données"),
    # Économie locale, emploi, commerce et agriculture
    _t("economie", 3, 4, "zones d'activité économique", "projets alimentaires territoriaux",
       "commerce de proximité", "foires et marchés", "halles"),
    _t("economie", 3, 2, "développement économique", "aides aux entreprises"),
    _t("economie", 2, 0, "agricole", "agricoles", "agriculture", "agriculteurs", "artisanat",
       "commerce", "industrie", "industriel", "industrielle", "pêche", "alimentation",
       "alimentaire", "entreprises"),
    _t("economie", 1, 0, "économie", "économique", "emploi"),
    # A branch agreement of the private sector is about that sector, whoever signs the
    # extension (the ministry of labour): theme only, it weighs nothing for selection.
    _t("economie", 3, 0, "convention collective", "conventions collectives",
       "accord de branche", "branche professionnelle"),
    # Aménagement du territoire, ruralité, montagne, littoral et politique de la ville
    _t("territoires", 3, 5, "zones de revitalisation rurale", "zone de revitalisation rurale",
       "ZRR", "France ruralités revitalisation", "Action cœur de ville",
       "Petites villes de demain", "opération de revitalisation de territoire",
       "opérations de revitalisation de territoire"),
    _t("territoires", 3, 4, "politique de la ville", "quartiers prioritaires",
       "contrat de ville", "contrats de ville", "France services", "contrat de plan État-région"),
    _t("territoires", 3, 3, "aménagement du territoire", "cohésion des territoires",
       "ruralité", "territoires ruraux", "communes rurales", "zonage", "zonages"),
    _t("territoires", 3, 2, "montagne", "littoral", "communes littorales", "revitalisation"),
    _t("territoires", 2, 1, "rural", "rurale", "rurales", "territoires insulaires",
       "insularité"),
    # Outre-mer
    _t("outre_mer", 3, 4, "octroi de mer"),
    _t("outre_mer", 3, 3, "départements d'outre-mer", "collectivités d'outre-mer"),
    _t("outre_mer", 3, 1, "outre-mer", "ultramarin", "ultramarins", "ultramarines",
       "Guadeloupe", "Martinique", "Guyane", "La Réunion", "Mayotte", "Nouvelle-Calédonie",
       "Polynésie française", "Wallis-et-Futuna", "Saint-Pierre-et-Miquelon",
       "Saint-Barthélemy"),
)


@dataclass(frozen=True)
class Code:
    name: str  # as readers know it
    theme: str
    local: float  # how surely a text citing it concerns local authorities


CODES: tuple[Code, ...] = (
    Code("code général des collectivités territoriales", "institutions", 5),
    Code("code des communes", "institutions", 4),
    Code("code général de la fonction publique", "rh", 3),
    Code("code de l'urbanisme", "urbanisme", 3),
    Code("code de la commande publique", "commande_publique", 3),
    Code("code électoral", "population", 3),
    Code("code de la voirie routière", "mobilite", 3),
    Code("code général de la propriété des personnes publiques", "urbanisme", 3),
    Code("code de l'action sociale et des familles", "social", 2),
    Code("code de la construction et de l'habitation", "logement", 2),
    Code("code des juridictions financières", "finances", 1),
    Code("code de l'environnement", "environnement", 1),
    Code("code de la sécurité intérieure", "securite", 1),
    Code("code de l'éducation", "education", 1),
    Code("code du tourisme", "culture_sport_tourisme", 1),
    Code("code du sport", "culture_sport_tourisme", 1),
    Code("code du patrimoine", "culture_sport_tourisme", 1),
    Code("code général des impôts", "finances", 1),
    Code("code des impositions sur les biens et services", "finances", 1),
    Code("code de la route", "mobilite", 1),
    Code("code des transports", "mobilite", 1),
    Code("code de l'énergie", "energie", 1),
    Code("code de la santé publique", "social", 0.5),
    Code("code rural et de la pêche maritime", "economie", 0.5),
    Code("code forestier", "environnement", 0.5),
    Code("code des postes et des communications électroniques", "numerique", 0.5),
    Code("code des assurances", "risques", 0.5),
    Code("code civil", "population", 0.5),
)
CODE_ALIASES: dict[str, str] = {
    "CGCT": "code général des collectivités territoriales",
    "CASF": "code de l'action sociale et des familles",
    "CGFP": "code général de la fonction publique",
    "CGPPP": "code général de la propriété des personnes publiques",
    "CCH": "code de la construction et de l'habitation",
    "CGI": "code général des impôts",
    "CPCE": "code des postes et des communications électroniques",
}


@dataclass(frozen=True)
class Direction:
    """A NOR prefix (ministry + direction letter) that tells the domain of a text."""

    label: str
    theme: str
    local: float


# NOR: 3 letters for the ministry, 1 for the direction, 2 digits of year, 5 of number, 1 of
# nature. Only directions whose business is local government are listed; a ministry's code
# changes with governments, so several codes name the same direction.
NOR_DIRECTIONS: dict[str, Direction] = {
    **dict.fromkeys(("INTB", "TERB", "COTB", "TCTB"), Direction(
        "direction générale des collectivités locales", "institutions", 3)),
    **dict.fromkeys(("TFPF", "RDFF", "CPAF"), Direction(
        "direction générale de l'administration et de la fonction publique", "rh", 2)),
    **dict.fromkeys(("LHAL", "ETLL", "TERL", "LOGL", "TREL"), Direction(
        "direction de l'habitat, de l'urbanisme et des paysages", "urbanisme", 1)),
    "INTE": Direction("direction générale de la sécurité civile et de la gestion des crises",
                      "risques", 0.5),
}
NOR_NATURES: dict[str, str] = {
    "L": "LOI", "R": "ORDONNANCE", "D": "DECRET", "A": "ARRETE", "C": "CIRCULAIRE",
    "S": "DECISION", "V": "AVIS",
}
