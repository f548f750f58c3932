"""What the analysis reads (``Item``) and what it decides (``Decision``): plain records.

Both are frozen plain data (the Django model that stores a decision is ``models.Analysis``).
``Item.from_json`` is the jsonl contract of ``vigie analyse``; ``Decision.to_json`` is its
output, with exactly the keys promised to downstream users, and ``Decision.from_json`` reads
a stored decision back, so that no later stage walks it as a raw dict. ``Territory`` (a place
a text names) and ``CommuneLine`` (one commune a designation text lists, with what the text
says of it) are the parts of a decision that later stages show to readers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from vigie.analysis.dates import KeyDate
from vigie.reference.natures import canonical_nature

if TYPE_CHECKING:
    from vigie.parsing.model import ParsedText

# Bump when a rule changes the decisions, so that stored decisions can be recomputed.
# 2026.5: learned weights; 2026.6: State services, careers, boards; 2026.7: whom a text binds
# (actors named in the title, individual or general scope); 2026.8: a line tied to nothing local,
# the State's own staff, ministries' names and words in another sense; 2026.9: selection
# weights regularised less (C 0.3 -> 0.4); 2026.12: only a function is in a regional State
# service (not a board, not the DASEN's deputies), « centre de gestion financière »; 2026.13:
# selection weights learned without the forms the policy excludes whatever their sum; 2026.14:
# nominations in a regional State service excluded (but for the finances publiques); 2026.15:
# their reasons no longer set a function for a territory against them; 2026.16: levels of the
# policy's evidence (2 and 4 points) and nature crossed with rubric as features of their own;
# 2026.17: the plan of a territory, the public debate's decisions, « la société » named; 2026.18:
# « autorisant la société », the State's own property and holdings as evidence against;
# 2026.19: an ordonnance weighs half a law in the policy's evidence (3 -> 1.5 points);
# 2026.20: the reason « rien dans la ligne ne relie… » names funding and plans among the ties;
# 2026.21: « de la société civile », « d'économie mixte », « publique locale » name no company;
# 2026.22: a person's name is no place; a territorial concours goes to every edition
# 2026.23: the catastrophe naturelle key figure says how many communes are in both annexes
# 2026.24: essentials and the « Publics concernés » reason cut by the one clipping rule
# (``vigie.parsing.clipping``); a question au Gouvernement said in its author's words;
# Parliament titles in capitals keep their names; designations name no territory (« région
# d'information de vol de Paris », « cour d'appel de », « zone de défense »); académies,
# établissements publics d'aménagement, parcs nationaux are their départements; « (13) »,
# « (Hérault) » after any name; weights retrained
# 2026.25: a question au Gouvernement read turn by turn (the minister's statements, not an
# interjection, a salutation or a jab); « commune » counted as the local authority only (not
# « sans commune mesure », « politique agricole commune »); « PLU » as written
# 2026.26: a ministry read by its portfolios, whatever a government calls it; names that are
# no territory of the text: a station placed in another town, a river, a product (AOC, IGP,
# label rouge), a saint, an unquoted ship, a CTA's seat, where an agreement was signed,
# « Commune » ending a proper name; weights retrained
# 2026.27: an intercommunal body whose name the EPCI table lacks is no homonym commune; « gare
# de Lyon » is Paris; the Antilles, the océan Indien, overseas compounds (« Antilles-Guyane »),
# the sea off a région (its coastal départements), a région in parentheses as a locator,
# « zone de » before a town; a circulaire's essential is its résumé's first sentence;
# weights retrained
# 2026.28: a list of places whose items each take « à », « au » or « en » goes on (« en
# Martinique, à Saint-Martin et à Saint-Barthélemy »); an organ « municipal » or « communal »
# of X names the commune X; weights retrained on the whole titles of the sommaire of JO
# n°0192 (its labelled file cut them at 120 characters)
# 2026.29: a decision of the Conseil constitutionnel headlined by the law or the provision it
# judges, its essentials its ruling (``analysis.constitutional``); the abrogation of a censured
# provision a key date of its own (« Prise d'effet de l'abrogation »)
# 2026.30: a list's item of a decision ending in « et » or « ou » within a word keeps it
# (« … relatif au budget » was cut to « … relatif au budg »)
# 2026.31: a région whose regional service holds a departmental unit the line names only
# locates it (« unité départementale de Loir-et-Cher à la direction régionale […] du
# Centre-Val de Loire » is Loir-et-Cher); a social landlord names its département (« SA d'HLM
# Habitat du Nord », « office public de l'habitat de la Manche »); « portant désignation aux
# fonctions de » is an individual measure as « portant nomination » is; weights retrained
# 2026.32: scope of a retained text: a project, a site or works located somewhere (a public
# debate, a site Natura 2000) and a measure for the benefit of one collectivité are local,
# « territoire à préciser » when the line does not say where; a sum for all the régions « et à
# la collectivité de Corse » is national (``reach.one_place``, ``reach.every_one_of_a_kind``);
# themes: « collectivités territoriales » names the addressees, no theme's vocabulary (as
# « communes »); an article of the CGCT's finance books (L. 16xx, L. 23xx, L. 33xx, L. 43xx)
# makes the code a matter of finances; weights retrained
# 2026.34: a région or a département glossed as a place (« (département de la Manche) », « dans
# les régions d'Ile-de-France ») names no local actor; a named person's nomination in a national
# body (« Conseil supérieur de … - M. X ») is excluded, still learned; the teachers of the
# State's schools (« professorat », « enseignants ») are the State's own staff; themes: a
# signing ministry's name counts only when nothing else names a field, the local authorities'
# ministry's words never; a nomination's State service is its field; weights retrained
# 2026.35: territories: a compound commune name with another linking word is the one commune
# bearing its significant words; a région the body names beside a place of it gives way; an
# annex line « Allier : A, B et C » read as rows; scope: one museum, postes comptables, organisme
# d'HLM or DIR local; selection: a direction départementale a State service; a profession's
# elections no electoral vocabulary; the health care system evidence against; weights retrained
ANALYSIS_VERSION = "2026.35"

NOTICE_KEYS = ("publics", "objet", "entree_en_vigueur", "notice", "references", "application")

# Notice paragraphs sometimes open the text itself (older texts: top of VISAS). Read in
# "\n" + text from the line break before each (``normalize.from_line_start``: a faster jump).
_NOTICE_LINE = re.compile(
    r"\n\s*(Publics? concernés?|Objet|Entrée en vigueur|Notice|Références|Application)\s*:\s*(.+)$",
    re.IGNORECASE | re.MULTILINE,
)
_NOTICE_FIELD = {
    "public": "publics", "publics": "publics", "objet": "objet",
    "entrée en vigueur": "entree_en_vigueur", "notice": "notice",
    "références": "references", "application": "application",
}


def notice_from_text(text: str, *, head: int = 6000) -> dict[str, str]:
    """Notice paragraphs found at the top of a text (« Objet : … » lines), when any."""
    found: dict[str, str] = {}
    for match in _NOTICE_LINE.finditer("\n" + text[:head]):
        label = match.group(1).lower()
        key = _NOTICE_FIELD.get(label.split()[0] if label.startswith("public") else label)
        if key and key not in found:
            found[key] = match.group(2).strip()
    return found


@dataclass(frozen=True)
class Territory:
    """A territory a text names, identified by its official code."""

    kind: str  # "region" | "departement" | "commune" | "epci"
    code: str  # INSEE code (région "24", département "18", commune "18033"), SIREN for EPCI
    name: str  # official name, e.g. "Bourges"
    departement: str  # département code ("" for a région or a multi-département EPCI)


RECOGNISED, REJECTED = "reconnue", "non reconnue"  # what an annex says of a commune
UNIDENTIFIED = "commune non identifiée"


@dataclass(frozen=True)
class CommuneLine:
    """One commune a text lists (an annex row, a list of eligible communes), and what the text
    says of it: status (« reconnue » in annexe I of a catastrophe naturelle arrêté, « non
    reconnue » in annexe II), phenomenon and period. A name that matches no commune of the
    Code officiel géographique, even through its history, keeps ``code`` empty: it is shown
    as « commune non identifiée », never dropped."""

    code: str  # INSEE code of the commune today; "" when not identified
    name: str  # official name today; the name as written when not identified
    departement: str  # INSEE code of its département ("" when the text does not say)
    status: str = ""  # RECOGNISED, REJECTED, or "" when the text does not say
    phenomenon: str = ""  # « Inondations et coulées de boue »
    start: date | None = None  # period, as the text gives it
    end: date | None = None
    written: str = ""  # the name as the text writes it, when it differs (« Fouillade (La) »)

    @property
    def identified(self) -> bool:
        return bool(self.code)

    def describe(self) -> str:
        """What a reader is told, in French: « Baix : reconnue, inondations et coulées de
        boue, du 16/11/2025 au 17/11/2025 »; « Saint-Nulle-Part (commune non identifiée) »."""
        name = self.name if self.identified else f"{self.name} ({UNIDENTIFIED})"
        if self.written and self.identified:
            name += f" (« {self.written} » dans le texte)"
        details = [self.status, self.phenomenon[:1].lower() + self.phenomenon[1:]]
        if self.start and self.end and self.start != self.end:
            details.append(f"du {self.start:%d/%m/%Y} au {self.end:%d/%m/%Y}")
        elif self.start or self.end:
            details.append(f"le {(self.start or self.end):%d/%m/%Y}")
        said = ", ".join(d for d in details if d)
        return f"{name} : {said}" if said else name

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code, "name": self.name, "departement": self.departement,
            "status": self.status, "phenomenon": self.phenomenon,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "written": self.written, "identified": self.identified,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CommuneLine:
        return cls(
            code=data.get("code") or "", name=data.get("name") or "",
            departement=data.get("departement") or "", status=data.get("status") or "",
            phenomenon=data.get("phenomenon") or "", start=_iso_date(data.get("start")),
            end=_iso_date(data.get("end")), written=data.get("written") or "",
        )


def _iso_date(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) and value else None
    except ValueError:
        return None


class ItemError(ValueError):
    """An input record that cannot become an ``Item``; the message is French, for people."""


@dataclass(frozen=True)
class Item:
    """One official text as the analysis sees it; only the title is required."""

    title: str
    nature: str = ""
    ministry: str = ""
    section: str = ""  # sommaire path joined with " / ", niv=1 excluded
    text: str = ""  # full plain text, may be empty (sommaire only)
    date: date | None = None  # publication date
    nor: str = ""
    notice: dict[str, str] = field(default_factory=dict, hash=False, compare=True)
    cited: tuple[str, ...] = ()  # titles of the texts it cites or applies

    @property
    def kind(self) -> str:
        """The nature (any case, accents, plural: « décret », « DÉCRETS »), or the one its
        title implies."""
        return canonical_nature(self.nature, self.title)

    @property
    def sections(self) -> tuple[str, ...]:
        return _sections(self.section)

    def effective_notice(self) -> dict[str, str]:
        """The notice, completed by « Objet : … » lines found at the top of the text."""
        merged = notice_from_text(self.text) if self.text else {}
        merged.update({k: v for k, v in self.notice.items() if v})
        return merged

    @classmethod
    def from_json(cls, data: Any) -> Item:
        """Build from a jsonl record; raises ``ItemError`` with a French message."""
        if not isinstance(data, dict):
            raise ItemError("un objet JSON est attendu (clé « title » obligatoire)")
        title = data.get("title")
        if not isinstance(title, str) or not title.strip():
            raise ItemError("champ « title » manquant ou vide")
        return cls(
            title=title.strip(),
            nature=_text_field(data, "nature"),
            ministry=_text_field(data, "ministry"),
            section=_text_field(data, "section"),
            text=_text_field(data, "text"),
            date=_date_field(data.get("date")),
            nor=_text_field(data, "nor"),
            notice=_notice_field(data.get("notice")),
            cited=_cited_field(data.get("cited")),
        )

    @classmethod
    def from_parsed(cls, parsed: ParsedText, *, section: str = "") -> Item:
        """Build from a parsed JORF text (visas, articles and signatures as plain text)."""
        parts = [parsed.visas]
        for article in parsed.articles:
            heading = f"Article {article.num}" if article.num else ""
            parts.extend((heading, article.text))
        parts.extend(parsed.signatories)
        notice = {key: getattr(parsed.notice, key) for key in NOTICE_KEYS}
        return cls(
            title=parsed.title or parsed.short_title,
            nature=parsed.nature,
            ministry=parsed.ministry,
            section=section,
            text="\n".join(part for part in parts if part),
            date=parsed.date_publi,
            nor=parsed.nor,
            notice={key: value for key, value in notice.items() if value},
            cited=tuple(cited.title for cited in parsed.cited if cited.title),
        )


@lru_cache(maxsize=4096)
def _sections(section: str) -> tuple[str, ...]:
    """The levels of a sommaire path (cached: a few hundred paths, read many times a text)."""
    return tuple(part.strip() for part in section.split(" / ") if part.strip())


def _text_field(data: dict, key: str) -> str:
    value = data.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ItemError(f"champ « {key} » : une chaîne de caractères est attendue")
    return value


def _date_field(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise ItemError("champ « date » : une date AAAA-MM-JJ est attendue")
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        raise ItemError(f"champ « date » : date invalide « {value} » (AAAA-MM-JJ)") from None


def _notice_field(value: Any) -> dict[str, str]:
    if value in (None, ""):
        return {}
    if not isinstance(value, dict):
        raise ItemError("champ « notice » : un objet est attendu (publics, objet…)")
    return {key: str(value[key]) for key in NOTICE_KEYS if value.get(key)}


def _cited_field(value: Any) -> tuple[str, ...]:
    if value in (None, ""):
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ItemError("champ « cited » : une liste de titres est attendue")
    return tuple(value)


@dataclass(frozen=True)
class Decision:
    """What Vigie decided about an item, and why."""

    retained: bool
    scope: str  # "national", "local" or "no"
    departements: tuple[str, ...] = ()
    score: float = 0.0  # 0..1, how surely the item matters to local authorities
    reasons: tuple[str, ...] = ()
    theme: str = ""
    themes: tuple[str, ...] = ()  # secondary themes, at most two
    roles: tuple[str, ...] = ()
    territories: tuple[Territory, ...] = ()
    dates: tuple[KeyDate, ...] = ()
    urgent: bool = False
    short_title: str = ""
    essentials: tuple[str, ...] = ()  # at most three
    version: str = ANALYSIS_VERSION
    communes: tuple[CommuneLine, ...] = ()  # communes the text lists, in the text's order
    # Parliament items (``analysis.questions``): the heading they are filed under
    # (« Cimetières — concessions », « Proposition de loi ») and, for an answer, the question
    # it answers in one sentence; "" for the Journal officiel.
    heading: str = ""
    question: str = ""

    def communes_in(self, departement: str, *, first: str = "") -> tuple[CommuneLine, ...]:
        """The communes listed in one département, in the text's order, those of INSEE code
        ``first`` (the reader's commune) before the others."""
        mine = [line for line in self.communes if line.departement == departement]
        return tuple(sorted(mine, key=lambda line: bool(first) and line.code != first))

    def to_json(self) -> dict[str, Any]:
        """The CLI contract: exactly these keys, plain JSON values."""
        return {
            "retained": self.retained,
            "scope": self.scope,
            "departements": list(self.departements),
            "score": round(self.score, 3),
            "reasons": list(self.reasons),
            "theme": self.theme,
            "themes": list(self.themes),
            "roles": list(self.roles),
            "territories": [
                {"kind": t.kind, "code": t.code, "name": t.name, "departement": t.departement}
                for t in self.territories
            ],
            "dates": [
                {"date": d.date.isoformat(), "kind": d.kind, "label": d.label,
                 "evidence": d.evidence}
                for d in self.dates
            ],
            "urgent": self.urgent,
            "short_title": self.short_title,
            "essentials": list(self.essentials),
            "version": self.version,
            "communes": [line.to_json() for line in self.communes],
            "heading": self.heading,
            "question": self.question,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Decision:
        """Read back what ``to_json`` wrote (a stored decision); missing keys take defaults,
        so decisions stored by an older version still read."""
        return cls(
            retained=bool(data.get("retained")),
            scope=data.get("scope") or "no",
            departements=tuple(data.get("departements") or ()),
            score=float(data.get("score") or 0.0),
            reasons=tuple(data.get("reasons") or ()),
            theme=data.get("theme") or "",
            themes=tuple(data.get("themes") or ()),
            roles=tuple(data.get("roles") or ()),
            territories=tuple(
                Territory(t.get("kind", ""), t.get("code", ""), t.get("name", ""),
                          t.get("departement") or "")
                for t in data.get("territories") or ()),
            dates=tuple(
                KeyDate(date.fromisoformat(d["date"]), d.get("kind", ""), d.get("label", ""),
                        d.get("evidence", ""))
                for d in data.get("dates") or () if d.get("date")),
            urgent=bool(data.get("urgent")),
            short_title=data.get("short_title") or "",
            essentials=tuple(data.get("essentials") or ()),
            version=data.get("version") or "",
            communes=tuple(CommuneLine.from_json(line) for line in data.get("communes") or ()),
            heading=data.get("heading") or "", question=data.get("question") or "",
        )
