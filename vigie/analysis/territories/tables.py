"""Reading the tables and annexes of a text: what each column holds, what a cell names.

Owns the table-level part of territory finding, so that ``territories`` keeps to the order of
lines and to settling homonyms: the roles of a header row (département, commune, INSEE code,
phenomenon, start and end of a period, status), a département cell in its many spellings
(« Cher », « Département du Cher », « 18 - Cher », a bare « 18 »), the commune names of a cell
(« Pouzin (Le) », « Baix, Rompon et Soyons », « Bourges (18) »), the details of a row (status,
phenomenon, period), a line that lists communes after their département's name and a colon
(read as rows of a table) and the status of the annex a row sits in: a catastrophe naturelle
arrêté lists the communes « reconnues » in its annexe I and those « non reconnues » in its
annexe II, and says so in its articles and in each annex's caption.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from vigie.analysis.normalize import fold_once
from vigie.analysis.records import RECOGNISED, REJECTED
from vigie.reference.geography import Departement, GeoTables, NameEntry, normalize

MAX_CELL = 160  # longer cells are prose, never a name
_DEPARTEMENT_PREFIX = re.compile(
    r"^\s*d[ée]partements?\s*(?:de\s+la\s+|de\s+l['’]\s*|du\s+|de\s+|d['’]\s*|:\s*|n°\s*)?",
    re.IGNORECASE,
)
_CODE_FIRST = re.compile(r"(2[AB]|\d{1,3})\s*(?:[-–—:.]\s*)?(.*)", re.IGNORECASE)
_CODE_LAST = re.compile(r"(.*?)\s*(?:[-–—]\s*|\(\s*)(2[AB]|\d{1,3})\s*\)?", re.IGNORECASE)
_DEPARTEMENT_SUFFIX = re.compile(r"(.+?)\s*\(([^()]+)\)")
_LIST_SPLIT = re.compile(r"\s*(?:,|;|\bet\b)\s*")
# « Allier : Arfeuilles, Laprugne et Lavoine. »: a label, a colon, a list (``labelled_rows``).
_LABEL_MAX = 64
# (The line's end, spaces, full stops and semicolons, is cut first: a lazy list followed by
# « [\s.;]* » took a time in the square of a long run of « . . . ».)
_LABELLED_LIST = re.compile(r"\s*([^:|]{2,60}?)\s*:\s*(\S.*)")
# Header cells that say a row's details; tested on the folded cell, before the cell length.
_DETAIL_HEADERS = (
    ("phenomene", r"^(?:phenomene|nature du phenomene|type de phenomene|evenement)"),
    ("start", r"^(?:date de )?debut\b"),
    ("end", r"^(?:date de )?fin\b"),
    ("period", r"^(?:periode|dates?)\b"),
    ("status", r"^(?:decision|statut|avis)$"),
)
# All of them in one pattern, one named branch each, in their order: anchored at the start, the
# branch that matches is the first of them that does (``lastgroup`` names it).
_DETAIL_HEADER = re.compile("|".join(f"(?P<{role}>{source})" for role, source in _DETAIL_HEADERS))
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b|\b(\d{4})-(\d{2})-(\d{2})\b")
_ANNEX_HEADING = re.compile(r"^annexes? ([ivx]+|\d+)\b")
_ANNEX_REFERENCE = re.compile(r"\bannexe ([ivx]+|\d+)\b")
_REJECTED = re.compile(r"\bnon reconnue?s?\b|\brejete|\bnon constat")
_RECOGNISED = re.compile(r"\breconnue?s?\b|\bconstat")
_STATUS_WORDS = ("reconnu", "rejete", "constat")  # one of them in every match of the two
_MAX_CAPTION = 120
_MAX_SENTENCE = 600  # a sentence that says which annex lists what is shorter


@dataclass
class Table:
    """What is known of the table being read, row after row."""

    width: int = 0
    roles: dict[str, int] = field(default_factory=dict)  # "departement"/"commune"/… → column
    commune_from_right: int | None = None  # learned from rows with a département cell
    last_departement: str = ""

    @property
    def has_header(self) -> bool:
        return bool(self.roles)


@dataclass(frozen=True)
class RowDetail:
    """What a table row says of the commune it names, besides its name."""

    status: str = ""
    phenomenon: str = ""
    start: date | None = None
    end: date | None = None


@dataclass
class Annexes:
    """The status (« reconnue », « non reconnue ») of the annex being read, learned from the
    articles (« … sont recensées en annexe I », « … rejetées … en annexe II ») and from each
    annex's caption (« Communes non reconnues en état de catastrophe naturelle »)."""

    statuses: dict[str, str] = field(default_factory=dict)  # annex number → status
    current: str = ""

    def read(self, line: str) -> None:
        if len(line) > _MAX_SENTENCE:
            return
        low = line.lower()
        if "annexe" not in low and "commune" not in low:
            return
        # A heading's key starts with « annexe », a status holds one of ``_STATUS_WORDS``:
        # each is within a word of the key, so the whole line folded holds it too (the same
        # folding, character by character). Most lines about communes hold neither.
        folded = fold_once(line)
        if "annexe" not in folded and not any(word in folded for word in _STATUS_WORDS):
            return
        key = normalize.__wrapped__(line)  # a line of prose: not worth the name cache
        heading = _ANNEX_HEADING.match(key)
        if heading:
            self.current = self.statuses.get(heading.group(1), "")
            return
        status = _status_of(key)
        if not status:
            return
        referenced = set(_ANNEX_REFERENCE.findall(key))
        if len(referenced) == 1:
            self.statuses.setdefault(referenced.pop(), status)
        elif not referenced and len(key) <= _MAX_CAPTION and "commune" in key:
            self.current = status


