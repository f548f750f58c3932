"""What an item says, gathered once: vocabulary and codes found in each part of it.

Selection and themes weigh the same evidence differently; reading the text once here keeps
the analysis fast on whole issues and guarantees both stages cite the same words.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from vigie.analysis.cues import blank_state_services
from vigie.analysis.lexicon import CODE_ALIASES, CODES, LEXICON, Code, Term
from vigie.analysis.normalize import (
    PhraseMatcher,
    by_first_character,
    fold_chars,
    from_separator,
    stream,
)
from vigie.analysis.records import Item

# Vocabulary is read in the first characters of a text only: what follows is mostly annexes
# (tables of communes, grids) that add length, not meaning.
TEXT_LIMIT = 40_000

# Section levels that say where a text sits, not who issued it.
GENERIC_SECTIONS = frozenset({
    "LOIS", "Décrets, arrêtés, circulaires", "Textes généraux", "Mesures nominatives",
    "Conventions collectives", "Avis et communications", "Avis de concours et de vacance d'emplois",
    "Informations parlementaires", "Annonces", "Conseil constitutionnel",
})

TERMS: dict[str, Term] = {str(index): term for index, term in enumerate(LEXICON)}
CODE_BY_NAME: dict[str, Code] = {code.name: code for code in CODES}

_TERM_MATCHER = PhraseMatcher(
    (form, key) for key, term in TERMS.items() for form in term.forms
)
_CODE_MATCHER = PhraseMatcher(
    [(code.name, code.name) for code in CODES] + list(CODE_ALIASES.items())
)


@dataclass(frozen=True)
class Source:
    """Terms (keys of ``TERMS``) and codes (names) found in one part of an item."""

    terms: Counter[str] = field(default_factory=Counter)
    codes: Counter[str] = field(default_factory=Counter)
    surfaces: dict[str, str] = field(default_factory=dict)  # term key → form found first

    def local_terms(self) -> list[tuple[str, Term]]:
        """Distinct terms with a local weight, strongest first, with the form found."""
        return list(self._local_terms)

    @cached_property
    def _local_terms(self) -> tuple[tuple[str, Term], ...]:
        """Sorted once: features and selection ask several times for each part of an item."""
        found = [(self.surfaces[key], TERMS[key]) for key in self.terms if TERMS[key].local > 0]
        return tuple(sorted(found, key=lambda pair: -pair[1].local))

    def surface(self, key: str) -> str:
        return self.surfaces.get(key, TERMS[key].label)


# A grade of the fonction publique territoriale: « conservateur territorial du patrimoine ».
_FPT_GRADE = re.compile(by_first_character(
    r"\b(?:ingenieur|attache|redacteur|technicien|adjoint|administrateur|conservateur|"
    r"bibliothecaire|animateur|educateur|assistant|agent|conseiller|professeur|medecin|"
    r"psychologue|infirmier|puericultrice|auxiliaire|biologiste|moniteur|directeur|cadre|"
    r"chef de service|gardien[- ]brigadier)s?\b[a-z' -]{0,50}?\bterritoria(?:l|le|ux|les)\b"
))
# Visas (« Vu la loi de finances pour 1960 ; ») name the legal basis, not the subject: their
# codes count, their other words do not.
_VISA = re.compile(r"(?:^|(?<=[;,]))\s*Vu [^;\n]*", re.MULTILINE)  # as ``_visas`` finds them
_VU = re.compile(r"Vu [^;\n]*")


def read(text: str, *, limit: int | None = None) -> tuple[Source, str]:
    """Codes, then vocabulary (codes blanked out so they are not counted twice)."""
    text = text if limit is None else text[:limit]
    return _read_short(text) if len(text) <= _SHORT else _read(text)


# Short parts (ministries, sections, empty notices, titles) come back text after text; their
# reading is kept. Nothing reads a ``Source`` to change it: one can be shared.
_SHORT = 200


@lru_cache(maxsize=1024)  # ministries, sections, notices: a few hundred
def _read_short(text: str) -> tuple[Source, str]:
    return _read(text)


def _read(text: str) -> tuple[Source, str]:
    if "Vu " in text:
        normalised, whole = _without_visas(text)
        codes = _CODE_MATCHER.count(whole)
    else:
        normalised = stream(text)
        codes = _CODE_MATCHER.count(normalised)
    rest = _CODE_MATCHER.remove(normalised) if codes else normalised
    terms: Counter[str] = Counter()
    surfaces: dict[str, str] = {}
    for phrase, count in _TERM_MATCHER.phrases(rest).items():
        key = _TERM_MATCHER.key_of(phrase)
        terms[key] += count
        surfaces.setdefault(key, _TERM_MATCHER.surface_of(phrase))
    return Source(terms, codes, surfaces), normalised


def _without_visas(text: str) -> tuple[str, str]:
    """The streams of ``text`` without its visas, and whole, the text read once: a visa
    starts and ends at a separator (line, « ; », « , »), so the stream of the whole is the
    streams of the pieces on either side of each visa, joined."""
    kept: list[str] = []
    whole: list[str] = []
    last = 0
    for start, end in _visas(text):
        before, read = stream(text[last:start]), stream(text[start:end])
        kept.append(before)
        whole += (before, read)
        last = end
    after = stream(text[last:])
    kept.append(after)
    whole.append(after)
    return " ".join(s for s in kept if s), " ".join(s for s in whole if s)


def _visas(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each match of ``_VISA`` in ``text``, as ``_VISA.finditer`` gives them,
    found from each « Vu » (a literal the regex engine finds fast; ``_VISA`` itself tries its
    line start or separator at every character of the text). A match starts at the first
    place before the « Vu », across the spaces only, that is a line's start or follows a
    « ; » or a « , »."""
    pos = 0
    while (found := _VU.search(text, pos)) is not None:
        word = found.start()
        start = word
        while start > pos and text[start - 1].isspace():
            start -= 1
        while start <= word and not (start == 0 or text[start - 1] in "\n;,"):
            start += 1
        if start > word:  # no separator before it: not a visa; look on after it
            pos = word + 1
            continue
        yield start, found.end()
        pos = found.end()


