"""Whom a text binds: the actors its title names, and whether it is an individual measure.

The editorial policy retains what creates or changes an obligation, a power, a resource or a
procedure of a local authority (communes, intercommunalités, départements, régions, their
bodies, agents and budgets), not the rules of one private sector, the State's own services or
an individual measure. Words of a sector (« eau », « sport », « transport ») say what a text is
about, not whom it binds: a health or transport text carries such words whether or not it
binds a local authority. So the title's actors are read as kinds — local authorities and their
bodies, private actors (companies, associations, professions), the State's services and staff,
a named person — and the form of an individual decision (« portant nomination », « autorisant
la société … ») is told apart from a general rule. These features are structural: they name
kinds of addressees, never one text's words, and each has a French label (``LABELS``).
"""

from __future__ import annotations

import re

from vigie.analysis.cues import blank_other_senses
from vigie.analysis.normalize import by_first_character, fold, fold_chars, from_separator

# Local authorities, their groupings and bodies, their elected officials and agents.
_LOCAL = re.compile(by_first_character(
    r"\b(?:communes?|intercommunal\w*|communal\w*|municipa\w*|collectivites?|"
    r"departements?(?! ministeriels?)|regions?(?! academiques?)|metropoles?|"
    r"communautes? (?:de communes|d'agglomeration|urbaines?)|epci|"
    r"syndicats? (?:mixtes?|intercommunaux|intercommunal|de communes|d'energie|des eaux|"
    r"d'eau|du numerique|departementa\w*)|"
    r"etablissements? publics? (?:territoria\w*|foncier\w*|d'amenagement|"
    r"de cooperation intercommunale)|centres? de gestion(?! (?:financiere|comptable|budgetaire))|"
    r"centre national de la fonction publique territoriale|sapeurs?-pompiers|"
    r"services? (?:departementaux|departemental|territoria\w*) d'incendie|sdis|"
    r"autorites? organisatrices?|maires?|elus?|conseils? (?:municipa\w*|departementa\w*|"
    r"regiona\w*|communautaires?|territoria\w*)|territoria\w*|offices? publics? de l'habitat|"
    r"parcs? naturels? regionaux|parc naturel regional|ccas|cias)\b"))
# Private actors: companies, associations, professions, workers and their employers.
_PRIVATE = re.compile(by_first_character(
    r"\b(?:societes?|sas|sarl|entreprises?|associations?|fondations?|federations?|"
    r"professions?|praticiens?|medecins?|pharmac\w+|infirmi\w+|chirurgiens?|avocats?|"
    r"veterinaires?|salaries?|travailleurs?|exploitants?|exploitations?|producteurs?|"
    r"operateurs?|fabricants?|distributeurs?|organismes? (?:agrees?|prives?|de formation|"
    r"certificateurs?|notifies?)|laboratoires?|banques?|etablissements? de credit|"
    r"assurances?|assureurs?|mutuelles?|editeurs?|radios?|televisions?|cooperatives?|"
    r"chambres? (?:d'agriculture|de commerce|des metiers|regionales? d'agriculture)|"
    r"ordre (?:des|national)|artisans?|commer(?:cants?|ce)|industri\w+|marques?|"
    r"candidats?)\b"))
# The State's own services, staff and national bodies.
_STATE = re.compile(by_first_character(
    r"\b(?:ministeres?|ministres?|administration centrale|services? de l'etat|"
    r"agents? de l'etat|fonctionnaires? de l'etat|corps (?:des?|du)|militaires?|armees?|"
    r"gendarmerie|police nationale|magistra\w+|douanes?|ecoles? nationales?|"
    r"instituts? nationa\w*|agences? nationa\w*|universit\w+|etablissements? publics? nationa\w*|"
    r"directions? generales?|inspections? generales?|haut conseil|commissions? nationa\w*|"
    r"juridictions?|tribunaux|tribunal|cours? (?:d'appel|des comptes|administratives?)|"
    r"conseil d'etat|chambres? regionales? des comptes|caisses? nationa\w*|"
    r"services? (?:deconcentres?|centraux|a competence nationale)|"
    r"(?:fonction publique|domaine(?: public)?|budget|personnels?|agents?|fonctionnaires?|"
    r"representants?|biens?) (?:de l'|d')etat)\b"))
