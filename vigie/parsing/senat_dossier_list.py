"""The Sénat's list of legislative dossiers (``dossiers-legislatifs.csv``), to choose pages.

A ``;``-separated CSV, ISO-8859-1, one row per dossier (sometimes several), with columns such
as « Titre », « URL du dossier », « Date initiale », « État du dossier », « Date de
promulgation ». Columns are found by their (normalised) names, never by position. Vigie only
needs to know which dossiers moved recently, to fetch their pages.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from vigie.parsing.model import ParseError
from vigie.parsing.parlement_values import numeric_date, safe_url
from vigie.parsing.senat_pages import DOSSIER_ID
from vigie.parsing.xmltools import clean


@dataclass(frozen=True)
class ListedDossier:
    id: str  # pjl07-488
    title: str
    url: str
    latest: date | None  # the most recent date of the row (deposit, decision, promulgation)
    state: str = ""


def _key(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "_", plain.lower()).strip("_")


def parse_dossier_list(data: bytes) -> list[ListedDossier]:
    """Each dossier once (its latest row), most recent first."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    first = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text), delimiter=";" if first.count(";") >= first.count(",")
                        else ",")
    header = [_key(h) for h in next(reader, [])]
    url_col = next((i for i, h in enumerate(header) if "url" in h), None)
    if url_col is None:
        raise ParseError("liste des dossiers du Sénat : colonne d'adresse (URL) introuvable")
    title_col = next((i for i, h in enumerate(header) if h.startswith("titre")), None)
    state_col = next((i for i, h in enumerate(header) if h.startswith("etat")), None)
    date_cols = [i for i, h in enumerate(header) if h.startswith("date")]
    found: dict[str, ListedDossier] = {}
    for row in reader:
        if len(row) <= url_col:
            continue
        match = DOSSIER_ID.search(row[url_col])
        if match is None:
            continue
        days = [d for d in (numeric_date(row[i]) for i in date_cols if i < len(row)) if d]
        item = ListedDossier(
            id=match.group(1).lower(),
            title=clean(row[title_col]) if title_col is not None and title_col < len(row) else "",
            url=safe_url(row[url_col]), latest=max(days) if days else None,
            state=clean(row[state_col]) if state_col is not None and state_col < len(row)
            else "",
        )
        known = found.get(item.id)
        if known is None or (item.latest or date.min) > (known.latest or date.min):
            found[item.id] = item
    return sorted(found.values(), key=lambda d: (d.latest or date.min, d.id), reverse=True)
