"""The version trace of a delivery's changed texts, written once per transaction.

Keeping a text's previous state with ``get_or_create``, as was done before, cost a SELECT, a
savepoint and an INSERT per text: a fifth of the CPU of a re-delivery changing every other
text. ``Versions`` keeps the same rows until the batch (or assembly chunk) commits,
then asks once which are stored already and inserts the others in one bulk query: the same
rows, in the same transaction as the text they belong to. (A row may be stored already: the
batch that first rewrote the text stored it ahead of the assembly, ``befores``.)
"""

from __future__ import annotations

from typing import Any

from vigie.documents.bulk import insert_rows
from vigie.documents.fields import Encoded
from vigie.documents.json_text import dumps_ascii
from vigie.documents.models import DocumentVersion

VersionKey = tuple[int, int]  # (document id, version)


def version_row(pk: int, before: dict[str, Any], replaced_by: str) -> dict[str, Any]:
    """The row that keeps ``before`` (a text's hash, version and state) as a version."""
    return {
        "document_id": pk, "version": before["version"], "content_hash": before["hash"],
        # The text the ORM writes for a JSON field (``json.dumps``, ASCII escapes).
        "snapshot": Encoded(dumps_ascii(before["state"])),
        "delivery": before["state"].get("delivery", ""),
        "replaced_by": replaced_by,
    }


def insert_versions(rows: dict[VersionKey, dict[str, Any]]) -> None:
    """Insert the rows not stored yet (an interrupted run of the same delivery may have
    stored them: kept, as ``get_or_create`` keeps them), in one query."""
    if not rows:
        return
    stored = set(DocumentVersion.objects.filter(
        document_id__in={pk for pk, _ in rows}).values_list("document_id", "version"))
    insert_rows(DocumentVersion, [row for key, row in rows.items() if key not in stored])


class Versions:
    """The versions recorded since the last ``write``, by (document id, version)."""

    def __init__(self) -> None:
        self.pending: dict[VersionKey, dict[str, Any]] = {}

    def record(self, doc: Any, before: dict[str, Any], replaced_by: str,
               stored: bool = False) -> None:
        """Keep the previous state of ``doc`` until ``write`` (a second record of the same
        version is dropped, as ``get_or_create`` found the first; one ``stored`` already
        is not kept) and bump its version number."""
        key = (doc.pk, before["version"])
        if not stored and key not in self.pending:
            self.pending[key] = version_row(doc.pk, before, replaced_by)
        doc.version = before["version"] + 1

    def write(self) -> None:
        """Insert the pending versions not stored yet."""
        pending, self.pending = self.pending, {}
        insert_versions(pending)
