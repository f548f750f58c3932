"""Text normalisation shared by the rules: accent folding, tokens, light stemming, phrase matching.

French official texts write the same notion in many forms (« collectivités territoriales »,
« Collectivité territoriale », « COLLECTIVITES »). Rules compare folded, plural-stripped token
streams, so that one vocabulary entry covers them all. The stemmer only removes plural marks:
stronger stemming merges words that differ in law (« commune » and « commun »).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import lru_cache

from vigie.reference.latin1 import fold_table, latin1
from vigie.reference.memo import BoundedMemo

_TOKEN = re.compile(r"[a-z0-9]+")
_COMBINING = re.compile(r"[\u0300-\u036f]")
# Replaced one after the other: ``str.translate`` with strings for values looks every character
# up in Python (5 ms on a 100 kB text), ``str.replace`` runs in C; no replacement makes
# another's character, so the result is the same.
_LIGATURES = (("œ", "oe"), ("Œ", "oe"), ("æ", "ae"), ("Æ", "ae"), ("’", "'"), ("ʼ", "'"))
# Words whose final s is not a plural mark (and one that would collide with « PLU »).
_NO_STEM = frozenset({"plus", "sous", "tous", "dans", "mais", "puis", "lors", "alors", "vers",
                      "gens", "fois", "pays", "temps", "corps", "repos", "cours", "recours",
                      "concours", "secours", "prix", "choix", "voix", "paix", "taux", "avis",
                      "parcours", "dessous", "dessus", "jus", "bus", "tres", "apres"})


def fold(text: str) -> str:
    """Lower-case, accents removed, ligatures expanded: « Œuvre d'État » → « oeuvre d'etat »."""
    if text.isascii():
        return text.lower()
    return _fold_title(text) if len(text) <= _TITLE_UP_TO else _fold(text)


def fold_once(text: str) -> str:
    """``fold`` of a text read once (a line of prose): no cache of titles to fill."""
    return text.lower() if text.isascii() else _fold(text)


def _fold(text: str) -> str:
    for ligature, spelt in _LIGATURES:
        if ligature in text:
            text = text.replace(ligature, spelt)
    if text.isascii():
        return text.lower()
    latin = latin1(text)
    if latin is not None and not any(hard in latin for hard in _LATIN1_HARD):
        # Nothing but Latin-1 (nearly every French text): each character folded by one
        # table in one pass; the table holds what the long way gives for each character.
        return latin.translate(_LATIN1_FOLD).decode("latin-1")
    return _folded(text)


def _folded(text: str) -> str:
    """The long way: marks of the NFKD form dropped, then lower case."""
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text)).lower()


_LATIN1_FOLD, _LATIN1_HARD = fold_table(_folded)
# Every byte but ASCII letters and digits turned into a space: ``_TOKEN``'s runs, in a folded
# Latin-1 text, are then the words ``str.split`` gives.
_NOT_TOKEN = bytes(c if chr(c) in "abcdefghijklmnopqrstuvwxyz0123456789" else 32
                   for c in range(256))


# A title is folded by several rules of one item (its structure, its actors, the State's staff),
# a long one too (one in five titles passes 200 characters: four folds of it, not one).
_fold_title = lru_cache(maxsize=256)(_fold)
_TITLE_UP_TO = 1000


@lru_cache(maxsize=256)  # titles: several rules of one item fold the same one
def fold_chars(text: str) -> str:
    """Like ``fold`` but one character for one, so that offsets still point into ``text``."""
    if text.isascii():
        return text.lower()
    latin = latin1(text)
    if latin is not None and not any(hard in latin for hard in _LATIN1_CHARS_HARD):
        # ``str.translate`` with a dict looks each character up (4 µs on a title); the
        # Latin-1 table holds, for each byte, what ``_FOLDED_CHARS`` gives its character.
        return latin.translate(_LATIN1_CHARS).decode("latin-1")
    return text.translate(_FOLDED_CHARS)


class _FoldedChars(dict):
    """Code point → its folded character, filled as characters are met (``str.translate``
    reads it in C: no Python call per character of the text once a character is known)."""

    def __missing__(self, code: int) -> str:
        self[code] = folded = _fold_char(chr(code))
        return folded


def _fold_char(char: str) -> str:
    """``fold`` of one character, its first character (itself when it folds to nothing)."""
    return (char.lower() if char.isascii() else _fold(char))[:1] or char


_FOLDED_CHARS = _FoldedChars()


# ``_fold_char`` of each Latin-1 character as a table (one character each: translating by it
# is translating by ``_FOLDED_CHARS``), and those it turns into one out of Latin-1 (µ → μ: a
# text with one is read the long way).
_LATIN1_CHARS, _LATIN1_CHARS_HARD = fold_table(_fold_char)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Remove the plural mark of a folded word: « territoriaux » → « territorial »."""
    if len(word) <= 3 or word in _NO_STEM:
        return word
    if word.endswith("eaux"):
        return word[:-1]
    if word.endswith("aux") and len(word) > 5:
        return word[:-3] + "al"
    if word[-1] in "sx":
        return word[:-1]
    return word


