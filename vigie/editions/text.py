"""An edition as plain French text: for the terminal and the plain-text part of e-mails."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from vigie.documents.parlement_fields import ANSWERED, PARLEMENT, REPONSES
from vigie.editions import revisions
from vigie.editions.content import SOURCE, Commune, EditionContent, Item, RubricGroup
from vigie.reference.french import french_date

IN_DEPARTEMENT = "Dans votre département"
EDITORIAL, COMMENTARY = "Article de la rédaction", "Commentaire de la rédaction"
COMMUNES_HEADING = "Communes de votre département concernées :"
# Said as the page says them (``web/_item.html``), in e-mails and feeds alike.
SOMMAIRE_ONLY = "connu par le sommaire seulement"  # after the reference line
FROM_SOURCE = "Lire sur le site de la source"  # an outside item's origin, its first link
OUTSIDE_CARD = "Fiche Vigie (résumé, pourquoi cet élément)"
SOMMAIRE_CARD, ON_VIGIE = "Fiche sur Vigie", "Sur Vigie"
# What Vigie's page of an item holds, said on the link to it: a full text only where it is one.
FULL_TEXT, ARTICLE = "Texte intégral sur Vigie", "L'article sur Vigie"
DOSSIER_PAGE = "Le dossier législatif sur Vigie (étapes de la procédure)"
ANSWER_PAGE, QUESTION_PAGE = "La question et sa réponse sur Vigie", "La question sur Vigie"
MAX_COMMUNES = 30  # in a message or a terminal; the text page lists them all


@dataclass(frozen=True)
class Reader:
    """The commune a reader chose (INSEE code and name), to put first and mark; empty when
    they chose none, or when the item does not name it."""

    code: str = ""
    name: str = ""

    def __bool__(self) -> bool:
        return bool(self.code)


NOBODY = Reader()


def shown_communes(item: Item, reader: str = "", most: int = MAX_COMMUNES
                   ) -> tuple[list[Commune], int]:
    """The communes of the edition's département the item names, the reader's commune (INSEE
    code ``reader``) first; at most ``most`` of them, and how many more there are."""
    communes = list(item.communes_first(reader))
    return communes[:most], max(len(communes) - most, 0)


def commune_lines(item: Item, reader: str = "") -> list[str]:
    """« Communes de votre département concernées : », one line per commune with what the
    text says of it; the reader's commune first and marked."""
    communes, more = shown_communes(item, reader)
    if not communes:
        return []
    lines = [f"  {COMMUNES_HEADING}"]
    for commune in communes:
        mine = bool(reader) and commune.code == reader
        lines.append(f"  {'  ► ' if mine else '  - '}{commune.describe(mine=mine)}")
    if more:
        lines.append(f"    … et {more} autre{'s' if more > 1 else ''} (liste complète sur Vigie)")
    return lines


def item_lines(item: Item, link: Callable[[str], str] | None = None, reader: Reader = NOBODY
               ) -> list[str]:
    """The lines of one item: heading, short title (then the official one when it differs),
    question, essentials, dates (« 15 octobre 2026 », as pages and HTML e-mails write them),
    the communes of the edition's département it names (the reader's first and marked),
    reference, links (an answer reads as ID.CiTé's: heading, short title, question title,
    « >> » answer)."""
    mine = bool(reader) and item.names_commune(reader.code)
    flags = [f for f, on in (("URGENT", item.urgent), (IN_DEPARTEMENT, item.in_departement),
                             (f"Votre commune : {reader.name}", mine),
                             (EDITORIAL, item.editorial)) if on]
    lines = [item.heading.upper()] if item.heading else []
    lines.append(f"{'[' + ' · '.join(flags) + '] ' if flags else ''}{item.short_title}")
    lines += [f"  {item.title_line}"] if item.title_line else []
    lines += [f"  Question : {item.question}"] if item.question else []
    lines += [f"  >> {line}" for line in item.essentials]
    if item.commentary:
        lines.append(f"  {COMMENTARY} : {item.commentary}")
    lines += [f"  {d.label} : {french_date(d.date)}" for d in item.dates]
    lines += commune_lines(item, reader.code)
    lines.append(f"  {reference_line(item)}")
    return lines + link_lines(item, link)


def page_label(item: Item) -> str:
    """The link to Vigie's page of a text it holds whole, named for what the page holds: a
    legislative dossier's steps, a question with its answer, the newsroom's article, a
    text's full text (a text known by the sommaire only: ``SOMMAIRE_CARD``)."""
    if item.editorial:
        return ARTICLE
    if item.rubric == PARLEMENT:
        return DOSSIER_PAGE
    if item.rubric == REPONSES:
        return ANSWER_PAGE if item.status == ANSWERED else QUESTION_PAGE
    return FULL_TEXT


def official_label(item: Item) -> str:
    """The link to an item's official source, named for what it is: a chamber's page of a
    dossier or of a question (« Page officielle (Sénat) »), else the official text
    (« Texte officiel (Légifrance) »)."""
    official = item.official
    label = official.label if official else ""
    kind = "Page officielle" if item.rubric in (PARLEMENT, REPONSES) else "Texte officiel"
    return f"{kind} ({label})"


def reference_line(item: Item) -> str:
    """The reference, and « — connu par le sommaire seulement » for a text known from the
    sommaire alone (as the page says it)."""
    return f"{item.reference} — {SOMMAIRE_ONLY}" if item.status == "sommaire" else item.reference


def link_lines(item: Item, link: Callable[[str], str] | None = None) -> list[str]:
    """The links of an item, as the page orders them: an outside item's origin first (a news
    item, a notice, an aid is not Vigie's text), then Vigie's page of it (« Fiche … » when it
    holds no full text), then the official text and the links the newsroom gave. Only
    ``https://`` addresses are written out: a mail client could follow them."""
    origin, official = item.origin, item.official
    lines: list[str] = []
    if origin:
        lines.append(f"  {FROM_SOURCE} ({origin.label}) : {origin.href}" if origin.href
                     else f"  Source : {origin.label}")
    if link:
        label = (OUTSIDE_CARD if origin else SOMMAIRE_CARD if item.status == "sommaire"
                 else ON_VIGIE)
        lines.append(f"  {label} : {link(item.uid)}")
    if official and official.href:
        lines.append(f"  {official_label(item)} : {official.href}")
    lines += [f"  {extra.label} : {extra.href}" for extra in item.links
              if extra.kind == SOURCE and extra.href]
    return lines


def heading_lines(content: EditionContent, *, revision: bool = True) -> list[str]:
    """The title, underlined, and the revision notice (``revision``: for readers who may
    have read an earlier revision, not for a digest — see ``mailing.composing.blocks``)."""
    lines = [content.title, "=" * len(content.title)]
    if revision and content.revised:
        lines.append(revisions.line(content.revised_by, content.revision))
    return lines


def rubric_lines(rubric: RubricGroup) -> list[str]:
    return ["", rubric.label.upper(), *rubric.headers]


def render_text(content: EditionContent, link: Callable[[str], str] | None = None) -> str:
    lines = heading_lines(content)
    for rubric in content.rubrics:
        lines += rubric_lines(rubric)
        for theme in rubric.themes:
            lines += ["", f"— {theme.label} —"]
            for item in theme.items:
                lines += item_lines(item, link) + [""]
    if content.closing:
        lines += ["", content.closing]
    return "\n".join(lines).rstrip() + "\n"