def _status_of(key: str) -> str:
    if _REJECTED.search(key):
        return REJECTED
    return RECOGNISED if _RECOGNISED.search(key) else ""


def row_detail(table: Table, cells: list[str], status: str) -> RowDetail:
    """Status, phenomenon and period of a row, from the columns its header named."""
    # ``aligned`` for each role, its shift worked out once: a long table has hundreds of rows.
    roles, width = table.roles, len(cells)
    shift = max(0, table.width - width)

    def cell(role: str) -> str:
        column = roles.get(role)
        if column is None:
            return ""
        column -= shift
        return cells[column].strip() if 0 <= column < width else ""

    status_cell = cell("status")
    written = _status_of(normalize(status_cell)) if status_cell else ""
    dates = _dates(" ".join((cell("start"), cell("end"), cell("period"))))
    return RowDetail(status=written or status, phenomenon=cell("phenomene"),
                     start=dates[0] if dates else None, end=dates[-1] if dates else None)


def _dates(text: str) -> list[date]:
    found = []
    for match in _NUMERIC_DATE.finditer(text):
        day, month, year, iso_year, iso_month, iso_day = match.groups()
        try:
            found.append(date(int(iso_year), int(iso_month), int(iso_day)) if iso_year
                         else date(int(year), int(month), int(day)))
        except ValueError:
            continue
    return found


def aligned(table: Table, role: str, width: int) -> int | None:
    """The column of ``role`` in a row; rows shorter than the header lost their first cells."""
    if role not in table.roles:
        return None
    column = table.roles[role] - max(0, table.width - width)
    return column if column >= 0 else None


def header_roles(cells: list[str]) -> dict[str, int]:
    """Column roles of a header row; empty when the row is no header of a table of places."""
    roles: dict[str, int] = {}
    for index, cell in enumerate(cells):
        key = normalize(cell)
        found = _DETAIL_HEADER.match(key)
        detail = found.lastgroup if found else None
        if detail:
            roles.setdefault(detail, index)
            continue
        if len(key.split()) > 5:
            continue
        if "insee" in key or key.startswith("code commune"):
            roles.setdefault("insee", index)
        elif "departement" in key:
            roles.setdefault("departement", index)
        elif key.startswith(("commune", "nom de la commune", "nom commune", "localite")):
            roles.setdefault("commune", index)
    return roles if ("commune" in roles or "insee" in roles) else {}


