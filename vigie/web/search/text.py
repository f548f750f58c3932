"""Words as search sees them: accent folding, tokens, French stems, stop words, what is
indexed of a text, what a query asks for, snippets.

Pure functions. Both databases are given the same stems, made here (``stemmed``): the
folded word's masculine singular (``singular``) stemmed by French Snowball, so that « élu »,
« élus », « élue » and « élues » are one word to search, and « elus » finds « élus »;
words with digits stay as they are. SQLite's FTS5 table takes them as they come, PostgreSQL
with its ``simple`` configuration (migration 0005). The stop list is PostgreSQL's ``french``
one; stop words are left out before either engine sees the words, so that word positions,
hence phrases, are the same on both. ``INDEX_FORMAT`` numbers what an entry is made of.

Every word of a text is indexed, however long the text (an annex of 700 communes): a cell or a
line repeated word for word (the « Motivations » of each row) is indexed once, and past
``POSITION_BUDGET`` words (PostgreSQL keeps positions up to 16 383; a phrase can only match
before) each further word is indexed once, the first time it appears.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache
from itertools import filterfalse

import snowballstemmer

from vigie.reference.latin1 import fold_table, latin1
from vigie.reference.memo import BoundedMemo
from vigie.web.search.spellings import joined_compounds, undotted

# PostgreSQL 15 tsearch_data/french.stop (Snowball's list). Entries with accents never match
# folded words, on PostgreSQL either: they are kept as they are to say the same thing.
_FRENCH_STOP = """
au aux avec ce ces dans de des du elle en et eux il je la le leur lui ma mais me même mes moi
mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un
une vos votre vous c d j l à m n s t y été étée étées étés étant étante étants étantes suis es
est sommes êtes sont serai seras sera serons serez seront serais serait serions seriez
seraient étais était étions étiez étaient fus fut fûmes fûtes furent sois soit soyons soyez
soient fusse fusses fût fussions fussiez fussent ayant ayante ayantes ayants eu eue eues eus
ai as avons avez ont aurai auras aura aurons aurez auront aurais aurait aurions auriez
auraient avais avait avions aviez avaient eut eûmes eûtes eurent aie aies ait ayons ayez aient
eusse eusses eût eussions eussiez eussent
"""
STOP_WORDS = frozenset(_FRENCH_STOP.split())

# What an entry's indexed words are made of: 1 (no number stored), the Snowball stem of each
# word on SQLite and the folded words on PostgreSQL (its ``french`` configuration stemming
# them); 2, ``stemmed`` on both; 3, the same words, and the texts other sources' items keep
# in ``details`` indexed too (``index.details_text``: a court decision's sommaire and reasons,
# a news item's summary…). An entry of another format is stale: ``vigie repair`` writes it
# again (``index.stale_uids``); 4, words of a family Snowball merges kept apart (``_WHOLE``:
# « directive », « direction », « directement »), « plus » no plural of « PLU », dotted
# acronyms one word and hyphenated compounds indexed joined too (``spellings``). Change it
# with anything that changes what ``stemmed`` gives.
INDEX_FORMAT = 4
POSITION_BUDGET = 16_000  # words indexed with their positions, in the text's order
# PostgreSQL refuses a tsvector above 1 MB; the distinct words of any real text stay far below,
# this only keeps a pathological input from failing the whole index refresh.
MAX_INDEX_CHARS = 900_000
_CELL = " | "  # how the parsing stage joins the cells of a table row
_QUOTED = re.compile(r'"([^"]*)"|«\s*([^»]*?)\s*»|“([^”]*)”')
_COMPOUND = re.compile(r"[^\W_]+(?:[-‐‑][^\W_]+)+")

_WORD = re.compile(r"[^\W_]+")
# (str.replace per ligature: much faster than str.translate with a dict on long texts)
_LIGATURES = (("œ", "oe"), ("æ", "ae"), ("ß", "ss"), ("’", "'"), ("ʼ", "'"))
# A Snowball stemmer keeps the word it works on in itself: one per thread (the site answers
# requests in several threads; sharing one garbled words and raised IndexError).
_STEMMERS = threading.local()
# Every combining mark of the Basic Multilingual Plane, for one C-speed regex pass; the few
# beyond it (U+10000 and up) are rare enough to be removed character by character.
_BMP_MARKS = re.compile("[" + re.escape("".join(
    chr(cp) for cp in range(0x300, 0x10000) if unicodedata.combining(chr(cp)))) + "]+")
# ASCII and the combining marks of accented Latin letters (U+0300–U+036F): what an NFKD text
# is made of when its folding is only its ASCII characters.
_ASCII_OR_ACCENT = re.compile("[\x00-\x7f" + re.escape("".join(
    chr(cp) for cp in range(0x300, 0x370) if unicodedata.combining(chr(cp)))) + "]+")
# Every byte but ASCII letters and digits turned into a space (``_words_of``).
_NOT_ALNUM = bytes(c if chr(c).isascii() and chr(c).isalnum() else 32 for c in range(256))
# The same for a Latin-1 text: its letters and digits (``_WORD``'s) kept, the rest spaces.
_LATIN1_NOT_ALNUM = bytes(c if chr(c).isalnum() else 32 for c in range(256))


def fold(text: str) -> str:
    """Lower case, ligatures spelt out, accents removed: « Élus d'Œuvre » → « elus d'oeuvre ».

    Same result as dropping every ``unicodedata.combining`` character of the NFKD form, done
    with whole-string operations (the index refresh folds every stored text)."""
    text = text.lower()
    if text.isascii():
        return text
    for ligature, spelt in _LIGATURES:
        if ligature in text:
            text = text.replace(ligature, spelt)
    latin = latin1(text)
    if latin is not None and not any(hard in latin for hard in _LATIN1_HARD):
        # Nothing but Latin-1 (nearly every French text, « » and ° included): each character
        # folded by one table, in one pass (NFKD, then dropping the marks, is done character
        # by character: the table holds what it gives for each).
        return latin.translate(_LATIN1_FOLD).decode("latin-1")
    return _folded(text)


def _folded(text: str) -> str:
    """``fold`` of a text already lower-cased, its ligatures spelt out."""
    text = unicodedata.normalize("NFKD", text)
    rest = _ASCII_OR_ACCENT.sub("", text)
    if not rest or all(unicodedata.combining(c) for c in set(rest)):
        # Nothing but ASCII and combining marks (nearly every French text): dropping all
        # that is not ASCII drops the marks, several times faster than removing them.
        return text.encode("ascii", "ignore").decode("ascii")
    text = _BMP_MARKS.sub("", text)
    if text.isascii() or max(text) <= "\uffff":
        return text
    return "".join(c for c in text if not unicodedata.combining(c))


_LATIN1_FOLD, _LATIN1_HARD = fold_table(_folded)


def _words_of(folded: str) -> list[str]:
    """The words of a folded text: ``_WORD``'s matches, found in an ASCII text (nearly every
    text once folded) as the runs of ASCII letters and digits, three times faster."""
    if folded.isascii():
        return folded.encode("ascii").translate(_NOT_ALNUM).decode("ascii").split()
    latin = latin1(folded)  # (« » and ° are not letters: the same table, on Latin-1)
    if latin is not None:
        return latin.translate(_LATIN1_NOT_ALNUM).decode("latin-1").split()
    return _WORD.findall(folded)


def words(text: str) -> list[str]:
    """The folded words of a text (letters and digits; everything else separates, but the
    dots of an acronym: « C.C.A.S. » is « ccas »)."""
    return _words_of(undotted(fold(text)))


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """What search indexes for a folded word: the French Snowball stem of its masculine
    singular (« élus », « élue » → « elu »); words with digits stay as they are."""
    return _snowball(word)


# Feminine endings and the masculine ones put back before stemming (« premiere » →
# « premier »), each on a word that keeps three letters before it; Snowball itself already
# gives « elue » and « communale » the stems of « elu » and « communal ».
_FEMININE = (("euse", "eu"), ("iere", "ier"), ("llere", "ller"), ("gere", "ger"),
             ("ive", "if"), ("trice", "teur"), ("ienne", "ien"), ("elle", "el"), ("ee", "e"))
# Masculine singulars no ending tells.
_IRREGULAR = {"publique": "public", "nouvelle": "nouveau", "nouvel": "nouveau"}
# Singulars ending in « s » whose form without it is another word (« foi », « pari »), and
# the invariable words ending in « s » (adverbs, prepositions): « plus » is no plural of
# « PLU » (plan local d'urbanisme), which it would find in nearly every text.
_KEEP_S = frozenset(("fois", "paris", "plus", "moins", "sous", "vers", "tres", "apres",
                     "pres", "alors", "puis", "depuis", "jamais", "toujours", "lors", "hors",
                     "sans", "parfois", "toutefois", "desormais", "neanmoins", "ailleurs",
                     "dessus", "dessous", "autrefois", "quelquefois", "tandis"))
# Endings of the words Snowball would cut into the stem of another family: nouns in « -ion »
# and « -ment » and adjectives in « -if » (« -ive » once masculine) all lose their ending
# (« direction », « directement », « directive » → « direct »; « relation », « relatif » →
# « relat »; « logement », « loger » → « log »; « détriment » → « detr », the DETR). Such a
# word is indexed as its masculine singular, whole; its forms still meet there.
_WHOLE = ("ion", "ment", "if")
_WHOLE_FROM = 5  # letters: shorter words (« lion », « vif ») Snowball leaves alone


def singular(word: str) -> str:
    """The masculine singular of a folded word, as far as its ending tells: the plural
    « s » and « x » dropped (« -eaux » → « -eau », « -aux » → « -al »), then a feminine
    ending made masculine. Snowball leaves the « s » after a vowel (« elus » ≠ « elu ») and
    stems some feminines apart (« premiere » ≠ « premier »): what it stems is this form.
    Words that end in « s » in the singular (« avis ») lose it in every form alike."""
    if len(word) < 4 or not word.isalpha() or word in _KEEP_S:
        return word
    if word.endswith("eaux"):
        word = word[:-1]
    elif word.endswith("aux") and len(word) > 5:
        word = word[:-3] + "al"
    elif word.endswith(("s", "eux", "oux")) and not word.endswith("ss"):
        word = word[:-1]
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    for feminine, masculine in _FEMININE:
        if word.endswith(feminine) and len(word) - len(feminine) >= 3:
            return word[:-len(feminine)] + masculine
    return word


def legacy_stem(word: str) -> str:
    """The stem index format 1 held (Snowball on the word itself): asked besides ``stem``
    while entries of that format may remain (``INDEX_FORMAT``)."""
    return _snowball_word(word)


def _snowball(word: str) -> str:
    word = singular(word)
    if len(word) >= _WHOLE_FROM and word.endswith(_WHOLE):
        return word
    return _snowball_word(word)


def _snowball_word(word: str) -> str:
    if not word.isalpha():
        return word
    stemmer = getattr(_STEMMERS, "french", None)
    if stemmer is None:
        stemmer = _STEMMERS.french = snowballstemmer.stemmer("french")
    return stemmer.stemWord(word)


# Folded word → its stem (``stem``'s), filled as the index meets words: a known word is read
# in C by ``map`` (a call of the cached ``stem`` costs more; the index stems hundreds of
# thousands of words).
_STEMS = BoundedMemo(_snowball, 200_000)


def is_stop(word: str) -> bool:
    return word in STOP_WORDS


def stems(text: str) -> list[str]:
    """The stems of the words that count (stop words dropped), in text order."""
    return [stem(w) for w in words(text) if not is_stop(w)]


def index_words(text: str) -> list[str]:
    """The folded words of a text as they are indexed, stop words left out: every word, the
    repeated cells and lines once, and past ``POSITION_BUDGET`` each new word once."""
    folded = undotted(fold(text))  # folded once: the cost of a long text is here
    found = _in_order(folded)
    joined = joined_compounds(folded, STOP_WORDS)
    if joined:  # after the text's words: no phrase is broken by them
        known = set(found)
        found += [word for word in joined if word not in known]
    return found


def _in_order(folded: str) -> list[str]:
    """The indexed words of a folded text, in its order (``index_words``)."""
    lines = folded.splitlines()
    if _CELL in folded:
        lines = [piece for line in lines
                 for piece in (line.split(_CELL) if _CELL in line else (line,))]
    pieces = list(filter(None, map(str.strip, lines)))  # (C loops: no Python step per line)
    if len(set(pieces)) == len(pieces):
        # No piece repeated (most texts): the words of the whole text in one pass are those of
        # its pieces one after the other (line breaks and cell separators are not letters).
        found = list(filterfalse(STOP_WORDS.__contains__, _words_of(folded)))
        if len(found) <= POSITION_BUDGET:
            return found
    return _budgeted(pieces)


def _budgeted(pieces: list[str]) -> list[str]:
    """The indexed words of these pieces: each repeated piece once, and past
    ``POSITION_BUDGET`` each new word once."""
    seen_pieces: set[str] = set()
    kept: list[str] = []
    seen: set[str] = set()
    for piece in pieces:
        if piece in seen_pieces:
            continue
        seen_pieces.add(piece)
        found = list(filterfalse(STOP_WORDS.__contains__, _words_of(piece)))
        if len(kept) + len(found) <= POSITION_BUDGET:  # all within the budget: at once
            kept += found
            seen.update(found)
            continue
        for word in found:
            if len(kept) >= POSITION_BUDGET and word in seen:
                continue
            kept.append(word)
            seen.add(word)
    return kept


def stemmed(text: str) -> str:
    """The stems of the indexed words joined by spaces: what either engine is given."""
    return " ".join(map(_STEMS.__getitem__, index_words(text)))[:MAX_INDEX_CHARS]


def prepared(title: str, text: str) -> tuple[str, str]:
    """The indexed words of a title and a text (``stemmed``)."""
    return stemmed(title), stemmed(text)


def prepared_all(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """``prepared`` for each (title, text): what a helper process is given (this module
    imports no Django)."""
    return [prepared(title, text) for title, text in pairs]


def query_stems(query: str) -> list[str]:
    """Distinct stems of a query, in order."""
    return list(dict.fromkeys(stems(query)))


def query_terms(query: str) -> list[tuple[str, ...]]:
    """What a query asks for, in order, each once: a word (one folded word), or a phrase (its
    words in order) written in quotes (« "état de catastrophe" ») or as a compound
    (« Saint-Martin-sur-Lavezon »). Stop words are left out, as they are from the index."""
    terms: list[tuple[str, ...]] = []
    rest = _QUOTED.sub(lambda m: _add_phrase(terms, next(g for g in m.groups() if g is not None))
                       or " ", query)
    for match in re.finditer(r"[^\s]+", rest):
        token = match.group()
        if _COMPOUND.search(token):
            _add_phrase(terms, token)
        else:
            terms += [(w,) for w in words(token) if not is_stop(w)]
    # « élection élections » asks for one thing: terms are told apart by their stems.
    distinct: dict[tuple[str, ...], tuple[str, ...]] = {}
    for term in terms:
        distinct.setdefault(tuple(stem(w) for w in term), term)
    return list(distinct.values())


def _add_phrase(terms: list[tuple[str, ...]], text: str) -> None:
    phrase = tuple(w for w in words(text) if not is_stop(w))
    if phrase:
        terms.append(phrase)


# A line ending without punctuation (a title, an annex's row) would run into the next: its end
# is marked while flattening, made « · » in the window only (a regex on 700 kB costs double).
_LINE = "\x00"
_LINE_ENDS = re.compile(r"(?P<stop>[.;:!?…,]?)(?:\s*\x00)+\s*")


def _parted(window: str) -> str:
    """The window's line ends: a space after a punctuation mark, « · » elsewhere."""
    window = window.strip(_LINE + " ")
    return _LINE_ENDS.sub(lambda m: m["stop"] + (" " if m["stop"] else " · "), window)


