"""What the identifiers of EU law mean, in French: the CELEX sectors and kinds of acts, the
official languages of the Union, the Official Journal's series.

A CELEX number (« 32019L0904 ») is a sector (3: legislation), a year, the kind of act as one or
two letters (R: regulation, L: directive, D: decision…) and the act's number; a corrigendum
adds « R(01) ». The Publications Office documents these letters in EUR-Lex's « CELEX
number » help; only those of the acts a local authority may have to apply are named here,
another letter is read as « Acte » and said. Languages are given by the Office as ISO codes
of two letters (« fr ») or of three (« FRA », its own table): both are read.
"""

from __future__ import annotations

# CELEX sectors: what the first character of a number says.
SECTORS: dict[str, str] = {
    "1": "traités", "2": "accords internationaux", "3": "actes juridiques",
    "4": "actes complémentaires", "5": "actes préparatoires", "6": "jurisprudence",
    "7": "mesures nationales de transposition", "8": "jurisprudence nationale",
    "9": "questions parlementaires", "0": "actes consolidés", "C": "autres documents du JO C",
    "E": "documents de l'AELE",
}
LEGISLATION = "3"  # the acts the « Union européenne » rubric reads

# Kinds of acts of sector 3, by CELEX letter: (French label, feminine).
ACT_KINDS: dict[str, tuple[str, bool]] = {
    "R": ("Règlement", False), "L": ("Directive", True), "D": ("Décision", True),
    "H": ("Recommandation", True), "A": ("Avis", False), "G": ("Résolution", True),
    "C": ("Déclaration", True), "F": ("Décision-cadre", True), "E": ("Acte PESC", False),
    "B": ("Budget", False), "O": ("Orientation de la BCE", True), "Q": ("Règlement intérieur",
                                                                       False),
    "M": ("Décision de non-opposition à une concentration", True), "X": ("Autre acte", False),
    "Y": ("Autre acte", False),
}
# Kinds whose number names the act (« Directive (UE) 2019/904 »); the others are named by
# their CELEX number.
NUMBERED = frozenset({"R", "L", "D", "H", "F"})
# Since 1 January 2015 every act of these kinds is numbered « (UE) year/number »; before,
# regulations were « n° number/year » and directives and decisions « year/number ».
ONE_NUMBERING_FROM = 2015
# The resource types of the Office (``WORK_HAS_RESOURCE-TYPE``) that refine a kind: an
# implementing act, a delegated act.
REFINEMENTS: dict[str, tuple[str, str]] = {
    "_IMPL": ("d'exécution", "d'exécution"), "_DEL": ("délégué", "déléguée"),
}

# The 24 official languages: the Office's code → (ISO 639-1 code, French name).
LANGUAGES: dict[str, tuple[str, str]] = {
    "BUL": ("bg", "bulgare"), "CES": ("cs", "tchèque"), "DAN": ("da", "danois"),
    "DEU": ("de", "allemand"), "ELL": ("el", "grec"), "ENG": ("en", "anglais"),
    "EST": ("et", "estonien"), "FIN": ("fi", "finnois"), "FRA": ("fr", "français"),
    "GLE": ("ga", "irlandais"), "HRV": ("hr", "croate"), "HUN": ("hu", "hongrois"),
    "ITA": ("it", "italien"), "LAV": ("lv", "letton"), "LIT": ("lt", "lituanien"),
    "MLT": ("mt", "maltais"), "NLD": ("nl", "néerlandais"), "POL": ("pl", "polonais"),
    "POR": ("pt", "portugais"), "RON": ("ro", "roumain"), "SLK": ("sk", "slovaque"),
    "SLV": ("sl", "slovène"), "SPA": ("es", "espagnol"), "SWE": ("sv", "suédois"),
}
_ISO = {iso: name for iso, name in LANGUAGES.values()}
_BIBLIOGRAPHIC = {"FRE": "FRA", "GER": "DEU", "GRE": "ELL", "CZE": "CES", "DUT": "NLD",
                  "RUM": "RON", "SLO": "SLK"}
FRENCH = "fr"


def language(code: str) -> str:
    """A language as the Office writes it (« FRA », « fra », « fr », « fre ») → its ISO code of
    two letters (« fr »); "" when it is none of the Union's."""
    code = (code or "").strip()
    if code.lower() in _ISO:
        return code.lower()
    upper = _BIBLIOGRAPHIC.get(code.upper(), code.upper())
    return LANGUAGES[upper][0] if upper in LANGUAGES else ""


def language_name(iso: str) -> str:
    """« en » → « anglais » (the code itself when unknown)."""
    return _ISO.get(iso, iso)


def sector_label(sector: str) -> str:
    return SECTORS.get(sector, f"secteur {sector}")