# Exams, diplomas and training: a matter of the State or of a profession, unless the title
# names a local employer's staff (« examen professionnel … territorial »).
_EXAMS = re.compile(by_first_character(
    r"\b(?:examens?|concours|diplomes?|epreuves?|baccalaureat|brevets?|certificats? "
    r"d'aptitude|formations? (?:initiale|continue|professionnelle|conduisant|specifique)|"
    r"enseignants?|eleves?|etudiants?|apprentis|stagiaires?)\b"))
# The name of a ministry inside a title names the State, whatever its words (« ministères
# en charge … des relations avec les collectivités territoriales »): blanked before reading
# the actors, up to the verb or the article that follows it.
_MINISTRY = re.compile(r"\bministeres? (?:en charge|charges?) (?:de|du|des|d')[^;]*?"
                       r"(?=\s(?:fixant|portant|relatif|relative|modifiant|au titre|pour l"
                       r"'annee|prevue?s?)\b|$)")
# A named person: « M. DUPONT (Jean) », « Mme Durand », « - M. X ».
# Written from its « M » (``\bM`` as a look back): the regex engine then jumps from one « M »
# to the next instead of trying the pattern at every character.
PERSON = re.compile(r"M(?<!\wM)(?:\.|M\.|mes?\b|lles?\b)\s+(?:de |d'|le |la )?[A-ZÉÈ]")
# The form of an individual decision: it names, authorises, approves or distinguishes one
# person or one body; it changes no rule that others apply.
_INDIVIDUAL = re.compile(by_first_character(
    r"\b(?:portant (?:nomination|nominations|attribution|agrement|habilitation|"
    r"autorisation|reconnaissance|designation|renouvellement|admission|titularisation|"
    r"inscription|radiation|integration|cessation|fin de|intérim|interim|delegation|"
    r"approbation|homologation|retrait)|autorisant (?:la |le |l'|les |m\.|mme)|"
    r"agreant|habilitant|accordant|refusant|nommant|designant|"
    r"est (?:nomme|nommee|autorise|autorisee|agree|agreee))"))
# A general rule: it fixes, organises or changes what others must do.
_GENERAL = re.compile(by_first_character(
    r"\b(?:relatif|relative|relatifs|relatives|fixant|modifiant|portant (?:diverses "
    r"dispositions|creation|organisation|application|statut|adaptation|simplification|"
    r"modification|revalorisation|reforme|mesures|prorogation)|pris (?:pour|en) "
    r"(?:l'application|application)|precisant|definissant|instituant|prescrivant|"
    r"determinant|prorogeant|adaptant)\b"))