@dataclass(frozen=True)
class Evidence:
    """Everything the rules look at, per part of the item."""

    title: Source
    title_stream: str
    authority: Source  # the issuing ministry or body (specific section levels)
    authority_name: str
    publics: Source
    notice: Source  # objet, notice, application, entrée en vigueur
    text: Source
    cited: Source
    has_text: bool
    notice_fields: dict[str, str]
    fpt_grade: str  # « cadre d'emplois des attachés territoriaux » as written, or ""
    masked_title: str  # the title, names of State services blanked (``blank_state_services``)


# Most items (sommaire lines) have no text nor cited texts: one empty part each, shared as
# read parts are (nothing changes a ``Source``); two, so that ``features.extract`` still tells
# the text from the cited texts by identity.
_NO_TEXT = Source()
_NO_CITED = Source()


def authority_of(item: Item) -> str:
    """The issuer as readers name it: the ministry, else the most specific section level."""
    if item.ministry:
        return item.ministry
    specific = [part for part in item.sections if part not in GENERIC_SECTIONS]
    return specific[-1] if specific else ""


def gather(item: Item) -> Evidence:
    """Read every part of an item once."""
    notice = item.effective_notice()
    title, title_stream = read(item.title)
    masked = blank_state_services(item.title)
    if masked != item.title:  # a State service's name says who, not what (cues.STATE_SERVICES)
        title, _ = read(masked)
    authority_name = authority_of(item)
    authority, _ = read(authority_name)
    publics, _ = read(notice.get("publics", ""))
    body = " . ".join(notice.get(key, "") for key in
                      ("objet", "notice", "application", "entree_en_vigueur"))
    notice_source, _ = read(body)
    text, _ = read(item.text, limit=TEXT_LIMIT) if item.text else (_NO_TEXT, "")
    cited, _ = read(" . ".join(item.cited)) if item.cited else (_NO_CITED, "")
    return Evidence(
        title=title, title_stream=title_stream, authority=authority,
        authority_name=authority_name, publics=publics, notice=notice_source, text=text,
        cited=cited, has_text=bool(item.text) and not item.text.isspace(), notice_fields=notice,
        fpt_grade=_fpt_grade(item.title), masked_title=masked,
    )


_FPT_GRADE_AT = from_separator(_FPT_GRADE)  # read after a space, one character longer


def _fpt_grade(title: str) -> str:
    folded = fold_chars(title)
    if "territoria" not in folded:  # what every grade ends with: most titles have none
        return ""
    found = _FPT_GRADE_AT.search(" " + folded)
    return title[found.start():found.end() - 1] if found else ""
