"""The names of the DILA's CIRCULAIRES fund's archives, and what they say: the stamp that
orders them, when their files were exported (``sources.dila_circulaires`` lists the fund).

Apart from the listing because reading an archive needs its name's meaning, not the network:
``vigie ingest`` of a file imports this, not the HTTP client (some 50 ms of start-up).
"""

from __future__ import annotations

import re

FLOW_NAME = re.compile(r"circulaire_(?P<d>\d{2})(?P<m>\d{2})(?P<y>\d{2})[-_]?(?P<hh>\d{2})h"
                       r"(?P<mm>\d{2})\.tar\.gz", re.IGNORECASE)
STOCK_NAME = re.compile(r"(?P<y>\d{4})_xml\.tar\.gz", re.IGNORECASE)
ABROGATIONS_NAME = re.compile(r"abroge_txt\.(?:tar|tar\.gz|tgz)", re.IGNORECASE)
ABROGATIONS_STAMP = "20150000-0000"


def archive_stamp(name: str) -> str | None:
    """« 20261102-1015 » of a flow archive, « 20120000-0000 » of a stock, « 20150000-0000 » of
    the list of abrogations, None otherwise."""
    if found := FLOW_NAME.fullmatch(name):
        return f"20{found['y']}{found['m']}{found['d']}-{found['hh']}{found['mm']}"
    if found := STOCK_NAME.fullmatch(name):
        return f"{found['y']}0000-0000"
    return ABROGATIONS_STAMP if is_abrogations_name(name) else None


def archive_export(name: str) -> str:
    """When the files of the archive ``name`` were exported, for those that do not say it:
    « 2026-11-02T10:15 » of a flow archive, « 2012 » of a stock (its year: no day, and
    older than any export dated in a later year), « » for any other name."""
    name = name.rpartition("/")[2]
    if found := FLOW_NAME.fullmatch(name):
        return f"20{found['y']}-{found['m']}-{found['d']}T{found['hh']}:{found['mm']}"
    found = STOCK_NAME.fullmatch(name)
    return found["y"] if found else ""


def is_abrogations_name(name: str) -> bool:
    """Whether ``name`` (a file's, a path's last part) is the fund's list of abrogations."""
    return ABROGATIONS_NAME.fullmatch(name.rpartition("/")[2]) is not None
