"""The words around a place name that tell what it is: cues before it, lists that go on.

Owned here so that ``scan`` keeps to cutting lines into names: each cue is a regular
expression that ends where the name begins (« commune de », « département du », « préfet de
la », « sous-préfète de »), tested on the few characters before the name.
"""

from __future__ import annotations

import re

OF = r"(?:de\s+la\s+|de\s+l['’]\s*|des\s+|du\s+|de\s+|d['’]\s*)"

# Cues, tested against the few words before a name (the regexes end at the name).
# No « de la » here: « communes de la Loire » is a département, the commune « La Talaudière »
# is found with its article (« commune de la Talaudière »).
# An organ of a commune is named after it: « service archéologique municipal de Béziers »,
# « police municipale d'Agde », « centre communal d'action sociale de Sète » (a few words
# between the adjective and the name, as for a departmental service).
# A road, a railway line, a section of one is named by its ends (« l'autoroute A 42 entre
# Annemasse et Pont-d'Ain », « la ligne ferroviaire entre Nantes et Bordeaux »): the works
# lie in both towns; the second is read as the next item of a list (« et »).
COMMUNE_CUE = re.compile(
    r"\b(?:communes?|villes?|mairies?|maires?|territoire\s+communal)"
    r"(?:\s+(?:nouvelles?|déléguées?|associées?|suivantes?|limitrophes?|voisines?))?"
    r"\s*(?::\s*|,\s*|\s+(?:de\s+|d['’]\s*)?)$"
    r"|\b(?:municipa|communa)(?:l|le|les|ux)\b[^.;:|()«»,]{0,60}?\s(?:de\s+|d['’]\s*)$"
    r"|\b(?:autoroutes?|routes?|lignes?|liaisons?|sections?|tron[çc]ons?|voies?|"
    r"d[ée]viations?|canal|canaux|tunnels?|viaducs?)\b[^.;:|()«»,]{0,30}?\sentre\s+$",
    re.IGNORECASE,
)
# « directeur départemental de l'emploi, du travail, des solidarités et de la protection des
# populations de la Creuse », « directeur académique des services de l'éducation nationale du
# Tarn »: the name of a departmental service may be long before its département.
# A social landlord works where it is named from: the offices publics de l'habitat are
# departmental or communal (CCH, L. 421-1), and the HLM companies bear the name of the
# département they build in (« la société anonyme d'habitations à loyer modéré (SA d'HLM)
# Habitat du Nord », « office public de l'habitat de la Manche »).
SERVICE_REACH = 140  # characters searched for a département cue (long service names)
DEPARTEMENT_CUE = re.compile(
    r"\bcommunes?\s+(?:de\s+la|de\s+l['’]|du|des)\s*$|"
    r"(?:\bd[ée]partements?|\bpr[ée]f(?:et|ète|ecture)s?|\bconseil\s+g[ée]n[ée]ral"
    r"|\b(?:d[ée]partementa(?:l|le|les|ux)|acad[ée]miques?)\b[^.;:|()«»]{0,110}?)"
    rf"\s*(?::\s*|\s+{OF}|\s+)$"
    r"|(?:\bHLM|\bhabitations?\s+à\s+loyer\s+mod[ée]r[ée]|\boffices?\s+publics?\s+de\s+"
    rf"l['’]\s*habitat)\b\)?[^.;:|()«»]{{0,60}}?\s+{OF}$"
    r"|(?:\ben|\bdans\s+(?:le|la|les|l['’]))\s*$",
    re.IGNORECASE,
)
REGION_CUE = re.compile(
    r"(?:\br[ée]gions?(?:\s+acad[ée]miques?)?|\br[ée]giona(?:l|le|les|ux)\b[^.;:|()«»]{0,110}?)"
    rf"\s*(?::\s*|\s+{OF}|\s+)$"
    r"|\ben\s*$",
    re.IGNORECASE,
)
# A sous-préfet is named for an arrondissement, known by its chef-lieu: « sous-préfète de
# Vierzon », « sous-préfet du Vigan », « arrondissement de Lodève ». The name is a commune even
# when a département bears it (« sous-préfet de Vienne » is in Isère).
SEAT_CUE = re.compile(
    r"\b(?:sous-pr[ée]f(?:et|ète|ecture)s?|arrondissements?)\s+(?:de\s+|d['’]\s*)?$",
    re.IGNORECASE,
)
# A zone named after a commune, as the CSA names the area a broadcasting authorisation covers
# after its transmitter's town (« sur la zone de Vescovato », « zone de Bastia ») or an
# airport's zone its town (« zone d'Orly »): its capitalised name is the commune's, though a
# village of one word. A zone de défense, de police, de revitalisation has a lower-case word
# between (and a zone de défense is no territory: ``ELSEWHERE_CUE``).
ZONE_CUE = re.compile(r"\bzones?\s+(?:de\s+|d['’]\s*)$", re.IGNORECASE)
OVERSEAS_CUE = re.compile(
    rf"\bcollectivit[ée]s?(?:\s+d['’]outre-mer)?\s*(?::\s*|\s+{OF}|\s+)$", re.IGNORECASE
)
# Between two items of one list: commas, « et », « ou », and the preposition of each item,
# « de » or the « à », « au », « en » of places (« en Guadeloupe, à Saint-Martin et à
# Saint-Barthélemy »: each item of a list of places takes its own).
LIST_GAP = re.compile(
    rf"\s*(?:,\s*(?:et\s+|ou\s+)?|\s+et\s+|\s+ou\s+)"
    rf"(?:{OF}|la\s+|le\s+|les\s+|l['’]\s*|(?:à|au|aux|en)\s+)?$",
    re.IGNORECASE,
)
# Designations whose place name is no territory the text binds (the regexes end at the name):
# the airspace of a flight information region (« région d'information de vol de Paris », half
# of France), the time of a deadline (« 12 heures (heure de Paris) »), the seat that names the
# ressort of a court of appeal (several départements), an agreement named where it was signed
# (« accord de Nouméa », « convention de Vienne »), a ship or an aircraft (« le navire « Ville
# de Bordeaux » », quoted or not), where an act was signed (« accord … signé à Paris », as
# « Fait à Paris »). A zone de défense et de sécurité is the préfet de région's second post
# (« préfet de la région Bretagne, préfet de la zone de défense et de sécurité Ouest »): news
# for the région, not for the others of the zone; « de Paris » there is no city either.
ELSEWHERE_CUE = re.compile(
    r"(?:\br[ée]gions?\s+(?:sup[ée]rieures?\s+)?d['’]\s*information\s+de\s+vol|\b[FU]IR"
    r"|\bzones?\s+de\s+d[ée]fense(?:\s+et\s+de\s+s[ée]curit[ée])?"
    r"|\bheures?(?:\s+l[ée]gale)?|\bcours?\s+(?:administratives?\s+)?d['’]\s*appel"
    r"|\b(?:accords?|trait[ée]s?|protocoles?|conventions?|pactes?))\s+(?:de\s+|d['’]\s*)$"
    r"|\b[FU]IR\s+$|\bsign[ée]e?s?\s+(?:à|a)\s+$"
    r"|\b(?:navires?|bateaux?|paquebots?|chalutiers?|vedettes?|remorqueurs?|ferr(?:y|ies)"
    r"|cargos?|p[ée]troliers?|fr[ée]gates?|sous-marins?|a[ée]ronefs?|avions?"
    r"|h[ée]licopt[èe]res?)\s+(?:d[ée]nomm[ée]s?\s+|baptis[ée]s?\s+)?"
    r"(?:[«“\"]\s*[^»”\"]{0,60}|(?-i:[A-ZÀ-ÖØ-Þ])[\w’'-]*\s+(?:de\s+|du\s+|des\s+|d['’]\s*)?)$",
    re.IGNORECASE,
)
# Words that each branch of ``ELSEWHERE_CUE`` holds, lower case (« fense » for « défense »,
# « troli » for « pétrolier », with or without the accent): a name that has none of them in
# the characters before it is in no such designation (nearly every name), and the pattern,
# case-insensitive, would try each of its branches at every one of those characters.
# ``str.lower`` finds them wherever the pattern would match, but in a text with a character
# that the pattern's case folding also takes for « i » or « s »: there the pattern reads alone.
_ELSEWHERE_WORDS = ("information", "fir", "uir", "fense", "heure", "appel", "accord", "trait",
                    "protocole", "convention", "pacte", "sign", "navire", "bateau", "paquebot",
                    "chalutier", "vedette", "remorqueur", "ferr", "cargo", "troli", "gate",
                    "sous-marin", "ronef", "avion", "licopt")
