"""New global-flow articles and texts held back until their text is assembled, so that each
goes in once, at its final position (an article) or with its status and hash (a text).

A global-flow article comes in its own file, usually before its text's structure (TEXTELR):
its position is known only at the assembly, once the delivery is read. Inserted at once, at
position 0, every article of a delivery was then written a second time by the assembly
(an UPDATE of each row, html and text with it; on PostgreSQL a new version of each row and
of its index entries). Held here instead, the new ones are inserted by the assembly with
their position, in the same transaction as their text's hash and status.

Bounded: beyond ``most_chars`` characters (html and plain text), new articles are inserted at
once, at position 0, and the assembly moves them as before. What is held is lost by a run
that dies, as is anything not committed: the delivery is then not recorded as done, and the
next run writes them.

A new global-flow text is held the same way (``WaitingTexts``): inserted at once, its row was
written a second time by its assembly (status, content hash, issue), and read back before.
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from typing import Any

from vigie.documents.assembly import Placed, Settling
from vigie.documents.bulk import insert_lists, insert_rows
from vigie.documents.models import Article, Document
from vigie.documents.outline import structure_items
from vigie.parsing.model import ParsedStructure

Row = dict[str, Any]
# A new article's row: its values in the order of ``ARTICLE_COLUMNS``, a list rather than a dict
# (thirteen thousand a delivery): built, held, placed and sent to the database as it is
# (``bulk.insert_lists``).
ArticleRow = list[Any]
ARTICLE_COLUMNS = ("article_id", "text_uid", "num", "position", "html", "text", "eli",
                   "delivery", "member")
ID, UID, NUM, POSITION, HTML, TEXT = range(6)


class WaitingArticles:
    """New articles at position 0, by text, until ``insert`` (by the assembly) takes them."""

    def __init__(self, most_chars: int) -> None:
        self.rows: dict[str, dict[str, ArticleRow]] = {}  # text uid → article id → new row
        self.text_of: dict[str, str] = {}  # article id → text uid, of the rows held
        self.chars, self.most_chars = 0, most_chars

    def hold(self, rows: list[ArticleRow]) -> list[ArticleRow]:
        """Keep the rows at position 0 while they fit; returns those to insert now."""
        kept = [row for row in rows if not row[POSITION]]
        size = sum(len(row[HTML]) + len(row[TEXT]) for row in kept)
        if not kept or self.chars + size > self.most_chars:
            return rows
        for row in kept:
            self.rows.setdefault(row[UID], {})[row[ID]] = row
            self.text_of[row[ID]] = row[UID]
        self.chars += size
        return [row for row in rows if row[POSITION]]

    def placed(self, uid: str) -> list[Placed]:
        """The held articles of a text, as the assembly orders them (no primary key yet)."""
        return [Placed(None, row[ID], row[NUM], row[HTML], 0)
                for row in self.rows.get(uid, {}).values()]

    def insert(self, uids: Iterable[str], positions: dict[str, int] | None = None) -> None:
        """Insert the held articles of these texts, at their ``positions`` (article id →
        position; 0 for an article the assembly did not place)."""
        rows = []
        for uid in uids:
            for article_id, row in self.rows.pop(uid, {}).items():
                self.chars -= len(row[HTML]) + len(row[TEXT])
                del self.text_of[article_id]
                row[POSITION] = (positions or {}).get(article_id, 0)  # (held here only)
                rows.append(row)
        insert_lists(Article, ARTICLE_COLUMNS, rows)

    def insert_any(self, article_ids: Iterable[str]) -> set[str]:
        """Insert (at position 0) the held articles of the texts of these articles, before
        anything reads or writes them in the database; returns those texts."""
        uids = {self.text_of[i] for i in article_ids if i in self.text_of}
        if uids:
            self.insert(uids)
        return uids


class WaitingTexts:
    """New global-flow texts (their rows, status « complete » and no hash yet, as they would
    have been inserted), by uid, until their assembly inserts them with their status and hash.

    Only texts whose hashed values the writer keeps are held (the assembly then needs nothing
    else of them: ``assembly.Settling``); those are bounded in characters, and a row is about
    as large as its hashed values, so what is held is bounded too. Anything that would read
    or write a held text in the database first inserts it (``insert_any``): it then finds
    the row that inserting it at once would have left.
    """

    def __init__(self) -> None:
        self.rows: dict[str, Row] = {}  # uid → its new row
        self.taken: dict[str, Row] = {}  # those being assembled (``take``)

    def hold(self, rows: list[Row], kept: Container[str]) -> list[Row]:
        """Keep the rows of the texts in ``kept`` (those whose hashed values the writer keeps)
        until their assembly; returns the others, to insert now."""
        now = []
        for row in rows:
            if row["uid"] in kept:
                self.rows[row["uid"]] = row
            else:
                now.append(row)
        return now

    def place(self, structures: dict[str, ParsedStructure]) -> set[str]:
        """The structures of held texts go in their rows (and leave ``structures``), as
        ``write_structures`` would have written them into the rows inserted at once (a held
        text is of this delivery: never older); returns the texts to assemble."""
        placed = {uid for uid in structures if uid in self.rows}
        for uid in placed:
            self.rows[uid]["structure"] = structure_items(structures.pop(uid))
        return placed

    def take(self, uids: Iterable[str]) -> list[Settling]:
        """The held texts among these, as assembly reads them (``Settling``, no id yet):
        what reading the rows inserted at once gave (the columns a row leaves out at their
        defaults). No longer held: ``insert_settled`` inserts them."""
        default = {name: Document._meta.get_field(name).get_default()
                   for name in ("structure", "version", "jo_id")}
        taken = []
        for row in self._pop(uids):
            self.taken[row["uid"]] = row
            taken.append(Settling(
                None, row["uid"], row["status"], row.get("structure", default["structure"]),
                default["version"], default["jo_id"], row["jo_number"], row["date_publi"],
                row["content_hash"], row["delivery"]))
        return taken

    def insert_settled(self, texts: list[Settling]) -> None:
        """Insert these texts ``take`` gave, with what their assembly set: the rows that
        inserting them at once, then the assembly's update, left."""
        insert_rows(Document, [
            dict(self.taken.pop(t.uid), status=t.status, content_hash=t.content_hash,
                 version=t.version, jo_id=t.jo_id)
            for t in texts
        ])

    def insert_any(self, uids: Iterable[str]) -> None:
        """Insert, as they are, the held rows of these texts."""
        insert_rows(Document, self._pop(uids))

    def _pop(self, uids: Iterable[str]) -> list[Row]:
        return [self.rows.pop(uid) for uid in uids if uid in self.rows]


