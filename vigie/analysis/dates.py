"""Key dates of a text: when it enters into force, and the deadlines it sets.

Owns reading French legal wording into dates: absolute dates (« le 1er janvier 2027 »,
« 31/12/2026 »), dates relative to the publication (« le lendemain de sa publication », « dans
un délai de deux mois à compter de sa publication »), and what each date means from the words
just before it (« à compter du », « au plus tard le ») or, failing that, from its sentence
(« entre en vigueur », « délai »); the abrogation of a provision the Conseil constitutionnel
censured, put off to a date (« reporter au 1er juillet 2027 la date de l'abrogation ») or
taking effect (« La déclaration d'inconstitutionnalité prend effet … »), is a kind of its own.
Dates of cited texts (« décret n° 2005-850 du 27 juillet 2005 », « Vu la loi du … ») are not
key dates; a date with no such meaning is only kept when it lies after the publication. Pure:
text in, frozen records out.
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from vigie.reference.french import MONTH_NUMBERS

ENTREE_EN_VIGUEUR = "entree_en_vigueur"
ECHEANCE = "echeance"
DATE = "date"
# When a provision the Conseil constitutionnel censured goes: « il y a lieu de reporter au
# 1er juillet 2027 la date de l'abrogation », « La déclaration d'inconstitutionnalité prend
# effet à compter de la date de la publication de la présente décision ».
ABROGATION = "abrogation"
KEY_KINDS = (ENTREE_EN_VIGUEUR, ABROGATION, ECHEANCE)  # what a calendar shows, what is urgent
_KIND_ORDER = {ENTREE_EN_VIGUEUR: 0, ABROGATION: 1, ECHEANCE: 2, DATE: 3}
_EVIDENCE_MAX = 160

_NUMBERS = {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
            "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13,
            "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20, "vingts": 20, "trente": 30,
            "quarante": 40, "cinquante": 50, "soixante": 60}
_ORDINALS = {"premier": 1, "deuxieme": 2, "deuxième": 2, "second": 2, "troisieme": 3,
             "troisième": 3, "quatrieme": 4, "quatrième": 4, "sixieme": 6, "sixième": 6,
             "douzieme": 12, "douzième": 12}

_I = re.IGNORECASE
# Every date starts with a digit or « premier »: the lookahead lets the engine pass over other
# characters without trying each alternative (the pattern runs over whole texts).
_ABSOLUTE = re.compile(
    r"(?=[\dpP])"
    r"(?:\b(?P<day>1\s?er|premier|[0-3]?\d)\s+(?P<month>janvier|f[ée]vrier|mars|avril|mai|juin"
    r"|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre)(?:\s+(?P<year>(?:19|20)\d\d))?\b"
    r"|\b(?P<nday>[0-3]?\d)/(?P<nmonth>[01]?\d)/(?P<nyear>(?:19|20)\d\d)\b)",
    _I,
)
# The same dates, found faster: a case-sensitive class first (a digit: ASCII, or as ``\d`` reads
# one, none of which comes before U+0660; « p » or « P » of « premier ») lets the regex engine
# jump from one such character to the next in C, where ``_ABSOLUTE``'s look-ahead is tried at
# every character. There, ``_ABSOLUTE`` itself is read ahead, in the group ``all``; the
# matches one character long may overlap a date: ``_absolute_matches`` keeps those that
# ``_ABSOLUTE.finditer`` finds.
_ABSOLUTE_AT = re.compile(
    r"(?-i:[0-9pP\u0660-\U0010ffff])(?<=(?=(?P<all>" + _ABSOLUTE.pattern + r")).)", _I)
# The publication of the text itself, not of another act (« la publication de la liste »).
_ITS_PUBLICATION = (r"(?:(?:sa|leur)\s+publication|la\s+publication(?=\s+(?:du\s+présent"
                    r"|de\s+la\s+présente|au\s+Journal)|\s*[,.;)\n]|\s*$))")
_RELATIVE = re.compile(
    rf"(?P<next>lendemain\s+(?:du\s+jour\s+)?de\s+{_ITS_PUBLICATION})"
    rf"|(?P<same>(?:jour\s+(?:même\s+)?de|d[èe]s|à\s+compter\s+de(?:\s+la\s+date\s+de)?"
    rf"|à\s+partir\s+de|à\s+la\s+date\s+de)\s+{_ITS_PUBLICATION})"
    rf"|(?P<first>premier\s+jour\s+du\s+(?:(?P<ordinal>\w+)\s+)?mois\s+(?:qui\s+)?"
    rf"suiv(?:ant|ra|ent)\s+(?:celui\s+de\s+)?{_ITS_PUBLICATION})"
    rf"|(?P<delay>\b(?P<unit>jours?|mois|ans?|années?|semaines?)\s+(?:francs\s+)?(?:courant\s+)?"
    rf"(?:à\s+compter\s+de|suivant|après|à\s+partir\s+de)\s+(?:la\s+date\s+de\s+)?"
    rf"{_ITS_PUBLICATION})",
    _I,
)
# The words before a delay's unit, where its number is: « un délai de [quatre-vingt-dix] jours ».
_COUNT_BEFORE = re.compile(r"((?:[\w-]+\s+){0,3}[\w-]+)\s+$")

# Words right before a date that say what it is.
_IMMEDIATE = (
    (ENTREE_EN_VIGUEUR, re.compile(
        r"(?:à\s+compter\s+du|à\s+partir\s+du|dès\s+le|à\s+effet\s+du|avec\s+effet\s+au"
        r"|(?:entr(?:e|ent|era|eront)|entrée)\s+en\s+vigueur\s+(?:le|au|à\s+compter\s+du)?"
        r"|prend(?:ra|nent|ront)?\s+effet\s+(?:le|au|à\s+compter\s+du)?"
        r"|(?:applicables?|s['’]appliqu\w*)\s+(?:à\s+compter\s+du|à\s+partir\s+du|au|le|dès\s+le)"
        r")\s*$", _I)),
    (ECHEANCE, re.compile(
        r"(?:au\s+plus\s+tard(?:\s+(?:le|au|jusqu['’]au))?|avant\s+le|jusqu['’]\s*au"
        r"|jusqu['’]\s*à\s+la\s+date\s+du|d['’]ici\s+(?:le|au)|au-delà\s+du|au\s+delà\s+du"
        r"|expire(?:ra)?\s+le|prend(?:ra)?\s+fin\s+le|date\s+limite\b[^.;]{0,40}?"
        r"|échéance\s+(?:du|le|au|:)?)\s*$", _I)),
)
_AFTER_DEADLINE = re.compile(r"\s*,?\s*(?:au\s+plus\s+tard|dernier\s+délai)", _I)
# A date that identifies a cited act: « décret n° 2005-850 du 27 juillet 2005 », « Vu la loi
# du … », « Fait le … », « JORF n° 20 du … ».
_CITATION = re.compile(
    r"(?:\b(?:lois?|décrets?|arrêtés?|ordonnances?|décisions?|délibérations?|circulaires?"
    r"|directives?|règlements?|avis|instructions?|conventions?|codes?|accords?|avenants?"
    r"|protocoles?|jugements?|arrêts?|traités?|notes?|lettres?|JORF|Journal\s+officiel"
    r"|séances?|sessions?)\b[^;:]{0,80}?\b(?:du|en\s+date\s+du)"
    r"|\bn°\s*[\w./-]+\s+du|\b(?:Vu|Fait|signée?s?|rendue?s?)\b[^;]{0,80}?\b(?:du|le))\s*$",
    _I,
)
_ENTRY_CUE = re.compile(
    r"entr(?:e|ent|era|eront)\s+en\s+vigueur|entrée\s+en\s+vigueur|s['’]appliqu"
    r"|applicables?\b|prend(?:ra|nent|ront)?\s+effet", _I)
_DEADLINE_CUE = re.compile(
    r"au\s+plus\s+tard|date\s+limite|d[ée]lai|jusqu['’]|avant\s+le|échéance|expir", _I)
_TOKEN = re.compile(r"[^\s-]+")
_PUBLICATION = re.compile(r"publication", _I)
_PUBLICATION_LOWER = re.compile(r"publication")  # (``_publications``)
_IMMEDIATE_WORDS = {
    ENTREE_EN_VIGUEUR: ("compter", "partir", "dès", "effet", "vigueur", "appliqu"),
    ECHEANCE: ("tard", "avant", "jusqu", "ici", "delà", "dela", "expire", "fin", "limite",
               "échéance"),
}
_SENTENCE_WORDS = ("vigueur", "appliqu", "applicab", "effet", "tard", "limite", "lai", "jusqu",
                   "avant", "échéance", "expir")
_STARTS_EFFECT = re.compile(r"(?:à\s+compter|à\s+partir|d[èe]s)\b", _I)
_ENDS_WITH_DU_OR_LE = re.compile(r"\b(?:du|le)\s*$", _I)
_SENTENCE_END = re.compile(r"[.;!?](?=\s|$)|\n")
# The last sentence end before a point: the greedy « .* » goes to the point, then steps back
# to the nearest end (rather than finding every end of the 400 characters before it).
_LAST_SENTENCE_END = re.compile(r"(?s).*(?:[.;!?](?=\s|$)|\n)")
_RECOURS = re.compile(r"recours|contest", _I)
_DEFERRED = re.compile(r"report\w*\s+(?:au|à)\s*$", _I)
_OF_ABROGATION = re.compile(r"\s+la\s+date\s+(?:de\s+l['’]abrogation|d['’]effet|de\s+la\s+prise"
                            r"\s+d['’]effet)", _I)


@dataclass(frozen=True)
class KeyDate:
    """A date a reader should know, what it is, and the words of the text that say so."""

    date: datetime.date
    kind: str  # "entree_en_vigueur" | "abrogation" | "echeance" | "date"
    label: str  # French, for readers: « Entrée en vigueur », « Date limite », …
    evidence: str  # the phrase of the text it comes from, trimmed (≤ 160 chars)


def find_dates(text: str, *, publication: datetime.date | None = None) -> tuple[KeyDate, ...]:
    """Key dates of ``text``, one per (date, kind), in chronological order.

    Dates relative to the publication need ``publication``; without it they are skipped, and
    so are dates whose meaning the text does not state.
    """
    found: dict[tuple[datetime.date, str], KeyDate] = {}
    for start, end, day in _occurrences(text, publication):
        sentence = _sentence(text, start, end)  # read once for the kind, label and evidence
        kind = _kind(text, start, end, day, publication, sentence)
        if kind is None or (day, kind) in found:
            continue
        found[(day, kind)] = KeyDate(day, kind, _label(kind, text, sentence),
                                     _evidence(text, start, end, sentence))
    return tuple(sorted(found.values(), key=lambda k: (k.date, _KIND_ORDER[k.kind])))


def is_urgent(dates: Iterable[KeyDate], *, today: datetime.date, within_days: int) -> bool:
    """Whether a deadline or an entry into force falls between ``today`` and ``within_days``
    days later (both included); plain dates to remember do not make a text urgent."""
    horizon = today + datetime.timedelta(days=within_days)
    return any(d.kind in KEY_KINDS and today <= d.date <= horizon
               for d in dates)


def _occurrences(text: str, publication: datetime.date | None
                 ) -> list[tuple[int, int, datetime.date]]:
    """(start, end, date) of every date written in the text, in order."""
    found: list[tuple[int, int, datetime.date]] = []
    pending_year: list[tuple[int, int, int, int]] = []  # « du 1er janvier au 31 mars 2027 »
    for match, match_end in _absolute_matches(text):
        parts = _absolute_parts(match)
        if parts is None:
            continue
        day, month, year = parts
        if year is None:
            pending_year.append((match.start(), match_end, day, month))
            continue
        for start, end, p_day, p_month in pending_year:
            if match.start() - end <= 40 and p_month <= month:
                _append(found, start, end, year, p_month, p_day)
        pending_year.clear()
        _append(found, match.start(), match_end, year, month, day)
    if publication is not None:
        found.extend(_relative_occurrences(text, publication))
    return sorted(found, key=lambda item: item[0])


def _absolute_matches(text: str) -> Iterator[tuple[re.Match[str], int]]:
    """What ``_ABSOLUTE.finditer`` finds (with the same groups), and where each one ends: the
    first date from the end of the one before."""
    last = 0
    for match in _ABSOLUTE_AT.finditer(text):
        if match.start() >= last:
            last = match.end("all")
            yield match, last


def _relative_occurrences(text: str, publication: datetime.date
                          ) -> list[tuple[int, int, datetime.date]]:
    """Dates relative to the publication, read only around the word « publication » (the
    pattern is too costly to run over a whole text)."""
    found: dict[tuple[int, int], datetime.date] = {}
    for word in _publications(text):
        window = max(0, word.start() - 120)
        for match in _RELATIVE.finditer(text, window, min(len(text), word.end() + 40)):
            if match.end() < word.end():
                continue
            relative = _relative(text, match, publication)
            if relative is not None:
                found.setdefault((relative[0], match.end()), relative[1])
    return [(start, end, day) for (start, end), day in found.items()]


def _publications(text: str) -> Iterator[re.Match[str]]:
    """What ``_PUBLICATION.finditer`` finds, read in the lower-cased text (a plain word is
    jumped to), but in a text with « İ » (two characters lower-cased) or « ı » (an « i »)."""
    if text.isascii() or ("İ" not in text and "ı" not in text):
        return _PUBLICATION_LOWER.finditer(text.lower())
    return _PUBLICATION.finditer(text)


def _absolute_parts(match: re.Match[str]) -> tuple[int, int, int | None] | None:
    if match.group("nday"):
        return int(match.group("nday")), int(match.group("nmonth")), int(match.group("nyear"))
    raw_day = match.group("day").lower().replace(" ", "")
    day = 1 if raw_day in ("1er", "premier") else int(raw_day)
    month = MONTH_NUMBERS[match.group("month").lower()]
    year = match.group("year")
    return day, month, int(year) if year else None


def _append(found: list[tuple[int, int, datetime.date]], start: int, end: int, year: int,
            month: int, day: int) -> None:
    try:  # noqa: SIM105 - a ``contextlib.suppress`` would be made for every date read
        found.append((start, end, datetime.date(year, month, day)))
    except ValueError:  # « 31 février »: a typo, not a date
        pass


def _relative(text: str, match: re.Match[str], publication: datetime.date
              ) -> tuple[int, datetime.date] | None:
    """(start, date) of a date written relative to the publication."""
    if match.group("next"):
        return match.start(), publication + datetime.timedelta(days=1)
    if match.group("same"):
        return match.start(), publication
    if match.group("first"):
        ordinal = match.group("ordinal")
        months = _ORDINALS.get(ordinal.lower(), 0) if ordinal else 1
        if not months:
            return None
        return match.start(), _add_months(publication.replace(day=1), months)
    count = _count_before(text, match.start())
    if count is None:
        return None
    start, number = count
    unit = match.group("unit").lower()
    if unit.startswith("jour"):
        return start, publication + datetime.timedelta(days=number)
    if unit.startswith("semaine"):
        return start, publication + datetime.timedelta(weeks=number)
    return start, _add_months(publication, number * (1 if unit == "mois" else 12))


def _count_before(text: str, unit_start: int) -> tuple[int, int] | None:
    """(start, value) of the number before a unit: « deux », « 18 », « quatre-vingt-dix »;
    the longest run of words that is a number wins (« délai de trois » → 3)."""
    window = _COUNT_BEFORE.search(text, max(0, unit_start - 60), unit_start)
    if window is None:
        return None
    tokens = list(_TOKEN.finditer(window.group(1)))
    for first in range(len(tokens)):
        value = _number([t.group().lower() for t in tokens[first:]])
        if value:
            return window.start(1) + tokens[first].start(), value
    return None


def _number(tokens: list[str]) -> int | None:
    value = 0
    for token in tokens:
        if token.isdigit():
            value += int(token)
        elif token == "et":
            continue
        elif token in ("cent", "cents"):
            value = (value or 1) * 100
        elif token in ("vingt", "vingts") and value % 100 == 4:
            value += 76  # quatre-vingt(s)
        elif token in _NUMBERS:
            value += _NUMBERS[token]
        else:
            return None
    return value or None


def _add_months(day: datetime.date, months: int) -> datetime.date:
    """Calendar months later; the 31st becomes the last day of a shorter month."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month,
                       day=min(day.day, calendar.monthrange(year, month)[1]))


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    last = _LAST_SENTENCE_END.match(text, max(0, start - 400), start)
    head = last.end() if last else max(0, start - 400)
    after = _SENTENCE_END.search(text, end)
    return head, after.end() if after else len(text)


