"""Words in another language than French on the pages, marked as such (RGAA 8.7, WCAG 3.1.2).

An act of EU law whose notice gives no French version keeps its titles in their languages,
and the Publications Office labels its classification (EuroVoc, directory of legislation,
subject matters) in the language of the notice: pages quote them in its essentials, its
reasons and its references. A screen reader set to French reads « environmental protection »
with French sounds unless the words carry ``lang="en"``.

``phrases(details)`` says which words of an item are in which language, from what was kept of
it; ``in_languages`` writes a text with each of them in a ``<span lang>``, the rest escaped;
``marked`` does the same for a search snippet, whose matched words are in ``<mark>``. The
pages, the search results, the e-mails and the RSS and Atom feeds all write them so.
Only those words are marked, each where it stands whole (« waste » is not marked inside
« wastes »); a label spelt as a French word (« pollution ») is marked wherever the item's text
writes it, which a screen reader reads as well either way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from vigie.documents.models import Document
from vigie.reference.eu_law import FRENCH, language

Phrases = tuple[tuple[str, str], ...]  # (words, ISO code of their language), longest first
_LABELS = ("concepts", "directory", "subjects")


def phrases(details: Mapping | None) -> Phrases:
    """The words of an act (titles, classification labels) not in French, with their
    language; () for any other item, or when the language is not known."""
    d = details or {}
    if d.get("kind") != "act":
        return ()
    found: dict[str, str] = {}
    for lang, title in d.get("titles") or ():
        code = language(str(lang))
        if code and code != FRENCH and title:
            found.setdefault(str(title), code)
    labels = language(str(d.get("labels_language") or ""))
    if labels and labels != FRENCH:
        for name in _LABELS:
            for label in d.get(name) or ():
                found.setdefault(str(label), labels)
    return tuple(sorted(found.items(), key=lambda pair: -len(pair[0])))


def of_items(uids: Iterable[str]) -> dict[str, Phrases]:
    """``phrases`` of the acts of EU law among ``uids`` (one query; the other items have
    none)."""
    wanted = [uid for uid in uids if uid.startswith("CELEX")]
    if not wanted:
        return {}
    rows = Document.objects.filter(uid__in=wanted).values_list("uid", "details")
    return {uid: found for uid, details in rows if (found := phrases(details))}


def _pattern(known: Phrases) -> re.Pattern[str]:
    # Whole words only: « Space » is no label inside « Spaces », nor « waste » in « wastes ».
    alternatives = "|".join(re.escape(words) for words, _ in known)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


Span = tuple[int, int, str]  # start, end, ISO code of the language of text[start:end]


def spans(text: str, known: Phrases | None) -> list[Span]:
    """Where the ``known`` words stand in ``text``, in order, with their language. A title
    cut with « … » (an essential is at most 300 characters; a search snippet is cut at both
    ends) is found up to the cut, or from it."""
    if not known or not text:
        return []
    cut = tuple((words[:size], lang) for words, lang in known if (size := _cut_at(text, words)))
    cut += tuple((words[-size:], lang) for words, lang in known
                 if (size := _cut_before(text, words)))
    language_of = dict(known + cut)
    ordered = tuple(sorted(language_of.items(), key=lambda pair: -len(pair[0])))
    return [(found.start(), found.end(), language_of[found.group(0)])
            for found in _pattern(ordered).finditer(text)]


def in_languages(text: str, known: Phrases | None) -> SafeString:
    """``text`` escaped, each of the ``known`` words in it in a ``<span lang="…">``."""
    return marked(text, (), known)


def marked(text: str, marks: Iterable[tuple[int, int]], known: Phrases | None) -> SafeString:
    """``text`` escaped, the ``marks`` (a search's matched words, in order) in ``<mark>``
    and the ``known`` words in ``<span lang>``; a mark that crosses the edge of words in
    another language is split there, so that the elements nest."""
    text = str(text or "")
    marks = tuple(marks)
    parts, cursor = [], 0
    for start, end, lang in spans(text, known):
        parts += [_with_marks(text, cursor, start, marks), f'<span lang="{escape(lang)}">',
                  _with_marks(text, start, end, marks), "</span>"]
        cursor = end
    parts.append(_with_marks(text, cursor, len(text), marks))
    return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped by _with_marks


def _with_marks(text: str, start: int, end: int, marks: tuple[tuple[int, int], ...]) -> str:
    """``text[start:end]`` escaped, the parts of ``marks`` inside it in ``<mark>``."""
    parts, cursor = [], start
    for mark_start, mark_end in marks:
        low, high = max(mark_start, start), min(mark_end, end)
        if low >= high or low < cursor:
            continue
        parts += [escape(text[cursor:low]), f"<mark>{escape(text[low:high])}</mark>"]
        cursor = high
    parts.append(escape(text[cursor:end]))
    return "".join(parts)


def _cut_at(text: str, words: str) -> int:
    """Where ``words`` stop in ``text`` when the text gives only their beginning, followed
    by « … » (0 when it gives them whole or not at all)."""
    if words in text or "…" not in text:
        return 0
    head = text.rpartition("…")[0].rstrip()
    for size in range(min(len(words), len(head)), 20, -1):
        if head.endswith(words[:size]):
            return size
    return 0


def _cut_before(text: str, words: str) -> int:
    """How many of the last characters of ``words`` open ``text`` after a leading « … »,
    when the text gives only their end (0 when it gives them whole or not at all)."""
    if words in text or not text.startswith("…"):
        return 0
    tail = text[1:].lstrip()
    for size in range(min(len(words), len(tail)), 20, -1):
        if tail.startswith(words[-size:]):
            return size
    return 0