# The kinds of feature this module adds: they say whom a text binds, not what it is about,
# so they weigh in selection only, never in the choice of a theme.
ACTOR_KINDS = ("acteur:", "objet:", "portee:", "territoire:code", "politique:")
ACTOR_NONE = "acteur:aucun local"
LABELS = {
    "acteur:local": "le titre nomme une collectivité, ses élus, ses agents ou ses organismes",
    "acteur:prive": "le titre nomme des acteurs privés (entreprises, associations, professions)",
    "acteur:etat": "le titre nomme des services, des agents ou des organismes de l'État",
    "acteur:personne": "le titre nomme une personne",
    "acteur:aucun local": "aucune collectivité, ni ses élus, ni ses agents n'est nommée dans "
                          "le titre",
    "acteur:prive sans local": "le titre vise des acteurs privés, aucune collectivité",
    "acteur:etat sans local": "le titre vise l'État, aucune collectivité",
    "acteur:local complement": "le texte porte sur les collectivités, leurs organismes ou "
                               "leurs agents, ou les vise",
    "acteur:examen ou formation": "examens, concours ou formations des agents des "
                                  "collectivités",
    "acteur:examen ou formation sans local": "examens, diplômes ou formations de l'État ou "
                                             "d'une profession",
    "objet:local": "l'acte porte d'abord sur une collectivité ou un organisme local",
    "objet:prive": "l'acte porte d'abord sur un acteur privé",
    "objet:etat": "l'acte porte d'abord sur l'État, ses services ou ses agents",
    "objet:projet ou site": "un projet, un site ou des travaux situés dans des territoires",
    "territoire:code departement": "le titre donne le numéro d'un département",
    "politique:sans acteur local": "indices de la politique éditoriale, sans collectivité "
                                   "nommée dans le titre",
    "politique:2 points": "indices de la politique éditoriale : 2 points ou plus",
    "politique:4 points": "indices de la politique éditoriale : 4 points ou plus",
    "portee:individuelle": "mesure individuelle (nomination, autorisation, agrément, "
                           "attribution)",
    "portee:individuelle sans local": "mesure individuelle qui ne vise aucune collectivité",
    "portee:individuelle locale": "mesure individuelle au profit d'une collectivité ou "
                                  "d'un organisme local",
    "portee:generale": "règle générale (fixe, modifie, organise)",
    "portee:generale locale": "règle générale qui vise les collectivités",
    "portee:generale sans local": "règle générale qui ne vise aucune collectivité",
}


# A local actor governed by a preposition: the text is about it, for it or by it
# (« relatif aux communes », « des collectivités territoriales », « au profit d'une
# collectivité », « pour les départements »).
_GOVERNED = re.compile(r"\b(?:a|au|aux|des|du|de|d'|pour|par|entre|profit d'une?|"
                       r"profit des?|beneficie des?)\s+(?:la |l'|les |le |une |un |ces |"
                       r"certaine?s |chaque )?$")
# The head of the title: what the act does, to whom (the words after its verb).
_HEAD = re.compile(by_first_character(
    r"\b(?:autorisant|portant|relatif|relative|relatifs|relatives|fixant|"
    r"modifiant|attribuant|confiant|accordant|approuvant|agreant|habilitant|"
    r"nommant|designant|creant|instituant)\b"))
_HEAD_WORDS = 60
# A project, a site or works located somewhere (policy: a decision naming communes, a réserve
# naturelle, a public debate on a project): it concerns the territories where it lies. Drafts
# of texts (« projet de décret ») are no such project.
_PROJECT = re.compile(
    r"\b(?:(?:au|aux|sur un|sur le|sur les|le|un) projets? (?!de (?:loi|decret|arrete|"
    r"ordonnance|deliberation|texte|budget|reglement|directive|convention|accord|"
    r"avenant))|sites? (?:natura 2000|classes?|inscrits?)|debat public|"
    r"(?:declarant|declaration) d'utilite publique|zones? d'amenagement|zac|"
    r"reserves? naturelles?|"
    r"parcs? (?:eoliens?|nationa\w*|naturels?)|liaisons? (?:routieres?|ferroviaires?|"
    r"fluviales?)|lignes? (?:nouvelles?|ferroviaires?|de tramway|a grande vitesse)|"
    r"perimetres?|ouvrages? (?:d'art|hydrauliques?))\b")
# A département written as its code (« Fos-Salon (13) », « Ricanto (2A) »).
_DEPARTEMENT_CODE = re.compile(r"\((?:0[1-9]|[1-8]\d|9[0-5]|2[ab]|97[1-6])\)")
# The same patterns read from the character before a word (``from_separator``), in the folded
# title with a space before it: they find the same, four times fewer places tried.
_LOCAL_AT, _PRIVATE_AT, _STATE_AT, _EXAMS_AT, _INDIVIDUAL_AT, _GENERAL_AT, _HEAD_AT, \
    _PROJECT_AT = map(from_separator, (_LOCAL, _PRIVATE, _STATE, _EXAMS, _INDIVIDUAL, _GENERAL,
                                       _HEAD, _PROJECT))