def _kind(text: str, start: int, end: int, day: datetime.date,
          publication: datetime.date | None, sentence: tuple[int, int]) -> str | None:
    """What the date at ``start:end`` is (``_plain_kind``), or the abrogation of a censured
    provision: put off to it (« reporter au … la date de l'abrogation »), or the effect of a
    declaration of unconstitutionality (« prend effet à compter de … »)."""
    kind = _plain_kind(text, start, end, day, publication, sentence)
    if kind == ECHEANCE:
        return kind
    head, tail = sentence
    if text.find("report", max(head, start - 40), start) >= 0 \
            and _DEFERRED.search(text, max(head, start - 40), start) \
            and _OF_ABROGATION.match(text, end):
        return ABROGATION
    if kind == ENTREE_EN_VIGUEUR and text.find("inconstitutionnalit", head, tail) >= 0:
        return ABROGATION
    return kind


def _plain_kind(text: str, start: int, end: int, day: datetime.date,
                publication: datetime.date | None, sentence: tuple[int, int]) -> str | None:
    """What the date at ``start:end`` (in ``sentence``, ``_sentence``) is, or None when it is
    not a key date."""
    head, _tail = sentence
    before = text[max(head, start - 120):start]
    lowered = before.lower()
    # Cheap word tests first: most dates (periods in tables) have no cue at all.
    for kind, pattern in _IMMEDIATE:
        if any(word in lowered for word in _IMMEDIATE_WORDS[kind]) and pattern.search(before):
            return kind
    if _STARTS_EFFECT.match(text, start):  # « à compter de sa publication »
        return ENTREE_EN_VIGUEUR
    if _ends_with_du_or_le(before) and _CITATION.search(before):
        return None
    if _AFTER_DEADLINE.match(text, end):
        return ECHEANCE
    sentence = text[head:start].lower()
    if any(word in sentence for word in _SENTENCE_WORDS):
        kind = _sentence_kind(text, head, start)
        if kind is not None:
            return kind
    if publication is not None and day > publication:
        return DATE
    return None