# Folded word → its stem, filled as words are met: a word known is read in C (a call of the
# cached ``stem`` costs more, a text has thousands of words).
_STEMS = BoundedMemo(stem, 200_000)


def tokens(text: str) -> list[str]:
    """Folded, stemmed tokens of a text, in order."""
    folded = fold(text)
    latin = latin1(folded)  # (a folded French text is Latin-1, when not ASCII)
    words = (_TOKEN.findall(folded) if latin is None
             else latin.translate(_NOT_TOKEN).decode("latin-1").split())
    return list(map(_STEMS.__getitem__, words))


# Every Latin-1 byte that is no letter nor digit (``str.isalnum``: what « [^\W_] » reads)
# made a space: the runs of letters and digits of a Latin-1 text are then its ``str.split``.
_NOT_ALNUM = bytes(c if chr(c).isalnum() else 32 for c in range(256))
_ALNUM_RUN = re.compile(r"[^\W_]+")


def alnum_runs(text: str) -> list[str]:
    r"""What ``re.findall(r"[^\W_]+", text)`` gives, the words of a text as written (a title,
    a ministry): read by one table in C when the text is Latin-1 but for its apostrophes
    « ’ » (no letter: a space alike), where the pattern tests every character's category."""
    latin = latin1(text.replace("’", " ") if "’" in text else text)
    if latin is None:
        return _ALNUM_RUN.findall(text)
    return latin.translate(_NOT_ALNUM).decode("latin-1").split()


# Short strings (lexicon labels, titles, ministries) are streamed again and again, for every
# text; they are cached. Texts are long and each read once: they are not.
_CACHED_UP_TO = 200


def stream(text: str) -> str:
    """The token stream as one string with single spaces, ready for phrase matching."""
    if len(text) <= _CACHED_UP_TO:
        return _short_stream(text)
    return " ".join(tokens(text))


@lru_cache(maxsize=16384)
def _short_stream(text: str) -> str:
    return " ".join(tokens(text))