def snippet(text: str, wanted: set[str], width: int = 260) -> tuple[str, list[tuple[int, int]]]:
    """A window of ``text`` around the first word whose stem is wanted (the beginning when
    none is), cut at word boundaries, its lines parted, and the offsets of the wanted words."""
    flat = " ".join(text.replace("\n", _LINE + "\n").split())
    first = _first_match(flat, wanted) if wanted else None
    start = max(0, first - width // 4) if first is not None else 0
    end = min(len(flat), start + width)
    if start:
        start = _next_boundary(flat, start)
    if end < len(flat):
        end = _previous_boundary(flat, end, start)
    prefix, suffix = ("… " if start else ""), (" …" if end < len(flat) else "")
    window = _parted(flat[start:end])
    marks = [(m.start() + len(prefix), m.end() + len(prefix))
             for m in _WORD.finditer(window) if wanted and _matches(m.group(), wanted)]
    return prefix + window + suffix, marks


_EARLY = 20_000  # characters read word by word first: most texts match early
_ACCENTED = {"a": "aàâä", "e": "eéèêë", "i": "iîï", "o": "oôö", "u": "uùûü", "c": "cç",
             "y": "yÿ"}


def _first_match(flat: str, wanted: set[str]) -> int | None:
    """Offset of the first word whose stem is wanted. The beginning is read word by word;
    beyond (an annex of 700 rows), the stems' beginnings are looked for in the lower-cased
    text with one regular expression blind to accents, and each candidate is then checked."""
    for match in _WORD.finditer(flat, 0, min(len(flat), _EARLY)):
        if _matches(match.group(), wanted):
            return match.start()
    lowered = flat.lower()
    if len(flat) <= _EARLY or len(lowered) != len(flat):
        return None
    heads = sorted({w[:max(3, len(w) - 2)] for w in wanted}, key=len, reverse=True)
    pattern = re.compile("|".join(_blind(head) for head in heads))
    for match in pattern.finditer(lowered, _EARLY - 100):
        start = match.start()
        if start and (flat[start - 1].isalnum()):
            continue  # inside a word
        word = _WORD.match(flat, start)
        if word and _matches(word.group(), wanted):
            return start
    return None


def _blind(folded: str) -> str:
    """The beginning of a folded word, whatever its accents: « elu » matches « élu »."""
    return "".join(f"[{_ACCENTED[c]}]" if c in _ACCENTED else re.escape(c) for c in folded)


def _matches(word: str, wanted: set[str]) -> bool:
    folded = fold(word)
    return not is_stop(folded) and stem(folded) in wanted


def _next_boundary(text: str, index: int) -> int:
    space = text.find(" ", index)
    return space + 1 if 0 <= space < index + 30 else index


def _previous_boundary(text: str, index: int, floor: int) -> int:
    space = text.rfind(" ", floor, index)
    return space if space > floor + 30 else index
