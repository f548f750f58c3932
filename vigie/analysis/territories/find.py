"""Which territories a text names: régions, départements, communes and EPCI, with their codes.

Owns the rules that turn place names into ``Territory`` records. Plain text comes from the
parsing stage: paragraphs on their own lines, each table row on one line with its cells joined
by " | ". A name is only kept on evidence, because one commune name in ten is shared and many
are ordinary words (« Plan », « Mars », « Le Port »):

- tables: a row with a département cell (« Ardèche | Baix ») matches its commune cell exactly;
- prose: a commune needs a cue (« commune de X », « communes de A, B et C »), a département
  after it (« Bourges (18) »), a compound capitalised name (« Saint-Gaudens ») or to be a
  préfecture; a département needs a cue (« département du Cher », « préfet de la Somme »)
  unless its name cannot be anything else (« Bouches-du-Rhône », « Finistère »);
- a sous-préfecture (« sous-préfète de Vierzon ») is a commune even when its name is one word;
- a shared name is settled by the département of its row, of its paragraph, the nearest one
  before it (« Département du Cher » heading), the title's, then those named anywhere in the
  text, and a sous-préfecture by its size among its homonyms; when none settles it, the name is
  dropped rather than guessed;
- a commune a table row lists (an annex) also becomes a ``CommuneLine`` with what the row says
  of it (status, phenomenon, period, from ``tables``); there a name that matches no commune of
  its département, or a homonym left unsettled, is kept without a code (« commune non
  identifiée ») instead of being dropped;
- a name inside a designation is no territory: a street, a station placed in another town
  (« gare de Lyon à Paris »; alone, « gare de Lyon » is Paris's), a river (« vallée de la
  Marne »), a product (« AOC « Saint-Émilion » »), a saint (« église Saint-Pierre »), a ship,
  a ressort named by its seat (``cues``);
- an EPCI or a syndicat named with a name the EPCI table lacks (renamed, merged: « communauté
  de communes du Val de Drôme ») is no homonym commune (« Val de Drôme », Calvados): it is
  the known EPCI named alike, the département of the known EPCI its name begins, the
  département it names, or nothing (``intercommunal``);
- a group is its départements (« Antilles », « Antilles-Guyane »), the sea off a région its
  départements on the sea, and a région in parentheses after a name gives way to a commune
  or a département of it that the line names (``groups``);
- reading stops at the signatures (« Fait à Paris, le … »): where a text is signed is no
  territory of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from vigie.analysis.records import CommuneLine, Territory
from vigie.analysis.territories.groups import within_regions
from vigie.analysis.territories.scan import Mention, scan_line
from vigie.analysis.territories.tables import (
    Annexes,
    RowDetail,
    Table,
    aligned,
    cell_names,
    departement_cell,
    departement_heading,
    header_roles,
    labelled_rows,
    row_detail,
    short,
)
from vigie.reference.geography import (
    Commune,
    Departement,
    Epci,
    GeoTables,
    NameEntry,
    load_geo,
    normalize,
)

__all__ = ["Places", "Territory", "find_territories", "read_places"]

_ROW_SEPARATOR = " | "
# How many times bigger than any homonym a commune must be to be taken for the sous-préfecture.
_SEAT_MARGIN = 3
_INSEE = re.compile(r"(?:\d[\dAB]|2[AB])\d{3}", re.IGNORECASE)


_SIGNATURES = re.compile(r"^\s*Fait\s+(?:à|a|le)\b", re.IGNORECASE)
_SIGNED = frozenset({"F", "f", *(chr(c) for c in range(0x3001) if chr(c).isspace())})


@dataclass(frozen=True)
class Places:
    """What a text names: its territories, and the communes its tables list, row by row."""

    territories: tuple[Territory, ...]
    communes: tuple[CommuneLine, ...]


def find_territories(text: str, *, title: str = "") -> tuple[Territory, ...]:
    """Territories named in ``title`` then ``text``, de-duplicated, in order of first mention.

    A collectivité d'outre-mer (Saint-Martin 978, Polynésie française 987…) is reported as a
    département-level territory with its INSEE code; a région that is also a single département
    (Guadeloupe…) as the département.
    """
    return read_places(text, title=title).territories


def row_cells(line: str) -> list[str]:
    r"""The cells of a table row: the pieces between its bars, without the spaces around them
    (« a | | b » has an empty cell squeezed in). This is what ``re.split(r"\s*\|\s*",
    line.strip())`` gives, since ``str.strip`` drops the characters ``\s`` reads, and ten times
    faster on a long row: that pattern is tried at every character."""
    return [cell.strip() for cell in line.split("|")]


def read_places(text: str, *, title: str = "") -> Places:
    """Territories as ``find_territories`` gives them, and one ``CommuneLine`` per commune
    a table row lists (status, phenomenon and period when the table says them; a name that
    matches no commune of its département is kept, unidentified). Reading stops at the
    signatures (« Fait à Paris, le … »): where a text is signed is no territory of it."""
    finder = _Finder(load_geo())
    for line in title.splitlines():
        finder.read_line(line, in_title=True)
    for line in text.splitlines():
        # (a signature opens with « F » or « f » after any spaces: most lines, without the
        # regex; ``str.isspace`` reads what ``\\s`` reads)
        if line[:1] in _SIGNED and _SIGNATURES.match(line):
            break
        finder.read_line(line)
    return finder.result() if finder.found or finder.pending else Places((), ())  # (most)


@dataclass
class _Pending:
    """A commune name kept on evidence, whose département may still have to be settled."""

    seq: int
    entries: tuple[NameEntry, ...]
    forced: frozenset[str]  # départements it must belong to (its row, « (18) »), or empty
    line: set[str]  # départements named in the same paragraph or row (filled as it is read)
    preceding: str  # the nearest département named before it
    seat: bool = False  # named as a sous-préfecture: the biggest homonym may settle it
    row: RowDetail | None = None  # listed by a table row: what the row says of it
    written: str = ""  # the cell as written (table rows only)


@dataclass
class _Finder:
    geo: GeoTables
    found: dict[tuple[str, str], tuple[int, Territory]] = field(default_factory=dict)
    pending: list[_Pending] = field(default_factory=list)
    lines: list[tuple[int, CommuneLine]] = field(default_factory=list)
    title_departements: set[str] = field(default_factory=set)
    title_regions: set[str] = field(default_factory=set)
    all_departements: set[str] = field(default_factory=set)
    recent: str = ""
    seq: int = 0
    table: Table | None = None
    annexes: Annexes = field(default_factory=Annexes)
    in_title: bool = False

    # ---------------------------------------------------------------- results
    def result(self) -> Places:
        for item in self.pending:
            commune = self._resolve(item)
            if commune is not None:
                self._add(_commune_territory(commune), item.seq)
            if item.row is not None:
                where = "".join(sorted(item.forced)) or item.preceding
                self.lines.append((item.seq, _line(commune, item.written, where, item.row)))
        ordered = [t for _seq, t in sorted(self.found.values(), key=lambda pair: pair[0])]
        listed = dict.fromkeys(line for _seq, line in sorted(self.lines, key=lambda p: p[0]))
        return Places(tuple(within_regions(self.geo, ordered, self.title_regions)), tuple(listed))

    def _add(self, territory: Territory, seq: int | None = None) -> None:
        if seq is None:
            self.seq += 1
            seq = self.seq
        key = (territory.kind, territory.code)
        if key not in self.found or self.found[key][0] > seq:
            self.found[key] = (seq, territory)

    def _departement(self, dep: Departement, line_deps: set[str], seq: int | None = None) -> None:
        self._add(Territory("departement", dep.code, dep.name, dep.code), seq)
        self.recent = dep.code
        line_deps.add(dep.code)
        self.all_departements.add(dep.code)
        if self.in_title:
            self.title_departements.add(dep.code)

    def _commune(self, entries: tuple[NameEntry, ...], forced: frozenset[str],
                 line_deps: set[str], preceding: str = "", *, seat: bool = False,
                 row: RowDetail | None = None, written: str = "") -> None:
        self.seq += 1
        self.pending.append(_Pending(self.seq, entries, forced, line_deps,
                                     preceding or self.recent, seat, row, written))

    # ---------------------------------------------------------------- lines
    def read_line(self, line: str, *, in_title: bool = False) -> None:
        self.in_title = in_title
        rows = [row_cells(line)] if _ROW_SEPARATOR in line else (
            labelled_rows(self.geo, line) if ":" in line else [])
        for cells in rows:  # a table row, or the rows of a list « Allier : A, B et C »
            self._read_row(cells)
        if rows:
            return
        self.table = None
        if not in_title:
            self.annexes.read(line)
        heading = departement_heading(self.geo, line)
        if heading and not heading[1]:
            self._departement(heading[0], set())
            return
        self._read_prose(line, set())

    def _read_prose(self, line: str, line_deps: set[str]) -> None:
        for mention in scan_line(self.geo, line):
            self._apply(mention, line_deps)

    def _apply(self, mention: Mention, line_deps: set[str]) -> None:
        if mention.departement is not None:
            self._departement(mention.departement, line_deps)
        elif mention.region is not None:
            region = mention.region
            self._add(Territory("region", region.code, region.name, ""))
            if self.in_title:
                self.title_regions.add(region.code)
        elif mention.epci is not None:
            self._add(_epci_territory(mention.epci))
        elif mention.communes:
            forced = frozenset({mention.forced}) if mention.forced else frozenset()
            self._commune(mention.communes, forced, line_deps, seat=mention.seat)

    # ---------------------------------------------------------------- tables
    def _read_row(self, cells: list[str]) -> None:
        table = self.table = self.table or Table()
        if not table.has_header and header_roles(cells):
            table.roles, table.width = header_roles(cells), len(cells)
            return
        line_deps: set[str] = set()
        detail = row_detail(table, cells, self.annexes.current)
        dep_at, dep = self._row_departement(cells, table)
        self.seq += 1
        dep_seq = self.seq  # the département cell comes before the commune cell
        insee_at, by_code = self._insee_cell(cells, table, detail)
        commune_at = self._match_communes(cells, table, dep_at, dep, line_deps,
                                          None if by_code else detail)
        if commune_at is None and dep is not None and dep[1]:
            # A bare number (« 12 ») that fits no commune of the row is not a département.
            dep = None
            commune_at = self._match_communes(cells, table, dep_at, None, line_deps,
                                              None if by_code else detail)
        used = {insee_at, commune_at}
        if dep is not None and (commune_at is not None or not dep[1]):
            self._departement(dep[0], line_deps, dep_seq)
            table.last_departement = dep[0].code
            used.add(dep_at)
            if commune_at is None and by_code is None:
                used.add(self._unidentified(cells, table, dep[0], detail))
        for index, cell in enumerate(cells):
            if index in used:
                continue
            epci = self.geo.epci_names.get(normalize(cell)) if short(cell) else None
            if epci is not None:
                self._add(_epci_territory(epci))
            else:
                self._read_prose(cell, line_deps)

    def _unidentified(self, cells: list[str], table: Table, dep: Departement,
                      detail: RowDetail) -> int | None:
        """A commune cell of a table with a « Commune » header that names no commune of the
        row's département: kept as « commune non identifiée », with the name as written."""
        column = aligned(table, "commune", len(cells))
        if column is None or column >= len(cells):
            return None
        name = cells[column].strip()
        if not name or not short(name) or not any(c.isalpha() for c in name):
            return None
        self.seq += 1
        self.lines.append((self.seq, _line(None, name, dep.code, detail)))
        return column

    def _row_departement(self, cells: list[str], table: Table
                         ) -> tuple[int, tuple[Departement, bool] | None]:
        column = aligned(table, "departement", len(cells))
        if column is not None:
            found = departement_cell(self.geo, cells[column])
            return column, (found[0], False) if found else None
        bare: tuple[int, tuple[Departement, bool] | None] = (-1, None)
        for index, cell in enumerate(cells):
            found = departement_cell(self.geo, cell) if short(cell) else None
            if found and not found[1]:
                return index, found
            if found and bare[1] is None:
                bare = index, found  # « 1 | Ardèche | Baix »: a row number before the name
        return bare

    def _match_communes(self, cells: list[str], table: Table, dep_at: int,
                        dep: tuple[Departement, bool] | None, line_deps: set[str],
                        detail: RowDetail | None) -> int | None:
        """Match the commune cell of a row within its département; returns its index or None."""
        column = aligned(table, "commune", len(cells))
        if column is None and table.commune_from_right is not None:
            column = len(cells) - table.commune_from_right
        known = column is not None and 0 <= column < len(cells)
        indexes = [column] if known else [i for i in range(len(cells)) if i != dep_at]
        for index in indexes:
            assert index is not None
            names, written = cell_names(self.geo, cells[index])
            if not names:
                continue
            within = dep[0] if dep is not None else written
            forced = frozenset({within.code}) if within is not None else frozenset()
            if forced and not all(any(e.commune.departement in forced for e in entries)
                                  for entries in names):
                continue
            if not forced and not known:
                return None
            listed = cells[index].strip() if len(names) == 1 else ""
            for entries in names:
                self._commune(entries, forced, line_deps, table.last_departement,
                              row=detail, written=listed)
            if dep is not None and not known:
                table.commune_from_right = len(cells) - index
            if written is not None and dep is None:
                self._departement(written, line_deps)
            return index
        return None

    def _insee_cell(self, cells: list[str], table: Table, detail: RowDetail
                    ) -> tuple[int | None, Commune | None]:
        index = aligned(table, "insee", len(cells))
        if index is None or index >= len(cells):
            return None, None
        code = cells[index].strip().upper()
        commune = self.geo.communes.get(code) if _INSEE.fullmatch(code) else None
        if commune is not None:
            self.seq += 1
            self._add(_commune_territory(commune), self.seq)
            self.lines.append((self.seq, _line(commune, "", commune.departement, detail)))
        return index, commune

    # ---------------------------------------------------------------- homonyms
    def _resolve(self, item: _Pending) -> Commune | None:
        if item.forced:
            return _single([e for e in item.entries if e.commune.departement in item.forced])
        if len({e.commune.code for e in item.entries}) == 1:
            return item.entries[0].commune
        levels = (item.line, {item.preceding} - {""}, self.title_departements,
                  self.all_departements)
        for level in levels:
            within = [e for e in item.entries if e.commune.departement in level]
            if within:
                return _single(within)
        if item.seat:
            return _dominant_population(item.entries)
        return _dominant_chef_lieu(self.geo, item.entries)


