"""What each text a delivery touches was before the delivery, and its trace stored ahead.

A delivery records a text's previous version (``DocumentVersion``) when it assembles the
text, as the text was before the delivery. The batches before that assembly may already
rewrite parts of a stored text (its articles, its row, the sommaire's placing): a run
stopped between them and the assembly would leave the next run only the half-rewritten
text to read. So the first batch that rewrites any of it also stores its state before, in
its own transaction, as the very row the assembly will keep (same document and version
number; the text itself is not bumped until its assembly), and the next run of the same
delivery reads that row back instead of the rewritten text. When the delivery ends, the
rows of texts it did not change after all (still at that version) are deleted: the result
is the one of a run never stopped.

In memory, once its state is stored (or the text settled by its batch), a text keeps only
what later batches ask of its state: its hash, version, delivery and whether it had
articles. A text that nothing rewrites before its assembly keeps its state in memory until
then, and its version, if it has one, is written with its assembly: a re-delivery of texts
that did not change writes no trace at all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import F

from vigie.documents.assembly import snapshots_for
from vigie.documents.models import DocumentVersion
from vigie.documents.sommaire import Placement, unplaced
from vigie.documents.versions import insert_versions, version_row

Before = dict[str, Any]  # {"hash", "version", "state", "pk"}, as ``snapshots_for`` gives it


class StatesBefore(dict[str, Before | None]):
    """uid → the text's state before ``delivery`` (None: no body stored before it)."""

    def __init__(self, delivery: str, moved: dict[str, Placement]) -> None:
        super().__init__()
        self.delivery = delivery
        self.moved = moved  # where the sommaires moved texts not read yet (``sommaire``)
        self.fresh: set[str] = set()  # read by the batch being written
        self.kept: set[str] = set()  # texts whose state before is stored (``store_ahead``)
        self.resumed: bool | None = None  # whether a run of this delivery stored some before

    def read(self, uids: Iterable[str]) -> None:
        """Read the state of the texts not read yet: as stored, or as a stopped run of this
        delivery stored it ahead (what it rewrote since is not their state before)."""
        new = {uid for uid in uids if uid and uid not in self}
        if not new:
            return
        states = unplaced(snapshots_for(new), self.moved)
        self.update(states)
        if self.resumed is None:  # (asked once: the reads of a first run cost nothing more)
            self.resumed = DocumentVersion.objects.filter(replaced_by=self.delivery).exists()
        ahead = self._stored_ahead([uid for uid, b in states.items() if b is not None]
                                   if self.resumed else [])
        self.update(ahead)
        self.kept.update(ahead)
        self.fresh |= new

    def _stored_ahead(self, uids: list[str]) -> dict[str, Before]:
        """The states a stopped run of this delivery stored of these texts, not assembled
        since (the version the row keeps is still the text's)."""
        found = {}
        rows = DocumentVersion.objects.filter(
            document__uid__anyof=dict.fromkeys(uids), replaced_by=self.delivery,
        ).values_list("document__uid", "document_id", "version", "content_hash", "delivery")
        for uid, pk, version, digest, delivery in rows if uids else ():
            if version == self[uid]["version"]:
                found[uid] = {"hash": digest, "version": version, "pk": pk,
                              "state": {"delivery": delivery, "articles": True}}
        return found

    def store_ahead(self, written: set[str], waits: Callable[[str], bool]) -> None:
        """Store, with the batch, the state before of the stored texts it ``written`` (rows,
        articles, placing) that have one to keep and that ``waits`` says wait for their
        assembly (not written and counted by the batch, nor refused); then keep in memory
        only what later batches ask of those, and of the texts the batch settled."""
        fresh, self.fresh = self.fresh, set()
        rows, done = {}, {uid for uid in fresh if not waits(uid)}
        for uid in written:
            before = self.get(uid)
            if before is None or uid in self.kept or not waits(uid):
                continue
            done.add(uid)
            if before["state"]["articles"] and not self.own(before):
                rows[before["pk"], before["version"]] = version_row(
                    before["pk"], before, self.delivery)
                self.kept.add(uid)
        insert_versions(rows)
        for uid in done:
            before = self.get(uid)
            if before is not None:
                state = before["state"]
                self[uid] = dict(before, state={"delivery": state.get("delivery", ""),
                                                "articles": bool(state["articles"])})

    def own(self, before: Before) -> bool:
        """Whether a text's state before was written by this delivery (a run of it that
        stopped before assembling the text): no previous version, its values are this one's."""
        return before["state"].get("delivery") == self.delivery

    def drop_unused(self) -> None:
        """Delete the states stored ahead of the texts this delivery left as they were (its
        runs, this one and any stopped one, are over: nothing will assemble them now)."""
        if not self.kept and not self.resumed:  # (none stored, by this run or another)
            return
        DocumentVersion.objects.filter(
            replaced_by=self.delivery, version=F("document__version")).delete()