def departement_cell(geo: GeoTables, text: str) -> tuple[Departement, bool] | None:
    """« Cher », « Département du Cher », « Cher (18) », « 18 - Cher » → (Cher, False);
    a bare code « 18 » → (Cher, True): it only counts once confirmed by the row."""
    # The prefix starts with a « d » after the spaces: other cells need no substitution.
    if text.lstrip()[:1] in ("d", "D"):
        text = _DEPARTEMENT_PREFIX.sub("", text)
    rest = text.strip().rstrip(":.").strip()
    if not rest:
        return None
    by_name = geo.departement_names.get(normalize(rest))
    if by_name is not None:
        return by_name, False
    for pattern, code_group, name_group in ((_CODE_FIRST, 1, 2), (_CODE_LAST, 2, 1)):
        # A code comes first (a digit, as ``\d`` reads one: ``isdecimal``) or after a dash or
        # a parenthesis: a cell without them is not tried against the pattern.
        if not (rest[0].isdecimal() if pattern is _CODE_FIRST else
                "-" in rest or "(" in rest or "–" in rest or "—" in rest):
            continue
        match = pattern.fullmatch(rest)
        if match is None:
            continue
        by_code = geo.departement_by_code(match.group(code_group))
        name = match.group(name_group).strip()
        if by_code is None:
            continue
        if not name:
            return by_code, True
        if geo.departement_names.get(normalize(name)) is by_code:
            return by_code, False
    return None


# A line that may be a département heading: short, opening with « Département », a code or a
# capital (« Cher (18) », « 18 - Cher », « CHER »).
_HEADING = re.compile(r"\s*(?:[Dd][ée]partement|\d|[A-ZÀ-ÖØ-Þ])[^\n]{0,58}$")
_HEADING_UP_TO = len("Département") + 58  # the longest line it matches with no space before


def departement_heading(geo: GeoTables, line: str) -> tuple[Departement, bool] | None:
    """The département of a line that may be a heading (``_HEADING``), as its cell reads
    (``departement_cell``). A longer line opening with no space is no heading: the pattern
    is not run on it, where it tried each of its 58 lengths (a microsecond a line of prose);
    ``str.isspace`` reads the spaces ``\\s`` reads."""
    if len(line) > _HEADING_UP_TO and not line[:1].isspace():
        return None
    return departement_cell(geo, line) if _HEADING.match(line) else None


def short(cell: str) -> bool:
    """Whether a cell is short enough to be a name or a list of a few names."""
    return len(cell) <= MAX_CELL


def cell_names(geo: GeoTables, cell: str) -> tuple[list[tuple[NameEntry, ...]], Departement | None]:
    """Communes a table cell names as a whole (« Pouzin (Le) ») or as a list of names, and the
    département written after them (« Bourges (18) »)."""
    if not short(cell):
        return [], None
    written = None
    stripped = cell.strip()  # (a suffix ends the cell: most cells, without the regex)
    suffix = _DEPARTEMENT_SUFFIX.fullmatch(stripped) if stripped.endswith(")") else None
    if suffix:
        found = departement_cell(geo, suffix.group(2))
        if found:
            cell, written = suffix.group(1), found[0]
    key = normalize(cell)
    if key in geo.commune_names:
        return [geo.commune_names[key]], written
    if "," not in cell and ";" not in cell and "et" not in cell:  # (``_LIST_SPLIT``'s own)
        return [], None  # one name, not a commune's
    parts = [normalize(p) for p in _LIST_SPLIT.split(cell) if p.strip()]
    if len(parts) > 1 and all(p in geo.commune_names for p in parts):
        return [geo.commune_names[p] for p in parts], written
    return [], None


def labelled_rows(geo: GeoTables, line: str) -> list[list[str]]:
    """The rows (« Allier | Arfeuilles ») of a line that lists communes after the name of
    their département and a colon, as an annex does when it sets no table (« Allier :
    Arfeuilles, Laprugne et Lavoine. »); none unless every name listed is a commune of that
    département: a département named before a colon in prose (« Loire : travaux sur le
    fleuve ») or a list of other things is no such list."""
    if not 2 <= line.find(":") <= _LABEL_MAX:  # (the first colon: most lines end there)
        return []
    match = _LABELLED_LIST.fullmatch(_without_end(line))
    found = departement_cell(geo, match.group(1)) if match else None
    if match is None or found is None or found[1]:
        return []
    names = [name for name in _LIST_SPLIT.split(match.group(2)) if name.strip()]
    code = found[0].code
    if not names or not all(any(e.commune.departement == code for e in geo.commune_names.get(
            normalize(name), ())) for name in names):
        return []
    return [[match.group(1), name] for name in names]


def _without_end(line: str) -> str:
    """``line`` without the spaces, full stops and semicolons that end it."""
    end = len(line)
    while end and (line[end - 1] in ".;" or line[end - 1].isspace()):
        end -= 1
    return line[:end]
