"""The newsroom part: at most three essentials, faithful to the text, and the short title.

Essentials are sentences of the text itself: the notice (« Objet », « Notice ») first, then the
operative articles, never visas, formulas or signatures, nor a sentence that announces what
follows (« … sont fixés comme suit : »): it says nothing on its own. A law has no « Décrète : »;
its operative part starts after « promulgue la loi dont la teneur suit : », and the text an
article inserts in a code (« « Art. L. 2224-7-2. – Les communes … » ») is what it decides. The
short title is made by ``vigie.analysis.titles`` and re-exported here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from vigie.analysis.normalize import by_first_character, from_line_start
from vigie.analysis.records import Item
from vigie.analysis.titles import short_title
from vigie.parsing.clipping import clip

__all__ = ["MAX_ESSENTIALS", "NO_ESSENTIALS", "NO_RELIABLE", "clipped", "essentials",
           "sentences", "short_title"]

MAX_ESSENTIALS = 3
NO_ESSENTIALS = "Pas d'essentiel extrait : texte connu par le sommaire seulement"
NO_RELIABLE = "Pas d'essentiel extrait : aucune phrase du texte n'en dit l'objet"
_MAX_SENTENCE = 300


_SKIP = re.compile(
    r"^(?:Vu |Sur le rapport|Sur la proposition|Le Conseil d'[EÉ]tat|Après avis|Considérant|"
    r"Décrète|Arrête|Arrêtent|Décide|Ordonne|Fait le|Fait à|Par le Président|Par le Premier|"
    r"Pour le ministre|Pour la ministre|Le Premier ministre,|La Première ministre,|"
    r"Le Président de la République|Article |Art\. |Publics? concernés?\s*:|Objet\s*:|"
    r"Notice\s*:|Entrée en vigueur\s*:|Références\s*:|Application\s*:|Nota\b)",
    re.IGNORECASE,
)
_FORMULA = re.compile(
    r"sera publiée? au Journal officiel|seront publiés au Journal officiel|"
    r"sera exécutée? comme loi de l'[ÉE]tat|"
    r"chargée? de l'exécution|chargés de l'exécution|responsable de l'application|"
    r"en ce qui (?:le|la) concerne|"
    # Amending mechanics say where words go, not what the rule is.
    r"(?:est|sont) ainsi (?:modifiée?s?|rédigée?s?|complétée?s?)|(?:il|sont) (?:est )?insérée?s?|"
    r"(?:est|sont) remplacée?s? par|les mots : «|(?:est|sont) abrogée?s?\W*$", re.IGNORECASE,
)
# Words that each branch of ``_FORMULA`` holds, lower case: a sentence that holds none is no
# formula. Read first, as plain substrings (most sentences are no formula, and the pattern,
# case-insensitive, tries each of its branches at every character). ``str.lower`` finds them
# wherever the pattern would match, but in a text with one of the characters that the
# pattern's case folding also takes for « i », « s » or « k »: such a text is read by the
# pattern alone.
_FORMULA_WORDS = ("journal officiel", "comme loi de l'", "de l'exécution",
                  "responsable de l'application", "en ce qui ", " ainsi ", "insér", "remplac",
                  "les mots : «", "abrog")
_CASE_TRAPS = ("İ", "ı", "ſ", "\u212a")
# The operative part starts after « Décrète : » / « Arrête : » and ends at the annexes or
# the signatures.
_ENACTING = re.compile(by_first_character(
    r"\b(?:Décrète|Décrètent|Arrête|Arrêtent|Décide|Décident|Ordonne|"
    r"promulgue la loi dont la teneur suit)\s*:"))
# « « Art. L. 2224-7-2. – Les communes… » »: the article a law inserts, without its number.
_INSERTED = re.compile(r"^«?\s*Art(?:icle|\.)\s+[LRD]?\.?\s*[\d-]+(?:\s+\w+)?\.?\s*[-–—]\s*")
_END = from_line_start(re.compile(r"^\s*(?:ANNEXES?\b|Annexes?\s*$|Fait (?:le|à) )",
                                  re.MULTILINE))  # (read in "\n" + text)
# The space between two sentences, in a text whose spaces are single (``_sentences``): the
# space first, a literal the regex engine jumps to, then what comes before it (it was
# « (?<=[.;!?])\\s+… », tried at every character: four times the work).
_SENTENCE_END = re.compile(r" (?<=[.;!?] )(?=[A-ZÀÂÉÈÊÎÔÛ«(])")
# A full stop after these is not the end of a sentence (« M. Léo LESNE », « art. 3 »).
_ABBREVIATION = re.compile(r"(?:^|\s)(?:M|MM|Mme|Mmes|Mlle|Dr|Me|Pr|art|Art|cf|n|p|St|Ste)\.$")
_ABBREVIATION_SPAN = len(" Mmes.\n")  # (« $ » reads before a last line break)


def essentials(item: Item, notice: dict[str, str] | None = None
               ) -> tuple[tuple[str, ...], str]:
    """Up to three sentences of the notice and text, and a French reason when none;
    ``notice``: the item's ``effective_notice()`` when the caller has it already."""
    notice = item.effective_notice() if notice is None else notice
    found: list[str] = []
    for sentence in _sentences(notice.get("objet", ""))[:1]:
        _keep(found, sentence[:1].upper() + sentence[1:])
    for sentence in _sentences(notice.get("notice", ""))[:2]:
        _keep(found, sentence[:1].upper() + sentence[1:])
    for sentence in _sentences(notice.get("entree_en_vigueur", ""))[:1]:
        _keep(found, "Entrée en vigueur : " + sentence)
    for sentence in _operative_sentences(item.text) if item.text else ():
        if len(found) >= MAX_ESSENTIALS:
            break
        _keep(found, sentence)
    if found:
        return tuple(found), ""
    if not item.text.strip() and not notice:
        return (), NO_ESSENTIALS
    return (), NO_RELIABLE


