"""Reading place names in one line of prose: which names it holds, and on what evidence.

Owns the line-level part of territory finding: looking up the longest place name starting at
a word of the line (``words``), and the evidence rules — a cue before the name (« commune
de », « département du », « sous-préfet de », written in ``cues``), a département after it
(« (18) », « (Cher) »), a list that goes on (« de Baix, Rompon et Soyons »), a compound
capitalised name, a préfecture — and against it: a name inside a designation that is no
territory (« région d'information de vol de Paris », ``cues.ELSEWHERE_CUE``), a station named
for another town (« gare de Lyon » is Paris's). EPCI, the areas the COG lacks and départements
in parentheses are read by ``named``; an EPCI or a syndicat whose name the table lacks by
``intercommunal``, and no commune but a préfecture is read in its name. ``scan_line`` depends on
the line alone, so its result is cached (official texts repeat their sentences); settling
homonyms with the surrounding départements is left to ``find``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from vigie.analysis.territories.cues import (
    DEDICATION_CUE,
    DEPARTEMENT_CUE,
    LANDFORM_CUE,
    OVERSEAS_CUE,
    REGION_CUE,
    SEAT_CUE,
    SERVICE_REACH,
    ZONE_CUE,
    after_honorific,
    commune_cue_before,
    continues_list,
    cue_before,
    elsewhere_before,
    in_persons_name,
    placed_elsewhere,
    product_before,
    ressort_before,
    sentence_initial,
    street_before,
    terminus_town,
)
from vigie.analysis.territories.groups import (
    GROUP_STARTS,
    coast_of,
    group_at,
    group_hint,
    locates,
    narrowed,
)
from vigie.analysis.territories.intercommunal import HEAD_WORDS, prefecture, unlisted_at
from vigie.analysis.territories.mention import Mention
from vigie.analysis.territories.named import (
    EPCI_TYPE_WORDS,
    area_at,
    area_hint,
    area_starts,
    departement_after,
    departements_in_parentheses,
    epci_at,
    epci_hint,
)
from vigie.analysis.territories.variants import variant_at
from vigie.analysis.territories.words import MINOR, Word, can_end, can_start, words_of
from vigie.reference.areas import Area
from vigie.reference.geography import (
    Departement,
    GeoTables,
    NameEntry,
    Region,
    fold_word,
    normalize,
)

# Lower-case articles before a name that may belong to it: « du Pouzin » is « de Le Pouzin »,
# « de la Talaudière » is « de La Talaudière ».
_ARTICLES_BEFORE = {"du": "le", "au": "le", "des": "les", "aux": "les", "le": "le", "la": "la",
                    "les": "les", "l": "l"}
_ARTICLE_WORDS = ("le", "la", "les", "l")
_ARTICLE_SUFFIX = re.compile(r"\s*\(\s*(Les|Le|La|L['’]?|les|le|la|l['’]?)\s*\)")


@dataclass(slots=True)
class Hit:
    """The longest place name found at a word: what it may be, and where it lies."""

    first: int  # index of its first word
    last: int  # index of its last word
    start: int  # character offsets in the line, with the article before or after the name
    end: int
    key: str
    departement: Departement | None
    region: Region | None
    communes: tuple[NameEntry, ...]
    significant: int  # words other than articles and prepositions
    all_capitalised: bool  # every significant word starts with a capital


def longest_hit(geo: GeoTables, line: str, words: list[Word], i: int) -> Hit | None:
    """The longest région, département or commune name starting at word ``i``."""
    article = ""
    if i and words[i].link in (" ", "'") and not words[i - 1].cap:
        article = _ARTICLES_BEFORE.get(words[i - 1].key, "")
    keys: list[str] = []
    key = ""
    for j in range(i, min(len(words), i + geo.max_tokens)):
        if j > i and not words[j].link:
            break
        key = f"{key} {words[j].key}" if key else words[j].key
        # « Mans » alone starts no name, but « du Mans » and « Mans (Le) » do.
        if key not in geo.name_prefixes and key not in _after_article(geo):
            break
        keys.append(key)
    for n in range(len(keys), 0, -1):
        last = i + n - 1
        if not can_end(words, last + 1):
            continue
        hit = _hit_at(geo, line, words, i, last, keys[n - 1], article)
        if hit is not None:
            return hit
    variant = variant_at(geo, words, i)  # « Châtillon-de-Michaille » (« -en- » in the COG)
    if variant is None:
        return None
    last, key, entries = variant
    significant = [w for w in words[i:last + 1] if w.key not in MINOR]
    return Hit(i, last, words[i].start, words[last].end, key, None, None, entries,
               len(significant), all(w.cap for w in significant))


def _hit_at(geo: GeoTables, line: str, words: list[Word], i: int, last: int, key: str,
            article: str) -> Hit | None:
    """The name on words ``i..last``, with an article written after it (« Mans (Le) ») or
    before it in lower case (« du Mans », « de la Talaudière »), else as it stands."""
    end = words[last].end
    start = words[i].start
    variants = []
    suffix = _ARTICLE_SUFFIX.match(line, end)
    if suffix:
        variants.append((f"{normalize(suffix.group(1))} {key}", start, suffix.end()))
    if article:
        variants.append((f"{article} {key}", words[i - 1].start, end))
    variants.append((key, start, end))
    for variant, begin, stop in variants:
        departement = geo.departement_names.get(variant)
        region = geo.region_names.get(variant)
        communes = geo.commune_names.get(variant, ())
        if communes and not (departement or region) and variant != key and (
                key in geo.departement_names or key in geo.region_names):
            # « de la Creuse »: the village La Creuse (70) must not hide the département,
            # which still needs its own evidence (hence its own key).
            departement = geo.departement_names.get(key)
            region = geo.region_names.get(key)
            variant = key
        if departement or region or communes:
            significant = [w for w in words[i:last + 1] if w.key not in MINOR]
            return Hit(i, last, begin, stop, variant, departement, region, communes,
                       len(significant), all(w.cap for w in significant))
    return None


def inside_proper_noun(words: list[Word], hit: Hit) -> bool:
    """« Jean Laval », « Laval Agglomération »: a capitalised word glued on either side."""
    before = hit.first > 0 and words[hit.first].link == " " and words[hit.first - 1].cap \
        and words[hit.first - 1].key not in MINOR
    after = hit.last + 1 < len(words) and words[hit.last + 1].link == " " \
        and words[hit.last + 1].cap and words[hit.last + 1].key not in MINOR
    return before or after


# Single-word département names that are also rivers, mountains or common words need a cue;
# these single words, and compound names, are kept on their own.
_BARE_DEPARTEMENTS = frozenset({"finistere", "morbihan", "calvados", "vaucluse", "yvelines",
                                "lozere", "cantal", "savoie", "vendee", "guadeloupe",
                                "martinique", "guyane", "mayotte", "reunion"})
# A capitalised word (« \b[A-ZÀ-ÖØ-ÞŒ]\w* »), written from its capital (the bound before it
# as a look back): the regex engine jumps from one capital to the next in C instead of trying
# the bound at every character (five times faster on a title).
_CAPITALISED = re.compile(r"[A-ZÀ-ÖØ-ÞŒ](?<!\w.)\w*")
# Lower-case words that begin an area's name (``reference.areas``); ``area_hint`` finds them.
_STARTS = EPCI_TYPE_WORDS | HEAD_WORDS | GROUP_STARTS | {"academie", "parc", "region", "creps",
                                                         "performance"}


@lru_cache(maxsize=8192)
def scan_line(geo: GeoTables, line: str) -> tuple[Mention, ...]:
    """The places a line of prose names, in order, each kept on evidence."""
    mentions: list[tuple[int, Mention]] = [
        (start, Mention("departement", departement=dep))
        for start, dep in departements_in_parentheses(geo, line)]
    if not _worth_scanning(geo, line):
        return tuple(m for _start, m in mentions)
    words = words_of(line)
    doubtful: list[Hit] = []  # départements without evidence, for lists read backwards
    last_end = {"departement": -1, "commune": -1, "region": -1, "elsewhere": -1}
    quiet = -1  # the last word of an unlisted EPCI's name: no commune but a préfecture in it
    i = 0
    while i < len(words):
        word = words[i]
        # A word that can start neither a name (capitalised) nor an EPCI's: nothing starts here.
        if not (word.cap or word.key in _STARTS) or not can_start(words, i):
            i += 1
            continue
        hit = longest_hit(geo, line, words, i) if word.cap else None
        named = _named_at(geo, line, words, i, hit)
        if named is not None:  # an EPCI, a syndicat, an area: read as one name
            mentions.extend((word.start, m) for m in named[0])
            i, quiet = named[1] + 1, max(quiet, named[2])
            continue
        placed = _designated(geo, line, hit, last_end) if hit else None
        if hit and placed is not None:
            mentions.extend((hit.start, m) for m in placed)
            i = hit.last + 1
            continue
        found = _judge(geo, line, words, hit, last_end) if hit else ()
        if hit and hit.first <= quiet:
            found = tuple(m for m in found if m.kind != "commune" or prefecture(geo, m.communes))
        mentions.extend((hit.start, m) for m in found if hit)
        if hit and hit.departement and not found:
            doubtful.append(hit)
        i = hit.last + 1 if found and hit else i + 1
    mentions.extend(_list_heads(line, doubtful, mentions))
    return tuple(m for _start, m in sorted(narrowed(geo, mentions), key=lambda pair: pair[0]))


def _named_at(geo: GeoTables, line: str, words: list[Word], i: int, hit: Hit | None
              ) -> tuple[list[Mention], int, int] | None:
    """An EPCI, an intercommunal body the EPCI table lacks, or an area starting at word ``i``:
    what it places, the index of the word to go on after, and the last word of a name in which
    no commune but a préfecture is read (-1 when none)."""
    epci = epci_at(geo, words, i)
    if epci is not None:
        return [Mention("epci", epci=epci[0])], epci[1], -1
    group = group_at(geo, line, words, i)
    if group is not None and (hit is None or group[1] > hit.last):
        return group[0], group[1], -1
    unlisted = unlisted_at(geo, line, words, i) if words[i].key in HEAD_WORDS else None
    if unlisted is not None:  # its name is read on, but for communes
        placed = ([Mention("epci", epci=unlisted.epci)] if unlisted.epci else
                  [Mention("departement", departement=d) for d in unlisted.departements])
        return placed, unlisted.last if unlisted.epci else i, unlisted.last
    area = area_at(words, i)
    if area is not None and (hit is None or area[1] >= hit.last) and not in_persons_name(
            line, words[i].start):
        return _area_mentions(geo, area[0]), area[1], -1
    return None


def _designated(geo: GeoTables, line: str, hit: Hit, last_end: dict[str, int]
                ) -> list[Mention] | None:
    """What a name inside a designation places: nothing when the designation is no territory
    (``_elsewhere``), Paris for its terminus « gare de Lyon »; None for a name on its own."""
    if _elsewhere(line, hit, last_end):
        return []
    town = terminus_town(line, hit.key, hit.start, hit.end)
    return [Mention("commune", communes=geo.commune_names[town])] if town else None


def _elsewhere(line: str, hit: Hit, last_end: dict[str, int]) -> bool:
    """Whether a name is part of a designation that is no territory of the text (« région
    d'information de vol de Paris », « heure de Paris », « cour d'appel de Colmar et de
    Metz », « gare de Lyon à Paris », « AOC « Saint-Émilion » »), or goes on a list of them.
    A commune that seats a comité territorial de l'audiovisuel names its ressort."""
    seat_of_ressort = not (hit.departement or hit.region) and ressort_before(line, hit.start)
    if elsewhere_before(line, hit.start) or street_before(line, hit.start) or (
            seat_of_ressort or product_before(line, hit.start)
            or placed_elsewhere(line, hit.start, hit.end)
            or continues_list(line, last_end["elsewhere"], hit.start)):
        last_end["elsewhere"] = hit.end
        return True
    return False