_CASE_TRAPS = ("İ", "ı", "ſ")
ELSEWHERE_REACH = 90


def elsewhere_before(line: str, start: int) -> bool:
    """Whether ``ELSEWHERE_CUE`` ends right before ``start`` (as ``cue_before`` reads it),
    its words looked for first."""
    head = line[max(0, start - ELSEWHERE_REACH):start]
    if not any(trap in head for trap in _CASE_TRAPS):
        lowered = head.lower()
        if not any(word in lowered for word in _ELSEWHERE_WORDS):
            return False
    return cue_before(ELSEWHERE_CUE, line, start, ELSEWHERE_REACH)


# A street, a road, a square is named after another place (« 12, rue de Paris à Montreuil »,
# « avenue de Versailles, 75016 Paris », « la route de Grenoble », « porte de Versailles »):
# the address is where the name stands, not in it. Singular only: « les rues de Paris »,
# « les routes de Corse » are that place's.
_STREETS = ("rue", "avenue", "boulevard", "bd", "route", "chemin", "allée", "allee",
            "impasse", "quai", "place", "porte", "square", "ruelle", "esplanade", "promenade",
            "rond-point")
STREET_CUE = re.compile(rf"\b(?:{'|'.join(_STREETS)})\s+{OF}$", re.IGNORECASE)
STREET_REACH = 24  # « rond-point de la », with room for spaces