def _operative_sentences(text: str) -> Iterator[str]:
    """Sentences of the enacting part, in order, formulas and name lists left out.

    Lazily, a line at a time: the caller stops at the third essential, so a long text (a
    catastrophe naturelle's list of communes) is not cut into sentences to its end."""
    enacting = _ENACTING.search(text)
    body = text[enacting.end():] if enacting else text
    end = _END.search("\n" + body)  # (at the same place as in ``body``)
    for line in (body[: end.start()] if end else body).splitlines():
        for sentence in _sentences(_INSERTED.sub("", line)):
            if _operative(sentence):
                yield sentence


def sentences(text: str) -> list[str]:
    """The sentences of ``text``, whitespace joined; a full stop after « M. » or « art. »
    does not end one."""
    return _sentences(text)


def _sentences(text: str) -> list[str]:
    text = " ".join(text.split())
    if not text:  # (the notice of most sommaire lines: no field)
        return []
    merged: list[str] = []
    for piece in (s.strip() for s in _SENTENCE_END.split(text) if s.strip()):
        # (read in the last 7 characters: a space, the longest abbreviation with its stop,
        # a line break; the pattern, no literal first, was tried at every character)
        if merged and _ABBREVIATION.search(merged[-1][-_ABBREVIATION_SPAN:]):
            merged[-1] = f"{merged[-1]} {piece}"
        else:
            merged.append(piece)
    return merged


def _operative(sentence: str) -> bool:
    """A sentence that states a rule or a fact, not a formula, a visa or a signature (the
    cheap tests first: most lines of a long text are table rows)."""
    if sentence.endswith((",", ";", ":")):  # visas, the authority line, « comme suit : »
        return False
    if " | " in sentence:  # a table row (cells joined by the parsing stage)
        return False
    # Lines of names and titles (« M. Paul DUPONT, administrateur… ») carry no rule.
    if sentence.startswith(("M. ", "Mme ", "Mmes ", "MM. ")):
        return False
    if len(sentence.split()) < 6:
        return False
    return not (_SKIP.match(sentence) or _formula(sentence))


def _formula(sentence: str) -> bool:
    """Whether ``_FORMULA`` finds something in ``sentence`` (its words looked for first)."""
    if not any(trap in sentence for trap in _CASE_TRAPS):
        lowered = sentence.lower()
        if not any(word in lowered for word in _FORMULA_WORDS):
            return False
    return _FORMULA.search(sentence) is not None


def _keep(found: list[str], sentence: str) -> None:
    if len(found) >= MAX_ESSENTIALS or not sentence:
        return
    sentence = sentence.strip().removesuffix("»").strip()
    if sentence.endswith(":"):  # announces what follows (a list, a table): states nothing
        return
    sentence = clipped(sentence)
    if sentence not in found:
        found.append(sentence)


def clipped(sentence: str) -> str:
    """An essential as long as a reader takes it: 300 characters at most, cut by the one rule
    of :mod:`vigie.parsing.clipping` (texts' essentials, questions' and dossiers')."""
    return clip(sentence, _MAX_SENTENCE)
