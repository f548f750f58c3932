"""Idempotent writing of parsed records, in batches, each batch its own transaction.

``DeliveryWriter`` receives parsed records member by member, writes them in batches
(bulk queries, so that 20 000 texts go in quickly; a batch ends at ``BATCH_SIZE`` records or
``flush_bytes`` bytes of members) and assembles the global-flow texts it touched: a new
text with the batch that brings its last piece (``complete``), the others when the delivery
ends, by chunks of ``ASSEMBLY_CHUNK`` (their new articles, held back until then, go in at
their place: ``waiting``). Each batch and each chunk is committed on its own: a delivery
never holds the database for long. Writing the same records twice changes nothing: unchanged
texts are recognised by their content hash and skipped, so a delivery interrupted half-way is
finished by the next run; the result does not depend on the order of the members.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone

from vigie.documents import assembly, stored
from vigie.documents.articles import ArticleWrites
from vigie.documents.batch_kinds import by_kind, self_contained, texts_of
from vigie.documents.befores import StatesBefore
from vigie.documents.bulk import insert_rows, update_columns
from vigie.documents.complete import Outlines
from vigie.documents.fields import HASHED, TEXT_FIELDS, Prepared, prepare
from vigie.documents.models import Article, Document
from vigie.documents.outcomes import Outcomes
from vigie.documents.outline import (
    drop_older_pieces,
    is_older,
    structure_items,
    write_sections,
    write_structures,
)
from vigie.documents.room import KeptHashes, make_room
from vigie.documents.sommaire import Placement, write_sommaire
from vigie.documents.versions import Versions
from vigie.documents.waiting import WaitingArticles, WaitingPlaceholders, WaitingTexts
from vigie.parsing.model import (
    Parsed,
    ParsedArticle,
    ParsedSection,
    ParsedSommaire,
    ParsedStructure,
    ParsedText,
)

BATCH_SIZE = 1000
ASSEMBLY_CHUNK = 500
# The hashed values of texts written, kept until their assembly (beyond this many characters,
# read back), with the rows and new articles of new texts (``waiting``, 8 Mi); the texts that
# waited longest give way (``room``). At 8 and 16 Mi: 38 MB more for 160 000 files, a third
# incomplete (20 000 files keep 2 Mi).
HASHED_KEPT_CHARS = 4 * 1024 * 1024
# Placeholders of texts whose structure came before them, kept until the text comes, up to this
# many structure items in all (some 200 bytes each; beyond, inserted at once, then updated).
PLACEHOLDER_ITEMS_KEPT = 50_000
# What writing a text changes of a stored one (its structure and the sommaire's placing stay).
WRITTEN_FIELDS = (*TEXT_FIELDS, "status", "delivery", "member", "content_hash", "version")


class DeliveryWriter:
    """Writes one delivery's records; counts what was created, updated or unchanged."""

    def __init__(self, delivery: str, *, flush_bytes: int = 16 * 1024 * 1024,
                 resuming: bool = False,
                 on_commit: Callable[[set[str]], None] | None = None,
                 on_assembled: Callable[[list[str]], None] | None = None) -> None:
        self.delivery = delivery
        # Called after each assembly chunk is committed with its texts created or changed.
        self.on_assembled = on_assembled
        # Called inside each batch's transaction with the texts it changed (not yet given):
        # the pipeline's follow-ups are committed with the texts they are owed to.
        self.on_commit = on_commit
        self.recorded: set[str] = set()
        # Never recorded as done: an earlier run may have died after committing some batches.
        self.resuming = resuming
        self.unfinished: set[str] = set()  # unchanged now, but written by that earlier run
        self.counts: Counter[str] = Counter()
        self.pending: list[tuple[str, Parsed]] = []
        self.pending_bytes, self.flush_bytes = 0, flush_bytes
        self.to_assemble: set[str] = set()
        # created | updated | unchanged, per text: a text seen twice in a delivery counts once.
        self.outcome = Outcomes()
        self.placed: set[str] = set()  # texts a changed sommaire listed
        self.moved: dict[str, Placement] = {}  # where they sat, if not yet in ``before``
        self.before = StatesBefore(delivery, self.moved)  # each text's state before
        self.hashed = KeptHashes(HASHED_KEPT_CHARS)  # uid → ``hashed_values``, until assembly
        self.waiting = WaitingArticles(flush_bytes // 2)  # new articles, until their assembly
        self.articles = ArticleWrites(delivery, self.waiting)
        self.held = WaitingTexts()  # new global-flow texts whose hashed values are kept, too
        self.placeholders = WaitingPlaceholders(PLACEHOLDER_ITEMS_KEPT)  # structures before texts
        self.outlines = Outlines()  # of the new texts, to assemble each once complete
        self.early: set[str] = set()  # texts assembled by the batch that completed them
        self.without_issue: set[str] = set()  # of those, the ones no sommaire placed yet
        self.versions = Versions()  # written with the batch or chunk that records them

    @property
    def touched(self) -> set[str]:
        """Texts whose stored state this delivery changed (for the analysis to follow), and
        those an interrupted earlier run of it changed: their later steps may never have run."""
        changed = {u for u, o in self.outcome.items() if o != "unchanged"}
        return changed | self.unfinished | self.placed

    def add(self, member: str, record: Parsed, *, size: int = 0) -> None:
        """Queue a record read from ``size`` bytes."""
        self.pending.append((member, record))
        self.pending_bytes += size
        if len(self.pending) >= BATCH_SIZE or self.pending_bytes >= self.flush_bytes:
            self.flush()

    def flush(self) -> None:
        """Write the queued records, in one transaction."""
        batch, self.pending, self.pending_bytes = self.pending, [], 0
        if batch:
            with transaction.atomic():
                self._write(batch)
                self.versions.write()
                self._committing()

    def _committing(self) -> None:
        if self.on_commit is None:
            return
        new = (self.outcome.changed | self.unfinished | self.placed) - self.recorded
        self.outcome.changed = set()
        if new:
            self.on_commit(new)
            self.recorded |= new

    def _write(self, batch: list[tuple[str, Parsed]]) -> None:
        kinds = by_kind(batch)
        # (texts whose articles go in now: their state before is stored with the batch's)
        self.articles.written |= make_room(self.hashed, self.held, self.waiting, self.outlines)
        self.before.read(texts_of(kinds))  # (the sommaire's texts: ``moved``)
        drop_older_pieces(kinds, self.delivery, self.before)
        texts = kinds[ParsedText]
        # A later structure of the same text wins, as in write_structures.
        structures = {r.text_id: r for _, r in kinds[ParsedStructure]}
        self._keep_outlines(structures, kinds[ParsedSection])
        rewritten = self._write_texts(texts, structures)  # (stored texts whose rows changed)
        self.to_assemble |= self.held.place(structures)
        self.to_assemble |= write_structures(list(structures.values()), self.delivery,
                                             self.placeholders.hold)
        self.to_assemble |= write_sections([r for _, r in kinds[ParsedSection]])
        self.to_assemble |= self.articles.write(kinds[ParsedArticle])
        for member, record in kinds[ParsedSommaire]:
            self.placeholders.insert_any(e.text_id for e in record.entries)  # (read and placed)
            self.held.insert_any(e.text_id for e in record.entries)
            counts = write_sommaire(record, self.delivery, member, self.moved, self.before,
                                    rewritten)
            self.before.read(list(self.moved))  # (where they sat: given back)
            if counts["sommaires"]:
                self.placed.update(e.text_id for e in record.entries)
                # Their stored fields may now differ from their kept hashed values: their
                # assembly reads them.
                for entry in record.entries:
                    self.hashed.forget(entry.text_id)
                # Assembled early, again: it may change their hash, gives others their issue.
                self.to_assemble |= self.early.intersection(
                    e.text_id for e in record.entries) | self.without_issue
                self.without_issue.clear()
            self.counts.update(counts)
        self._assemble_complete(kinds)
        rewritten |= self.articles.written
        self.articles.written = set()
        self.before.store_ahead(
            rewritten, lambda uid: uid in self.to_assemble or uid not in self.outcome)

    def _keep_outlines(self, structures: dict[str, ParsedStructure],
                       sections: list[tuple[str, ParsedSection]]) -> None:
        """Keep the outlines of new texts, to tell when each is complete."""
        self.outlines.keep([r for uid, r in structures.items() if self._new(uid)],
                           [r for _, r in sections if self._new(r.text_id)])

    def _new(self, uid: str) -> bool:
        """Whether this text had no body stored before this delivery (``StatesBefore``)."""
        return uid in self.before and self.before[uid] is None

    def _assemble_complete(self, kinds: dict[type, list[tuple[str, Any]]]) -> None:
        """Assemble now the new texts this batch completed: their text came (its hashed values
        kept), their outline and every article it names (held back, not inserted yet)."""
        ready = sorted(uid for uid in texts_of(kinds)
                       if uid in self.to_assemble and uid in self.hashed and self._new(uid)
                       and self.outlines.complete(uid, self.waiting.rows.get(uid, {})))
        if not ready:
            return
        self.without_issue.update(doc.uid for doc in self._settle_chunk(ready)
                                  if not doc.jo_id)
        self.to_assemble.difference_update(ready)
        self.outlines.forget(ready)
        self.early.update(ready)

    def finish(self) -> Counter[str]:
        """Write what is left and assemble the global-flow texts touched by this delivery."""
        self.flush()
        if self.placeholders.rows:  # structures whose text did not come: as they were
            with transaction.atomic():
                self.placeholders.insert_any(list(self.placeholders.rows))
        if self.on_assembled is not None:  # (not while the members are read: the parsing
            # workers have the processors then; the one-core end of the delivery leaves them)
            early = sorted(self.early - self.to_assemble)  # (the others: as they assemble)
            for start in range(0, len(early), ASSEMBLY_CHUNK):
                self.on_assembled(early[start:start + ASSEMBLY_CHUNK])
        uids = sorted(self.to_assemble)
        for start in range(0, len(uids), ASSEMBLY_CHUNK):
            chunk = uids[start:start + ASSEMBLY_CHUNK]
            with transaction.atomic():
                self._settle_chunk(chunk)
                self.versions.write()
                self._committing()
            if self.on_assembled is not None:
                self.on_assembled([u for u in chunk if u in self.unfinished
                                   or self.outcome.get(u, "unchanged") != "unchanged"])
        if self.waiting.rows or self.held.rows:  # (every held text is assembled: none here)
            with transaction.atomic():
                self.held.insert_any(list(self.held.rows))
                self.waiting.insert(list(self.waiting.rows))
        with transaction.atomic():
            self.before.drop_unused()
        self.counts.update(self.outcome.values())
        if self.counts["sommaire_only"]:  # once read: not the texts that came after it
            self.counts["sommaire_only"] = Document.objects.filter(
                uid__anyof=self.placed, status=Document.STATUS_SOMMAIRE).count()
        return self.counts

    # -- texts -------------------------------------------------------------------------

    def _write_texts(self, texts: list[tuple[str, ParsedText]],
                     structures: dict[str, ParsedStructure]) -> set[str]:
        """Write the texts; a new text's structure in ``structures`` goes in its row (and
        leaves ``structures``) rather than in an update of the row just inserted. Returns
        the stored texts whose rows it changed."""
        latest = {r.id: (m, r) for m, r in texts}  # a later member of the same text wins
        self.held.insert_any(latest)  # (a text twice in a delivery: the duplicate's anomaly)
        self.placeholders.insert_any(  # (a text of another flow: read, as it would have been)
            uid for uid, (_, parsed) in latest.items() if self_contained(parsed))
        existing = stored.stored_texts(latest)  # (plain values, JSON columns as their text)
        new_rows: list[dict[str, Any]] = []
        to_update: list[stored.StoredText] = []
        for uid, (member, parsed) in latest.items():
            doc = existing.get(uid)
            if doc is None:  # the common case, as plain rows: no ORM object
                placeholder = self.placeholders.take(uid)  # (its structure: in the row)
                new_rows.append(self._new_row(parsed, member, structures.pop(uid, None),
                                              placeholder and placeholder["structure"]))
                continue
            if doc.status != Document.STATUS_SOMMAIRE and is_older(self.delivery, doc.delivery):
                self.outcome.setdefault(uid, "unchanged")
                continue
            if parsed.flow == "jorfsimple" or parsed.articles:
                changed = self._apply_simple(doc, parsed, member)
            else:
                changed = self._apply_global(doc, parsed, member)
            if changed:
                to_update.append(doc)
        insert_rows(Document, self.held.hold(new_rows, self.hashed))
        update_columns(Document, WRITTEN_FIELDS, to_update)
        created = [row["uid"] for row in new_rows]
        self.articles.replace_inline(latest, [d.uid for d in to_update], created)
        return {d.uid for d in to_update}

    def _prepare(self, parsed: ParsedText) -> Prepared:
        """The text's values (and hash); its hashed values, when given, are kept aside for its
        assembly: the text is written as they say."""
        values, digest = prepare(parsed)
        hashed = values.pop(HASHED, None)
        if hashed is not None:
            self.hashed.keep(parsed.id, hashed)
        return values, digest

    def _new_row(self, parsed: ParsedText, member: str,
                 structure: ParsedStructure | None = None,
                 placed: list[list[str]] | None = None) -> dict[str, Any]:
        """A text never stored before, as a plain row: self-contained, counted now; of the
        global flow, hashed and counted at its assembly (as ``_apply_global`` does). With its
        ``structure``, the row holds what write_structures would have written into it; with
        the structure an earlier batch ``placed`` on a placeholder held for it, that one."""
        values, digest = self._prepare(parsed)
        if placed is not None and structure is None:
            values["structure"] = placed
        if self_contained(parsed):
            self.outcome[parsed.id] = "created"
        else:
            self.to_assemble.add(parsed.id)
        row = dict(values, uid=parsed.id, status=Document.STATUS_COMPLETE,
                   content_hash=digest, delivery=self.delivery, member=member)
        if structure is not None:
            row["structure"] = structure_items(structure)
            self.to_assemble.add(parsed.id)
        return row

    def _apply_simple(self, doc: stored.StoredText, parsed: ParsedText, member: str) -> bool:
        """A self-contained text: compare hashes, write only when something changed."""
        values, digest = self._prepare(parsed)
        before = self.before.get(parsed.id)
        if before and before["hash"] == digest and doc.status == Document.STATUS_COMPLETE:
            self.outcome.setdefault(parsed.id, "unchanged")
            self._resumed(doc)
            return False
        if before and before["state"]["articles"]:
            if doc.version == before["version"] and not self.before.own(before):  # (once)
                self.versions.record(doc, before, self.delivery)
            self.outcome[parsed.id] = "updated"
        else:
            self.outcome[parsed.id] = "created" if before is None else "updated"
        self._set_values(doc, values, member)
        doc.content_hash = digest
        return True

    def _apply_global(self, doc: stored.StoredText, parsed: ParsedText, member: str) -> bool:
        """A global-flow text: metadata now, articles and hash at assembly."""
        values, _ = self._prepare(parsed)
        self.to_assemble.add(parsed.id)
        if doc.pk is not None and doc.status != Document.STATUS_SOMMAIRE and all(
            stored.same_value(getattr(doc, k), v) for k, v in values.items()
        ):
            return False
        self._set_values(doc, values, member)
        return True

    def _set_values(self, doc: stored.StoredText, values: dict[str, Any], member: str) -> None:
        for key, value in values.items():
            setattr(doc, key, value)
        doc.status = Document.STATUS_COMPLETE
        doc.delivery = self.delivery
        doc.member = member

    def _settle_chunk(self, uids: list[str]) -> list[Document | assembly.Settling]:
        """Assemble these global-flow texts: two queries to read them, one to write the
        articles' positions, one for the texts (not one of each per text). Returns them."""
        held = self.held.take(uids)
        docs = assembly.read_texts(uids, self.hashed, held)
        articles, sections = assembly.load([d.uid for d in docs])
        for doc in docs:
            articles[doc.uid].extend(self.waiting.placed(doc.uid))
        moved: list[assembly.Placed] = []
        settled: list[Document | assembly.Settling] = []
        for doc in docs:
            ordered, complete, shifted = assembly.arrange(doc, articles[doc.uid],
                                                          sections[doc.uid])
            moved.extend(shifted)
            if self._settle(doc, ordered, complete):
                settled.append(doc)
        assembly.find_issues(settled)
        update_columns(Article, ["position"], [a for a in moved if a.pk is not None])
        # The held articles go in now, at their place (those of texts not assembled at 0).
        self.waiting.insert(uids, {a.article_id: a.position for a in moved if a.pk is None})
        self.held.insert_settled(held)  # (``_settle`` settles each: no state before it)
        settled = [doc for doc in settled if doc.pk is not None]
        now = timezone.now()
        for doc in settled:
            doc.updated_at = now
        update_columns(Document, ["status", "content_hash", "version", "jo_id", "updated_at"],
                       settled)
        return docs

    def _resumed(self, doc: stored.StoredText | Document | assembly.Settling) -> None:
        """An unchanged text that an interrupted run of this same delivery wrote."""
        if self.resuming and doc.delivery == self.delivery:
            self.unfinished.add(doc.uid)

    def _settle(self, doc: Document | assembly.Settling, articles: list[assembly.Placed],
                complete: bool) -> bool:
        """Count an assembled text against its state before the delivery; True when its
        status, hash or version must be written."""
        hashed = self.hashed.forget(doc.uid)
        digest = assembly.hash_document(doc, articles, hashed)
        before = self.before.get(doc.uid)
        status = Document.STATUS_COMPLETE if complete else Document.STATUS_INCOMPLETE
        if before and before["hash"] == digest and doc.status == status:
            self.outcome[doc.uid] = "unchanged"
            self._resumed(doc)
            return False
        if before is None:
            self.outcome[doc.uid] = "created"
        else:
            self.outcome[doc.uid] = "updated"
            if (before["hash"] != digest and before["state"]["articles"]
                    and not self.before.own(before)):
                self.versions.record(doc, before, self.delivery,
                                     stored=doc.uid in self.before.kept)
        doc.status = status
        doc.content_hash = digest
        return True