class PhraseMatcher:
    """Finds vocabulary phrases in token streams with one compiled regular expression.

    Each phrase is normalised like the text; longer phrases win over their own prefixes
    (« fonction publique territoriale » before « fonction publique »). What it reads is a
    stream (``stream``), or streams joined by separators between spaces (« a | b »): a phrase
    starts at a token, after a space or at the start (see ``_matcher_pattern``).
    """

    def __init__(self, phrases: Iterable[tuple[str, str]]) -> None:
        """``phrases``: (surface form, key) pairs; several forms may share one key."""
        self._keys: dict[str, str] = {}
        self._surfaces: dict[str, str] = {}
        for surface, key in phrases:
            normalised = stream(surface)
            if normalised:
                self._keys.setdefault(normalised, key)
                self._surfaces.setdefault(normalised, surface)
        self._regex = re.compile(_matcher_pattern(_trie(self._keys)))

    def count(self, normalised_stream: str) -> Counter[str]:
        """Occurrences of each key in a stream produced by ``stream``."""
        found = self._regex.findall(" " + normalised_stream)
        if not found:  # (most streams: a Counter of nothing is made faster)
            return Counter()
        keys = self._keys
        return Counter([keys[phrase] for phrase in found])

    def phrases(self, normalised_stream: str) -> Counter[str]:
        """Occurrences of each normalised phrase (see ``key_of`` and ``surface_of``)."""
        found = self._regex.findall(" " + normalised_stream)
        return Counter(found) if found else Counter()

    def key_of(self, phrase: str) -> str:
        return self._keys[phrase]

    def surface_of(self, phrase: str) -> str:
        """The vocabulary form of a phrase found, as readers write it."""
        return self._surfaces[phrase]

    def remove(self, normalised_stream: str) -> str:
        """The stream with every phrase found replaced by a separator that matches nothing."""
        # The space read before each phrase is written back before the separator.
        return self._regex.sub("  | ", " " + normalised_stream)[1:]

    def first(self, normalised_stream: str) -> str | None:
        """The key of the first phrase found, or None."""
        match = self._regex.search(" " + normalised_stream)
        return self._keys[match.group(1)] if match else None


# A plain alternation of hundreds of phrases makes the regex engine try each one at every
# position; factorising common prefixes (a trie) lets it discard most of them at once.
_END = ""


def _trie(phrases: Iterable[str]) -> dict:
    root: dict = {}
    for phrase in phrases:
        node = root
        for char in phrase:
            node = node.setdefault(char, {})
        node[_END] = {}
    return root


def _matcher_pattern(root: dict) -> str:
    """The phrases of a trie as whole words of a stream read with a space before it (the
    methods of ``PhraseMatcher`` add it), the phrase in the pattern's one group. A phrase
    starts where no letter nor digit comes before it, which in a stream is after a space:
    the pattern begins with that space, a literal the regex engine jumps to from token to
    token, rather than trying a look-behind at every character (nearly twice as fast on a
    text). The same matches: the space read before a phrase is never the end of another (a
    phrase ends with a letter or a digit)."""
    if not root:
        return r"(?!x)(x)"
    return rf" ({_trie_pattern(root)})(?![a-z0-9])"


def _trie_pattern(node: dict) -> str:
    """A regular expression matching the trie's phrases, longest first at each branch."""
    ends = _END in node
    branches = [re.escape(char) + _trie_pattern(child)
                for char, child in sorted(node.items()) if char != _END]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # Optional group: a phrase may end here, but the regex first tries to go on (greedy ?).
    return f"(?:{body})?" if ends else body


# Sources given to ``by_first_character``, so that tests can check each against its grouping.
GROUPED_SOURCES: list[str] = []


def by_first_character(source: str) -> str:
    """A pattern « \\b(?:a|b|…)… » (or « (?:a|b|…)… ») with the branches of its first group
    gathered by their first character: « \\b(?:s(?:ocietes?|as|arl)|e(?:ntreprises?|…)|…)… ».

    The regex engine rejects at once a branch that begins with another character than the
    text's, so it tries one group per word instead of every branch. The matches are the same:
    branches only change places when they begin with different characters (no two of them can
    then match at one position: case-sensitive patterns only), and keep their order within a
    group. Branches that do not begin with a plain character (a group, a class, an optional
    character) must come after all the others; they stay there, in their order."""
    head = source[:source.index("(?:") + 3] if "(?:" in source else ""
    if head not in ("\\b(?:", "(?:"):
        raise ValueError(f"motif sans groupe de tête : {source[:40]}")
    end = _closing(source, len(head) - 3)
    groups: dict[str, list[str]] = {}
    rest: list[str] = []
    for branch in _branches(source[len(head):end]):
        if branch[:1].isalnum() and branch[1:2] not in ("?", "*", "+", "{"):
            if rest:
                raise ValueError(f"branche simple après une branche composée : {branch}")
            groups.setdefault(branch[0], []).append(branch[1:])
        else:
            rest.append(branch)
    gathered = [first + (tails[0] if len(tails) == 1 else f"(?:{'|'.join(tails)})")
                for first, tails in groups.items()]
    GROUPED_SOURCES.append(source)
    return f"{head}{'|'.join(gathered + rest)}{source[end:]}"


