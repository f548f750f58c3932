"""« commune » the local authority, or « commun(e) » the adjective: told by the word before.

The noun follows a determiner, a preposition, a number or a punctuation mark (« la commune
de Brides-les-Bains », « les communes », « aux communes rurales », « maire de la commune »,
« chaque commune », « 36 000 communes », a heading « Communes : … »); the adjective follows
the noun it qualifies (« politique agricole commune », « règles communes », « parties
communes », « conditions de production communes »), and « commune mesure » after « sans »,
« aucune », « une » or « de » is an idiom (« sans commune mesure », « d'une commune voix »).
A name keeps its capitals (« l'établissement public territorial Plaine Commune »): the local
authority.
« commun » (« marché commun », « tronc commun », « mise en commun ») is another word that no
cue reads as « commune »; « en commune » is the noun (« érigé en commune », « regroupées en
commune nouvelle »).

The rule reads one word on each side of « commune(s) », never the text's subject: the same
rule serves the Journal officiel's titles (``cues.blank_other_senses``) and the vocabulary of
Parliament questions (``questions``). Pure.
"""

from __future__ import annotations

import re

from vigie.analysis.normalize import fold_chars

# Words of four letters or more after which « commune(s) » is the noun: determiners,
# quantifiers, prepositions, numbers, and the adjectives that come before a noun (« petites
# communes »). Shorter words (« la », « les », « une », « de », « aux », « sa »…) always are.
_BEFORE_NOUN = frozenset((
    # determiners and quantifiers
    "chaque", "cette", "notre", "votre", "leur", "leurs", "toute", "toutes", "autre", "autres",
    "seule", "seules", "meme", "memes", "quelle", "quelles", "telle", "telles", "ladite",
    "lesdites", "aucune", "certaine", "certaines", "plusieurs", "nombreuses", "diverses",
    "differentes", "quelques", "deux", "trois", "quatre", "cinq", "sept", "huit", "neuf",
    "onze", "douze", "quinze", "seize", "vingt", "trente", "quarante", "cinquante", "soixante",
    "cent", "cents", "mille",
    # adjectives that precede the noun
    "petite", "petites", "grande", "grandes", "moyenne", "moyennes", "nouvelle", "nouvelles",
    "ancienne", "anciennes", "premiere", "premieres", "derniere", "dernieres",
    # prepositions
    "dans", "pour", "entre", "parmi", "avec", "chez", "vers", "selon", "sans", "sous", "hors",
    "sauf", "depuis", "contre", "envers", "durant", "apres", "avant"))
# « sans commune mesure », « aucune commune mesure », « une commune mesure », « de commune
# mesure »: the idiom, not « la commune mesure » (the commune measures).
_IDIOM_BEFORE = frozenset(("sans", "aucune", "une", "de", "nulle"))
# The idioms: « sans commune mesure », « d'une commune voix » (with one voice).
_IDIOM_AFTER = (" mesure", " voix")
_COMMUNE = re.compile(r"commune(s?)\b")
# « … COMMUNE DE SERRIS », « ouvrage commune d'Azay »: the commune of a named place, whatever
# comes before (not « politique commune de la pêche »: an article follows).
_OF_PLACE = re.compile(r" (?i:de |du |d['’])(?!(?i:la|le|les|l['’])\b)[A-ZÀ-Ý]")
_WORD_BEFORE = re.compile(r"([^\W\d_]+) $")


def other_senses(text: str, original: str = "") -> list[tuple[int, int]]:
    """The spans of « commune » and « communes » in ``text`` (lower case) that do not name
    the local authority. ``original``: the same text as written, when its offsets are those
    of ``text`` — its capitals tell a name (« Plaine Commune »)."""
    if "commune" not in text:
        return []
    cased = original if len(original) == len(text) else ""
    return [found.span() for found in _COMMUNE.finditer(text)
            if _other_sense(text, found.start(), found.end(), cased)]


def _other_sense(text: str, start: int, end: int, original: str) -> bool:
    if start and (text[start - 1].isalnum() or text[start - 1] == "-"):
        return False  # inside a word (« intercommunes », « Plaine-Commune »)
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    if before is None:  # after a number, a punctuation mark, an apostrophe, or first
        return False
    if original and _OF_PLACE.match(original, end):
        return False
    word = fold_chars(before.group(1))
    if word in _IDIOM_BEFORE and text.startswith(_IDIOM_AFTER, end) and text[end - 1] != "s":
        return True
    if len(word) < 4 or word in _BEFORE_NOUN:
        return False
    return not (original and _name(original, before.start(1), start, end))


def _name(original: str, word_start: int, start: int, end: int) -> bool:
    """« Plaine Commune »: both words capitalised, as a name is written (a title in
    capitals, « POLITIQUE AGRICOLE COMMUNE », is no name)."""
    return (original[word_start:start - 1].istitle()
            and original[start:end].istitle())