def _single(entries: list[NameEntry]) -> Commune | None:
    """The one commune these entries name; a current name wins over historical ones."""
    communes = {e.commune.code: e.commune for e in entries}
    if len(communes) == 1:
        return next(iter(communes.values()))
    current = {e.commune.code: e.commune for e in entries if e.current}
    return next(iter(current.values())) if len(current) == 1 else None


def _dominant_chef_lieu(geo: GeoTables, entries: tuple[NameEntry, ...]) -> Commune | None:
    """« La Rochelle » alone is the préfecture, not the village of 100 people in Haute-Saône."""
    communes = {e.commune.code: e.commune for e in entries if e.current}
    chefs = [c for c in communes.values() if c.code in geo.chefs_lieux]
    if len(chefs) != 1:
        return None
    others = [c.population for c in communes.values() if c is not chefs[0]]
    return chefs[0] if all(chefs[0].population >= 10 * p for p in others) else None


def _dominant_population(entries: tuple[NameEntry, ...]) -> Commune | None:
    """The sous-préfecture among homonyms: the COG shipped has no arrondissements, but a chef-lieu
    of arrondissement outweighs the villages named like it (Castres, 81, and not the one in
    the Aisne). Two towns of a size (Saint-Denis, 93 or 974) are left unsettled."""
    current = [e for e in entries if e.current] or list(entries)
    communes = {e.commune.code: e.commune for e in current}
    ranked = sorted(communes.values(), key=lambda c: -c.population)
    if len(ranked) == 1:
        return ranked[0]
    biggest, second = ranked[0].population, ranked[1].population
    return ranked[0] if biggest > 0 and biggest >= _SEAT_MARGIN * second else None


def _line(commune: Commune | None, written: str, departement: str,
          detail: RowDetail) -> CommuneLine:
    """A listed commune as the decision keeps it; the written name only when it differs."""
    if commune is None:
        return CommuneLine("", written, departement, detail.status, detail.phenomenon,
                           detail.start, detail.end, written)
    differs = written and normalize(written) != normalize(commune.name)
    return CommuneLine(commune.code, commune.name, commune.departement, detail.status,
                       detail.phenomenon, detail.start, detail.end, written if differs else "")


def _commune_territory(commune: Commune) -> Territory:
    return Territory("commune", commune.code, commune.name, commune.departement)


def _epci_territory(epci: Epci) -> Territory:
    only = epci.departements[0] if len(epci.departements) == 1 else ""
    return Territory("epci", epci.siren, epci.name, only)