class WaitingPlaceholders:
    """The rows that structures coming before their text left for it (status « sommaire »,
    the structure: ``outline.write_structures``), by uid, while the delivery may still bring
    the text: it then goes in once, as a new text with its structure (and is held as any,
    ``WaitingTexts``), rather than inserted empty and updated. Bounded: at most
    ``most_items`` structure items in all (the rows beyond go in at once). Anything else that
    would read such a row (a sommaire, a text of another flow) inserts it first
    (``insert_any``); so does the end of the delivery.
    """

    def __init__(self, most_items: int) -> None:
        self.rows: dict[str, Row] = {}
        self.items, self.most_items = 0, most_items

    def hold(self, rows: list[Row]) -> list[Row]:
        """Keep these rows while they fit; returns the others, to insert now."""
        now = []
        for row in rows:
            size = len(row["structure"])
            if self.items + size > self.most_items:
                now.append(row)
                continue
            self.rows[row["uid"]] = row
            self.items += size
        return now

    def take(self, uid: str) -> Row | None:
        """The row held for this text, no longer held (its text takes its place)."""
        row = self.rows.pop(uid, None)
        self.items -= len(row["structure"]) if row else 0
        return row

    def insert_any(self, uids: Iterable[str]) -> None:
        """Insert, as they are, the held rows of these texts."""
        insert_rows(Document, [row for row in map(self.take, uids) if row is not None])