def actor_values(title: str) -> dict[str, float]:
    """The actor and scope features of a title (names of ministries blanked out)."""
    folded = fold(blank_other_senses(title)).replace("’", "'")
    if "ministere" in folded:  # (``_MINISTRY``'s literal: cheap)
        folded = _MINISTRY.sub(" ministere ", folded)
    spaced = " " + folded  # as the ``_AT`` patterns read it: a match at i starts at i in folded
    actors = [found.start() for found in _LOCAL_AT.finditer(spaced)]
    values: dict[str, float] = {}
    if any(_GOVERNED.search(folded[max(0, start - 25):start]) for start in actors):
        values["acteur:local complement"] = 1.0
    if _PROJECT_AT.search(spaced):
        values["objet:projet ou site"] = 1.0
    if _DEPARTEMENT_CODE.search(folded):
        values["territoire:code departement"] = 1.0
    _head(spaced, actors, values)
    _kinds(title, spaced, bool(actors), values)
    return values


def _head(spaced: str, actors: list[int], values: dict[str, float]) -> None:
    """Whom the act's own verb reaches first. An amending text is about what the amended one
    does: its verb is the head, when it has one (« modifiant la décision … autorisant la
    commune de … »). ``spaced``: the folded title after a space; ``actors``: where the local
    actors start in the folded title."""
    heads = list(_HEAD_AT.finditer(spaced))
    head = next((h for h in heads if h.group(0)[1:] != "modifiant"),
                heads[0] if heads else None)
    if head is None:
        return
    start = head.end() - 1  # where the head ends in the folded title
    end = start + _HEAD_WORDS
    if any(start <= actor < end for actor in actors):
        values["objet:local"] = 1.0
    for name, pattern in (("prive", _PRIVATE_AT), ("etat", _STATE_AT)):
        # in the folded title from ``start`` to ``end``: one character more of ``spaced``
        if pattern.search(spaced, start, end + 1):
            values[f"objet:{name}"] = 1.0


def _kinds(title: str, spaced: str, local: bool, values: dict[str, float]) -> None:
    """The kinds of actor named anywhere, alone or beside a local one, and the act's scope."""
    private = _PRIVATE_AT.search(spaced) is not None
    state = _STATE_AT.search(spaced) is not None
    person = PERSON.search(title) is not None
    individual = person or _INDIVIDUAL_AT.search(spaced) is not None
    general = not individual and _GENERAL_AT.search(spaced) is not None
    for name, shown in (("local", local), ("prive", private), ("etat", state),
                        ("personne", person)):
        if shown:
            values[f"acteur:{name}"] = 1.0
    if _EXAMS_AT.search(spaced):
        values["acteur:examen ou formation" if local else
               "acteur:examen ou formation sans local"] = 1.0
    if not local:
        values[ACTOR_NONE] = 1.0
        if private:
            values["acteur:prive sans local"] = 1.0
        if state:
            values["acteur:etat sans local"] = 1.0
    if individual:
        values["portee:individuelle"] = 1.0
        values["portee:individuelle locale" if local else "portee:individuelle sans local"] = 1.0
    if general:
        values["portee:generale"] = 1.0
        values["portee:generale locale" if local else "portee:generale sans local"] = 1.0


# The words that show each kind of actor, quoted to readers beside the feature's label.
_SHOWN = (("acteur:local", _LOCAL), ("acteur:local complement", _LOCAL),
          ("acteur:prive", _PRIVATE), ("acteur:etat", _STATE),
          ("acteur:examen ou formation", _EXAMS), ("objet:projet ou site", _PROJECT))


def actor_evidence(title: str, values: dict[str, float]) -> dict[str, str]:
    """The title's own words for the actor features ``actor_values`` found (« collectivités
    territoriales » for « acteur:local »), as written; none when the title cannot be folded
    one character for one."""
    folded = fold_chars(title).replace("’", "'")
    if len(folded) != len(title):
        return {}
    shown: dict[str, str] = {}
    for name, pattern in _SHOWN:
        found = pattern.search(folded) if name in values else None
        if found:
            # (a pattern may end on the space before the next word: « au projet  »)
            shown[name] = title[found.start():found.end()].strip()
    return shown
