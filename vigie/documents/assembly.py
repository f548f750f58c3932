"""Putting a text together from what the deliveries brought, and keeping its history.

In the global flow a text's articles, structure (TEXTELR) and sections (SECTION_TA) are
separate files that may arrive in any order and in later deliveries. Assembly orders
the articles as the structure says, recomputes the content hash and, when a text that
readers had already seen changes, keeps the previous state as a ``DocumentVersion``.
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from dataclasses import dataclass
from typing import Any

from vigie.documents.anyof import Compiled
from vigie.documents.fields import TEXT_FIELDS, article_sort_key, content_hash
from vigie.documents.models import Article, Document, JoIssue
from vigie.documents.stored import StoredSection, sections_of
from vigie.documents.versions import Versions


def snapshot(doc: Document, articles: list[Article]) -> dict[str, Any]:
    """The reader-visible state of a text, as JSON, for the version trace."""
    values = {key: getattr(doc, key) for key in TEXT_FIELDS}
    for key in ("date_text", "date_publi"):
        values[key] = values[key].isoformat() if values[key] else None
    values.update(
        section=doc.section,
        rank=doc.rank,
        status=doc.status,
        delivery=doc.delivery,
        member=doc.member,
        articles=[
            {"id": a.article_id, "num": a.num, "html": a.html, "text": a.text}
            for a in articles
        ],
    )
    return values


# What a text's snapshot reads of its row, in ``snapshot``'s key order after the first three.
_SNAPSHOT_ROW = ("uid", "content_hash", "version", *TEXT_FIELDS, "section", "rank", "status",
                 "delivery", "member")
_DATES = tuple(i for i, key in enumerate(_SNAPSHOT_ROW) if key in ("date_text", "date_publi"))


_SNAPSHOTS = Compiled(lambda uids: Document.objects.filter(uid__anyof=uids).exclude(
    status=Document.STATUS_SOMMAIRE).values_list(*_SNAPSHOT_ROW, "id"))
_SNAPSHOT_ARTICLES = Compiled(lambda uids: Article.objects.filter(text_uid__anyof=uids).order_by(
    "position", "article_id").values_list("text_uid", "article_id", "num", "html", "text"))


def snapshots_for(uids: set[str]) -> dict[str, dict[str, Any] | None]:
    """The current state of each text (None when no body is stored yet), with its row's
    ``pk``.

    Read as plain values, not ORM objects (a re-delivery snapshots thousands of texts and
    their articles): ``values_list`` applies the same converters as loading an instance
    (dates, JSON decoded), so each state is the dict ``snapshot`` builds, key for key."""
    docs = [list(row) for row in _SNAPSHOTS.rows(uids)]
    articles: dict[str, list[dict[str, str]]] = {}
    # Only the articles of texts with a body: those of a new text are never read.
    for uid, article_id, num, html, text in _SNAPSHOT_ARTICLES.rows({d[0] for d in docs}):
        articles.setdefault(uid, []).append(
            {"id": article_id, "num": num, "html": html, "text": text})
    found = {}
    for row in docs:
        for i in _DATES:
            row[i] = row[i].isoformat() if row[i] else None
        state = dict(zip(_SNAPSHOT_ROW[3:], row[3:-1], strict=True))
        state["articles"] = articles.get(row[0], [])
        found[row[0]] = {"hash": row[1], "version": row[2], "state": state, "pk": row[-1]}
    return {uid: found.get(uid) for uid in uids}


def record_version(doc: Document | Settling, before: dict[str, Any], replaced_by: str) -> None:
    """Keep the previous state of ``doc`` (unless stored already) and bump its version
    number, at once (a delivery's writer keeps its ``Versions`` until its batch commits)."""
    versions = Versions()
    versions.record(doc, before, replaced_by)
    versions.write()


def ordered_article_ids(doc: Document, sections: dict[str, StoredSection]) -> list[str]:
    """Article ids in the order of the text's structure, sections expanded in place."""
    order: list[str] = []
    _walk(doc.structure or [], sections, order, set(), 0)
    return order


def _walk(items: list, sections: dict[str, StoredSection], order: list[str], seen: set[str],
          depth: int) -> None:
    """``ordered_article_ids``'s walk down the sections. Not a function nested in it: calling
    itself, such a function is a reference cycle, left with the text's sections for the
    garbage collector to find (its passes took some 25 ms of an ingest of 20 000 files)."""
    for kind, item_id in items:
        if kind == "article" and item_id not in seen:
            seen.add(item_id)
            order.append(item_id)
        elif kind == "section" and item_id in sections and depth < 20:
            _walk(sections[item_id].items, sections, order, seen, depth + 1)


@dataclass(slots=True)
class Settling:
    """What assembly reads and writes of a text whose hashed values are kept: a plain row, not
    an ORM object (thousands per delivery; fields in ``ASSEMBLED_FIELDS`` order); no
    ``id`` yet for a text held back (``waiting.WaitingTexts``)."""

    id: int | None
    uid: str
    status: str
    structure: list | None
    version: int
    jo_id: str
    jo_number: str
    date_publi: Any
    content_hash: str
    delivery: str
    updated_at: Any = None

    @property
    def pk(self) -> int | None:
        return self.id


@dataclass(slots=True)
class Placed:
    """What assembly needs of a stored article (plain rows: no ORM object per article)."""

    pk: int | None  # None: held back, not inserted yet (``waiting``)
    article_id: str
    num: str
    html: str
    position: int


# What assembly reads of a text whose hashed values are kept.
ASSEMBLED_FIELDS = ("id", "uid", "status", "structure", "version", "jo_id", "jo_number",
                    "date_publi", "content_hash", "delivery")


_ASSEMBLED = Compiled(lambda uids: Document.objects.exclude(status=Document.STATUS_SOMMAIRE)
                      .filter(uid__anyof=uids).values_list(*ASSEMBLED_FIELDS))


def read_texts(uids: list[str], hashed: Container[str], held: list[Settling]
               ) -> list[Document | Settling]:
    """These texts, as assembly needs them: the ``held`` ones (not inserted yet) first, then
    only a few fields of those whose ``hashed`` values are kept, as plain rows (no ORM object,
    no other JSON column read back and decoded), every field of the others."""
    docs = Document.objects.exclude(status=Document.STATUS_SOMMAIRE)
    held_uids = {doc.uid for doc in held}
    kept = [uid for uid in uids if uid in hashed and uid not in held_uids]
    others = [uid for uid in uids if uid not in hashed]
    # (No query for none: every text of a first delivery is held.)
    rows = _ASSEMBLED.rows(dict.fromkeys(kept))
    return [*held, *(Settling(*row) for row in rows),
            *(docs.filter(uid__anyof=dict.fromkeys(others)) if others else ())]


_PLACED = Compiled(lambda uids: Article.objects.filter(text_uid__anyof=uids).values_list(
    "text_uid", "id", "article_id", "num", "html", "position"))


def load(uids: list[str]) -> tuple[dict[str, list[Placed]], dict[str, dict[str, StoredSection]]]:
    """The stored articles (only what assembly needs) and sections of these texts, in two
    queries."""
    articles: dict[str, list[Placed]] = {uid: [] for uid in uids}
    for uid, *values in _PLACED.rows(dict.fromkeys(uids)):
        articles[uid].append(Placed(*values))
    sections: dict[str, dict[str, StoredSection]] = {uid: {} for uid in uids}
    for section in sections_of(dict.fromkeys(uids)):
        sections[section.text_uid][section.section_id] = section
    return articles, sections


def arrange(doc: Document, stored: list[Placed], sections: dict[str, StoredSection]
            ) -> tuple[list[Placed], bool, list[Placed]]:
    """Order a global-flow text's articles: returns them, whether all announced ones are
    here, and those whose ``position`` changed (set on them, for the caller to write once).

    Articles the structure does not mention (structure not delivered yet) follow, in natural
    order of their numbers.
    """
    articles = {a.article_id: a for a in stored}
    announced = ordered_article_ids(doc, sections)
    mentioned = set(announced)
    ordered = [articles[i] for i in announced if i in articles]
    ordered.extend(sorted(
        (a for i, a in articles.items() if i not in mentioned),
        key=lambda a: article_sort_key(a.num, a.article_id),
    ))
    moved = []
    for position, article in enumerate(ordered, start=1):
        if article.position != position:
            article.position = position
            moved.append(article)
    return ordered, all(i in articles for i in announced), moved


def hash_document(doc: Document, articles: list[Placed], hashed: str | None = None) -> str:
    """The text's content hash; ``hashed``: its hashed values, kept since it was written (its
    fields are not read then)."""
    values = hashed if hashed is not None else {key: getattr(doc, key) for key in TEXT_FIELDS}
    return content_hash(values, [(a.article_id, a.num, a.html) for a in articles])


def find_issues(docs: Iterable[Document | Settling]) -> None:
    """Set the issue's id of the global-flow texts that do not carry it (their sommaire does),
    in one query for all of them rather than one per issue (an assembly chunk spans hundreds
    of days): of the issues of a number and day, the first stored, as ``first()`` took it."""
    wanted = [doc for doc in docs if not doc.jo_id and doc.jo_number and doc.date_publi]
    if not wanted:
        return
    issues: dict[tuple[str, Any], str] = {}
    rows = JoIssue.objects.filter(
        number__in={doc.jo_number for doc in wanted},
        date_publi__in={doc.date_publi for doc in wanted},
    ).order_by("id").values_list("number", "date_publi", "jo_id")
    for number, day, jo_id in rows:
        issues.setdefault((number, day), jo_id)
    for doc in wanted:
        doc.jo_id = issues.get((doc.jo_number, doc.date_publi), "")
