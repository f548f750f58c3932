"""The shape of an edition and of its items: typed, walked one way, read and written as JSON.

Owns what every reader of an edition relies on. The builder makes ``Item`` records; text
rendering, pages, feeds, API, calendars and digests read ``EditionContent``. An ``Item`` is one
retained text as editions show it, whatever its rubric (« Journal officiel », « Parlement »,
« Réponses ministérielles »: the rubric is a field): titles, heading and question (Parliament
items), theme, urgency, essentials, key dates, the territories it names with their
communes, a reference line and links. Items are stored once per edition day and editions refer
to them (see ``vigie.editions.models``); ``EditionContent`` is one edition assembled for
reading, rubrics › themes › items, and ``EditionContent.items()`` is the one walk over it.

Pure: no Django, no database. ``to_json`` / ``from_json`` round-trip every record.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from vigie.analysis.dates import KeyDate
from vigie.editions import revisions
from vigie.reference.addresses import https_equivalent, is_https_address
from vigie.reference.taxonomy import RUBRICS, theme_label

OFFICIAL, ELI, ISSUE = "official", "eli", "issue"  # kinds of links
SOURCE = "source"  # a link an editorial item gives (https only)
ORIGIN = "origin"  # where a news item, a notice or an aid was published (not Vigie's text)


@dataclass(frozen=True)
class Commune:
    """A commune an item names, and what the text decides for it when it says so."""

    code: str  # INSEE code
    name: str
    # Filled from designation texts (catastrophe naturelle annexes…); "" when not said.
    status: str = ""  # « reconnue », « non reconnue »
    phenomenon: str = ""  # « Inondations et coulées de boue »
    period: str = ""  # « du 12 au 14 juin 2026 »
    # Listed by the text (an annex row, a designation's list), not merely named in its prose:
    # what « Communes de votre département concernées » shows.
    listed: bool = False

    @property
    def identified(self) -> bool:
        return bool(self.code)

    def details(self) -> str:
        """What the text says of it, in French: « reconnue — inondations et coulées de boue,
        du 12 au 14 juin 2026 »; "" when the text says nothing more than its name."""
        said = [self.phenomenon[:1].lower() + self.phenomenon[1:], self.period]
        said_text = ", ".join(part for part in said if part)
        return " — ".join(part for part in (self.status, said_text) if part)

    def describe(self, *, mine: bool = False) -> str:
        """One line for readers: « Baix : reconnue — inondations et coulées de boue, du 16 au
        17 novembre 2025 »; « Saint-Nulle-Part (commune non identifiée) »; with ``mine``,
        « Baix (votre commune) : … »."""
        aside = "votre commune" if mine else "" if self.identified else "commune non identifiée"
        name = f"{self.name} ({aside})" if aside else self.name
        details = self.details()
        return f"{name} : {details}" if details else name

    def to_json(self) -> dict[str, str]:
        return {"code": self.code, "name": self.name, "status": self.status,
                "phenomenon": self.phenomenon, "period": self.period, "listed": self.listed}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Commune:
        return cls(data["code"], data.get("name", ""), data.get("status", ""),
                   data.get("phenomenon", ""), data.get("period", ""),
                   bool(data.get("listed")))


@dataclass(frozen=True)
class Territory:
    """A département (or collectivité d'outre-mer) an item names, with the communes of it
    that it names."""

    departement: str  # INSEE code
    communes: tuple[Commune, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"departement": self.departement,
                "communes": [c.to_json() for c in self.communes]}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Territory:
        return cls(data["departement"],
                   tuple(Commune.from_json(c) for c in data.get("communes", ())))


def web_address(url: str) -> str:
    """``url`` when readers may follow it (``reference.addresses``: ``https://``, a real host,
    no user part, no space or control character), or its ``https://`` equivalent (an EU act's
    ELI, minted ``http://data.europa.eu/eli/…``); "" otherwise (a ``javascript:`` or
    ``data:`` ELI from a delivery is then shown as text, never as a link)."""
    secure = https_equivalent(url)
    return secure if is_https_address(secure) else ""


@dataclass(frozen=True)
class Link:
    """An address outside Vigie: the official text, its ELI, the whole issue of the day.

    ``url`` is the address as the source gave it (data: the API and exports keep it);
    pages, feeds, calendars and e-mails link ``href`` only, which is "" unless ``url`` is
    a plain ``https://`` address (``web_address``).
    """

    kind: str  # OFFICIAL | ELI | ISSUE
    label: str  # where it leads, for readers: « Légifrance », « Journal officiel du jour »
    url: str

    @property
    def href(self) -> str:
        return web_address(self.url)

    def to_json(self) -> dict[str, str]:
        return {"kind": self.kind, "label": self.label, "url": self.url}


def _date_to_json(d: KeyDate) -> dict[str, str]:
    return {"date": d.date.isoformat(), "kind": d.kind, "label": d.label,
            "evidence": d.evidence}


def _date_from_json(data: Mapping[str, Any]) -> KeyDate:
    return KeyDate(date.fromisoformat(data["date"]), data.get("kind", ""),
                   data.get("label", ""), data.get("evidence", ""))


@dataclass(frozen=True)
class Item:
    """One retained text as editions show it.

    Field names are those of the API's item (a contract); ``in_departement`` and ``shown_for``
    are the only parts that depend on the edition showing the item (``shown_in``), so they are
    not stored.
    """

    uid: str  # the text's official identifier (JORFTEXT…)
    rubric: str  # slug of ``reference.taxonomy.RUBRICS``
    title: str  # the official title
    short_title: str  # the newsroom's title
    theme: str
    nature: str = ""  # DILA nature (DECRET, ARRETE…)
    themes: tuple[str, ...] = ()  # secondary themes
    roles: tuple[str, ...] = ()  # readers concerned
    urgent: bool = False
    score: float = 0.0  # how surely it matters to local authorities
    scope: str = "national"  # "national": every edition; "local": the départements named
    departements: tuple[str, ...] = ()  # editions of a local item
    essentials: tuple[str, ...] = ()
    dates: tuple[KeyDate, ...] = ()
    reasons: tuple[str, ...] = ()  # why Vigie retained it
    reference: str = ""  # « Journal officiel n°0241 du 14 octobre 2026 — NOR : … »
    jo_number: str = ""  # issue number, without leading zeros ("" outside the JO)
    date_publi: date | None = None
    rank: int | None = None  # place in its issue
    status: str = "complete"  # complete | incomplete | sommaire (known from the sommaire only)
    territories: tuple[Territory, ...] = ()  # départements named, with their communes
    links: tuple[Link, ...] = ()
    # Parliament items: the heading they are filed under (« Cimetières — concessions »,
    # « Proposition de loi ») and, for an answer, the question in one sentence.
    heading: str = ""
    question: str = ""
    editorial: bool = False  # written by the newsroom (no official source)
    commentary: str = ""  # the newsroom's commentary on the text, when it wrote one
    in_departement: bool = field(default=False, compare=False)  # names the edition's place
    shown_for: str = field(default="", compare=False)  # the edition's département ("" national)

    @property
    def theme_label(self) -> str:
        return theme_label(self.theme)

    @property
    def title_line(self) -> str:
        """The official title under the headline; "" when the headline or the reference line
        says it already (a court decision's reference opens on it)."""
        said = self.title == self.short_title or self.reference.startswith(self.title)
        return "" if said else self.title

    def link(self, kind: str) -> Link | None:
        return next((link for link in self.links if link.kind == kind), None)

    def url(self, kind: str) -> str:
        """The address of the link of this kind; "" when there is none."""
        found = self.link(kind)
        return found.url if found else ""

    @property
    def official(self) -> Link | None:
        """The full official text."""
        return self.link(OFFICIAL)

    @property
    def official_url(self) -> str:
        return self.url(OFFICIAL)

    @property
    def origin(self) -> Link | None:
        """Where the item was published, for what Vigie did not write: news, notices, aids."""
        return self.link(ORIGIN)

    @property
    def eli(self) -> Link | None:
        return self.link(ELI)

    @property
    def issue(self) -> Link | None:
        return self.link(ISSUE)

    @property
    def named_departements(self) -> frozenset[str]:
        return frozenset(t.departement for t in self.territories)

    def names(self, departement: str) -> bool:
        """Whether the text names this département (« Dans votre département »)."""
        return bool(departement) and departement in self.named_departements

    def names_commune(self, code: str) -> bool:
        return bool(code) and any(c.code == code for t in self.territories for c in t.communes)

    def communes_in(self, departement: str) -> tuple[Commune, ...]:
        return next((t.communes for t in self.territories if t.departement == departement), ())

    @property
    def local_communes(self) -> tuple[Commune, ...]:
        """« Communes de votre département concernées » : those of the edition's département
        the text lists, in the text's order (none in the national edition)."""
        if not self.in_departement:
            return ()
        return tuple(c for c in self.communes_in(self.shown_for) if c.listed)

    def communes_first(self, code: str) -> tuple[Commune, ...]:
        """``local_communes`` with the commune of INSEE code ``code`` (a reader's) first."""
        return tuple(sorted(self.local_communes, key=lambda c: not code or c.code != code))

    def shown_in(self, departement: str) -> Item:
        """The item as the edition of ``departement`` ("" national) shows it."""
        flag = self.names(departement)
        if (flag, departement) == (self.in_departement, self.shown_for):
            return self
        return replace(self, in_departement=flag, shown_for=departement)

    def sort_key(self) -> tuple:
        """Urgent first, then the most important, then by publication and place in the issue."""
        published = self.date_publi.isoformat() if self.date_publi else ""
        return (not self.urgent, -float(self.score or 0), published, self.rank or 0)

    def to_json(self) -> dict[str, Any]:
        """Everything the item holds, as plain JSON (``in_departement`` and ``shown_for``,
        which belong to the edition showing it, left out)."""
        return {
            "uid": self.uid, "rubric": self.rubric, "title": self.title,
            "short_title": self.short_title, "nature": self.nature, "theme": self.theme,
            "themes": list(self.themes), "roles": list(self.roles), "urgent": self.urgent,
            "score": self.score, "scope": self.scope, "departements": list(self.departements),
            "essentials": list(self.essentials), "dates": [_date_to_json(d) for d in self.dates],
            "reasons": list(self.reasons), "reference": self.reference,
            "jo_number": self.jo_number,
            "date_publi": self.date_publi.isoformat() if self.date_publi else None,
            "rank": self.rank, "status": self.status,
            "territories": [t.to_json() for t in self.territories],
            "links": [link.to_json() for link in self.links],
            "heading": self.heading, "question": self.question,
            "editorial": self.editorial, "commentary": self.commentary,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Item:
        published = data.get("date_publi")
        return cls(
            uid=data["uid"], rubric=data.get("rubric", "jo"), title=data.get("title", ""),
            short_title=data.get("short_title", ""), theme=data.get("theme", ""),
            nature=data.get("nature", ""), themes=tuple(data.get("themes", ())),
            roles=tuple(data.get("roles", ())), urgent=bool(data.get("urgent")),
            score=float(data.get("score") or 0), scope=data.get("scope") or "national",
            departements=tuple(data.get("departements", ())),
            essentials=tuple(data.get("essentials", ())),
            dates=tuple(_date_from_json(d) for d in data.get("dates", ())),
            reasons=tuple(data.get("reasons", ())), reference=data.get("reference", ""),
            jo_number=data.get("jo_number", ""),
            date_publi=date.fromisoformat(published) if published else None,
            rank=data.get("rank"), status=data.get("status", "complete"),
            territories=tuple(Territory.from_json(t) for t in data.get("territories", ())),
            links=tuple(Link(**link) for link in data.get("links", ())),
            heading=data.get("heading", ""), question=data.get("question", ""),
            editorial=bool(data.get("editorial")), commentary=data.get("commentary") or "",
        )


@dataclass(frozen=True)
class ThemeGroup:
    slug: str
    label: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class RubricGroup:
    slug: str
    label: str
    themes: tuple[ThemeGroup, ...]
    headers: tuple[str, ...] = ()  # the issues it covers: « Journal officiel n°0241 du … »

    def items(self) -> Iterator[Item]:
        for theme in self.themes:
            yield from theme.items


def group(items: Iterable[Item], headers: Mapping[str, tuple[str, ...]] | None = None
          ) -> tuple[RubricGroup, ...]:
    """Rubrics in taxonomy order › themes in the order of their first item › items in the
    order given (the builder's order: urgent, then most important first)."""
    by_rubric: dict[str, dict[str, list[Item]]] = {}
    for item in items:
        by_rubric.setdefault(item.rubric, {}).setdefault(item.theme, []).append(item)
    headers = headers or {}
    return tuple(
        RubricGroup(slug, label, tuple(ThemeGroup(theme, theme_label(theme), tuple(members))
                                       for theme, members in by_rubric[slug].items()),
                    tuple(headers.get(slug, ())))
        for slug, label in RUBRICS.items() if slug in by_rubric
    )


@dataclass(frozen=True)
class EditionContent:
    """One edition as readers see it: its heading, rubrics › themes › items, closing line."""

    day: date
    departement: str  # INSEE code; "" for the national edition
    title: str  # « L'actualité du mercredi 14 octobre 2026 — Cher (18) »
    rubrics: tuple[RubricGroup, ...] = ()
    covered: tuple[date, ...] = ()  # publication days (Monday: the weekend's too)
    headers: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # by rubric slug
    closing: str = ""  # « Aucun autre texte intéressant les collectivités… »
    revised: bool = False  # changed since it first appeared
    revision: int = 1
    revised_by: tuple[str, ...] = ()  # why (``revisions``: new texts, the newsroom's work)

    @property
    def revision_notice(self) -> str:
        return revisions.notice(self.revised_by, self.revision)

    def items(self) -> Iterator[Item]:
        """Every item, in reading order: the one walk over an edition."""
        for rubric in self.rubrics:
            yield from rubric.items()

    def item(self, uid: str) -> Item | None:
        return next((i for i in self.items() if i.uid == uid), None)

    def uids(self) -> list[str]:
        return [i.uid for i in self.items()]

    @property
    def jo_headers(self) -> tuple[str, ...]:
        return tuple(self.headers.get("jo", ()))

    @property
    def all_headers(self) -> tuple[str, ...]:
        return tuple(h for rubric in RUBRICS for h in self.headers.get(rubric, ()))

    def only(self, uids: Iterable[str]) -> EditionContent:
        """The same edition with only these items (groups left empty are dropped)."""
        keep = set(uids)
        return replace(self, rubrics=group((i for i in self.items() if i.uid in keep),
                                           self.headers))

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.day.isoformat(), "departement": self.departement, "title": self.title,
            "covered": [d.isoformat() for d in self.covered],
            "headers": {slug: list(lines) for slug, lines in self.headers.items()},
            "closing": self.closing, "revised": self.revised, "revision": self.revision,
            "revised_by": list(self.revised_by),
            "items": [i.to_json() for i in self.items()],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> EditionContent:
        headers = {slug: tuple(lines) for slug, lines in data.get("headers", {}).items()}
        departement = data.get("departement", "")
        items = (Item.from_json(i).shown_in(departement) for i in data.get("items", ()))
        return cls(
            day=date.fromisoformat(data["date"]), departement=departement,
            title=data.get("title", ""), rubrics=group(items, headers),
            covered=tuple(date.fromisoformat(d) for d in data.get("covered", ())),
            headers=headers, closing=data.get("closing", ""),
            revised=bool(data.get("revised")), revision=int(data.get("revision", 1)),
            revised_by=tuple(data.get("revised_by", ())),
        )