def _area_mentions(geo: GeoTables, area: Area) -> list[Mention]:
    """An area as the départements it covers."""
    return [Mention("departement", departement=geo.departements[code])
            for code in area.departements]


def _list_heads(line: str, doubtful: list[Hit], mentions: list[tuple[int, Mention]]
                ) -> list[tuple[int, Mention]]:
    """« Aisne, Côte-d'Or, Eure-et-Loir et Var »: the first items of a list of départements
    whose later items were kept are kept too."""
    starts = {start for start, m in mentions if m.kind == "departement"}
    heads: list[tuple[int, Mention]] = []
    for hit in reversed(doubtful):
        following = [s for s in starts if s >= hit.end]
        if following and continues_list(line, hit.end, min(following)):
            starts.add(hit.start)
            heads.append((hit.start, Mention("departement", departement=hit.departement)))
    return heads


@lru_cache(maxsize=1)  # one geography per process
def _after_article(geo: GeoTables) -> frozenset[str]:
    """What follows the article of a name prefix that begins with one (« mans » for « le
    mans »): « key » is in it exactly when « le key », « la key », « les key » or « l key » is
    a name prefix (a set read once where four phrases were made for each word)."""
    return frozenset(prefix.split(" ", 1)[1] for prefix in geo.name_prefixes
                     if prefix.split(" ", 1)[0] in _ARTICLE_WORDS and " " in prefix)


