"""Where a court sits: « Cour d'appel de Chambéry » → Chambéry → the Savoie (73).

A judicial court is named after the commune of its seat (« Tribunal judiciaire de Bordeaux »,
« Tribunal de commerce du Mans »); the commune is looked up in the COG like any place name
(accents, articles and « Saint »/« St » do not matter). When several communes bear the name,
the seat is the one that is a chef-lieu, then the most populous. The Cour de cassation, and a
court whose name holds no commune, have none.
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
