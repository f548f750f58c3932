"""Awarded public contracts: the « données essentielles de la commande publique » (DECP).

The regulatory JSON format (schema etalab/format-commande-publique): ``{"marches": [...]}``,
each record a contract (``_type`` « Marché ») or a concession (« Contrat de concession »)
with its buyer (``acheteur``, for a concession ``autoriteConcedante``), object, procedure,
amount (``montant``; ``valeurGlobale`` for a concession), notification date, place of
execution (``lieuExecution``: a département, a postcode, a commune's INSEE code…) and
winners (``titulaires``; ``concessionnaires``). Files come as JSON or as a zip of one JSON.

Records are kept as published: names with characters lost by the publisher (« Soci�t� »)
stay so, and are counted as a problem of the file. A record without buyer, identifier or
object is left out with a French problem line. Pure: bytes in, records out.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from datetime import date
from typing import Any, BinaryIO

from vigie.parsing.json_errors import json_reason
from vigie.parsing.json_reading import load
from vigie.parsing.model import TOO_DEEP

MAX_MEMBER = 256 * 1024 * 1024  # a zip member larger than this is refused
_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})")
ZIP = b"PK\x03\x04"
LOST = "\ufffd"  # the replacement character: a character the publisher's encoding lost


class DecpError(ValueError):
    """A file that holds no DECP records; the message is French, for people."""


class MemberTooBig(DecpError):
    """The JSON file of a DECP archive is larger, once inflated, than the limit: left unread
    (its ``name`` and ``size`` in bytes, for the caller's message)."""

    def __init__(self, name: str, size: int) -> None:
        super().__init__(f"archive DECP : {name} trop volumineux ({size} octets)")
        self.name, self.size = name, size


@dataclass(frozen=True)
class Contract:
    key: str  # the record's ``uid``, else the buyer's SIRET and the contract's id
    kind: str  # « Marché », « Contrat de concession »
    buyer: str
    buyer_id: str  # SIRET
    subject: str
    nature: str = ""  # « Marché », « Accord-cadre », « Concession de travaux »…
    procedure: str = ""
    amount: float | None = None  # euros excluding VAT, as declared
    notified: date | None = None  # notification (or signature) of the contract
    published: date | None = None  # publication of the data
    place_kind: str = ""  # lieuExecution.typeCode, as written
    place_code: str = ""
    place_name: str = ""
    winners: tuple[str, ...] = ()
    cpv: str = ""
    months: int | None = None
    source: str = ""  # the platform the record came from

    @property
    def departement(self) -> str:
        """The département of the place of execution, when it names one ("" otherwise)."""
        return departement_of(self.place_kind, self.place_code)


def departement_of(kind: str, code: str) -> str:
    """« Code département » 85 → 85; a postcode or a commune's INSEE code → its
    département (overseas: three digits; Corsica: 2A or 2B); a region or a country → ""."""
    kind, code = kind.strip().lower(), code.strip().upper()
    if "département" in kind or "departement" in kind:
        return code.zfill(2) if code.isdigit() and len(code) <= 3 else (
            code if code in ("2A", "2B") else "")
    if "postal" in kind and re.fullmatch(r"\d{5}", code):
        if code.startswith("97"):
            return code[:3]
        if code.startswith("20"):
            return "2A" if code < "20200" else "2B"
        return code[:2]
    if "commune" in kind and re.fullmatch(r"(\d{2}|2A|2B)\d{3}", code):
        return code[:3] if code.startswith("97") else code[:2]
    return ""


def is_decp(data: bytes) -> bool:
    """A DECP file (JSON, or a whole zip holding one), told from its first bytes."""
    if data[:4] == ZIP:
        return is_decp_archive(io.BytesIO(data))
    return _decp_head(data[:256])


def is_decp_archive(handle: BinaryIO) -> bool:
    """A zip holding one JSON file that is a DECP file (only its first bytes are read)."""
    try:
        with zipfile.ZipFile(handle) as archive:
            names = [n for n in archive.namelist() if n.endswith(".json")]
            if len(names) != 1 or len(archive.namelist()) != 1:
                return False
            with archive.open(names[0]) as member:
                return _decp_head(member.read(256))
    except (zipfile.BadZipFile, OSError, EOFError):
        return False


def _decp_head(head: bytes) -> bool:
    return re.match(rb'\s*\{\s*"marches"\s*:', head.lstrip(b"\xef\xbb\xbf")) is not None


def read_decp(data: bytes, max_member: int = MAX_MEMBER) -> tuple[list[Contract], list[str]]:
    """The contracts of a DECP file, and its problems (French); ``DecpError`` when it holds
    none at all, ``MemberTooBig`` when it is a zip whose JSON file inflates to more than
    ``max_member`` bytes."""
    data = _unzipped(data, max_member)
    try:
        document = load(data)
    except (ValueError, UnicodeDecodeError) as error:
        raise DecpError(f"fichier DECP illisible (JSON invalide, {json_reason(error)})"
                        ) from None
    except RecursionError:  # nested deeper than Python's stack allows
        raise DecpError(f"fichier DECP illisible ({TOO_DEEP})") from None
    records = document.get("marches") if isinstance(document, dict) else None
    if not isinstance(records, list):
        raise DecpError("fichier DECP attendu : aucune liste « marches »")
    contracts, problems, lost, undated = [], [], 0, 0
    for position, record in enumerate(records, start=1):
        contract = contract_from(record) if isinstance(record, dict) else None
        if contract is None:
            problems.append(f"marché n° {position} du fichier sans acheteur, identifiant ou "
                            "objet : ignoré")
            continue
        lost += LOST in contract.buyer + contract.subject
        undated += not (contract.published or contract.notified)
        contracts.append(contract)
    if lost:
        problems.append(f"{lost} marché(s) avec des caractères illisibles (« {LOST} ») dans "
                        "l'acheteur ou l'objet, gardés tels que publiés")
    if undated:  # an edition is a day: without one, the contract is in none, said so
        problems.append(f"{undated} marché(s) sans date (ni publication des données, ni "
                        "notification ou signature) : gardés et trouvés par la recherche, "
                        "mais dans aucune édition")
    return contracts, problems


def _unzipped(data: bytes, max_member: int) -> bytes:
    if data[:4] != ZIP:
        return data
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = [n for n in archive.namelist() if n.endswith(".json")]
            if len(names) != 1:
                raise DecpError(f"archive DECP : un fichier JSON attendu, {len(names)} trouvé(s)")
            size = archive.getinfo(names[0]).file_size
            if size > max_member:
                raise MemberTooBig(names[0], size)
            with archive.open(names[0]) as member:  # (a size the archive lies about: read
                data = member.read(max_member + 1)  # no more than the limit allows)
            if len(data) > max_member:
                raise MemberTooBig(names[0], len(data))
            return data
    except zipfile.BadZipFile as error:
        raise DecpError(f"archive DECP illisible ({error})") from None


def contract_from(record: dict[str, Any]) -> Contract | None:
    """One record as a contract; None when it lacks a buyer, an identifier or an object."""
    concession = "concession" in str(record.get("_type", "")).lower()
    buyer = record.get("autoriteConcedante" if concession else "acheteur") or {}
    name, buyer_id = _text(buyer.get("nom")), _text(buyer.get("id"))
    ident, subject = _text(record.get("id")), _text(record.get("objet"))
    if not (name or buyer_id) or not ident or not subject:
        return None
    place = record.get("lieuExecution") or {}
    people = record.get("concessionnaires" if concession else "titulaires") or []
    return Contract(
        key=_text(record.get("uid")) or f"{buyer_id}{ident}", kind=_text(record.get("_type"))
        or "Marché", buyer=name or buyer_id, buyer_id=buyer_id, subject=subject,
        nature=_text(record.get("nature")), procedure=_text(record.get("procedure")),
        amount=_amount(record.get("valeurGlobale" if concession else "montant")),
        notified=_day(record.get("dateSignature" if concession else "dateNotification")),
        published=_day(record.get("datePublicationDonnees")),
        place_kind=_text(place.get("typeCode")), place_code=_text(place.get("code")),
        place_name=_text(place.get("nom")),
        winners=tuple(n for n in (_text(p.get("denominationSociale")) for p in people
                                  if isinstance(p, dict)) if n),
        cpv=_text(record.get("codeCPV")), months=_months(record.get("dureeMois")),
        source=_text(record.get("source")),
    )


def _text(value: Any) -> str:
    return " ".join(str(value).split()) if value not in (None, "") else ""


def _amount(value: Any) -> float | None:
    try:
        amount = float(str(value).replace(",", ".").replace(" ", ""))
    except (TypeError, ValueError):
        return None
    return amount if amount >= 0 else None


def _months(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _day(value: Any) -> date | None:
    found = _DAY.match(str(value or ""))
    try:
        return date.fromisoformat(found.group(1)) if found else None
    except ValueError:
        return None
