"""Keeping the search index in step with the stored documents and their analyses.

An entry is rebuilt whole from the document, its articles and its stored decision; what
the engine indexes depends on the database (see ``SearchEntry``). Entries are replaced by
chunks, each in one transaction, so a large delivery does not hold one huge transaction;
only entries that changed are written, and then the index's version moves on (``state``:
search pages are kept under it).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future
from operator import attrgetter
from typing import Any, NamedTuple, Protocol

from django.db import transaction
from django.db.models import F, Q

from vigie.analysis.records import Decision
from vigie.analysis.store import ArticleText
from vigie.documents.anyof import Compiled
from vigie.documents.models import Article, Document
from vigie.editions.newsroom import corrected
from vigie.newsroom.corrections import effective
from vigie.newsroom.models import Correction
from vigie.web.models import SearchEntry
from vigie.web.search import fts
from vigie.web.search.state import moved_on
from vigie.web.search.text import INDEX_FORMAT, prepared, prepared_all
from vigie.web.search.vocabulary import catch_up

CHUNK = 200
# What an entry holds (its id apart): an entry equal on all of these is not written again.
COMPARED = tuple(f.attname for f in SearchEntry._meta.concrete_fields if not f.primary_key)
# What an entry is made of: the rest of a text (structure, cited texts…) is left unread.
READ = ("uid", "title", "short_title", "number", "nor", "notice", "signatories", "ministry",
        "keywords", "details", "date_publi", "nature", "rubric", "status",
        "analysis__decision", "correction__changes")
# Compiled once (``anyof.Compiled``), asked for each chunk: the newsroom's corrections of
# texts (by uid, one parameter: ``document__in`` prepared each id), and the stored entries.
_CORRECTIONS_OF = Compiled(lambda uids: Correction.objects.filter(document__uid__anyof=uids)
                           .values_list("document_id", "changes"))
_STORED = Compiled(lambda uids: SearchEntry.objects.filter(uid__anyof=uids)
                   .values_list(*COMPARED))


class Helpers(Protocol):
    """Processes that run a pure function (``analysis.pool.Deciders``): a future, or None
    when none is free."""

    def submit(self, work: Callable[..., Any], *args: Any) -> Future | None: ...


NOTICE_ORDER = ("objet", "publics", "entree_en_vigueur", "notice", "application", "references")
# What readers read of the items other sources bring, kept in ``details`` by kind: a court
# decision's sommaire, themes, titles, articles applied, parties and reasons; a contract's or
# a notice's buyer, holders and place; an aid's description, audiences and financers; a news
# item's summary and the full text fetched; an EU act's titles in every language, its
# classification and references; a circulaire's summary, texts of reference and NOR.
# (Parliament items put their text in articles.)
DETAILS_READ = {
    "decision": ("summary", "themes", "titles", "visa", "contested", "parties", "reasons"),
    "contract": ("buyer", "winners", "place", "procedure"),
    "notice": ("buyer", "descriptors", "winners", "procedure"),
    "aid": ("summary", "audiences", "perimeter", "aid_types", "source"),
    "article": ("summary", "full_text", "author", "site"),
    "act": ("titles", "concepts", "directory", "subjects", "journal", "celex", "eli",
            "procedure"),
    "circulaire": ("summary", "references", "nor"),
}


def framed(values: Iterable[str]) -> str:
    """« elus direction » framed by spaces, so ``contains " elus "`` matches a whole slug."""
    values = [v for v in dict.fromkeys(values) if v]
    return f" {' '.join(values)} " if values else ""


def body_text(doc: Document, articles: Sequence[Article | ArticleText]) -> str:
    """What a reader reads of the text, in order: notice, articles, signatories, what other
    sources' items hold (``details_text``); then the ministry and the DILA keywords
    (« ELECTION »), which name what the text is about."""
    notice = doc.notice or {}
    parts = [notice.get(key, "") for key in NOTICE_ORDER]
    parts += [a.text for a in articles]
    parts += list(doc.signatories or [])
    parts += details_text(doc.details)
    parts += [doc.ministry, " ".join(k for k in doc.keywords or [] if isinstance(k, str))]
    return "\n".join(p for p in parts if p)


def details_text(details: Any) -> list[str]:
    """The texts of ``details`` a reader reads (``DETAILS_READ``), in order; lists joined,
    of a pair its last member (an EU act's titles: language, title)."""
    if not isinstance(details, dict):
        return []
    parts = []
    for key in DETAILS_READ.get(details.get("kind"), ()):
        value = details.get(key)
        if isinstance(value, list):
            items = [v[-1] if isinstance(v, list) and v else v for v in value]
            value = " ; ".join(item for item in items if isinstance(item, str))
        if isinstance(value, str) and value:
            parts.append(value)
    return parts


def title_text(doc: Document) -> str:
    """Title and identifiers: searching a NOR or a decree number finds its text."""
    return " ".join(p for p in (doc.title, doc.short_title, doc.number, doc.nor, doc.uid) if p)


def entry_row(doc: Document, articles: Sequence[Article | ArticleText],
              decision: Decision | None) -> dict[str, Any]:
    """What the entry of ``doc`` holds, as plain values (``COMPARED`` but its document):
    an index chunk builds no model instance."""
    row, title = _unprepared_row(doc, articles, decision)
    row["index_title"], row["index_body"] = prepared(title, row["text"])
    return row


def _unprepared_row(doc: Document, articles: Sequence[Article | ArticleText],
                    decision: Decision | None, made: Made | None = None
                    ) -> tuple[dict[str, Any], str]:
    """``entry_row`` but its indexed words, and the title text they are made from (``made``:
    the title and body texts made already, from what the analysis read: ``made_ahead``)."""
    # All of the text: annex tables are searched to their last row.
    text = made.text if made is not None else body_text(doc, articles)
    decision = decision or Decision(retained=False, scope="no")
    named = [t.departement for t in decision.territories]
    return dict(
        # Vigie's title for readers, as every API endpoint means short_title (DILA's TITRE
        # stays searchable through ``title_text``).
        uid=doc.uid, title=doc.title,
        short_title=(decision.short_title or doc.title)[:255],
        date_publi=doc.date_publi, nature=doc.nature, rubric=doc.rubric, status=doc.status,
        theme=decision.theme, themes=framed([decision.theme, *decision.themes])[:255],
        roles=framed(decision.roles)[:255],
        departements=framed([*decision.departements, *named]),
        retained=decision.retained, urgent=decision.urgent, text=text,
        index_version=INDEX_FORMAT,
    ), made.title if made is not None else title_text(doc)


def _articles_by_text(uids: list[str]) -> dict[str, list[ArticleText]]:
    """The articles of these texts, in order, read as values (no model instance to build)."""
    found: dict[str, list[ArticleText]] = defaultdict(list)
    if not uids:  # every text of the chunk made ahead
        return found
    for uid, num, text in (Article.objects.filter(text_uid__anyof=dict.fromkeys(uids))
                           .order_by("text_uid", "position", "article_id")
                           .values_list("text_uid", "num", "text")):
        found[uid].append(ArticleText(num, text))
    return found


class Made(NamedTuple):
    """The title and body texts of an entry, made as the analysis read its text."""

    title: str
    text: str


def made_ahead(docs: list[Document], articles: dict[str, list[ArticleText]]) -> list[Made]:
    """The ``companion`` of the decisions made in advance (``analysis.ahead``): the entry
    texts of the texts read for them, from the documents and articles read then, so that the
    index does not read their articles again. Valid as those decisions are: the text taken
    is the one read then. (Their words are not made then: handed to the workers with the
    decisions, they delay them, and this process decides more itself at the analysis step.)"""
    return [Made(*_texts(doc, articles[doc.uid])) for doc in docs]


def _texts(doc: Document, articles: list[ArticleText]) -> tuple[str, str]:
    """The title and body texts of an entry from the articles the analysis read, in its
    order (position, id): put back in the index's (position, article_id), which is the
    same but for articles of one position."""
    return title_text(doc), body_text(doc, sorted(articles, key=_INDEX_ORDER))


_INDEX_ORDER = attrgetter("position", "article_id")


class ChunkRead(NamedTuple):
    """A chunk read: its uids, its rows (indexed words still to add, from ``words``, or
    from its title and text pairs here)."""

    uids: list[str]
    rows: list[dict[str, Any]]
    pairs: list[tuple[str, str]]
    words: Future | None


def read_chunk(uids: list[str], helpers: Helpers | None = None) -> ChunkRead:
    """Read a chunk's texts, articles and decisions (nothing written); the indexed words of
    its texts are handed to ``helpers`` when one is free: it makes them while this process
    writes the chunk before (``write_chunk``) and reads the next."""
    docs = list(Document.objects.filter(uid__anyof=dict.fromkeys(uids)).exclude(title="")
                .select_related("analysis", "correction").only(*READ))
    # The effective decision: the newsroom's corrections over the machine's.
    decided = [(doc, effective(Decision.from_json(doc.analysis.decision), corrected(doc))
                if getattr(doc, "analysis", None) else None) for doc in docs]
    return _chunk(uids, decided, helpers)


def decided_chunk(decided: Sequence[tuple[Document, Decision]],
                  helpers: Helpers | None = None,
                  made: dict[str, Made] | None = None) -> ChunkRead:
    """``read_chunk`` of texts the analysis has just decided and written, from the documents
    and decisions it holds (the same values the stored ones give): only their articles and
    the newsroom's corrections are read again; not the articles of the texts ``made`` has
    (their texts made as the analysis read them)."""
    changes = dict(_CORRECTIONS_OF.rows(dict.fromkeys(doc.uid for doc, _ in decided)))
    return _chunk([doc.uid for doc, _ in decided],
                  [(doc, effective(decision, changes.get(doc.pk))) for doc, decision in decided],
                  helpers, made or {})


def _chunk(uids: list[str], decided: Sequence[tuple[Document, Decision | None]],
           helpers: Helpers | None, made: dict[str, Made] | None = None) -> ChunkRead:
    """The rows of a chunk's texts with their effective decisions, their articles read as
    values (but for the texts ``made`` has: their texts made already); their indexed words
    handed to ``helpers`` when there is one."""
    made = made or {}
    articles = _articles_by_text([doc.uid for doc, _ in decided if doc.uid not in made])
    rows, pairs = [], []
    for doc, decision in decided:
        row, title = _unprepared_row(doc, articles[doc.uid], decision, made.get(doc.uid))
        rows.append({"document_id": doc.pk, **row})
        pairs.append((title, row["text"]))
    words = helpers.submit(prepared_all, pairs) if helpers and pairs else None
    return ChunkRead(uids, rows, pairs, words)


class Alongside:
    """The search entries of the texts an analysis decides, written as it goes: each chunk
    once its decisions are (``take``), its words made meanwhile by ``helpers``, so that the
    index step is left only the texts the analysis did not decide (``uids``)."""

    def __init__(self, helpers: Helpers | None,
                 attempt: Callable[[Callable[[], Any]], Any],
                 made: dict[str, Made] | None = None) -> None:
        self.helpers, self.attempt = helpers, attempt
        self.made = made if made is not None else {}  # ``Ahead.made``: taken from it
        self.before: ChunkRead | None = None
        self.uids: set[str] = set()

    def take(self, decided: Sequence[tuple[Document, Decision]],
             articles: dict[str, list[ArticleText]] | None = None) -> None:
        """Read a chunk just decided (its entries' texts made from ``articles``, those the
        analysis read for it, or ``made`` ahead: no article read again) and write the chunk
        before."""
        made = {doc.uid: self.made.pop(doc.uid) for doc, _ in decided if doc.uid in self.made}
        for doc, _ in decided:
            if doc.uid not in made and articles is not None and doc.uid in articles:
                made[doc.uid] = Made(*_texts(doc, articles[doc.uid]))
        read = self.attempt(lambda: decided_chunk(decided, self.helpers, made))
        self.flush()  # the chunk before, whose words the helpers have made by now
        self.before = read

    def flush(self, first: Callable[[], None] = lambda: None) -> None:
        """Write the chunk taken last, ``first`` run before when there is one."""
        if self.before is not None:
            first()
            self.attempt(lambda: write_chunk(self.before))
            self.uids.update(self.before.uids)
            self.before = None


def write_chunk(read: ChunkRead) -> int:
    """Add the indexed words to a chunk's rows and write the entries that changed."""
    try:  # a helper still busy with other work (decisions) has not begun them: done here
        words = read.words.result() if read.words and not read.words.cancel() else None
    except Exception:  # noqa: BLE001 - a helper gone: the same pure work, done here
        words = None
    words = words if words is not None else prepared_all(read.pairs)
    rows = read.rows
    for row, (title, body) in zip(rows, words, strict=True):
        row["index_title"], row["index_body"] = title, body
    # Only what changed is written: a delivery ingested again leaves the index (and the
    # version search pages are kept under) as it was.
    stored = {row["uid"]: row for row in (dict(zip(COMPARED, values, strict=True))
                                          for values in _STORED.rows(dict.fromkeys(read.uids)))}
    changed = [{f: row[f] for f in COMPARED} for row in rows if stored.get(row["uid"]) != row]
    gone = set(stored) - {row["uid"] for row in rows}
    if changed or gone:
        with transaction.atomic():
            fts.replace([*gone, *(r["uid"] for r in changed)], changed)
            moved_on()
    return len(rows)


def refresh_uids(uids: Iterable[str]) -> int:
    ordered = sorted(set(uids))
    count = sum(write_chunk(read_chunk(ordered[i:i + CHUNK]))
                for i in range(0, len(ordered), CHUNK))
    catch_up()  # the words of the entries written, for the suggestions
    return count


def refresh_missing() -> int:
    missing = (Document.objects.filter(search_entry__isnull=True).exclude(title="")
               .values_list("uid", flat=True))
    return refresh_uids(list(missing))


def stale_uids() -> list[str]:
    """The texts whose entry is missing, or no longer says what the text and its decision
    say (title, status, date, retained, theme): what a crash between storing and indexing
    leaves behind (``vigie repair``); and those whose entry was written in another format
    than ``INDEX_FORMAT`` (by an older release)."""
    missing = (Document.objects.filter(search_entry__isnull=True).exclude(title="")
               .values_list("uid", flat=True))
    decision = "document__analysis__"
    # SQL's « = » is never true between two NULLs: an undated item (a DECP contract without
    # any date) would be stale at every ``vigie repair``, and rewritten each time.
    other_day = (~Q(date_publi=F("document__date_publi"))
                 & ~Q(date_publi__isnull=True, document__date_publi__isnull=True))
    differ = SearchEntry.objects.filter(
        ~Q(title=F("document__title")) | ~Q(status=F("document__status"))
        | ~Q(rubric=F("document__rubric")) | other_day
        | ~Q(retained=F(f"{decision}retained")) | ~Q(theme=F(f"{decision}theme"))
        | Q(**{f"{decision}isnull": True}, retained=True)).values_list("uid", flat=True)
    # (Format 4 changed the stems of some words: an entry of any other format is stale.)
    other_format = SearchEntry.objects.exclude(index_version=INDEX_FORMAT)
    return sorted({*list(missing), *agreeing_with_newsroom(list(differ)),
                   *other_format.values_list("uid", flat=True)})


def agreeing_with_newsroom(uids: list[str]) -> list[str]:
    """Of these uids, those whose entry differs from the effective decision too: an entry
    that says what the newsroom decided (retained, theme) is up to date."""
    corrected = dict(Correction.objects.filter(document__uid__in=uids)
                     .values_list("document__uid", "changes"))
    if not corrected:
        return uids
    entries = {e.uid: e for e in SearchEntry.objects.filter(uid__in=list(corrected))
               .select_related("document__analysis")}
    stale = [uid for uid in uids if uid not in corrected]
    for uid, changes in corrected.items():
        entry = entries.get(uid)
        analysis = getattr(entry.document, "analysis", None) if entry else None
        decision = (effective(Decision.from_json(analysis.decision), changes)
                    if analysis else None)
        doc = entry.document if entry else None
        if (decision is None or entry.retained != decision.retained
                or entry.theme != decision.theme
                or (entry.title, entry.status, entry.rubric, entry.date_publi)
                != (doc.title, doc.status, doc.rubric, doc.date_publi)):
            stale.append(uid)
    return stale
