"""The frozen records that parsers produce and the storage layer consumes.

Every field is plain data (str, date, tuples) so that records can be hashed,
compared and serialised without knowing where they came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


class ParseError(ValueError):
    """A member that cannot be understood; ``str(error)`` is a French message for people."""


# Why a file nested deeper than Python's stack allows (``RecursionError``: JSON, XML, HTML)
# is not read.
TOO_DEEP = "imbrication trop profonde pour être lue"
# Why the DILA reader leaves out an act of EU law among its files (``dispatch``): it is read as
# an input of its own (``parsing.cellar``), out of a folder; from an archive, given alone.
NOT_DILA = ("notice de l'Union européenne (Cellar ou EUR-Lex), pas un texte de la DILA : "
            "vigie ingest la lit à part (donnée seule ou dans un dossier, pas dans une archive)")
# Why the DILA reader of the JO leaves out a circulaire among its files: it is read as an input
# of its own (``parsing.circulaire``): given alone, in a folder, or in an archive of circulaires.
NOT_JO_CIRCULAIRE = ("circulaire du fonds CIRCULAIRES de la DILA, pas un texte du Journal "
                     "officiel : vigie ingest la lit à part (donnée seule, dans un dossier ou "
                     "dans une archive de circulaires)")
READ_APART = (NOT_DILA, NOT_JO_CIRCULAIRE)


@dataclass(frozen=True)
class Notice:
    """The « notice » of a text: Publics concernés, Objet, Entrée en vigueur…"""

    publics: str = ""
    objet: str = ""
    entree_en_vigueur: str = ""
    notice: str = ""
    references: str = ""
    application: str = ""
    # "notice" when read from NOTICE, "visas" when taken from the top of VISAS, "" if none.
    origin: str = ""

    def is_empty(self) -> bool:
        return not any(
            (self.publics, self.objet, self.entree_en_vigueur, self.notice,
             self.references, self.application)
        )


@dataclass(frozen=True)
class CitedText:
    """A text cited or applied (``LIENS/LIEN``)."""

    id: str  # JORFTEXT…, LEGIARTI…, LEGITEXT…
    kind: str  # typelien: CITATION, APPLICATION…
    nature: str = ""
    nor: str = ""
    number: str = ""
    date: date | None = None
    title: str = ""
    text_id: str = ""  # cidtexte: the text that ``id`` belongs to (== id for a whole text)


@dataclass(frozen=True)
class ParsedArticle:
    """One article: inline in JORFSIMPLE ``STRUCT``, its own ``ARTICLE`` file in the global flow."""

    id: str  # JORFARTI…
    text_id: str  # JORFTEXT… of the text it belongs to ("" when inline and not yet known)
    num: str
    html: str  # sanitised HTML of BLOC_TEXTUEL/CONTENU
    text: str  # plain text of the same
    eli: str = ""


@dataclass(frozen=True)
class ParsedText:
    """A text of the Journal officiel (``TEXTE_VERSION`` or JORFSIMPLE ``TEXTE``)."""

    id: str  # JORFTEXT…
    flow: str  # "jorf" (global) or "jorfsimple"
    nature: str = ""
    nor: str = ""
    eli: str = ""
    number: str = ""
    title: str = ""  # TITREFULL
    short_title: str = ""  # TITRE
    ministry: str = ""
    date_text: date | None = None
    date_publi: date | None = None
    jo_number: str = ""  # NUM_PARUTION, e.g. "0192"
    jo_id: str = ""  # JORFCONT… (ORIGINE_PUBLI@id in JORFSIMPLE; "" in the global flow)
    origine_publi: str = ""  # "JORF n°0192 du 19 août 2026"
    page: str = ""
    sequence: int | None = None  # NUM_SEQUENCE
    notice: Notice = field(default_factory=Notice)
    visas: str = ""  # plain text
    articles: tuple[ParsedArticle, ...] = ()  # inline articles (JORFSIMPLE); () in the global flow
    signatories: tuple[str, ...] = ()  # lines of SIGNATAIRES, in order
    cited: tuple[CitedText, ...] = ()
    keywords: tuple[str, ...] = ()  # MCS_TXT


@dataclass(frozen=True)
class StructItem:
    """One entry of a text's structure: an article or a section, in document order."""

    kind: str  # "article" or "section"
    id: str  # JORFARTI… or JORFSCTA…
    num: str = ""  # article number
    title: str = ""  # section title


@dataclass(frozen=True)
class ParsedStructure:
    """The structure of a text (global flow ``TEXTELR``): top-level articles and sections."""

    text_id: str
    items: tuple[StructItem, ...]


@dataclass(frozen=True)
class ParsedSection:
    """A section of a text (global flow ``SECTION_TA``) with its own articles and sub-sections."""

    id: str  # JORFSCTA…
    text_id: str
    title: str
    items: tuple[StructItem, ...]


@dataclass(frozen=True)
class SommaireEntry:
    """One text listed in a sommaire, with where it sits."""

    text_id: str
    title: str
    # e.g. ("Décrets, arrêtés, circulaires", "Textes généraux", "Ministère…")
    section: tuple[str, ...]
    rank: int  # 1-based position in the whole sommaire


@dataclass(frozen=True)
class ParsedSommaire:
    """An issue of the Journal officiel (``JO``, both flows)."""

    id: str  # JORFCONT…
    number: str  # "0192"
    date_publi: date | None
    title: str
    eli: str
    entries: tuple[SommaireEntry, ...]


Parsed = ParsedText | ParsedArticle | ParsedStructure | ParsedSection | ParsedSommaire
