"""The identifiers of an act of EU law, read and said: its CELEX number, its ELI, its
reference in the Official Journal of the EU, and the French name it goes by.

- CELEX (« 32019L0904 »): sector, year, kind letters, number, and « R(01) » for a
  corrigendum (``reference.eu_law``). A number that does not follow this grammar is refused:
  it keys the act (one document per CELEX) and builds its EUR-Lex address.
- ELI: the Publications Office publishes it as ``http://data.europa.eu/eli/dir/2019/904/oj``
  (so it is printed in the Journal); notices also give it as a Cellar address
  (``…/resource/eli/dir/2019/904/oj``) or as « dir:2019:904:oj » (kind, year, number…). All
  three are read into the published form; anything else (another scheme, another host, no
  year) is refused.
- The Journal: Cellar names an act's publication « JOL_2019_155_R_0001 » (series L, issue
  155); with the day of publication it reads « JO L 155 du 12.6.2019 », as the Journal cites
  itself. Acts published one by one (since October 2023) have no issue number.

Pure: strings in, strings out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from vigie.reference.eu_law import (
    ACT_KINDS,
    LEGISLATION,
    NUMBERED,
    ONE_NUMBERING_FROM,
    REFINEMENTS,
)
from vigie.reference.french import french_date

EURLEX_URL = "https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:{celex}"
ELI_BASE = "http://data.europa.eu/eli/"
_CELEX = re.compile(r"(?P<sector>[0-9CE])(?P<year>\d{4})(?P<kind>[A-Z]{1,2})"
                    r"(?P<serial>\d{1,5})(?P<rest>[A-Z0-9()\-]{0,14})")
_CORRIGENDUM = re.compile(r"R\(\d{2}\)")
_ELI_PATH = r"[a-z_]{2,20}(?:/[A-Za-z0-9_().\-]{1,40}){1,8}"
_ELI = re.compile(rf"https?://data\.europa\.eu/eli/(?P<path>{_ELI_PATH})")
_ELI_CELLAR = re.compile(rf"https?://publications\.europa\.eu/resource/eli/(?P<path>{_ELI_PATH})")
_ELI_ID = re.compile(r"(?P<path>[a-z_]{2,20}:\d{4}(?::[A-Za-z0-9_().\-]{1,40}){1,7})")
_OJ = re.compile(r"(?:oj:)?JO(?P<series>[A-Z])[A-Z]?_(?P<year>\d{4})_(?P<issue>\d{1,4})"
                 r"(?P<part>[A-Z]{0,3})(?:_.*)?")


@dataclass(frozen=True)
class Celex:
    """A CELEX number, read."""

    number: str  # as published: « 32019L0904 », « 32019L0904R(01) »
    sector: str  # « 3 »: legislation
    year: int
    kind: str  # « L »
    serial: int  # 904
    corrigendum: bool = False

    @property
    def legislation(self) -> bool:
        return self.sector == LEGISLATION

    @property
    def known_kind(self) -> bool:
        return self.kind in ACT_KINDS

    @property
    def url(self) -> str:
        """The act on EUR-Lex, in French."""
        return EURLEX_URL.format(celex=self.number)


def read_celex(text: str) -> Celex | None:
    """« 32019L0904 » → ``Celex``; None when ``text`` is no CELEX number."""
    found = _CELEX.fullmatch((text or "").strip())
    if found is None:
        return None
    return Celex(found.group(0), found["sector"], int(found["year"]), found["kind"],
                 int(found["serial"]), bool(_CORRIGENDUM.fullmatch(found["rest"])))


def kind_label(celex: Celex, resource_type: str = "") -> str:
    """« Directive », « Règlement d'exécution » (the Office's resource type, « REG_IMPL »,
    refines the kind its letter says), « Acte » for a letter not known."""
    label, feminine = ACT_KINDS.get(celex.kind, ("Acte", False))
    for suffix, words in REFINEMENTS.items():
        if resource_type.upper().endswith(suffix):
            label = f"{label} {words[feminine]}"
    return label


def designation(celex: Celex, resource_type: str = "", day: date | None = None) -> str:
    """The act's French name: « Directive (UE) 2019/904 du 5 juin 2019 », « Règlement
    n° 248/2014 » (numbered before 2015), « Avis CELEX 32019A0101 » (kinds not numbered);
    « Rectificatif : … » for a corrigendum. The domain before 2015 (CE, CEE, UE) is not said:
    the CELEX number does not tell it."""
    label = kind_label(celex, resource_type)
    if celex.legislation and celex.kind in NUMBERED:
        if celex.year >= ONE_NUMBERING_FROM:
            name = f"{label} (UE) {celex.year}/{celex.serial}"
        elif celex.kind == "R":
            name = f"{label} n°\u00a0{celex.serial}/{celex.year}"
        else:
            name = f"{label} {celex.year}/{celex.serial}"
    else:
        name = f"{label} CELEX {celex.number}"
    if day is not None:
        name += f" du {french_date(day)}"
    return f"Rectificatif : {name}" if celex.corrigendum else name


def read_eli(value: str) -> str | None:
    """An ELI as the Office publishes it (``http://data.europa.eu/eli/…``), from any of the
    forms notices give; None when ``value`` is none of them."""
    value = (value or "").strip()
    for pattern in (_ELI, _ELI_CELLAR):
        found = pattern.fullmatch(value)
        if found:
            return value if pattern is _ELI else ELI_BASE + found["path"]
    found = _ELI_ID.fullmatch(value)
    return ELI_BASE + found["path"].replace(":", "/") if found else None


@dataclass(frozen=True)
class Journal:
    """Where an act was published in the Official Journal of the EU."""

    series: str  # « L », « C »
    issue: str = ""  # « 155 » ("" for an act published on its own)
    published: date | None = None
    first_page: int | None = None
    last_page: int | None = None

    @property
    def reference(self) -> str:
        """« JO L 155 du 12.6.2019, p. 1-19 », as the Journal cites itself."""
        head = f"JO {self.series}" + (f" {self.issue}" if self.issue else "")
        if self.published:
            day = self.published
            head += f" du {day.day}.{day.month}.{day.year}"
        if self.first_page:
            last = self.last_page if self.last_page and self.last_page > self.first_page else 0
            head += f", p. {self.first_page}" + (f"-{last}" if last else "")
        return head


def read_journal(oj_id: str) -> Journal | None:
    """« JOL_2019_155_R_0001 » → series L, issue 155; None when it is no such name."""
    found = _OJ.fullmatch((oj_id or "").strip())
    if found is None:
        return None
    return Journal(found["series"], str(int(found["issue"])) + found["part"])