def from_separator(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` (« \\b(?:a…|b…)… », each branch beginning with a letter or a digit, no
    look-behind) written from the character before a match: « [^a-z0-9_](?<!\\w)(?:a…|b…)… »,
    to read ``" " + text``. A match at ``i`` there is the match at ``i`` in ``text``, one
    character longer: a word bound before a letter is the start or a character that is no
    ``\\w`` (the class, then the look-behind for the other scripts' letters), and the added
    space stands for the start. The regex engine then jumps in C to
    the characters that are no ASCII letter nor digit (a quarter of a title's), instead of
    trying the bound at every character. ``finditer`` finds the same matches too when each
    ends with a letter or a digit (the character after one is then read by the next)."""
    source = pattern.pattern
    end = _closing(source, 2) if source.startswith("\\b(?:") else -1
    if end < 0 or "(?<" in source or "^" in source.replace("[^", "") or not _begin_with_word(
            source[5:end]):
        raise ValueError(f"motif sans borne de mot en tête : {source[:40]}")
    return re.compile("[^a-z0-9_](?<!\\w)" + source[2:], pattern.flags)


def from_line_start(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` (« ^… », multiline, no other « ^ » nor look-behind) written from the line
    break before a match: « \\n… », to read ``"\\n" + text``. A match at ``i`` there is the
    match at ``i`` in ``text``, one character longer (the added break stands for the start;
    ``finditer`` finds the same ones: a match never ends on a line break it could start
    from). The regex engine then jumps in C from one line break to the next, where it tried
    the line start at every character of the text."""
    source = pattern.pattern
    if (not source.startswith("^") or not pattern.flags & re.MULTILINE or "(?<" in source
            or "^" in source[1:].replace("[^", "")):
        raise ValueError(f"motif sans début de ligne en tête : {source[:40]}")
    return re.compile("\n" + source[1:], pattern.flags)


def _begin_with_word(alternation: str) -> bool:
    """Whether each branch begins with a letter or a digit, or with a group of such."""
    for branch in _branches(alternation):
        first = _closing(branch, 0) + 1 if branch.startswith("(?:") else 1
        if branch[first:first + 1] in ("?", "*", "{"):  # (may be left out)
            return False
        if first > 1 and not _begin_with_word(branch[3:first - 1]):
            return False
        if first == 1 and not (branch[:1].isascii() and branch[:1].isalnum()):
            return False
    return True


def _plain_characters(source: str, start: int = 0) -> Iterator[tuple[int, str]]:
    """Each character of a pattern from ``start``, with its index, but escaped characters and
    character classes (a parenthesis or a bar there is no group nor branch)."""
    index = start
    while index < len(source):
        char = source[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":
            index = source.index("]", index + 2) + 1
            continue
        yield index, char
        index += 1


def _closing(source: str, opening: int) -> int:
    """The index of the parenthesis closing the one at ``opening``."""
    depth = 0
    for index, char in _plain_characters(source, opening):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index
    raise ValueError(f"parenthèse non fermée : {source[opening:opening + 40]}")


def _branches(alternation: str) -> list[str]:
    """The top-level branches of an alternation (bars inside groups and classes left)."""
    branches: list[str] = []
    start = depth = 0
    for index, char in _plain_characters(alternation):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            branches.append(alternation[start:index])
            start = index + 1
    branches.append(alternation[start:])
    return branches
