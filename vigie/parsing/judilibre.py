"""Court decisions of Judilibre (the Cour de cassation's open API) as plain records.

An answer of the API is a decision (``/decision``: ``id``, ``jurisdiction``, ``text``,
``zones``…), a page of results (``/search`` or ``/export``: ``{"results": [...]}``), a list of
decisions, or the shape of the published samples, ``{"resolved": [...], "unresolved": [...]}``
(the same hits twice, with the codes resolved to labels or not: only ``resolved`` is read).
Each decision becomes a ``CaseDecision``: its court and chamber, date, numbers, ECLI kept as
written, solution, sommaire, themes, and what the selection reads of it — the opening of its
text where the parties are named, the court's reasoning, the search's highlights.

Nested fields (``themes``, ``titlesAndSummaries``, ``visa``, ``contested``, ``zones``,
``highlights``…) are sometimes Python-repr strings instead of JSON: they are read as JSON,
then as a Python literal; a field neither can read is left out and said in a French problem
line, and the decision is kept. A decision without its ``id`` is left out, said too. Pure:
bytes in, records out.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from vigie.parsing.feed import plain_text
from vigie.parsing.json_errors import json_reason
from vigie.parsing.json_reading import load, storable
from vigie.parsing.model import TOO_DEEP
from vigie.reference.courts import seat_name
from vigie.reference.french import french_date

DECISION_URL = "https://www.courdecassation.fr/decision/{id}"
SUMMARY_LIMIT = 2000  # characters of a sommaire kept
PARTIES_LIMIT = 4000  # characters of the text's opening (where the parties are named)
REASONS_LIMIT = 4000  # characters of the reasoning and the operative part
# Themes (and titles of a sommaire) kept: real decisions give a handful; a crafted answer
# gave 100 000, each compared with every other (minutes for one decision).
LIST_LIMIT = 100
NESTED = ("themes", "titlesAndSummaries", "visa", "contested", "zones", "highlights",
          "publication", "numbers", "files", "rapprochements")
# The API's codes, when a hit comes unresolved (``/search?resolve_references=false``).
JURISDICTIONS = {"cc": "Cour de cassation", "ca": "Cour d'appel", "tj": "Tribunal judiciaire",
                 "tcom": "Tribunal de commerce"}
_HEAD = re.compile(rb'^\s*[\[{]')
# Judilibre's sources of decisions, as a single decision names them near its start.
_SOURCE = re.compile(rb'"source"\s*:\s*"(?:jurinet|jurica|dila|juritj|juritcom|tj|tcom)"')


class JudilibreError(ValueError):
    """An answer that holds no decision; ``str(error)`` is a French message."""


@dataclass(frozen=True)
class CaseDecision:
    """One decision of a judicial court."""

    id: str  # Judilibre's identifier: its page is ``DECISION_URL``
    jurisdiction: str  # « Cour de cassation », « Cour d'appel », « Tribunal judiciaire »
    location: str = ""  # the court itself: « Cour d'appel de Chambéry » ("" at the Cour)
    chamber: str = ""  # « Troisième chambre civile »
    number: str = ""  # « 19-15.907 » (pourvoi), « 20/00804 » (RG)
    ecli: str = ""  # kept as written
    decided: date | None = None
    updated: date | None = None  # last published or changed in Judilibre
    solution: str = ""  # « Rejet », « Cassation », « Annule la décision déférée »
    kind: str = ""  # « Arrêt », « Question prioritaire de constitutionnalité »
    formation: str = ""
    publication: tuple[str, ...] = ()  # « Publié au Bulletin », « Communiqué »
    summary: str = ""  # the sommaire, when the court wrote one
    themes: tuple[str, ...] = ()  # « expropriation pour cause d'utilite publique », …
    titles: tuple[str, ...] = ()  # the titles of its sommaires (« URBANISME », « Permis… »)
    visa: tuple[str, ...] = ()  # the articles applied
    contested: str = ""  # the decision appealed: « Cour d'appel de Paris, 16 mai 2019 »
    parties: str = ""  # the opening of the text, where the parties are named
    reasons: str = ""  # the reasoning and the operative part (or the search's highlights)
    nac: str = ""  # the nature of the case (judicial courts)

    @property
    def url(self) -> str:
        return DECISION_URL.format(id=self.id)

    @property
    def court(self) -> str:
        """The court as readers name it: « Cour d'appel de Chambéry », « Cour de cassation »
        (the jurisdiction when it names its place already, else the court's location)."""
        if seat_name(self.jurisdiction):
            return self.jurisdiction
        return self.location or self.jurisdiction


def nested(value: Any, name: str, problems: list[str], owner: str) -> Any:
    """A nested field as a value: JSON, a Python literal written as a string, or None (a
    string neither reads, said in ``problems``)."""
    if not isinstance(value, str) or value.strip()[:1] not in ("[", "{", "("):
        return value
    try:
        return load(value)
    except (ValueError, RecursionError):  # (nested too deep: literal_eval says it below)
        pass
    try:
        return storable(ast.literal_eval(value))  # « '\x00' » too: see json_reading
    except (ValueError, SyntaxError, MemoryError, RecursionError, TypeError):
        problems.append(f"décision {owner} : champ « {name} » illisible (ni JSON ni liste "
                        "Python), laissé de côté")
        return None


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value or "")[:10]) if value else None
    except ValueError:
        return None