def street_before(line: str, start: int) -> bool:
    """Whether the name at ``start`` names a street (``STREET_CUE``). Most names have no
    street before them: the regex runs only when one of its words is there (a name's check
    runs for every place name of every text)."""
    head = line[max(0, start - STREET_REACH):start].lower()
    return any(word in head for word in _STREETS) and STREET_CUE.search(head) is not None


# The seat of a comité territorial de l'audiovisuel names its ressort, several départements
# (« CTA de Caen » is Normandy), as a court of appeal's does; only a commune name is a seat:
# « CTA de La Réunion et de Mayotte » names its départements.
RESSORT_CUE = re.compile(
    r"\bcomit[ée]s?\s+territoria(?:l|ux)\s+de\s+l['’]\s*audiovisuel\s+(?:de\s+|d['’]\s*)$",
    re.IGNORECASE)
# A product's name is no territory (« appellation d'origine contrôlée « Crozes-Hermitage » »,
# « IGP « Volailles de Bretagne » », « label rouge « Noix de Saint-Jacques » »): the area of an
# appellation is set by its cahier des charges, many communes or several départements, and
# the place that lends it its name is only one of them. Names in the quotes that follow the
# designation, one or several (« « Crozes-Hermitage » ou « Crozes-Ermitage » »).
PRODUCT_CUE = re.compile(
    r"(?:\bappellations?\b|\bindications?\s+g[ée]ographiques?|\blabels?\s+rouges?"
    r"|\b(?:AOC|AOP|IGP)\b)[^«»]{0,60}«\s*(?:[^«»]{1,80}»\s*(?:,|ou|et)\s*«\s*)*[^«»]{0,80}$",
    re.IGNORECASE)
PRODUCT_REACH = 240
# A station or an airport is named for the town it serves or the line it heads to: « gare de
# Lyon » stands in Paris. When the text places it in another town (« la gare de Lyon à Paris »,
# « l'aéroport de Bâle-Mulhouse (Saint-Louis) »), its name is no territory of the text.
STATION_CUE = re.compile(
    r"\b(?:gares?|a[ée]roports?|a[ée]rodromes?)\s+(?:de\s+|d['’]\s*|du\s+)$", re.IGNORECASE)
PLACED_AFTER = re.compile(r"\s*,?\s*(?:à|\()\s*[A-ZÀ-ÖØ-Þ]")
# Paris's termini are named for the line they head, not for where they stand; of their names
# (« gare de Lyon », « de l'Est », « du Nord », « d'Austerlitz », « Montparnasse »,
# « Saint-Lazare », « de Bercy ») only « gare de Lyon » is a commune's, so it alone is read as
# Paris. Tightly: one station (« les gares de Lyon » are Lyon's), « Lyon » ending its name
# (« gare de Lyon-Perrache », « gare de Lyon Part-Dieu » are in Lyon). A station named for its
# own town (« gare de Rennes ») is that town, as any name after a cue of nothing.
TERMINUS_CUE = re.compile(r"\bgare\s+de\s+$", re.IGNORECASE)
TERMINUS_AFTER = re.compile(r"(?!\s*[-‐‑]|\s+[A-ZÀ-ÖØ-Þ])")
TERMINI = {"lyon": "paris"}  # the name after « gare de » → the commune where it stands
# Most départements are named after a river or a relief: after « vallée de la », « rive gauche
# de la », « bassin de la », the name is the river (« la vallée de la Marne » runs through four
# départements), however long the service name before it (« schéma départemental … »).
LANDFORM_CUE = re.compile(
    r"\b(?:vall[ée]es?|val|fleuves?|rivi[èe]res?|cours|bassins?(?:\s+versants?)?|estuaires?"
    r"|embouchures?|rives?|berges?|gorges|sources?|confluents?|lit|bords?|boucles?|m[ée]andres?"
    r"|crues?|affluents?|massifs?|monts?|plateaux?)"
    r"(?:\s+(?:gauche|droite|majeur|mineur|amont|aval|moyen(?:ne)?|haute?|basse?))?"
    rf"\s+{OF}$", re.IGNORECASE)
