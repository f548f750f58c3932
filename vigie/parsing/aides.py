"""Aid schemes (the Aides-territoires aid schema) as plain records.

An answer lists aids under ``results`` (Aides-territoires and the APIs shaped like it, such
as the Drôme's), ``aides`` (the Manche's) or ``ListeDispositifs`` (ADEME « Agir », whose
fields have other names). Each becomes an ``Aid``: its name, the audiences and the
territory it targets, its deadline, its origin. Pure: bytes in, records out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from vigie.parsing.feed import plain_text
from vigie.parsing.json_errors import json_reason
from vigie.parsing.json_reading import load

DESCRIPTION_LIMIT = 600
_NATIONAL = ("national", "france")


class AidError(ValueError):
    """An answer or an aid that cannot be read; ``str(error)`` is a French message."""


@dataclass(frozen=True)
class Aid:
    """One aid scheme."""

    key: str  # the provider's id, prefixed by the provider: « at:162 », « ademe:1ed7d411 »
    name: str
    url: str  # its page at the provider
    description: str  # plain text, at most DESCRIPTION_LIMIT characters
    audiences: tuple[str, ...]  # « Communes », « Intercommunalités / Pays »…
    perimeter: str  # « Drôme », « National », "" when not said
    financers: str = ""
    aid_types: tuple[str, ...] = ()
    deadline: date | None = None  # submission deadline
    published: date | None = None
    recurrence: str = ""  # « Permanente », « Ponctuelle »…
    call_for_project: bool = False


def _day(value: Any) -> date | None:
    text = re.sub(r"\s+", "", str(value or ""))  # « 2023-08-04T02: 30: 18 » seen in real data
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def _strings(value: Any) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value] if value else []
    return tuple(plain_text(str(v)) for v in items if str(v).strip())


def _names(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(plain_text(str(v.get("name", v) if isinstance(v, dict) else v))
                         for v in value)
    return plain_text(str(value or ""))


def aid_from_schema(record: dict[str, Any], provider: str = "at") -> Aid:
    """An aid in the Aides-territoires schema; raises ``AidError`` without name or id."""
    name = plain_text(str(record.get("name") or record.get("short_title") or ""))
    key = str(record.get("id") or record.get("slug") or "").strip()
    if not name or not key:
        raise AidError(f"aide {key or 'sans identifiant'} : nom ou identifiant manquant")
    perimeter = record.get("perimeter")
    return Aid(
        key=f"{provider}:{key}", name=name,
        url=str(record.get("origin_url") or record.get("url") or
                record.get("application_url") or "").strip(),
        description=plain_text(str(record.get("description") or ""), DESCRIPTION_LIMIT),
        audiences=_strings(record.get("targeted_audiences")),
        perimeter=_names(perimeter.get("name") if isinstance(perimeter, dict) else perimeter),
        financers=_names(record.get("financers")),
        aid_types=_strings(record.get("aid_types")),
        deadline=_day(record.get("submission_deadline")),
        published=_day(record.get("date_published") or record.get("date_updated")
                       or record.get("date_created")),
        recurrence=str(record.get("recurrence") or ""),
        call_for_project=bool(record.get("is_call_for_project")),
    )


def aid_from_ademe(record: dict[str, Any]) -> Aid:
    """An aid of ADEME « Agir » (``titre``, ``date_fin``, ``couverture_geo``, ``url_agir``)."""
    name, key = plain_text(str(record.get("titre") or "")), str(record.get("id") or "")
    if not name or not key:
        raise AidError(f"aide ADEME {key or 'sans identifiant'} : titre ou identifiant manquant")
    cover = record.get("couverture_geo") or {}
    return Aid(
        key=f"ademe:{key}", name=name,
        url=re.sub(r"\s+", "", str(record.get("url_agir") or "")),
        description=plain_text(str(record.get("description_longue") or ""), DESCRIPTION_LIMIT),
        audiences=_strings(record.get("cible_projet")),
        perimeter=str(cover.get("libelle") or "") if isinstance(cover, dict) else "",
        financers="ADEME", aid_types=_strings(record.get("type")),
        deadline=_day(record.get("date_fin")), published=_day(record.get("date_debut")),
    )


def read_aids(data: bytes, provider: str = "at") -> tuple[list[Aid], list[str]]:
    """The aids of an answer, and a French message for each one that could not be read;
    raises ``AidError`` when the answer itself is not one."""
    try:
        payload = load(data)
    except (ValueError, UnicodeDecodeError) as error:
        raise AidError(f"liste d'aides illisible (JSON invalide, {json_reason(error)})"
                       ) from None
    if isinstance(payload, list):
        records, read = payload, aid_from_schema
    elif isinstance(payload, dict) and "ListeDispositifs" in payload:
        records, read = payload["ListeDispositifs"], aid_from_ademe  # type: ignore[assignment]
    elif isinstance(payload, dict):
        records, read = payload.get("results", payload.get("aides")), aid_from_schema
    else:
        records = None
    if not isinstance(records, list):
        raise AidError("liste d'aides attendue (results, aides ou ListeDispositifs)")
    aids, problems = [], []
    for record in records:
        try:
            if not isinstance(record, dict):
                raise AidError("aide : un objet JSON est attendu")
            aids.append(read(record, provider) if read is aid_from_schema else read(record))
        except AidError as error:
            problems.append(str(error))
    return aids, problems


def is_aids(data: bytes) -> bool:
    """Whether these bytes look like a list of aid schemes."""
    head = data[:6000]
    return b'"targeted_audiences"' in head or b'"ListeDispositifs"' in head


def is_national(aid: Aid) -> bool:
    return aid.perimeter.strip().lower() in _NATIONAL