def _strings(value: Any) -> tuple[str, ...]:
    items = value if isinstance(value, (list, tuple)) else [value] if value else []
    found: dict[str, None] = {}  # each once, in order
    for item in items:
        if isinstance(item, dict):
            item = item.get("title") or item.get("label") or ""
        text = plain_text(str(item or ""), SUMMARY_LIMIT)
        if text:
            found.setdefault(text)
            if len(found) == LIST_LIMIT:
                break
    return tuple(found)


def _titles(value: Any) -> tuple[str, ...]:
    """The titles of the sommaires (``titlesAndSummaries``), each chain once."""
    titles: dict[str, None] = {}
    for entry in value if isinstance(value, list) else []:
        if isinstance(entry, dict):
            chain = " — ".join(_strings(entry.get("titles")))
            if chain:
                titles.setdefault(chain)
                if len(titles) == LIST_LIMIT:
                    break
    return tuple(titles)


def _zone(text: str, zones: Any, names: tuple[str, ...], limit: int) -> str:
    """The parts of ``text`` the ``zones`` offsets name, in order, at most ``limit``
    characters ("" when the zones say nothing usable)."""
    parts = []
    for name in names:
        spans = zones.get(name) if isinstance(zones, dict) else None
        for span in spans if isinstance(spans, list) else []:
            if isinstance(span, dict):
                start, end = span.get("start"), span.get("end")
                if isinstance(start, int) and isinstance(end, int) and 0 <= start < end:
                    parts.append(text[start:min(end, start + limit)])
    return "\n".join(parts)[:limit]


def _highlights(value: Any) -> str:
    """The search's highlighted excerpts, as plain text (the ``<em>`` marks dropped)."""
    if not isinstance(value, dict):
        return ""
    return " … ".join(plain_text(str(s)) for part in value.values()
                      for s in (part if isinstance(part, list) else [part]) if s)


def _contested(value: Any) -> str:
    if not isinstance(value, dict):
        return ""
    where = plain_text(str(value.get("location") or value.get("title") or ""))
    day = _day(value.get("date"))
    return ", ".join(p for p in (where, french_date(day) if day else "") if p)


def _number(record: dict[str, Any]) -> str:
    number = record.get("number")
    if isinstance(number, list):
        number = number[0] if number else ""
    return str(number or "").strip() or next(iter(_strings(record.get("numbers"))), "")


def read_decision(record: dict[str, Any], problems: list[str]) -> CaseDecision:
    """One decision of the API; raises ``JudilibreError`` without its ``id``. Nested fields
    that cannot be read are said in ``problems`` and left out."""
    key = str(record.get("id") or "").strip()
    if not key or not re.fullmatch(r"[0-9A-Za-z_-]{1,64}", key):
        ecli = str(record.get("ecli") or record.get("number") or "sans numéro")
        raise JudilibreError(f"décision {ecli} : identifiant Judilibre manquant ou invalide")
    got = {name: nested(record.get(name), name, problems, key) for name in NESTED}
    text = record.get("text") if isinstance(record.get("text"), str) else ""
    jurisdiction = plain_text(str(record.get("jurisdiction") or ""))
    reasons = _zone(text, got["zones"], ("motivations", "dispositif"), REASONS_LIMIT)
    return CaseDecision(
        id=key, jurisdiction=JURISDICTIONS.get(jurisdiction.lower(), jurisdiction),
        location=plain_text(str(record.get("location") or "")),
        chamber=plain_text(str(record.get("chamber") or "")), number=_number(record),
        ecli=str(record.get("ecli") or "").strip(), decided=_day(record.get("decision_date")),
        updated=_day(record.get("update_date")),
        solution=plain_text(str(record.get("solution") or "")),
        kind=plain_text(str(record.get("type") or "")),
        formation=plain_text(str(record.get("formation") or "")),
        publication=_strings(got["publication"]),
        summary=plain_text(str(record.get("summary") or ""), SUMMARY_LIMIT),
        themes=_strings(got["themes"]), titles=_titles(got["titlesAndSummaries"]),
        visa=_strings(got["visa"]), contested=_contested(got["contested"]),
        parties=(_zone(text, got["zones"], ("introduction",), PARTIES_LIMIT)
                 or text[:PARTIES_LIMIT]),
        reasons=reasons or _highlights(got["highlights"])[:REASONS_LIMIT],
        nac=str(record.get("nac") or "").strip(),
    )


