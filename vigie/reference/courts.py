"""Where a court sits, and what a cour d'appel covers: « Cour d'appel de Chambéry » sits at
Chambéry, in the Savoie (73), and its ressort is the Savoie and the Haute-Savoie (73, 74).

A judicial court is named after the commune of its seat (« Tribunal judiciaire de Bordeaux »,
« Tribunal de commerce du Mans »); the commune is looked up in the COG like any place name
(accents, articles and « Saint »/« St » do not matter). When several communes bear the name,
the seat is the one that is a chef-lieu, then the most populous. The Cour de cassation, and a
court whose name holds no commune, have none.

``RESSORTS``: the départements (and collectivités d'outre-mer) of the ressort of each of the
36 cours d'appel, by its seat. Source: Code de l'organisation judiciaire, annexe tableau IV
(« Siège et ressort des cours d'appel… », art. D. 311-1), as the Ministère de la Justice
publishes it (Légifrance; each court's « Présentation du ressort » on
cours-appel.justice.fr), in force since the cour d'appel de Cayenne (décret n° 2011-1878,
1 January 2012). Every département is in exactly one ressort; Saint-Barthélemy and
Saint-Martin in Basse-Terre's, Wallis-et-Futuna in Nouméa's, Mayotte in Saint-Denis's
(chambre d'appel de Mamoudzou). Saint-Pierre-et-Miquelon has a tribunal supérieur d'appel,
no cour d'appel, and the Terres australes et antarctiques none: in no ressort.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vigie.reference.geography import Commune, load_geo, normalize

# The kinds of courts, longest first: what follows one of them, after an article, is its seat.
_KINDS = sorted((
    "cour d'appel", "tribunal judiciaire", "tribunal de commerce", "tribunal de grande instance",
    "tribunal d'instance", "tribunal de proximité", "tribunal paritaire des baux ruraux",
    "tribunal mixte de commerce", "tribunal du travail", "tribunal de première instance",
    "tribunal supérieur d'appel", "conseil de prud'hommes", "juridiction de proximité",
    "tribunal"), key=len, reverse=True)
_ARTICLE = re.compile(r"^(de la|de l'|du|des|de|d')\s*(?=\S)", re.IGNORECASE)
_ARTICLES = {"de la": "La ", "du": "Le ", "des": "Les ", "de l'": "L'"}


@dataclass(frozen=True)
class Seat:
    """The commune where a court sits, and its département."""

    commune: str  # its name in the COG: « Chambéry »
    code: str  # INSEE code
    departement: str


def seat_name(court: str) -> str:
    """« Tribunal de commerce du Mans » → « Le Mans »; "" when the name holds no seat."""
    text = " ".join((court or "").replace("’", "'").split())
    kind = next((k for k in _KINDS if text.lower().startswith(k + " ")), "")
    rest = text[len(kind):].strip() if kind else ""
    match = _ARTICLE.match(rest)
    if not match or any(rest.lower().startswith(k) for k in ("de commerce", "de grande",
                                                             "d'instance", "de proximit")):
        return ""
    return _ARTICLES.get(match.group(1).lower(), "") + rest[match.end():]


def _best(communes: list[Commune], chefs_lieux: frozenset[str]) -> Commune:
    return max(communes, key=lambda c: (c.code in chefs_lieux, c.population))


def court_seat(court: str) -> Seat | None:
    """The seat of a court named « Cour d'appel de X », « Tribunal judiciaire de X »…; None
    when its name holds none the COG knows (« Cour de cassation »). A longer name than a
    commune's (« Saint-Denis de la Réunion ») is tried again without its last words."""
    name = seat_name(court)
    if not name:
        return None
    geo = load_geo()
    words = normalize(name).split()
    while words:
        entries = geo.commune_names.get(" ".join(words), ())
        current = [e.commune for e in entries if e.current] or [e.commune for e in entries]
        if current:
            found = _best(current, geo.chefs_lieux)
            return Seat(found.name, found.code, found.departement)
        words = words[:-1]
    return None


RESSORTS: dict[str, tuple[str, ...]] = {
    "Agen": ("32", "46", "47"),
    "Aix-en-Provence": ("04", "06", "13", "83"),
    "Amiens": ("02", "60", "80"),
    "Angers": ("49", "53", "72"),
    "Bastia": ("2A", "2B"),
    "Besançon": ("25", "39", "70", "90"),
    "Bordeaux": ("16", "24", "33"),
    "Bourges": ("18", "36", "58"),
    "Caen": ("14", "50", "61"),
    "Chambéry": ("73", "74"),
    "Colmar": ("67", "68"),
    "Dijon": ("21", "52", "71"),
    "Douai": ("59", "62"),
    "Grenoble": ("05", "26", "38"),
    "Limoges": ("19", "23", "87"),
    "Lyon": ("01", "42", "69"),
    "Metz": ("57",),
    "Montpellier": ("11", "12", "34", "66"),
    "Nancy": ("54", "55", "88"),
    "Nîmes": ("07", "30", "48", "84"),
    "Orléans": ("37", "41", "45"),
    "Paris": ("75", "77", "89", "91", "93", "94"),
    "Pau": ("40", "64", "65"),
    "Poitiers": ("17", "79", "85", "86"),
    "Reims": ("08", "10", "51"),
    "Rennes": ("22", "29", "35", "44", "56"),
    "Riom": ("03", "15", "43", "63"),
    "Rouen": ("27", "76"),
    "Toulouse": ("09", "31", "81", "82"),
    "Versailles": ("28", "78", "92", "95"),
    # Outre-mer.
    "Basse-Terre": ("971", "977", "978"),
    "Cayenne": ("973",),
    "Fort-de-France": ("972",),
    "Nouméa": ("986", "988"),
    "Papeete": ("987",),
    "Saint-Denis": ("974", "976"),  # « de La Réunion »
}
_RESSORTS = {normalize(seat): codes for seat, codes in RESSORTS.items()}
_APPEAL = "cour d'appel "


def appeal_ressort(court: str) -> tuple[str, ...]:
    """The départements of the ressort of a cour d'appel named « Cour d'appel de X » (X as
    the table names its seat, or longer: « Saint-Denis de La Réunion »); () for any other
    court, or a seat the table does not know."""
    text = " ".join((court or "").replace("’", "'").split())
    if not text.lower().startswith(_APPEAL):
        return ()
    words = normalize(seat_name(text)).split()
    while words:
        found = _RESSORTS.get(" ".join(words))
        if found:
            return found
        words = words[:-1]
    return ()
