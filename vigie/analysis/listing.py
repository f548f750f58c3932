"""The communes a text lists, as the decision keeps them, and what a reader is told of them.

Owns three things built on ``territories.read_places``: the ``communes`` of a decision (the rows
of its annex tables, and for a designation text the communes its articles name), the key
figure of a designation text (« 137 communes de 37 départements : état de catastrophe
naturelle reconnu pour 75, non reconnu pour 64 ») and the reason that makes an unidentified
name visible (« commune non identifiée : « Saint-Nulle-Part » (Cher) »).
"""

from __future__ import annotations

import re

from vigie.analysis.records import RECOGNISED, REJECTED, UNIDENTIFIED, CommuneLine
from vigie.analysis.territories import Places
from vigie.reference.geography import departement_table

COMMUNES_IN_TITLE = re.compile(r"\bcommunes?\b", re.IGNORECASE)
CATNAT = re.compile(r"catastrophes? naturelles?", re.IGNORECASE)
_MAX_NAMED = 5


def listed_communes(places: Places, *, designation: bool, title: str
                    ) -> tuple[CommuneLine, ...]:
    """Table rows first (in the text's order); then, for a text that designates places or
    whose title speaks of communes, the communes its prose names that no row listed."""
    lines = list(places.communes)
    if designation or COMMUNES_IN_TITLE.search(title):
        seen = {line.code for line in lines}
        lines += [CommuneLine(t.code, t.name, t.departement) for t in places.territories
                  if t.kind == "commune" and t.code not in seen]
    return tuple(lines)


def key_figure(communes: tuple[CommuneLine, ...], *, title: str = "") -> str:
    """« 700 communes de 71 départements », with what the text decided for them when it says
    so. Empty when the text lists fewer than two communes (its title already says it all)."""
    named = {_identity(line) for line in communes}
    if len(named) < 2:
        return ""
    departements = {line.departement for line in communes if line.departement}
    figure = f"{count(len(named), 'commune')} {_of_departements(departements)}"
    recognised = {_identity(line) for line in communes if line.status == RECOGNISED}
    rejected = {_identity(line) for line in communes if line.status == REJECTED}
    catnat = bool(CATNAT.search(title))
    if not (recognised or rejected):
        return f"État de catastrophe naturelle : {figure}." if catnat else f"{figure}."
    if catnat:
        parts = [f"reconnu pour {len(recognised)}" if recognised else "",
                 f"non reconnu pour {len(rejected)}" if rejected else ""]
        return (f"{figure} : état de catastrophe naturelle {', '.join(p for p in parts if p)}"
                f"{_both(recognised & rejected)}.")
    parts = [f"{len(recognised)} reconnue{'s' if len(recognised) > 1 else ''}" if recognised
             else "", f"{len(rejected)} non reconnue{'s' if len(rejected) > 1 else ''}"
             if rejected else ""]
    return f"{figure} : {', '.join(p for p in parts if p)}{_both(recognised & rejected)}."


def _both(communes: set[tuple[str, str]]) -> str:
    """Why the two counts add up to more than the communes: a commune recognised for one
    phenomenon or period and not for another is in both annexes (76 + 63 for 137)."""
    if not communes:
        return ""
    return (f" ({count(len(communes), 'commune')} dans les deux cas, selon le phénomène ou "
            "la période)")


def designation_summary(communes: tuple[CommuneLine, ...] | list[CommuneLine]) -> str:
    """« désigne 700 communes de 71 départements (dont 1 non identifiée) »."""
    named = {_identity(line) for line in communes}
    departements = {line.departement for line in communes if line.departement}
    unknown = len({_identity(line) for line in communes if not line.identified})
    aside = f" (dont {unknown} non identifiée{'s' if unknown > 1 else ''})" if unknown else ""
    return (f"désigne {count(len(named), 'commune')} de "
            f"{count(len(departements), 'département')}{aside}")


def unidentified_reason(communes: tuple[CommuneLine, ...]) -> str:
    """« commune non identifiée : « X » (Cher) », or « communes non identifiées : … »."""
    if not communes:  # (most texts list none)
        return ""
    names = list(dict.fromkeys(
        f"« {line.name} »" + (f" ({_departement_name(line.departement)})"
                              if line.departement else "")
        for line in communes if not line.identified))
    if not names:
        return ""
    lead = UNIDENTIFIED if len(names) == 1 else "communes non identifiées"
    more = f" et {len(names) - _MAX_NAMED} autres" if len(names) > _MAX_NAMED else ""
    return f"{lead} : {', '.join(names[:_MAX_NAMED])}{more}"


def _identity(line: CommuneLine) -> tuple[str, str]:
    return (line.code, "") if line.code else (line.name.casefold(), line.departement)


def _of_departements(codes: set[str]) -> str:
    if len(codes) == 1:
        return f"({_departement_name(next(iter(codes)))})"
    return f"de {count(len(codes), 'département')}" if codes else ""


def _departement_name(code: str) -> str:
    departement = departement_table().get(code)
    return departement.name if departement else code


def count(number: int, noun: str) -> str:
    """« 1 commune », « 700 communes »."""
    return f"{number} {noun}{'s' if number > 1 else ''}"
