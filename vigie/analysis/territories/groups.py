"""Names that stand for a group of départements the COG has no single name for, and a région
that stands for fewer départements than it holds.

Owned apart from ``scan`` (one name, one territory of the COG) because each of these reads a
name as several départements, or a région as a part of it:

- the Antilles and the océan Indien, as the overseas départements a French title means by
  them (``GROUPS``);
- a hyphenated compound of overseas names (« conseil interportuaire Antilles-Guyane »,
  « Guadeloupe-Martinique », « chambre régionale des comptes La Réunion-Mayotte »): each part.
  Overseas only: in metropolitan France such compounds mostly name river basins, whose rivers
  bear départements' names (agences de l'eau Loire-Bretagne, Rhin-Meuse,
  Rhône-Méditerranée-Corse), and their area is no sum of their parts;
- a région named as the sea off it (« éolien en mer au large de la Normandie », « littoral de
  la région Occitanie »): its départements on the sea (``reference.coast``);
- a région in parentheses after a name locates that body (« le syndicat l'Altu di Casacconi
  (Corse) »): when the same line also names a commune or a département of that région
  (« … sur la zone de Vescovato »), the line places the act there, and the région is dropped;
- a région whose regional service holds a departmental unit the line names (« responsable de
  l'unité départementale de Loir-et-Cher à la direction régionale […] du Centre-Val de
  Loire », « directeur régional adjoint […] d'Auvergne-Rhône-Alpes, chargé des fonctions de
  responsable de l'unité départementale de l'Isère »): the post, the office, the act are the
  unit's, in its département; the région only locates the service the unit belongs to, and is
  dropped when the line names a département of it;
- a région the body of a text names, not its title, when the text also names a département,
  a commune or an EPCI of it (``within_regions``): the body names a région for the service
  that keeps a map or instructs a file (« consultée […] à la direction régionale de
  l'environnement, de l'aménagement et du logement Auvergne-Rhône-Alpes »), the places the
  act applies to are the narrower ones; read as the whole région, a site of three
  départements would go to the editions of twelve.
"""

from __future__ import annotations

import re
from functools import cache

from vigie.analysis.records import Territory
from vigie.analysis.territories.cues import OF
from vigie.analysis.territories.mention import Mention
from vigie.analysis.territories.words import Word, can_end
from vigie.reference.coast import COASTAL_DEPARTEMENTS
from vigie.reference.geography import GeoTables, Region

# What a French administrative title means by these names: the overseas départements, whose
# editions read it. « Antilles » and « Antilles françaises » are the Guadeloupe and the
# Martinique (université des Antilles, chlordécone aux Antilles, zone Antilles-Guyane), not
# Saint-Barthélemy and Saint-Martin, though they lie in the same islands: since 2007 they are
# collectivités of article 74 of the Constitution with laws of their own, and a text that
# applies there names them (« en Guadeloupe, en Martinique, à Saint-Barthélemy et à
# Saint-Martin »). The océan Indien is La Réunion and Mayotte (« Sud océan Indien »), not the
# Terres australes, which have no local authority (« îles Éparses » is excluded below). The
# Pacific is not read: « Pacifique » is an adjective, and « Asie-Pacifique »,
# « Indo-Pacifique », the fisheries commissions of the Pacific are international; the three
# collectivités there have statutes of their own and are named by their names.
GROUPS: dict[str, tuple[str, ...]] = {
    "antilles": ("971", "972"), "antilles francaises": ("971", "972"),
    "ocean indien": ("974", "976"),
}
GROUP_STARTS = frozenset(key.split()[0] for key in GROUPS)
# Not the French Antilles nor the French océan Indien: the Greater or Lesser Antilles as a
# whole, the Caribbean sea, the Dutch or British islands; the îles Éparses (Terres australes),
# the Commission de l'océan Indien (an international body).
_FOREIGN_BEFORE = re.compile(
    r"(?:\bgrandes|\bpetites|\bmer\s+des|\barc\s+des)\s+$"
    r"|(?:\b[ée]parses\s+|\bcommission\s+)de\s+l['’]\s*$", re.IGNORECASE)
_FOREIGN_AFTER = re.compile(
    r"\s+(?:n[ée]erlandaises|britanniques|anglaises|am[ée]ricaines|espagnoles|danoises)\b",
    re.IGNORECASE)
_OVERSEAS = ("97", "98")
_MAX_PART = 5  # words of the longest overseas name (« Saint-Pierre-et-Miquelon »)
# The sea off a région: « au large de la », « en mer de », « au large des côtes de »,
# « littoral de la région », « façade maritime de ».
SEA_CUE = re.compile(
    r"(?:\bau\s+large|\ben\s+mer|\blittora(?:l|ux)|\bc[ôo]tes?|\bfa[çc]ades?\s+maritimes?)"
    rf"(?:\s+{OF}c[ôo]tes?)?\s+{OF}(?:r[ée]gions?\s+)?$", re.IGNORECASE)
_LOCATOR_BEFORE = re.compile(r"\w\s*\(\s*$")
_LOCATOR_AFTER = re.compile(r"\s*\)")
# A departmental unit of a regional service: the unités départementales of the DREAL, DREETS
# and DRAC, the délégations départementales of an agence régionale de santé.
_DEPARTMENTAL_UNIT = re.compile(
    r"\b(?:unit[ée]s?|d[ée]l[ée]gations?|antennes?)\s+(?:inter)?d[ée]partementa(?:le|les|l|ux)\s",
    re.IGNORECASE)


