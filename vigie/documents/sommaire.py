"""Writing a sommaire: the issue itself, and where each of its texts sits.

The sommaire is the only place that tells *textes généraux* from *mesures nominatives*,
so it owns ``section``, ``rank`` and ``jo_id`` of every text it lists. A listed text whose
body has not been delivered yet gets a record of its own, marked as known from the
sommaire only, so that an edition can list the day's texts before their bodies arrive.

Where a stored text sat before a sommaire moved it is given back (``moved``): a delivery
records the previous version of a text it changes as it was before the delivery, whatever
the order of its files (``unplaced``).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Container
from typing import Any

from vigie.documents.bulk import insert_new, update_columns
from vigie.documents.models import Document, JoIssue
from vigie.parsing.model import ParsedSommaire, SommaireEntry
from vigie.reference.natures import ministry_from_section, nature_from_title

SECTION_SEPARATOR = " / "

def _issue_hash(sommaire: ParsedSommaire) -> str:
    raw = json.dumps(
        [sommaire.number, str(sommaire.date_publi), sommaire.title, sommaire.eli,
         [[e.text_id, e.title, list(e.section), e.rank] for e in sommaire.entries]],
        ensure_ascii=False,
    )
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


# What a sommaire sets on a stored text, as a text's snapshot holds it (``assembly``).
PLACEMENT = ("section", "rank", "jo_number", "date_publi")
Placement = dict[str, Any]


def write_sommaire(sommaire: ParsedSommaire, delivery: str, member: str,
                   moved: dict[str, Placement] | None = None, read: Container[str] = (),
                   rewritten: set[str] | None = None) -> Counter[str]:
    """Upsert the issue and its entries; returns counts (``sommaires``, ``sommaire_only``).
    ``moved`` is given the placement each text with a body it changed had before the
    delivery (kept from an earlier sommaire of it), unless the text's state was ``read``;
    ``rewritten``, every text with a body it changed."""
    counts: Counter[str] = Counter()
    digest = _issue_hash(sommaire)
    issue = JoIssue.objects.filter(jo_id=sommaire.id).first()
    if issue and issue.content_hash == digest:
        counts["sommaires_unchanged"] += 1
        return counts
    JoIssue.objects.update_or_create(
        jo_id=sommaire.id,
        defaults={
            "number": sommaire.number, "date_publi": sommaire.date_publi,
            "title": sommaire.title[:255], "eli": sommaire.eli[:255],
            "entries": len(sommaire.entries), "delivery": delivery, "member": member,
            "content_hash": digest,
        },
    )
    counts["sommaires"] += 1
    _place_entries(sommaire, (delivery, member), counts, {} if moved is None else moved, read,
                   set() if rewritten is None else rewritten)
    return counts


def unplaced(states: dict[str, dict[str, Any] | None], moved: dict[str, Placement]
             ) -> dict[str, dict[str, Any] | None]:
    """Texts' snapshots (``assembly.snapshots_for``) with the placement a sommaire of the
    same delivery changed before they were taken given back (and no longer in ``moved``)."""
    for uid, before in states.items():
        placement = moved.pop(uid, None)
        if before is not None and placement is not None:
            before["state"].update(placement)
    return states


def _place_entries(sommaire: ParsedSommaire, source: tuple[str, str], counts: Counter[str],
                   moved: dict[str, Placement], read: Container[str],
                   rewritten: set[str]) -> None:
    entries = {e.text_id: e for e in sommaire.entries}
    existing = {d.uid: d for d in Document.objects.filter(uid__anyof=entries)}
    to_create, to_update = [], []
    for uid, entry in entries.items():
        doc = existing.get(uid)
        if doc is None:
            to_create.append(_sommaire_only(entry, sommaire, *source))
            counts["sommaire_only"] += 1
        else:  # (a placeholder has no snapshot: nothing to give back)
            body = doc.status != Document.STATUS_SOMMAIRE
            kept = body and uid not in read
            placement = {key: getattr(doc, key) for key in PLACEMENT} if kept else None
            if _place(doc, entry, sommaire, source):
                to_update.append(doc)
                if body:
                    rewritten.add(uid)
                if placement is not None:
                    moved.setdefault(uid, _as_snapshot(placement))
    insert_new(Document, to_create)
    # One executemany: bulk_update's CASE per column costs more than the whole sommaire.
    update_columns(
        Document,
        ["section", "rank", "jo_id", "jo_number", "date_publi", "title", "nature", "ministry",
         "origine_publi", "delivery", "member"],
        to_update,
    )


def _as_snapshot(placement: Placement) -> Placement:
    """Dates as a snapshot holds them (ISO text)."""
    day = placement["date_publi"]
    return dict(placement, date_publi=day.isoformat() if day else None)


def _place(doc: Document, entry: SommaireEntry, sommaire: ParsedSommaire,
           source: tuple[str, str]) -> bool:
    """Set what the sommaire owns on an existing text; True when something changed. A
    placeholder (a structure came first) takes what a text known by the sommaire only has,
    its ``source`` (delivery, member) too: the same row whichever came first."""
    wanted = {
        "section": SECTION_SEPARATOR.join(entry.section)[:512],
        "rank": entry.rank,
        "jo_id": sommaire.id,
        "jo_number": doc.jo_number or sommaire.number,
        "date_publi": doc.date_publi or sommaire.date_publi,
    }
    if doc.status == Document.STATUS_SOMMAIRE and not doc.title:
        # A placeholder made when a structure arrived before anything else.
        wanted.update(title=entry.title, nature=nature_from_title(entry.title),
                      ministry=ministry_from_section(entry.section)[:255],
                      origine_publi=sommaire.title[:255], delivery=source[0],
                      member=source[1])
    changed = False
    for key, value in wanted.items():
        if getattr(doc, key) != value:
            setattr(doc, key, value)
            changed = True
    return changed


def _sommaire_only(
    entry: SommaireEntry, sommaire: ParsedSommaire, delivery: str, member: str
) -> Document:
    return Document(
        uid=entry.text_id,
        status=Document.STATUS_SOMMAIRE,
        title=entry.title,
        nature=nature_from_title(entry.title),
        ministry=ministry_from_section(entry.section)[:255],
        section=SECTION_SEPARATOR.join(entry.section)[:512],
        rank=entry.rank,
        jo_id=sommaire.id,
        jo_number=sommaire.number,
        date_publi=sommaire.date_publi,
        origine_publi=sommaire.title[:255],
        delivery=delivery,
        member=member,
    )