def _records(payload: Any) -> list[Any]:
    """The decisions of an answer, whatever its shape; raises ``JudilibreError``."""
    if isinstance(payload, list):
        return payload
    if isinstance(payload, dict) and isinstance(payload.get("id"), str):
        return [payload]  # one decision (``/decision``)
    for key in ("resolved", "results"):
        if isinstance(payload, dict) and isinstance(payload.get(key), list):
            return payload[key]
    raise JudilibreError("réponse Judilibre attendue (une décision, ou une liste sous "
                         "« results » ou « resolved »)")


def read_judilibre(data: bytes) -> tuple[list[CaseDecision], list[str]]:
    """The decisions of an answer, and a French message for each problem met (a decision
    left out, a nested field that could not be read); raises ``JudilibreError`` when the
    answer itself cannot be read."""
    try:
        payload = load(data)
    except (ValueError, UnicodeDecodeError) as error:
        raise JudilibreError(f"réponse Judilibre illisible (JSON invalide, "
                             f"{json_reason(error)})") from None
    except RecursionError:  # nested deeper than Python's stack allows
        raise JudilibreError(f"réponse Judilibre illisible ({TOO_DEEP})") from None
    decisions: list[CaseDecision] = []
    problems: list[str] = []
    for record in _records(payload):
        try:
            if not isinstance(record, dict):
                raise JudilibreError("décision : un objet JSON est attendu")
            decisions.append(read_decision(record, problems))
        except JudilibreError as error:
            problems.append(str(error))
    return decisions, problems


def is_judilibre(head: bytes) -> bool:
    """Whether the start of a file looks like an answer of Judilibre: JSON whose first
    decision has a ``jurisdiction`` and a ``decision_date``, or that names one of
    Judilibre's sources (a single decision, whose long text may come first)."""
    head = head.lstrip(b"\xef\xbb\xbf")
    if not _HEAD.match(head):
        return False
    return (b'"jurisdiction"' in head and b'"decision_date"' in head) or bool(
        _SOURCE.search(head))


_RESULTS = re.compile(rb'"results"\s*:\s*\[')
_TOTAL = re.compile(rb'"total"\s*:\s*(\d+)')
_FIRST_ID = re.compile(rb'\s*\{\s*"id"\s*:\s*"([^"\\]{1,100})"')


@dataclass(frozen=True)
class PageOpening:
    """What the opening of an export page shows, the rest unread (a page too large):
    ``total`` decisions of the query (None when not shown), its first decision's ``id`` and
    day (AAAA-MM-JJ in ``date_field``), "" when not reached."""

    total: int | None
    first_id: str
    first_day: str


def page_opening(head: bytes, date_field: str) -> PageOpening:
    """The opening of an export page. The API writes ``total`` before ``results``, and each
    decision opens on its ``id``, then its ``text``: the id shows, its day seldom does."""
    results = _RESULTS.search(head)
    if results is None:
        total = _TOTAL.search(head)
        return PageOpening(int(total[1]) if total else None, "", "")
    total = _TOTAL.search(head, 0, results.start())
    first = _FIRST_ID.match(head, results.end())
    day = re.compile(rb'"%s"\s*:\s*"(\d{4}-\d{2}-\d{2})' % re.escape(date_field.encode())
                     ).search(head, results.end())
    return PageOpening(int(total[1]) if total else None,
                       first[1].decode("utf-8", "replace") if first else "",
                       day[1].decode() if day else "")