def group_hint(line: str) -> bool:
    """Whether a line may name a group (cheap: most lines do not)."""
    return "Antilles" in line or "Indien" in line or "ANTILLES" in line


def group_at(geo: GeoTables, line: str, words: list[Word], i: int
             ) -> tuple[list[Mention], int] | None:
    """A group (« Antilles ») or a compound of overseas names (« Antilles-Guyane ») starting
    at word ``i``: its départements, and the index of its last word."""
    if words[i].key not in GROUP_STARTS and words[i].key not in _overseas_starts(geo):
        return None
    parts: list[tuple[str, ...]] = []
    j = i - 1
    while j + 1 < len(words) and (not parts or words[j + 1].link == "-"):
        part = _overseas_part(geo, line, words, j + 1)
        if part is None:
            break
        parts.append(part[0])
        j = part[1]
    if not parts or not can_end(words, j + 1) or (
            len(parts) == 1 and _key(words, i, j) not in GROUPS):
        return None
    if _key(words, i, j) in GROUPS and _FOREIGN_AFTER.match(line, words[j].end):
        return None
    codes = dict.fromkeys(code for part in parts for code in part)
    return [Mention("departement", departement=geo.departements[c]) for c in codes], j


def _key(words: list[Word], i: int, j: int) -> str:
    """The key of words ``i..j``."""
    return " ".join(w.key for w in words[i:j + 1])


def _overseas_part(geo: GeoTables, line: str, words: list[Word], i: int
                   ) -> tuple[tuple[str, ...], int] | None:
    """The longest group or overseas name starting at word ``i``, capitalised (« La Réunion »,
    « océan Indien »), with the index of its last word."""
    best = None
    for j in range(i, min(len(words), i + _MAX_PART)):
        if j > i and words[j].link not in (" ", "-", "'"):
            break
        key = _key(words, i, j)
        codes = GROUPS.get(key) if words[j].cap else None
        if codes and _FOREIGN_BEFORE.search(line, max(0, words[i].start - 30), words[i].start):
            return None
        dep = geo.departement_names.get(key) if words[i].cap or words[j].cap else None
        if dep is not None and dep.code.startswith(_OVERSEAS):
            codes = (dep.code,)
        if codes:
            best = codes, j
    return best


@cache  # one geography per process
def _overseas_starts(geo: GeoTables) -> frozenset[str]:
    """The first words of overseas names (« guadeloupe », « la », « saint »)."""
    return frozenset(key.split()[0] for key, dep in geo.departement_names.items()
                     if dep.code.startswith(_OVERSEAS))


def coast_of(geo: GeoTables, line: str, start: int, region: Region) -> list[Mention]:
    """The départements on the sea of a région named as the sea off it (``SEA_CUE``); empty
    when the name is no sea's, or when none of its départements is on the sea."""
    if SEA_CUE.search(line, max(0, start - 60), start) is None:
        return []
    return [Mention("departement", departement=dep) for dep in geo.departements.values()
            if dep.region == region.code and dep.code in COASTAL_DEPARTEMENTS]


def locates(line: str, start: int, end: int) -> bool:
    """Whether a région's name only locates: in parentheses right after a word (« l'Altu di
    Casacconi (Corse) »), or in a line that names a departmental unit of its service
    (``_DEPARTMENTAL_UNIT``). ``narrowed`` drops it when the line names a place within it."""
    return (_LOCATOR_BEFORE.search(line, max(0, start - 4), start) is not None
            and _LOCATOR_AFTER.match(line, end) is not None
            ) or _DEPARTMENTAL_UNIT.search(line) is not None


def narrowed(geo: GeoTables, mentions: list[tuple[int, Mention]]) -> list[tuple[int, Mention]]:
    """The mentions of a line without the régions that only locate (``locates``) of which the
    line also names a département, or a commune all of whose homonyms lie in that région."""
    for _start, mention in mentions:  # (a loop: most lines have a mention or two, no locator)
        if mention.locator:
            break
    else:
        return mentions
    kept = []
    for start, mention in mentions:
        region = mention.region.code if mention.locator and mention.region else ""
        if region and any(_within(geo, other, region) for _s, other in mentions):
            continue
        kept.append((start, mention))
    return kept


def _within(geo: GeoTables, mention: Mention, region: str) -> bool:
    if mention.departement is not None:
        return mention.departement.region == region
    current = [e for e in mention.communes if e.current] or list(mention.communes)
    return bool(current) and all(
        geo.departements[e.commune.departement].region == region for e in current)


def within_regions(geo: GeoTables, territories: list[Territory], in_title: set[str]
                   ) -> list[Territory]:
    """The territories of a text without the régions its body names (not its title) of which
    it also names a narrower territory: a département, a commune, an EPCI of one
    département. A false département sends a text to readers it does not concern; the
    région's other départements are no territory of an act that names its places."""
    narrower = {geo.departements[t.departement].region for t in territories
                if t.kind != "region" and t.departement in geo.departements}
    return [t for t in territories
            if t.kind != "region" or t.code in in_title or t.code not in narrower]
