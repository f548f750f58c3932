"""Which new global-flow texts a delivery has brought whole, so that they are assembled as
soon as their last piece is written rather than all at the end of the delivery.

A global-flow text comes in pieces (its version, its structure, its sections, its articles),
in any order. Assembled at the end, every new article of a delivery waited in memory
(``waiting``) and went in then, while the processes that parse had nothing left to do: a
fifth of an ingest's time on one core. ``Outlines`` keeps the structures and sections the
delivery brought (bounded), and tells when everything a text's outline names has come: the
writer then assembles it with the batch that completed it, whatever the order of the members.

What comes for such a text later in the same delivery (an article its structure does not
name, a sommaire that places it) has it assembled again at the end, as before: the end state
is the same, only reached earlier.
"""

from __future__ import annotations

from collections.abc import Container, Iterable

from vigie.parsing.model import ParsedSection, ParsedStructure, StructItem

# Outline entries (structure and section items) kept at most: beyond, a delivery's further
# texts are assembled at its end, as before (their outlines are read back from the database).
# An entry keeps its parsed item alive, some 370 bytes: 18 Mo at most (the bench's 20 000
# files hold 15 500 entries, a daily delivery a few thousand).
MOST_ENTRIES = 50_000
# As ``assembly.ordered_article_ids``: sections nested deeper are not walked.
MOST_DEPTH = 20

Items = tuple[StructItem, ...]


class Outlines:
    """The structures and sections of a delivery's texts, until their text is assembled."""

    def __init__(self, most_entries: int = MOST_ENTRIES) -> None:
        self.structures: dict[str, Items] = {}  # text uid → its structure's items
        self.sections: dict[str, Items] = {}  # section id → its items
        self.sections_of: dict[str, list[str]] = {}  # text uid → ids of its sections kept
        self.entries, self.most_entries = 0, most_entries

    def keep(self, structures: Iterable[ParsedStructure],
             sections: Iterable[ParsedSection]) -> None:
        """Keep these outlines (a later one of the same text or section replaces it: the
        same rule as writing them), while they fit."""
        for structure in structures:
            if self._fits(structure.items, self.structures.get(structure.text_id)):
                self.structures[structure.text_id] = structure.items
        for section in sections:
            if self._fits(section.items, self.sections.get(section.id)):
                if section.id not in self.sections:
                    self.sections_of.setdefault(section.text_id, []).append(section.id)
                self.sections[section.id] = section.items

    def _fits(self, items: Items, replaced: Items | None) -> bool:
        grown = len(items) - len(replaced or ())
        if self.entries + grown > self.most_entries:
            return False
        self.entries += grown
        return True

    def complete(self, uid: str, articles: Container[str]) -> bool:
        """Whether the text's structure is kept and every article and section it names
        (sections expanded, as the assembly walks them) is here: its sections kept, its
        articles among ``articles``."""
        structure = self.structures.get(uid)
        return structure is not None and self._whole(structure, articles, 0)

    def _whole(self, items: Items, articles: Container[str], depth: int) -> bool:
        for item in items:
            if item.kind == "article" and item.id not in articles:
                return False
            if item.kind == "section" and depth < MOST_DEPTH:
                section = self.sections.get(item.id)
                if section is None or not self._whole(section, articles, depth + 1):
                    return False
        return True

    def forget(self, uids: Iterable[str]) -> None:
        """These texts are assembled: their outlines are no longer needed."""
        for uid in uids:
            self.entries -= len(self.structures.pop(uid, ()))
            for section_id in self.sections_of.pop(uid, ()):
                self.entries -= len(self.sections.pop(section_id, ()))
