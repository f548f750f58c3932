"""The pieces every digest is made of, rendered and encoded once per run.

Readers choose their roles, themes and commune, so a morning has thousands of different
digests made of a few dozen items. Each item's plain-text lines (``vigie.editions.text``)
and HTML block (``mailing/email/_item.html``) are rendered and encoded for the wire once;
a reader's section is then a join of those bytes with a few small headings. The plain-text
layout follows ``vigie.editions.text.render_text`` (title, rubrics, « — thème — », items,
closing line), piece by piece. Every piece ends with a line break, which is what lets
quoted-printable pieces be joined (see ``mime``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string

from vigie.editions.content import EditionContent, Item
from vigie.editions.models import Edition
from vigie.editions.text import (
    NOBODY,
    Reader,
    heading_lines,
    item_lines,
    rubric_lines,
    shown_communes,
)
from vigie.mailing.composing import markup
from vigie.mailing.composing.cache import LRU
from vigie.mailing.composing.mime import encode
from vigie.mailing.subscribing import links
from vigie.reference.french import french_date
from vigie.web.languages import of_items


@dataclass(frozen=True)
class Section:
    """One edition in a digest: the reader's part of it and where to read it whole."""

    edition: Edition
    content: EditionContent  # the reader's items only
    local: frozenset[str]  # uids kept because they name the reader's commune
    total: int  # items of the whole edition
    chosen: tuple[str, ...] = ()  # uids kept, in edition order


class Blocks:
    """Encoded pieces of items, by what the item says and the commune it names.

    The same text appears in a hundred département editions, identical but for the flag
    « Dans votre département »: pieces are keyed by a digest of the item, not by edition, so
    that each is rendered once or twice a run rather than a hundred times.
    """

    def __init__(self, size: int = 4096) -> None:
        self.cache = LRU(size)
        self.signatures = LRU(size)

    def signature(self, edition: Edition, item: Item) -> str:
        def digest() -> str:
            # The edition's département too: it decides which communes the block lists.
            record = json.dumps([item.to_json(), item.in_departement, item.shown_for],
                                sort_keys=True,
                                ensure_ascii=False).encode("utf-8")
            return hashlib.blake2b(record, digest_size=16).hexdigest()
        return self.signatures.get((edition.pk, edition.revision, item.uid), digest)

    def _get(self, key: tuple, make: Callable[[], str]) -> bytes:
        return self.cache.get(key, lambda: encode(make()))

    def item_html(self, edition: Edition, item: Item, reader: Reader = NOBODY) -> bytes:
        """The item's block; with ``reader`` (whose commune it names), that commune first in
        « Communes de votre département concernées » and highlighted."""
        def render() -> str:
            communes, more = shown_communes(item, reader.code)
            mine = [bool(reader) and c.code == reader.code for c in communes]
            return render_to_string("mailing/email/_item.html", {
                "item": item, "vigie_url": links.item_url(item.uid),
                "foreign": of_items((item.uid,)).get(item.uid, ()),
                "dates": [{"label": d.label, "day": french_date(d.date)} for d in item.dates],
                "names_commune": reader.name, "more_communes": more,
                "communes": [(c.describe(mine=m), m) for c, m in zip(communes, mine, strict=True)]})
        return self._get(("html", self.signature(edition, item), reader), render)

    def item_text(self, edition: Edition, item: Item, reader: Reader = NOBODY) -> bytes:
        return self._get(("text", self.signature(edition, item), reader),
                         lambda: "\n".join(item_lines(item, links.item_url, reader)) + "\n\n")

    def section_html(self, s: Section, reader: Reader = NOBODY) -> list[bytes]:
        """Rubrics › themes › item blocks, then the closing line."""
        parts = []
        for rubric in s.content.rubrics:
            parts.append(encode(markup.rubric_heading(rubric.label, rubric.headers)))
            for theme in rubric.themes:
                parts.append(encode(markup.theme_heading(theme.label)))
                parts += [self.item_html(s.edition, i, reader if i.uid in s.local else NOBODY)
                          for i in theme.items]
        if s.content.closing:
            parts.append(encode(markup.paragraph(s.content.closing, 15, "#3a3a3a", top=16)))
        return parts

    def section_text(self, s: Section, reader: Reader = NOBODY) -> list[bytes]:
        """The section as ``render_text`` lays out an edition, without its revision notice:
        a reader gets an edition by e-mail once (``Delivery``: one row per reader and
        edition), as it stands when the message leaves, so no reader of a digest has read an
        earlier revision of it — « (Édition mise à jour, révision 2) » would tell them of a
        change they never saw. The page, which readers come back to, keeps it."""
        parts = [encode("\n".join(heading_lines(s.content, revision=False)) + "\n")]
        for rubric in s.content.rubrics:
            parts.append(encode("\n".join(rubric_lines(rubric)) + "\n"))
            for theme in rubric.themes:
                parts.append(encode(f"\n— {theme.label} —\n"))
                parts += [self.item_text(s.edition, i, reader if i.uid in s.local else NOBODY)
                          for i in theme.items]
        if s.content.closing:
            parts.append(encode(f"\n{s.content.closing}\n"))
        return parts
