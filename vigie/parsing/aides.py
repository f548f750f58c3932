"""Aid schemes (the Aides-territoires aid schema) as plain records.

An answer lists aids under ``results`` (Aides-territoires and the APIs shaped like it, such
as the Drôme's), ``aides`` (the Manche's) or ``ListeDispositifs`` (ADEME « Agir », whose
fields have other names). Each becomes an ``Aid``: its name, the audiences and the
territory it targets, its deadline, its origin. Pure: bytes in, records out.

Every text and list is bounded (``NAME_LIMIT``, ``FIELD_LIMIT``, ``LIST_LIMIT``; the
description as other sources' summaries): a provider's answer once held a name of 5 MB and
a million audiences, kept whole. What is cut is said, one problem per aid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from vigie.parsing.clipping import clip
from vigie.parsing.feed import SUMMARY_LIMIT, TITLE_LIMIT, plain_text
from vigie.parsing.json_errors import json_reason
from vigie.parsing.json_reading import load
from vigie.parsing.model import TOO_DEEP

DESCRIPTION_LIMIT = SUMMARY_LIMIT  # a summary, as other sources' (its cut is no problem)
NAME_LIMIT = TITLE_LIMIT  # characters of a name: a title, not a page
FIELD_LIMIT = 300  # characters of a short value: an audience, a territory, the financers
URL_LIMIT = 2000  # characters of an address (a longer one is dropped: cut, it leads nowhere)
KEY_LIMIT = 200  # characters of an id (a longer one refuses the aid: cut, two could merge)
LIST_LIMIT = 100  # items of a list (audiences, aid types, financers)
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


class _Cuts(list[str]):
    """What was cut of one aid, in French (« nom coupé à 1000 caractères »)."""

    def text(self, value: Any, limit: int, label: str) -> str:
        text = plain_text(str(value or ""))
        if len(text) > limit:
            self.append(f"{label} coupé à {limit} caractères")
            return clip(text, limit)
        return text

    def items(self, value: Any, label: str) -> list[Any]:
        items = value if isinstance(value, list) else [value] if value else []
        if len(items) > LIST_LIMIT:
            self.append(f"{label} : {LIST_LIMIT} gardés sur {len(items)}")
        return items[:LIST_LIMIT]

    def strings(self, value: Any, label: str) -> tuple[str, ...]:
        return tuple(self.text(v, FIELD_LIMIT, f"un élément de « {label} »")
                     for v in self.items(value, label) if str(v).strip())

    def names(self, value: Any, label: str) -> str:
        if not isinstance(value, list):
            return self.text(value, FIELD_LIMIT, label)
        return self.text(", ".join(plain_text(str(v.get("name", v) if isinstance(v, dict)
                                                  else v)) for v in self.items(value, label)),
                         FIELD_LIMIT, label)

    def url(self, value: str) -> str:
        if len(value) > URL_LIMIT:
            self.append(f"adresse de plus de {URL_LIMIT} caractères écartée")
            return ""
        return value


def _key(value: Any, label: str, missing: str) -> str:
    key = str(value or "").strip()
    if not key:
        raise AidError(f"{label} sans identifiant : {missing}")
    if len(key) > KEY_LIMIT:
        raise AidError(f"{label} : identifiant de plus de {KEY_LIMIT} caractères, écartée")
    return key


def aid_from_schema(record: dict[str, Any], provider: str = "at",
                    cuts: _Cuts | None = None) -> Aid:
    """An aid in the Aides-territoires schema; raises ``AidError`` without name or id;
    what was cut is added to ``cuts``."""
    cuts = _Cuts() if cuts is None else cuts
    key = _key(record.get("id") or record.get("slug"), "aide", "nom ou identifiant manquant")
    name = cuts.text(record.get("name") or record.get("short_title"), NAME_LIMIT, "nom")
    if not name:
        raise AidError(f"aide {key} : nom ou identifiant manquant")
    perimeter = record.get("perimeter")
    return Aid(
        key=f"{provider}:{key}", name=name,
        url=cuts.url(str(record.get("origin_url") or record.get("url") or
                         record.get("application_url") or "").strip()),
        description=plain_text(str(record.get("description") or ""), DESCRIPTION_LIMIT),
        audiences=cuts.strings(record.get("targeted_audiences"), "publics"),
        perimeter=cuts.names(perimeter.get("name") if isinstance(perimeter, dict)
                             else perimeter, "territoire"),
        financers=cuts.names(record.get("financers"), "financeurs"),
        aid_types=cuts.strings(record.get("aid_types"), "types d'aide"),
        deadline=_day(record.get("submission_deadline")),
        published=_day(record.get("date_published") or record.get("date_updated")
                       or record.get("date_created")),
        recurrence=cuts.text(record.get("recurrence"), FIELD_LIMIT, "récurrence"),
        call_for_project=bool(record.get("is_call_for_project")),
    )


def aid_from_ademe(record: dict[str, Any], cuts: _Cuts | None = None) -> Aid:
    """An aid of ADEME « Agir » (``titre``, ``date_fin``, ``couverture_geo``, ``url_agir``)."""
    cuts = _Cuts() if cuts is None else cuts
    key = _key(record.get("id"), "aide ADEME", "titre ou identifiant manquant")
    name = cuts.text(record.get("titre"), NAME_LIMIT, "titre")
    if not name:
        raise AidError(f"aide ADEME {key} : titre ou identifiant manquant")
    cover = record.get("couverture_geo") or {}
    return Aid(
        key=f"ademe:{key}", name=name,
        url=cuts.url(re.sub(r"\s+", "", str(record.get("url_agir") or ""))),
        description=plain_text(str(record.get("description_longue") or ""), DESCRIPTION_LIMIT),
        audiences=cuts.strings(record.get("cible_projet"), "publics"),
        perimeter=cuts.text(cover.get("libelle"), FIELD_LIMIT, "territoire")
        if isinstance(cover, dict) else "",
        financers="ADEME", aid_types=cuts.strings(record.get("type"), "types d'aide"),
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
    except RecursionError:  # « [[[[… » nested deeper than Python's stack allows
        raise AidError(f"liste d'aides illisible ({TOO_DEEP})") from None
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
        cuts = _Cuts()
        try:
            if not isinstance(record, dict):
                raise AidError("aide : un objet JSON est attendu")
            aid = (read(record, provider, cuts) if read is aid_from_schema
                   else read(record, cuts))
        except AidError as error:
            problems.append(str(error))
            continue
        aids.append(aid)
        if cuts:
            problems.append(f"aide {aid.key} : {', '.join(cuts)} (valeurs démesurées dans "
                            "la source)")
    return aids, problems


def is_aids(data: bytes) -> bool:
    """Whether these bytes look like a list of aid schemes."""
    head = data[:6000]
    return b'"targeted_audiences"' in head or b'"ListeDispositifs"' in head


def is_national(aid: Aid) -> bool:
    return aid.perimeter.strip().lower() in _NATIONAL