def _worth_scanning(geo: GeoTables, line: str) -> bool:
    """Most lines name no place: skip them unless a capitalised word could start a name,
    alone or after a lower-case article (« des Andelys » is « Les Andelys »), or a head of
    an area is written (« académie de », « parc national »)."""
    if epci_hint(line) or group_hint(line) or area_hint(line):
        return True
    keys = set(map(fold_word, _CAPITALISED.findall(line)))  # (tables read as sets, in C)
    return not (keys.isdisjoint(geo.name_prefixes) and keys.isdisjoint(_after_article(geo))
                and keys.isdisjoint(area_starts()))


def _judge(geo: GeoTables, line: str, words: list[Word], hit: Hit,
           last_end: dict[str, int]) -> tuple[Mention, ...]:
    """The hit as a département, a région or a commune, in that order, on evidence; or ().
    A person's name (« M. de LASSUS SAINT-GENIÈS ») is none of them."""
    if in_persons_name(line, hit.start):
        return ()
    suffix, end = departement_after(geo, line, hit.end)
    seat = bool(hit.communes) and cue_before(SEAT_CUE, line, hit.start, reach=30)
    if seat and (suffix is None or any(e.commune.departement == suffix.code
                                       for e in hit.communes)):
        return _commune_mentions(hit, suffix, end, last_end, seat=True)
    if hit.departement and _departement_evidence(line, words, hit, suffix, last_end):
        last_end["departement"] = end
        return (Mention("departement", departement=hit.departement),)
    # The sea off a région (« au large de la Bretagne ») is no commune's (Bretagne, 90).
    coast = coast_of(geo, line, hit.start, hit.region) if hit.region else []
    if coast or (hit.region and (cue_before(REGION_CUE, line, hit.start, reach=SERVICE_REACH)
                                 or continues_list(line, last_end["region"], hit.start)
                                 or (_lead_capitalised(words, hit) and not hit.communes))):
        last_end["region"] = end
        return tuple(coast) or (Mention("region", region=hit.region,
                                        locator=locates(line, hit.start, hit.end)),)
    if not hit.communes or not _commune_evidence(geo, line, words, hit, suffix, last_end):
        return ()
    return _commune_mentions(hit, suffix, end, last_end)