# A building or an order dedicated to a saint bears the saint's name, not a commune's
# (« église Saint-Pierre », « lycée Saint-Louis », « coquilles Saint-Jacques »), and so does a
# feast: « la Saint-Jean » (no commune named Saint-… takes « la »).
DEDICATION_CUE = re.compile(
    r"\b(?:[ée]glises?|chapelles?|abbayes?|basiliques?|cath[ée]drales?|coll[ée]giales?"
    r"|prieur[ée]s?|couvents?|monast[èe]res?|paroisses?|h[ôo]pita(?:l|ux)|hospices?|cliniques?"
    r"|lyc[ée]es?|coll[èe]ges?|[ée]coles?|instituts?|forts?|casernes?|ordres?|f[êe]tes?"
    r"|cimeti[èe]res?|canal|canaux|(?:noix|coquilles?)(?:\s+de)?|la)\s+$", re.IGNORECASE)
# « Politique Agricole Commune », « Plaine Commune »: a capitalised « Commune » or « Ville »
# after a capitalised word ends a proper name, it introduces no commune.
NAME_BEFORE = re.compile(r"[A-ZÀ-ÖØ-Þ][\w'’-]*\s+$")


def commune_cue_before(line: str, start: int) -> bool:
    """Whether a commune cue (``COMMUNE_CUE``) ends right before ``start``, and is not the
    last word of a proper name (``NAME_BEFORE``)."""
    cue = COMMUNE_CUE.search(line, max(0, start - 90), start)
    if cue is None:
        return False
    at = cue.start()
    return not (line[at].isupper() and NAME_BEFORE.search(line, max(0, at - 40), at))


def ressort_before(line: str, start: int) -> bool:
    """Whether the name at ``start`` follows a comité territorial de l'audiovisuel
    (``RESSORT_CUE``); the regex runs only when the word is there."""
    return "audiovisuel" in line[max(0, start - 40):start] and cue_before(
        RESSORT_CUE, line, start)


def product_before(line: str, start: int) -> bool:
    """Whether the name at ``start`` is inside a product's name (``PRODUCT_CUE``); the regex
    runs only when a « is written before it."""
    return "«" in line[max(0, start - PRODUCT_REACH):start] and cue_before(
        PRODUCT_CUE, line, start, PRODUCT_REACH)


def placed_elsewhere(line: str, start: int, end: int) -> bool:
    """Whether the name at ``start`` names a station or an airport the text places in another
    town (``STATION_CUE``, then « à X » or « (X) » after the name)."""
    return PLACED_AFTER.match(line, end) is not None and cue_before(STATION_CUE, line, start, 30)


def terminus_town(line: str, key: str, start: int, end: int) -> str:
    """The key of the commune a station named ``key`` stands in when it is one of Paris's
    termini (``TERMINI``), else ""."""
    town = TERMINI.get(key, "")
    if not town or TERMINUS_AFTER.match(line, end) is None:
        return ""
    return town if cue_before(TERMINUS_CUE, line, start, 12) else ""


HONORIFIC = re.compile(r"\b(?:M|Mme|MM|Mmes|Mlle|Dr|Me|Pr)\.?\s*$")
# A person as the JO writes one: « M. de LASSUS SAINT-GENIÈS (Théophile) », « Mme Anne
# SAINT-MARTIN »: after « M. » or « Mme », only capitalised words and particles up to the name.
PERSON = re.compile(
    r"\b(?:M|Mme|MM|Mmes|Mlle)\.?\s+"
    r"(?:(?:[A-ZÀ-ÖØ-Þ][\w’'-]*|de|du|des|van|von|ben|el)\s+|d['’]\s*)*$")
PERSON_REACH = 60
SENTENCE_START = re.compile(r"(?:^|[.!?:;|(«\"]\s*)$")


def cue_before(pattern: re.Pattern[str], line: str, start: int, reach: int = 90) -> bool:
    """Whether ``pattern`` ends right before ``start`` (within ``reach`` characters)."""
    return pattern.search(line, max(0, start - reach), start) is not None


def continues_list(line: str, previous_end: int, start: int) -> bool:
    """Whether the text between two names only separates items of a list."""
    return 0 <= previous_end <= start and LIST_GAP.fullmatch(line, previous_end, start) is not None


def sentence_initial(line: str, start: int) -> bool:
    """Whether a name opens a sentence, where any word is capitalised."""
    return SENTENCE_START.search(line, max(0, start - 3), start) is not None


def after_honorific(line: str, start: int) -> bool:
    """Whether a name follows « M. » or « Mme »: a person's, not a place's."""
    return HONORIFIC.search(line, max(0, start - 6), start) is not None


def in_persons_name(line: str, start: int) -> bool:
    """Whether a name is part of a person's (« M. de LASSUS SAINT-GENIÈS »): after « M. » or
    « Mme » and nothing but capitalised words and particles; a comma or a lower-case word
    (« M. DUPONT, sous-préfet de … ») ends the person."""
    if "M" not in line[max(0, start - PERSON_REACH):start]:
        return False
    return PERSON.search(line, max(0, start - PERSON_REACH), start) is not None