def _ends_with_du_or_le(before: str) -> bool:
    r"""Whether ``_ENDS_WITH_DU_OR_LE`` finds something in ``before``: its last word is « du »
    or « le » in any case (no other character folds to these letters), after a start or a
    character that is no ``\w`` (the pattern is tried at every character)."""
    last = before.rstrip()[-3:]
    return last[-2:].lower() in ("du", "le") and (
        len(last) == 2 or not (last[0].isalnum() or last[0] == "_"))


def _sentence_kind(text: str, head: int, start: int) -> str | None:
    """A verb of entry into force anywhere before the date wins (« entre en vigueur à
    l'expiration d'un délai de six mois »); then a word of deadline; else no meaning."""
    if _ENTRY_CUE.search(text, head, start):
        return ENTREE_EN_VIGUEUR
    if _DEADLINE_CUE.search(text, head, start):
        return ECHEANCE
    return None


def _label(kind: str, text: str, sentence: tuple[int, int]) -> str:
    if kind == ENTREE_EN_VIGUEUR:
        return "Entrée en vigueur"
    if kind == DATE:
        return "Date à retenir"
    if kind == ABROGATION:
        return "Prise d'effet de l'abrogation"
    head, tail = sentence
    return "Fin du délai de recours" if _RECOURS.search(text, head, tail) else "Date limite"


def _evidence(text: str, start: int, end: int, sentence: tuple[int, int]) -> str:
    """The sentence around a date, cut to at most 160 characters around it."""
    head, tail = sentence
    left = max(head, start - 90)
    right = min(tail, max(end + 40, left + _EVIDENCE_MAX))
    phrase = " ".join(text[left:right].split())
    prefix = "…" if left > head else ""
    suffix = "…" if right < tail else ""
    budget = _EVIDENCE_MAX - len(prefix) - len(suffix)
    if len(phrase) > budget:
        phrase, suffix = phrase[:budget - 1].rstrip(), "…"
    return f"{prefix}{phrase}{suffix}"
