"""Title cues of the editorial policy: what a reader skimming the sommaire reacts to.

Negative cues are the cases of policy §4 (not retained); positive ones are §2.5 (territories
designated for a measure), §2.6 (funding), §2.2 and §3 (the plan of a territory) and §3
(State officials named for a territory).
Each cue carries the short French reason shown to readers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from vigie.analysis.commune_sense import other_senses
from vigie.analysis.normalize import PhraseMatcher, by_first_character, fold, fold_chars


@dataclass(frozen=True)
class Cue:
    points: float
    reason: str
    forms: tuple[str, ...]
    # The form of the act settles it (a signature delegation stays internal whatever the
    # service): no vocabulary can make such a text retained.
    veto: bool = False


def matcher(cues: tuple[Cue, ...], extra: tuple[tuple[str, str], ...] = ()) -> PhraseMatcher:
    """One matcher for a family of cues; keys are indexes into the tuple (``extra``: more
    (form, key) pairs)."""
    return PhraseMatcher([*((form, str(i)) for i, cue in enumerate(cues) for form in cue.forms),
                          *extra])


NEGATIVE: tuple[Cue, ...] = (
    Cue(-8, "accord de branche du secteur privé (convention collective)", (
        "convention collective", "conventions collectives", "extension d'un accord",
        "extension d'un avenant", "extension de l'avenant", "extension de l'accord",
        "branche professionnelle", "accord collectif"), veto=True),
    Cue(-5, "délégation de signature : organisation interne de l'administration", (
        "délégation de signature", "délégations de signature"), veto=True),
    Cue(-5, "cabinet ministériel", (
        "cabinet du ministre", "cabinet de la ministre", "cabinet du Premier ministre",
        "cabinet de la Première ministre", "cabinet du secrétaire d'État",
        "cabinet de la secrétaire d'État"), veto=True),
    Cue(-4, "organisation interne d'un service de l'État", (
        "opération de restructuration", "administration centrale", "services du ministère",
        "régies d'avances et de recettes", "régie d'avances et de recettes",
        "régies de recettes et d'avances", "liste des emplois", "organisation de la direction",
        "organisation des directions", "organisation de la délégation",
        "organisation du secrétariat général")),
    Cue(-3, "examen ou avancement dans un corps de l'État", (
        "examen professionnel", "examens professionnels", "avancement au grade")),
    Cue(-6, "nomination diplomatique", (
        "ambassadeur", "ambassadrice", "consul général", "consule générale",
        "plénipotentiaire"), veto=True),
    Cue(-5, "distinction honorifique individuelle", (
        "Légion d'honneur", "ordre national du Mérite", "ordre des Palmes académiques",
        "ordre du Mérite agricole", "ordre des Arts et des Lettres"), veto=True),
    Cue(-6, "officiers publics ou ministériels", (
        "officiers publics ou ministériels", "notaire", "notaires", "notaire salariée",
        "huissier de justice", "commissaire de justice", "commissaires de justice",
        "greffier de tribunal de commerce", "société d'exercice libéral",
        "société civile professionnelle"), veto=True),
    Cue(-3, "magistrature", ("magistrature", "magistrats", "magistrat")),
    Cue(-6, "demande de changement de nom", ("changement de nom", "changements de nom"), veto=True),
    Cue(-5, "prix et remboursement des produits de santé", (
        "spécialités pharmaceutiques", "spécialités remboursables", "médicaments",
        "médicament", "dispositifs médicaux", "liste des produits et prestations"), veto=True),
    # Hospitals, health professions and health insurance: a system the State and the caisses
    # run, where local authorities hold no power (their centres de santé say so by name).
    Cue(-2, "système de soins (hôpitaux, professions de santé, assurance maladie)", (
        "établissements de santé", "établissement public de santé",
        "établissements publics de santé", "professionnels de santé", "pertinence des soins",
        "soins hospitaliers", "assurance maladie")),
    Cue(-4, "produits sous appellation d'origine : un secteur privé", (
        "appellation d'origine", "appellations d'origine", "indication géographique protégée",
        "indications géographiques", "vins", "vin")),
    Cue(-3, "agrément d'un organisme privé ou associatif", (
        "agrément de la société", "agrément national", "portant agrément",
        "habilitation de la société")),
    Cue(-4, "autorisations individuelles d'exercer une profession", (
        "personnes autorisées à exercer",), veto=True),
    # A law that authorises ratifying a treaty changes no rule by itself (policy §2.4 retains
    # laws for what they change): the form settles it.
    Cue(-4, "accord international", (
        "autorisant l'approbation", "autorisant la ratification", "convention fiscale",
        "accord entre le Gouvernement de la République française"), veto=True),
    Cue(-2, "diplôme national, affaire de l'État", (
        "baccalauréat", "brevet de technicien supérieur", "certificat d'aptitude professionnelle",
        "diplôme national", "diplôme d'État")),
    Cue(-3, "mesure pour une entreprise nommée", (
        "SAS", "SARL", "société anonyme", "société par actions simplifiée", "à la société",
        "de la société", "autorisant la société",
        # a société civile immobilière is a company, whatever « société civile » says below
        *(f"{head} la société civile immobilière" for head in ("à", "de", "autorisant")))),
    Cue(-3, "patrimoine ou participations de l'État", (
        "domaine public de l'État", "domaine privé de l'État", "cession amiable",
        "dividende", "augmentation de capital", "garantie de l'État",
        "transfert au secteur privé")),
    Cue(-4, "avis de vacance d'un emploi de l'État", (
        "avis de vacance", "vacance d'un emploi", "vacance d'emploi", "vacances d'emplois")),
    # The report presents a text published beside it, which is decided for itself.
    Cue(-3, "rapport de présentation d'un autre texte", (
        "rapport au Président de la République", "rapport au Premier ministre")),
    Cue(-3, "mouvement de crédits du budget de l'État", (
        "virement de crédits", "virements de crédits", "transfert de crédits",
        "transferts de crédits", "annulation de crédits", "annulations de crédits",
        "report de crédits", "reports de crédits")),
)

DESIGNATION = Cue(3, "désigne ou classe des territoires pour une mesure", (
    "catastrophe naturelle", "catastrophes naturelles", "zones de revitalisation rurale",
    "zone de revitalisation rurale", "France ruralités revitalisation", "zonage", "zonages",
    "classement en station", "stations de tourisme", "communes touristiques",
    "liste des communes", "listes des communes", "communes éligibles", "quartiers prioritaires",
    "zone tendue", "zones tendues", "communes littorales", "zones de montagne",
    "zones d'aide à finalité régionale", "zone d'aide à finalité régionale", "bassins d'emploi",
    "communes classées", "classement des communes"))

FUNDING = Cue(2, "ouvre un financement que les collectivités peuvent solliciter", (
    "appel à projets", "appels à projets", "appel à manifestation d'intérêt", "fonds vert",
    "fonds d'accélération de la transition écologique", "fonds de soutien", "fonds d'aide",
    "aide à l'investissement"))

# The plan, scheme or programme of a territory (a region's forest programme, a risk prevention
# plan, a SCoT): the communes and groupings there apply it or must take it into account in
# their own planning (§2.2 urbanisme and risques; §3 when it names its territory).
PLANNING = Cue(2, "plan, schéma ou programme d'un territoire, que ses collectivités appliquent "
               "ou prennent en compte", (
                   "programme régional", "programmes régionaux", "schéma régional",
                   "schémas régionaux", "plan régional", "plans régionaux",
                   "programme départemental", "schéma départemental", "schémas départementaux",
                   "plan départemental", "plans départementaux", "schéma directeur",
                   "plan de prévention des risques", "plans de prévention des risques",
                   "schéma de cohérence territoriale", "plan local d'urbanisme",
                   "plans locaux d'urbanisme", "schéma d'aménagement", "SRADDET", "SDAGE",
                   "plan climat"))

# « la société » that names no company: civil society, or a company of local authorities
# (économie mixte, publique locale), whose measures concern the collectivités that own it. The
# longer phrase wins over the cue's « de la société » (``PhraseMatcher``) and counts for none.
NOT_A_COMPANY = "-"
_NOT_COMPANY_FORMS = tuple(f"{head} la société {tail}" for head in ("à", "de", "autorisant")
                           for tail in ("civile", "d'économie mixte", "publique locale"))


@lru_cache(maxsize=256)
def negative(title_stream: str) -> tuple[Cue, ...]:
    """The negative cues found in a title (``stream``), each once (cached: features,
    structure and selection each ask it of the same title)."""
    return tuple(NEGATIVE[int(key)] for key in NEGATIVE_MATCHER.count(title_stream)
                 if key != NOT_A_COMPANY)


# State officials and local bodies whose nomination concerns the territory they serve (§3).
LOCAL_FUNCTIONS = Cue(6.5, "nomination d'un responsable public pour un territoire", (
    "préfet", "préfète", "préfets", "sous-préfet", "sous-préfète", "sous-préfets",
    "secrétaire général de la préfecture", "secrétaire générale de la préfecture",
    "secrétaire général pour les affaires régionales", "directeur académique",
    "directrice académique", "directeurs académiques", "DASEN", "recteur de région académique",
    "rectrice de région académique", "recteur d'académie", "rectrice d'académie",
    "recteur de la région académique", "rectrice de la région académique",
    "recteur de l'académie", "rectrice de l'académie", "inspecteur d'académie",
    "directions départementales interministérielles", "direction départementale",
    "directions départementales", "directeur départemental", "directrice départementale",
    "directeurs départementaux", "direction régionale", "directions régionales",
    "directeur régional", "directrice régionale", "directeurs régionaux",
    "de l'alimentation, de l'agriculture et de la forêt",
    "de l'environnement, de l'aménagement et du logement",
    "de l'économie, de l'emploi, du travail et des solidarités", "agence régionale de santé",
    "haut-commissaire", "haute-commissaire", "administrateur supérieur",
    "établissement public foncier", "établissement public d'aménagement",
    "office public de l'habitat"))

# Of those, the regional services of the State and their deputies: the policy names the
# préfet, the sous-préfet, the DASEN and the director of a direction départementale (§3), not
# every regional service, whose nominations editors mostly leave out: excluded whatever their
# sum, but for the finances publiques (``features.REGIONAL_VETO``).
REGIONAL_FUNCTIONS = frozenset({
    "direction régionale", "directions régionales", "directeur régional", "directrice régionale",
    "directeurs régionaux", "de l'alimentation, de l'agriculture et de la forêt",
    "de l'environnement, de l'aménagement et du logement",
    "de l'économie, de l'emploi, du travail et des solidarités", "agence régionale de santé"})

NEGATIVE_MATCHER = matcher(NEGATIVE, tuple((form, NOT_A_COMPANY) for form in _NOT_COMPANY_FORMS))
DESIGNATION_MATCHER = matcher((DESIGNATION,))
FUNDING_MATCHER = matcher((FUNDING,))
PLANNING_MATCHER = matcher((PLANNING,))


@lru_cache(maxsize=256)  # features and selection both ask it of the same title
def funds_and_plans(title_stream: str) -> tuple[bool, bool]:
    """Whether a title (``stream``) names funding (``FUNDING``), and the plan of a territory
    (``PLANNING``)."""
    return bool(FUNDING_MATCHER.first(title_stream)), bool(PLANNING_MATCHER.first(title_stream))


LOCAL_FUNCTION_MATCHER = PhraseMatcher((form, form) for form in LOCAL_FUNCTIONS.forms)

# Words that, in « Publics concernés », name local authorities without being in the lexicon.
PUBLICS_EXTRA = PhraseMatcher((form, form) for form in (
    "départements", "régions", "élus", "groupements", "organismes de logement social",
    "établissements publics", "employeurs publics", "administrations"))
PUBLICS_EXTRA_WEIGHT = {
    "départements": 2, "régions": 2, "élus": 3, "groupements": 3,
    "organismes de logement social": 3, "établissements publics": 1, "employeurs publics": 3,
    "administrations": 1,
}

# The State's own services and staff, named in a title. The words of such a name say which
# State service a text concerns, not what it is about: « logement » in « direction régionale
# de l'environnement, de l'aménagement et du logement » or « culture » in « directions
# régionales des affaires culturelles » is no evidence of a rule local authorities apply
# (``evidence`` reads the title's vocabulary with these names blanked out).
STATE_SERVICES = Cue(0, "service ou personnel de l'État nommé dans le titre", (
    "de l'environnement, de l'aménagement et du logement",
    "de l'alimentation, de l'agriculture et de la forêt",
    "de l'agriculture, de l'alimentation et de la forêt",
    "des affaires culturelles", "de la jeunesse, des sports et de la cohésion sociale",
    "à la jeunesse, à l'engagement et aux sports",
    "des entreprises, de la concurrence, de la consommation, du travail et de l'emploi",
    "de l'économie, de l'emploi, du travail et des solidarités",
    "de l'emploi, du travail et des solidarités", "de la cohésion sociale",
    "de la protection des populations", "des territoires et de la mer",
    "de l'environnement et de l'aménagement", "des finances publiques",
    "de la sécurité publique", "interdépartemental des routes",
    "interdépartementale des routes", "services déconcentrés", "service déconcentré",
    "emplois fonctionnels", "emploi fonctionnel", "fonction publique de l'État",
    "fonctionnaires de l'État", "corps de fonctionnaires", "ministères en charge",
    "ministère chargé", "ministères chargés", "administration centrale",
    "inspecteurs d'académie-inspecteurs pédagogiques régionaux",
    "inspecteurs pédagogiques régionaux"))
STATE_SERVICE_MATCHER = PhraseMatcher((form, form) for form in STATE_SERVICES.forms)
_STATE_NAMES = re.compile(by_first_character("(?:" + "|".join(
    re.escape(fold(form)) for form in sorted(STATE_SERVICES.forms, key=len, reverse=True)) + ")"))
# A name ``_STATE_NAMES`` finds holds its longest word, and so any word within that one: a title
# with none of these has none (a few searches of a plain word, where the pattern is tried at
# most characters of a title).
_LONGEST = {max(re.findall("[a-z]+", fold(form)), key=len) for form in STATE_SERVICES.forms}
_STATE_WORDS = tuple(sorted(word for word in _LONGEST
                            if not any(other != word and other in word for other in _LONGEST)))

# The name of a ministry in a title (« relevant du ministère de l'éducation nationale, de la
# jeunesse et des sports », « pour les ministères en charge … des relations avec les
# collectivités territoriales ») says whose staff or services a text concerns, not what it is
# about: blanked with the State services' names, up to the verb or the mark that ends it.
_MINISTRY_NAME = re.compile(
    r"\bministeres? (?:en charge |charges? )?(?:de l'|de la |des |du |de |d'|aux |a la )"
    r"[^;()]*?(?=\s(?:fixant|portant|relatif|relative|relatifs|relatives|modifiant|au titre|"
    r"aupres|habilite?s?|pour l'annee|prevue?s?|sur|du decret|de \d|la liste|le nombre|"
    r"le montant)\b|\s-\s|[;()]|$)")


def blank_state_services(title: str, *, services: bool = True) -> str:
    """The title with the names of State services blanked out (same text when it has none);
    without ``services``, those of ministries only."""
    folded = fold_chars(title).replace("’", "'")
    if len(folded) != len(title):  # a character that folds to several: leave the title as is
        return title
    spans = [match.span() for match in _STATE_NAMES.finditer(folded)] if services and any(
        word in folded for word in _STATE_WORDS) else []
    if "minist" in folded:
        spans = _merged(spans + [match.span() for match in _MINISTRY_NAME.finditer(folded)])
    for start, end in reversed(spans):
        title = title[:start] + " | " + title[end:]
    return blank_other_senses(title)


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


# Words of the lexicon used in another sense, told by their neighbours: « commune(s) » as an
# adjective after a noun (« règles communes », « politique agricole commune ») or in an idiom
# (« sans commune mesure »): ``commune_sense``; and « collège » as the board of an authority
# (« du collège de la Haute Autorité de santé »).
_BOARD_COLLEGE = re.compile(r"\bcollege (?:de la |de l'|du )(?:haute autorite|autorite|"
                            r"commission|conseil)")
_COLLEGE = re.compile(r"\bcolleges?\b")
# « centre de gestion financière » (or comptable, budgétaire): a service of the State's
# accounts, not the centre de gestion of the fonction publique territoriale (the actors read it
# so too, ``actors._LOCAL``).
_ACCOUNTS_CENTRE = re.compile(r"\b(centres? de gestion) (?:financiere|comptable|budgetaire)s?\b")
# « dans les départements d'outre-mer », « à l'exclusion des départements d'outre-mer »: the
# overseas departments as the place where a measure applies, not as the authorities it binds
# (the place still counts as « outre-mer »).
_OVERSEAS_PLACE = re.compile(r"\b(?:dans les|a l'exclusion des|hors des|sauf dans les) "
                             r"((?:departements|regions) )d'outre-mer\b")
# The same for a région or a département named by its proper name as the place where a thing
# lies or a measure applies: glossed in brackets (« sur le site de La Hague (département de la
# Manche) », « (région Auvergne-Rhône-Alpes) ») or after « dans » (« une expérimentation dans
# les régions d'Ile-de-France, Pays de la Loire… », « dans les départements du Bas-Rhin… »).
# Such a gloss says where, not whom the text binds: the authority itself is written as the
# object of the act (« confiant à la région Pays de la Loire », « autorisant le département
# de … »), which is left as it is. The name must begin with a capital in the title as written
# (``_named_places``): « dans les départements ministériels » names no place.
_NAMED_PLACE = re.compile(r"(?:\(|\bdans (?:les|le|la) )((?:departements?|regions?) )"
                          r"(?:de la |de l'|du |des |de |d')?(?=\w)")

# Elections of a profession's own bodies (its regional unions, chambers, orders): no election
# local authorities organise or hold lists for, whatever « listes électorales » says.
_PROFESSION_VOTE = re.compile(
    r"\b(listes? electorales?|elections?|electora(?:l|le|ux|les)|scrutins?)\b(?=[^;()]{0,60}?"
    r"\b(?:unions? regionales? des professionnels|chambres? (?:de commerce|de metiers|"
    r"consulaires?)|l'ordre des|prud'hom))")


@lru_cache(maxsize=256)  # the actors read the title, the features its masked form: often one
def blank_other_senses(title: str) -> str:
    """The title with lexicon words used in another sense blanked out (same text when none)."""
    folded = fold_chars(title).replace("’", "'")
    if len(folded) != len(title):
        return title
    spans = other_senses(folded, title)
    if "college" in folded and _BOARD_COLLEGE.search(folded):
        spans += [found.span() for found in _COLLEGE.finditer(folded)]
    if "outre-mer" in folded:
        spans += [found.span(1) for found in _OVERSEAS_PLACE.finditer(folded)]
    if "departement" in folded or "region" in folded:
        spans += _named_places(folded, title)
    if "centre" in folded:
        spans += [found.span(1) for found in _ACCOUNTS_CENTRE.finditer(folded)]
    if "elect" in folded or "scrutin" in folded:
        spans += [found.span(1) for found in _PROFESSION_VOTE.finditer(folded)]
    for start, end in sorted(spans, reverse=True):
        title = title[:start] + " " * (end - start) + title[end:]
    return title


def _named_places(folded: str, title: str) -> list[tuple[int, int]]:
    """Where ``folded`` names a région or a département as a place (``_NAMED_PLACE``): the
    spans of the words « région(s) », « département(s) » whose name, in ``title`` as written
    (the same length), begins with a capital."""
    return [found.span(1) for found in _NAMED_PLACE.finditer(folded)
            if title[found.end()].isupper()]


# The end or course of a career in a State body (retirement, titularisation, promotion): an
# individual measure without local effect (policy §4), even for a préfet.
CAREER_EVENTS = Cue(0, "carrière d'un agent de l'État (retraite, titularisation, avancement)", (
    "admission à la retraite", "titularisation", "radiation des cadres", "promotion",
    "tableau d'avancement", "avancement de grade", "réintégration", "honorariat",
    "élévation", "détachement", "intégration"))
CAREER_EVENT_MATCHER = PhraseMatcher((form, form) for form in CAREER_EVENTS.forms)
