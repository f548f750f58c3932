"""A circulaire of the DILA CIRCULAIRES fund (``cir_<ID>.xml``, circulaires.legifrance) read
into a ``Circulaire`` record. Pure: bytes in, a frozen record (and what could not be read of
it, in French) out.

No real file of that fund could be checked: the reader follows the documented fields
(``ID_CIRCULAIRE``, ``ETAT`` V valid / A abrogated, ``TITRE``, ``NUMERO_NOR``,
``DATE_SIGNATURE``, ``AUTEUR``, ``RESUME``, ``NOM_FICHIER_PDF``, ``TEXTES_DE_REFERENCE``, and
the date of the export, ``DATE_EXPORT``, else ``DATE_DEPOT``) wherever they sit under the
root, whatever its name and nesting, in any namespace: the first element of each name is
read. Its identifier and title are required; a value that cannot be
read otherwise (a date, a state) is said and left out, the circulaire kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from lxml import etree

from vigie.parsing.model import ParseError
from vigie.parsing.xmltools import clean, parse_xml

# « cir_45205.xml »: how the DILA names the fund's files.
_NAME = re.compile(r"cir_[0-9A-Za-z_-]+\.xml", re.IGNORECASE)
# What tells a circulaire of the fund by its content (a file renamed, given alone).
MARK = b"ID_CIRCULAIRE"
HEAD = 65536  # bytes of a file looked at to tell it
VALID, ABROGATED = "V", "A"
# An identifier as Vigie keys it: « 45205 » of « cir_45205 »; letters, digits, - and _.
_ID = re.compile(r"[0-9A-Za-z_-]{1,28}")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_FRENCH = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
# An export's date, a time of day allowed: « 2024-10-14T10:30:00 », « 14/10/2024 10:30 »,
# « 20241014 ».
_CLOCK = r"(?:[T ]*(?P<time>\d{2}:?\d{2}(?::?\d{2})?))?"
_STAMPS = (re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})" + _CLOCK),
           re.compile(r"(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})" + _CLOCK),
           re.compile(r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})" + _CLOCK))
NO_DATE = date(2999, 1, 1)  # what DILA files write for « none »


@dataclass(frozen=True)
class Circulaire:
    """One circulaire as its file describes it."""

    id: str  # « 45205 »
    title: str
    state: str = VALID  # V (en vigueur) or A (abrogée)
    nor: str = ""
    signed: date | None = None
    author: str = ""  # the ministry or service that signed it
    summary: str = ""  # RESUME: the only body the XML gives
    pdf: str = ""  # NOM_FICHIER_PDF: the text itself
    references: tuple[str, ...] = ()  # TEXTES_DE_REFERENCE
    # DATE_EXPORT (else DATE_DEPOT) as « 2024-10-14 » or « 2024-10-14T10:30:00 »: which of two
    # exports of an id is the later one; « » when the file gives none.
    exported: str = ""
    # Held abrogated because the DILA's list of abrogations names it, its export saying V.
    listed: bool = False

    @property
    def abrogated(self) -> bool:
        return self.state == ABROGATED

    @property
    def url(self) -> str:
        """Its page on Légifrance (https), by its numeric identifier; « » for another form
        (no address could be checked for it)."""
        return f"https://www.legifrance.gouv.fr/circulaire/id/{self.id}" if self.id.isdigit() \
            else ""


def is_circulaire_name(name: str) -> bool:
    """Whether the file at ``name`` (a path) is named as the fund names its files."""
    return _NAME.fullmatch(name.rpartition("/")[2]) is not None


def is_circulaire_head(head: bytes) -> bool:
    """Whether a file starting with ``head`` is a circulaire of the fund (an XML file that
    names ``ID_CIRCULAIRE``)."""
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<") and MARK in head


def read_circulaire(name: str, data: bytes) -> tuple[Circulaire, list[str]]:
    """The circulaire of the file ``name`` and what of it could not be read (French lines
    naming the file). Raises ``ParseError`` for a file that is no XML, or that gives no
    identifier or no title."""
    root = parse_xml(name, data)
    values = _first_values(root)
    raw_id = values.get("ID_CIRCULAIRE", "")
    key = re.sub(r"^cir_", "", raw_id, flags=re.IGNORECASE)
    if not raw_id:
        raise ParseError(f"{name} : pas d'identifiant de circulaire (élément ID_CIRCULAIRE "
                         "absent ou vide) : circulaire non lue")
    if not _ID.fullmatch(key):
        raise ParseError(f"{name} : identifiant de circulaire « {raw_id[:60]} » illisible "
                         "(lettres, chiffres, - et _ attendus) : circulaire non lue")
    if not values.get("TITRE"):
        raise ParseError(f"{name} : circulaire {key} sans titre (élément TITRE absent ou "
                         "vide) : non lue")
    problems: list[str] = []
    signed = _date(values.get("DATE_SIGNATURE", ""), name, problems)
    state = _state(values.get("ETAT", ""), name, problems)
    said = values.get("DATE_EXPORT") or values.get("DATE_DEPOT", "")
    exported = export_stamp(said)
    if exported is None:
        problems.append(f"{name} : date d'export « {said[:40]} » illisible : circulaire "
                        "gardée, sans date pour la comparer à un autre export")
    return Circulaire(
        id=key, title=values["TITRE"], state=state, nor=values.get("NUMERO_NOR", "")[:32],
        signed=signed, author=values.get("AUTEUR", ""), summary=values.get("RESUME", ""),
        pdf=values.get("NOM_FICHIER_PDF", ""), references=_references(root),
        exported=exported or ""), problems


def export_stamp(value: str) -> str | None:
    """« 2024-10-14 » or « 2024-10-14T10:30:00 » of an export's date as the file writes it;
    « » for none, None when it cannot be read."""
    value = value.strip()
    if not value:
        return ""
    found = next((m for p in _STAMPS if (m := p.match(value))), None)
    if found is None:
        return None
    try:
        day = date(int(found["y"]), int(found["m"]), int(found["d"]))
    except ValueError:
        return None
    digits = (found["time"] or "").replace(":", "")
    clock = ":".join(digits[i:i + 2] for i in range(0, len(digits), 2))
    return day.isoformat() + (f"T{clock}" if clock else "")


def is_older(exported: str, than: str) -> bool:
    """Whether an export dated ``exported`` is strictly older than one dated ``than``; a
    missing date orders nothing, and a date alone is compared with the day of a date and
    time (the same day is not older: the one read last wins)."""
    if not exported or not than:
        return False
    size = min(len(exported), len(than))
    return exported[:size] < than[:size]


_FIELDS = ("ID_CIRCULAIRE", "ETAT", "TITRE", "NUMERO_NOR", "DATE_SIGNATURE", "AUTEUR",
           "RESUME", "NOM_FICHIER_PDF", "DATE_EXPORT", "DATE_DEPOT")


def _first_values(root: etree._Element) -> dict[str, str]:
    """The text of the first element of each documented name, wherever it is."""
    found: dict[str, str] = {}
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # (comments, processing instructions)
        local = etree.QName(element).localname
        if local in _FIELDS and local not in found:
            found[local] = clean(" ".join(element.itertext()))
    return found


def _references(root: etree._Element) -> tuple[str, ...]:
    """The texts of reference: each child of ``TEXTES_DE_REFERENCE`` that says something,
    else its own text, one line each."""
    block = next((e for e in root.iter() if isinstance(e.tag, str)
                  and etree.QName(e).localname == "TEXTES_DE_REFERENCE"), None)
    if block is None:
        return ()
    parts = [clean(" ".join(child.itertext())) for child in block if isinstance(child.tag, str)]
    if not any(parts):
        parts = [clean(line) for line in re.split(r"[\n;]", "".join(block.itertext()))]
    return tuple(dict.fromkeys(p for p in parts if p))[:20]


def _date(value: str, name: str, problems: list[str]) -> date | None:
    """« 2021-07-05 » (a time after it allowed) or « 05/07/2021 »; 2999-01-01 is none."""
    if not value:
        return None
    iso, french = _ISO.match(value), _FRENCH.fullmatch(value)
    try:
        day = (date(int(iso[1]), int(iso[2]), int(iso[3])) if iso else
               date(int(french[3]), int(french[2]), int(french[1])) if french else None)
    except ValueError:
        day = None
    if day is None:
        problems.append(f"{name} : date de signature « {value[:40]} » illisible (AAAA-MM-JJ "
                        "ou JJ/MM/AAAA attendu) : circulaire gardée sans date")
    return None if day == NO_DATE else day


def _state(value: str, name: str, problems: list[str]) -> str:
    """V or A (« VIGUEUR », « ABROGE » read alike); anything else said, taken as valid."""
    letter = value[:1].upper()
    if letter in (VALID, ABROGATED):
        return letter
    if value:
        problems.append(f"{name} : état « {value[:40]} » inconnu (V ou A attendu) : "
                        "circulaire tenue pour en vigueur")
    return VALID