def _commune_mentions(hit: Hit, suffix: Departement | None, end: int,
                      last_end: dict[str, int], *, seat: bool = False) -> tuple[Mention, ...]:
    """The commune, and the département written after it (« Bourges (18) ») when any."""
    last_end["commune"] = end
    commune = Mention("commune", communes=hit.communes, forced=suffix.code if suffix else "",
                      seat=seat)
    if suffix is None:
        return (commune,)
    return commune, Mention("departement", departement=suffix)


def _departement_evidence(line: str, words: list[Word], hit: Hit, suffix: Departement | None,
                          last_end: dict[str, int]) -> bool:
    dep = hit.departement
    assert dep is not None
    if suffix is not None:
        return suffix.code == dep.code
    if cue_before(LANDFORM_CUE, line, hit.start, reach=40):
        return False  # « vallée de la Marne »: the river, whatever cue comes before
    if cue_before(DEPARTEMENT_CUE, line, hit.start, reach=SERVICE_REACH):
        return True
    if dep.overseas_collectivity and cue_before(OVERSEAS_CUE, line, hit.start):
        return True
    if continues_list(line, last_end["departement"], hit.start):
        return True
    # A compound name is the département even when a village bears it (La Réunion, 47); not so
    # for Saint-Martin or Saint-Barthélemy, collectivités named like several communes.
    bare = hit.key in _BARE_DEPARTEMENTS or (
        " " in hit.key and not (dep.overseas_collectivity and hit.communes))
    return bare and _lead_capitalised(words, hit)


def _commune_evidence(geo: GeoTables, line: str, words: list[Word], hit: Hit,
                      suffix: Departement | None, last_end: dict[str, int]) -> bool:
    if suffix is not None:
        return any(e.commune.departement == suffix.code for e in hit.communes)
    if commune_cue_before(line, hit.start) or continues_list(
            line, last_end["commune"], hit.start):
        return True
    if not hit.all_capitalised or (hit.key.startswith(("saint ", "sainte ")) and cue_before(
            DEDICATION_CUE, line, hit.start, reach=30)):
        return False
    if hit.significant >= 2 or cue_before(ZONE_CUE, line, hit.start, reach=12):
        return True
    chef_lieu = any(e.current and e.commune.code in geo.chefs_lieux for e in hit.communes)
    # « Tours » opening a sentence may be the noun; « Le Mans » opening one is the city.
    name_start = next((w.start for w in words[hit.first:hit.last + 1] if w.key not in MINOR),
                      hit.start)
    return chef_lieu and not (sentence_initial(line, name_start)
                              or after_honorific(line, hit.start)
                              or inside_proper_noun(words, hit))


def _lead_capitalised(words: list[Word], hit: Hit) -> bool:
    significant = [w for w in words[hit.first:hit.last + 1] if w.key not in MINOR]
    return bool(significant) and significant[0].cap
