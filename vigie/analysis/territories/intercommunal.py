"""An intercommunal body named with a name the EPCI table lacks: « communauté de communes du
Val de Drôme », « CA du Grand Montauban », « syndicat mixte du Val de Drôme ».

Owned apart from ``named`` (which reads the names the table holds, exactly) because here the
name is no evidence of itself. The COG's EPCI table is one year's: EPCI merge, grow from
communauté de communes to communauté d'agglomération and change names (« CC du Val de Drôme »
is now « CC du Val de Drôme en Biovallée »), and syndicats and PETR are not in it at all. The
name of such a body is mostly made of a river, a pays or a landscape, and a commune bearing it
elsewhere is a homonym (the commune « Val de Drôme » is in Calvados): read as a commune, the
name would place the text in the wrong département, which is worse than placing it nowhere.
So the name is read, in this order:

- as a known EPCI once the articles and the type of body are set aside (« communauté
  d'agglomération du Grand Montauban » is « CA Grand Montauban »), for a type of EPCI only;
- as the beginning of known EPCI names that all lie in one département: that département;
- for the département names it holds, when the table never uses that name for an EPCI of
  another département (« Drôme » is always in the Drôme, « Loire » and « Nord » are not);
- else for nothing but a préfecture, which ``scan`` still reads on its own evidence
  (« communauté urbaine de Lyon »): ``Unlisted.last`` tells how far no other commune is read.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from vigie.analysis.territories.words import MINOR, Word
from vigie.reference.geography import Departement, Epci, GeoTables, NameEntry, normalize

# The designations of intercommunal bodies, as folded words; « epci » for a type of EPCI, whose
# known name may be given, « body » for the others (a syndicat is no EPCI of the table, even
# when named like one). Singular only: « les communautés de communes de Bretagne » are the
# région's. An abbreviation counts in capitals only (« CA », not « ça »).
_HEADS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("communaute", "de", "communes"), "epci"),
    (("communaute", "d", "agglomeration"), "epci"),
    (("communaute", "de", "l", "agglomeration"), "epci"),
    (("communaute", "urbaine"), "epci"),
    (("metropole",), "epci"),
    (("eurometropole",), "epci"),
    (("cc",), "epci"), (("ca",), "epci"), (("cu",), "epci"),
    (("syndicat", "mixte"), "body"),
    (("syndicat", "intercommunal"), "body"),
    (("syndicat",), "body"),
    (("pole", "d", "equilibre", "territorial", "et", "rural"), "body"),
    (("petr",), "body"),
)
_ABBREVIATIONS = frozenset({"cc", "ca", "cu", "petr"})
HEAD_WORDS = frozenset(head[0] for head, _kind in _HEADS)
# The articles between a designation and its name: « du », « de la », « d' », « des ».
_ARTICLES = (("de", "la"), ("de", "l"), ("du",), ("des",), ("de",), ("d",))
# The type of body at the start of a known EPCI's name, set aside to compare names.
_TYPE_AT_START = re.compile(
    r"^(?:communaute (?:de communes|d agglomeration|urbaine)|metropole|cc|ca|cu) ")
_SIGLE = re.compile(r"\s*\([^()]*\)\s*$")


@dataclass(frozen=True)
class Unlisted:
    """What a designation with an unlisted name places, and the index of its name's last word:
    no commune but a préfecture is read up to it."""

    last: int
    epci: Epci | None = None
    departements: tuple[Departement, ...] = ()


def unlisted_at(geo: GeoTables, line: str, words: list[Word], i: int) -> Unlisted | None:
    """The designation of an intercommunal body starting at word ``i`` whose name the EPCI
    table lacks (``epci_at`` found none there), or None when no name follows it."""
    head = _head_at(line, words, i)
    if head is None:
        return None
    head_last, kind = head
    span = _name_after(words, head_last + 1)
    if span is None:
        return None
    first, last = span
    name = [w.key for w in words[first:last + 1]]
    if " ".join(name) in geo.departement_names or " ".join(name) in geo.region_names:
        return None  # « CA de Paris » (a cour d'appel too): read by ``scan`` on its evidence
    key = tuple(k for k in name if k not in MINOR)
    index = _loose_index(geo)
    exact = index.get(key, ())
    if kind == "epci" and len(exact) == 1:
        return Unlisted(last, epci=exact[0])
    within = {code for epci in index.get(key + ("",), ()) for code in epci.departements}
    if len(within) == 1:
        return Unlisted(last, departements=(geo.departements[within.pop()],))
    named = [dep for dep in _departements_named(geo, name) if dep.code in _faithful(geo)]
    return Unlisted(last, departements=tuple(dict.fromkeys(named)))


def prefecture(geo: GeoTables, entries: tuple[NameEntry, ...]) -> bool:
    """Whether a commune name is a préfecture's: the one commune read in an unlisted name."""
    return any(e.current and e.commune.code in geo.chefs_lieux for e in entries)


