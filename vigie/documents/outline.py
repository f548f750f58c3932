"""A global-flow text's outline — its structure (TEXTELR) and its sections (SECTION_TA) — written
a batch at a time, and which of two deliveries is the older.

Both kinds of file say how a text's articles are ordered; assembly (``assembly``) reads them
once the delivery is written. A structure may come before its text: it is then kept on a
placeholder, which the text fills in when it comes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from vigie.documents.bulk import insert_rows, update_columns
from vigie.documents.models import Document, Section
from vigie.documents.stored import stored_sections
from vigie.parsing.model import ParsedArticle, ParsedSection, ParsedStructure

_STAMP = re.compile(r"(\d{8}-\d{6})")


def delivery_stamp(name: str) -> str:
    """The DILA timestamp in a delivery name (``JORF_20260923-204512.tar.gz``), or ""."""
    found = _STAMP.search(name or "")
    return found.group(1) if found else ""


def is_older(incoming: str, stored: str) -> bool:
    """True when ``incoming`` is a delivery older than the one that wrote ``stored``.

    Re-ingesting an old delivery must never bring back a text that a later one corrected.
    """
    new, old = delivery_stamp(incoming), delivery_stamp(stored)
    return bool(new and old and new < old)


def drop_older_pieces(kinds: dict[type, list[tuple[str, Any]]], delivery: str,
                      before: Mapping[str, dict[str, Any] | None]) -> None:
    """Leave out of a batch's ``kinds`` the articles and sections of texts a later delivery
    wrote (``before``: their state before this delivery): re-ingesting an old delivery never
    brings back what a later one removed, new articles and sections included, as it never
    brings back a text or an article a later one changed."""
    pieces = (ParsedArticle, ParsedSection)
    texts = {record.text_id for kind in pieces for _, record in kinds[kind]}
    later = {uid for uid in texts if (state := before.get(uid)) is not None
             and is_older(delivery, state["state"].get("delivery", ""))}
    for kind in pieces if later else ():
        kinds[kind] = [item for item in kinds[kind] if item[1].text_id not in later]


def write_structures(records: list[ParsedStructure], delivery: str,
                     hold: Callable[[list[dict]], list[dict]] | None = None) -> set[str]:
    """Each text's structure (TEXTELR), in three queries for the whole batch; returns the
    texts to assemble. ``hold``: given the placeholders of texts not stored yet, returns
    those to insert now (``waiting.WaitingPlaceholders``)."""
    if not records:
        return set()
    wanted = {r.text_id: structure_items(r) for r in records}
    stored = {d.uid: d for d in Document.objects.filter(uid__anyof=wanted)
              .only("id", "uid", "status", "delivery", "structure")}
    changed, placeholders, to_assemble = [], [], set()
    for uid, items in wanted.items():
        doc = stored.get(uid)
        if doc is None:  # structure before its text: kept on a placeholder
            placeholders.append({"uid": uid, "status": Document.STATUS_SOMMAIRE,
                                 "structure": items})
            to_assemble.add(uid)
        # Known from a sommaire only (its delivery: the sommaire's), a text takes any
        # delivery's structure, as it takes any delivery's version (``store``).
        elif doc.status == Document.STATUS_SOMMAIRE or not is_older(delivery, doc.delivery):
            if doc.structure != items:
                doc.structure = items
                changed.append(doc)
            to_assemble.add(uid)
    update_columns(Document, ["structure"], changed)
    insert_rows(Document, hold(placeholders) if hold else placeholders)
    return to_assemble


def structure_items(record: ParsedStructure) -> list[list[str]]:
    """The stored form of a structure: ``[kind, id]`` of each item, in order."""
    return [[item.kind, item.id] for item in record.items]


def write_sections(records: list[ParsedSection]) -> set[str]:
    """The sections (SECTION_TA), in two or three queries for the whole batch; returns the
    texts to assemble."""
    if not records:
        return set()
    wanted = {r.id: r for r in records}
    stored = stored_sections(wanted)  # (plain values: no ORM object per section)
    new, changed = [], []
    for section_id, record in wanted.items():
        values = {"text_uid": record.text_id, "title": record.title,
                  "items": [[i.kind, i.id] for i in record.items]}
        section = stored.get(section_id)
        if section is None:
            new.append(dict(values, section_id=section_id))
        elif any(getattr(section, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(section, key, value)
            changed.append(section)
    insert_rows(Section, new)
    update_columns(Section, ["text_uid", "title", "items"], changed)
    return {record.text_id for record in records}