def _head_at(line: str, words: list[Word], i: int) -> tuple[int, str] | None:
    """The longest designation starting at word ``i``: its last word's index and its kind."""
    if words[i].key not in HEAD_WORDS:
        return None
    for head, kind in _HEADS:
        end = i + len(head)
        if end > len(words) or tuple(w.key for w in words[i:end]) != head:
            continue
        if any(w.link == "" for w in words[i + 1:end]):
            continue  # « Communauté. De communes… »: not one designation
        if head[0] in _ABBREVIATIONS and not line[words[i].start:words[i].end].isupper():
            continue
        return end - 1, kind
    return None


def _name_after(words: list[Word], at: int) -> tuple[int, int] | None:
    """The name after a designation: an article, then capitalised words joined by articles and
    prepositions (« du Val de Drôme », « Cœur d'Ostrevent »), up to a comma, a parenthesis
    or a lower-case word. None when no capitalised word follows."""
    for article in _ARTICLES:
        if tuple(w.key for w in words[at:at + len(article)]) == article and all(
                w.link for w in words[at:at + len(article)]):
            at += len(article)
            break
    if at >= len(words) or not words[at].link or not _name_word(words[at]):
        return None
    last = at
    for j in range(at + 1, len(words)):
        if not words[j].link or not (_name_word(words[j]) or words[j].key in MINOR):
            break
        if _name_word(words[j]):
            last = j
    return at, last


def _name_word(word: Word) -> bool:
    return word.cap and not word.key[:1].isdigit() and word.key not in MINOR


def _departements_named(geo: GeoTables, keys: list[str]) -> list[Departement]:
    """The départements a name holds, its longest names first (« Haute-Loire », not
    « Loire »), word by word."""
    found: list[Departement] = []
    at = 0
    while at < len(keys):
        for end in range(min(len(keys), at + 5), at, -1):
            dep = geo.departement_names.get(" ".join(keys[at:end]))
            if dep is not None:
                found.append(dep)
                at = end
                break
        else:
            at += 1
    return found


@lru_cache(maxsize=1)  # one geography per process
def _loose_index(geo: GeoTables) -> dict[tuple[str, ...], tuple[Epci, ...]]:
    """Known EPCI by their names without type nor articles: the whole name as its key, and
    each beginning of it (the whole one included) as that key plus an empty word."""
    index: dict[tuple[str, ...], list[Epci]] = defaultdict(list)
    for epci in geo.epcis.values():
        bare = _TYPE_AT_START.sub("", normalize(_SIGLE.sub("", epci.name)))
        key = tuple(k for k in bare.split() if k not in MINOR)
        index[key].append(epci)
        for n in range(1, len(key) + 1):
            index[key[:n] + ("",)].append(epci)
    return {key: tuple(found) for key, found in index.items()}


@lru_cache(maxsize=1)
def _faithful(geo: GeoTables) -> frozenset[str]:
    """Départements whose name, when a known EPCI's name holds it, always names a département
    of that EPCI (« Drôme », « Ardèche »); many are rivers flowing through others (« Loire »
    in « CC Loire Layon Aubance », Maine-et-Loire) or a direction (« Nord »)."""
    unfaithful: set[str] = set()
    for epci in geo.epcis.values():
        for dep in _departements_named(geo, normalize(epci.name).split()):
            if dep.code not in epci.departements:
                unfaithful.add(dep.code)
    return frozenset(geo.departements) - unfaithful
