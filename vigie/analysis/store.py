"""Running the analysis on stored documents and keeping each decision with its document.

A decision is recomputed only when the analysis version or what was analysed changed
(text, sommaire placement, status), so ``vigie analyse --all`` can run again and again. A
commune a text lists that no commune of the COG matches, even through its history, is
recorded as an anomaly (``vigie anomalies``), once, with the text and the name as written.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from django.db import transaction
from django.db.models import QuerySet

from vigie.analysis.decisions_written import (
    EXTRACTION,
    HASHED,
    OUTSIDE_RUBRICS,
    input_hash,
    row_hash,
    write_decisions,
)
from vigie.analysis.models import Analysis
from vigie.analysis.origin_items import origin_item_for
from vigie.analysis.pool import Deciders, Handout, analysis_workers, decide_item
from vigie.analysis.questions import DOSSIER, QUESTION, ParliamentItem
from vigie.analysis.records import ANALYSIS_VERSION, Decision, Item
from vigie.documents.anyof import Compiled
from vigie.documents.followups import ANALYSIS, AnalysisOptions
from vigie.documents.lifeline import die_with
from vigie.documents.models import Article, Document, FollowUp
from vigie.documents.parlement_display import kind_label
from vigie.documents.parlement_fields import ANSWERED
from vigie.reference.geography import load_geo, normalize
from vigie.reference.taxonomy import EDITION_RUBRICS

if TYPE_CHECKING:
    from vigie.analysis.ahead import Ahead
    from vigie.analysis.pool import AnyItem



class ArticleText(NamedTuple):
    """What the analysis reads of an article (read as values: no model instance to build);
    its place and id tell the search index's order (``position``, ``article_id``)."""

    num: str
    text: str
    position: int = 0
    article_id: str = ""


# What gets each chunk's documents and decisions once written, and the articles read for them
# by uid (those decided ``ahead`` apart).
ChunkWritten = Callable[[list[tuple[Document, Decision]], dict[str, list[ArticleText]]], None]


def item_for(doc: Document, articles: Sequence[Article | ArticleText]) -> Item:
    """What the analysis reads of a stored document."""
    parts = [doc.visas]
    for article in articles:
        parts.extend((f"Article {article.num}" if article.num else "", article.text))
    parts.extend(doc.signatories or [])
    notice = {k: v for k, v in (doc.notice or {}).items() if k != "origin" and v}
    return Item(
        title=doc.title or doc.short_title or doc.uid,
        nature=doc.nature,
        ministry=doc.ministry,
        section=doc.section,
        text="\n".join(p for p in parts if p),
        date=doc.date_publi,
        nor=doc.nor,
        notice=notice,
        cited=tuple(c.get("title", "") for c in doc.cited or [] if c.get("title")),
    )


def stored_articles(doc: Document) -> list[Article]:
    """The articles of a text, in order (news, notices and aids have none)."""
    if doc.rubric in OUTSIDE_RUBRICS:
        return []
    return list(Article.objects.filter(text_uid=doc.uid).order_by("position"))


def parliament_item_for(doc: Document,
                        articles: Sequence[Article | ArticleText]) -> ParliamentItem:
    """What the analysis reads of a stored question (with its answers) or dossier."""
    details = doc.details or {}
    texts = {a.num: a.text for a in articles}  # the latest answer comes last
    author = details.get("author") or {}
    if details.get("kind") == "dossier":
        return ParliamentItem(
            uid=doc.uid, kind=DOSSIER, title=doc.title, kind_label=doc.nature or "Texte",
            chamber=details.get("chamber", ""), section=doc.section,
            keywords=tuple(doc.keywords or ()), date=doc.date_publi,
            stage=doc.origine_publi, long_title=details.get("long_title", ""))
    return ParliamentItem(
        uid=doc.uid, kind=QUESTION, title=doc.title, kind_label=kind_label(doc.nature),
        chamber=details.get("chamber", ""), section=doc.section,
        heading=details.get("heading", ""), keywords=tuple(details.get("analyses") or ()),
        ministry=doc.ministry, ministry_asked=details.get("ministry_asked", ""),
        question=texts.get("Question", ""), answer=texts.get("Réponse", ""),
        answered=doc.status == ANSWERED, author=author.get("name", ""),
        author_departement=author.get("departement") or _departement_code(
            author.get("constituency", "")), date=doc.date_publi)


def _departement_code(constituency: str) -> str:
    """« Cher » or « Haute-Marne (2e circonscription) » → its INSEE code ("" if none)."""
    name = normalize(constituency.split("(")[0])
    return next((d.code for d in load_geo().departements.values()
                 if name and normalize(d.name) == name), "")


def analysed_item(doc: Document, articles: Sequence[Article | ArticleText]) -> AnyItem:
    """What the analysis reads of a stored document, whatever its rubric."""
    if doc.rubric in OUTSIDE_RUBRICS:  # news, notices, aids, court decisions, EU acts
        return origin_item_for(doc)
    if doc.rubric in ("reponses", "parlement"):
        return parliament_item_for(doc, articles)
    return item_for(doc, articles)


def decide(doc: Document, articles: Sequence[Article | ArticleText], *, today: date | None = None,
           urgent_days: int = 15) -> Decision:
    """The decision for a stored document, whatever its rubric."""
    return decide_item(analysed_item(doc, articles), today, urgent_days)


CHUNK = 200  # documents read, analysed and written together
T = TypeVar("T")


def _at_once(work: Callable[[], T]) -> T:
    return work()


def deciders_for(texts: int) -> Deciders:
    """The worker processes that share the deciding of ``texts`` texts with this one (none
    for a few texts; ``VIGIE_ANALYSIS_WORKERS``), ending with this process even killed."""
    return Deciders(analysis_workers(texts), die_with)


def analyse_documents(
    documents: Iterable[Document], *, today: date | None = None, urgent_days: int = 15,
    force: bool = False, changed: set[str] | None = None, deciders: Deciders | None = None,
    attempt: Callable[[Callable[[], T]], T] = _at_once,
    alongside: ChunkWritten | None = None, ahead: Ahead | None = None,
) -> Counter[str]:
    """Analyse each document whose decision is missing or stale; returns counts.

    The uids of the documents whose decision was created or replaced go into ``changed``.
    Documents go by chunks of ``CHUNK``: their decisions and articles are read in two
    queries, and the new decisions written in one transaction, not a few queries each.
    ``deciders``: worker processes sharing the deciding (``pool``); this process alone
    otherwise. A chunk is handed to them as soon as it is read, and its decisions written
    after the next chunk is read and handed out: the workers decide while this process reads
    and writes. ``attempt`` runs each read and each write (the pipeline's tries again when
    the database is busy: each is one idempotent unit). ``alongside`` gets each chunk's
    documents and decisions once written, with the articles read for them (the pipeline's
    writes their search entries, without reading the articles again).
    ``ahead``: decisions handed out as the delivery assembled its texts, taken rather than
    made again.
    """
    counts: Counter[str] = Counter()
    deciders = deciders or Deciders()
    before: _Pending | None = None
    for chunk in _chunked(documents, counts):
        pending = attempt(lambda chunk=chunk: _prepare(chunk, force, deciders, today,
                                                       urgent_days, ahead))
        counts["unchanged"] += pending.unchanged
        if before is not None:
            _finish(before, deciders, counts, changed, attempt, alongside, pending.handout)
        before = pending
    if before is not None:
        _finish(before, deciders, counts, changed, attempt, alongside)
    return counts


def documents_in(chunks: Iterable[Sequence[str]],
                 attempt: Callable[[Callable[[], T]], T] = _at_once) -> Iterator[Document]:
    """The texts of these chunks of uids, in the analysis's order, each chunk read whole
    (by ``attempt``) only when the analysis needs it: once the chunk before is handed out."""
    for chunk in chunks:
        yield from attempt(lambda chunk=chunk: list(
            Document.objects.filter(uid__anyof=dict.fromkeys(chunk)).exclude(title="")
            .order_by("date_publi", "rank", "uid")))


def owed_analysis(owed: Iterable[FollowUp]) -> list[tuple[FollowUp, AnalysisOptions, Freshness]]:
    """What each follow-up still owing the analysis has to analyse, in order: its texts not
    in an earlier one (all of them when forced) whose decision is missing or stale."""
    planned, seen = [], set()
    for followup in (f for f in owed if ANALYSIS not in f.done):
        options = AnalysisOptions.from_json(followup.options)
        uids = set(followup.uids) - seen if not options.force else followup.uids
        planned.append((followup, options, freshness(uids, force=options.force)))
        seen.update(followup.uids)
    return planned


def _chunked(documents: Iterable[Document], counts: Counter[str]) -> Iterator[list[Document]]:
    """The documents with selection rules, ``CHUNK`` at a time (the others counted)."""
    chunk: list[Document] = []
    for doc in documents:
        if doc.rubric not in EDITION_RUBRICS:  # no selection rules for this rubric
            counts["skipped"] += 1
            continue
        chunk.append(doc)
        if len(chunk) >= CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _articles_of(docs: list[Document]) -> dict[str, list[ArticleText]]:
    """The articles of these texts, in order, as ``stored_articles`` gives them."""
    articles: dict[str, list[ArticleText]] = {doc.uid: [] for doc in docs}
    with_articles = [doc.uid for doc in docs if doc.rubric not in OUTSIDE_RUBRICS]
    for uid, *values in _ARTICLES_OF.rows(dict.fromkeys(with_articles)):
        articles[uid].append(ArticleText(*values))
    return articles


# Compiled once (``anyof.Compiled``): asked for each chunk of texts.
_ARTICLES_OF = Compiled(lambda uids: Article.objects.filter(text_uid__anyof=uids)
                        .order_by("position", "id")
                        .values_list("text_uid", "num", "text", "position", "article_id"))


class _Pending(NamedTuple):
    """A chunk read and handed out: its stale documents, their decisions before, and how
    many were up to date."""

    stale: list[Document]
    current: dict[int, Analysis]
    handout: Handout
    unchanged: int
    ahead: Ahead | None = None
    early: frozenset[str] = frozenset()  # decided ``ahead``: not handed out
    # The articles read for the others, by uid (``_articles_of``), for ``alongside``.
    articles: dict[str, list[ArticleText]] = {}  # (never changed: a shared default is safe)


def _prepare(docs: list[Document], force: bool, deciders: Deciders, today: date | None,
             urgent_days: int, ahead: Ahead | None = None) -> _Pending:
    """Read a chunk's decisions and articles (nothing written), hand its stale documents
    to the deciders (but those decided ``ahead``)."""
    current = _current(docs)
    stale = _stale(docs, current, force)
    early = frozenset(d.uid for d in stale if ahead and ahead.holds(d, today, urgent_days))
    fresh = [doc for doc in stale if doc.uid not in early]
    articles = _articles_of(fresh)
    return _Pending(stale, current,
                    deciders.hand_out(_items(fresh, articles), today, urgent_days),
                    len(docs) - len(stale), ahead, early, articles)


def _current(docs: list[Document]) -> dict[int, Analysis]:
    """The stored decisions of these documents, by document id (asked by their uids, one
    parameter: ``document_id__in`` prepared each of the 200 ids of a chunk, which cost more
    than the query on a new delivery, where none is found)."""
    uids = dict.fromkeys(doc.uid for doc in docs)
    return {a.document_id: a for a in Analysis.objects.filter(document__uid__anyof=uids)}


def _items(docs: list[Document], articles: dict[str, list[ArticleText]] | None = None
           ) -> list[AnyItem]:
    """What the analysis reads of each document, its articles included (``articles``: read
    already, by ``_articles_of``)."""
    articles = _articles_of(docs) if articles is None else articles
    return [analysed_item(doc, articles[doc.uid]) for doc in docs]


def _stale(docs: list[Document], current: dict[int, Analysis], force: bool) -> list[Document]:
    """The documents whose decision is missing or stale (all of them when forced)."""
    stale = []
    for doc in docs:
        before = current.get(doc.pk)
        if (force or not before or before.version != ANALYSIS_VERSION
                or before.input_hash != input_hash(doc)):
            stale.append(doc)
    return stale


class Prepared(NamedTuple):
    """Texts read as the analysis step reads them, what the analysis reads of each, and
    their articles (by text uid, in the analysis's order)."""

    docs: list[Document]
    items: list[AnyItem]
    articles: dict[str, list[ArticleText]]


def prepared(uids: list[str]) -> Prepared:
    """These texts (with selection rules) whose decision is missing or stale, and what the
    analysis reads of each, read as the analysis step reads them (``ahead``)."""
    docs = list(Document.objects.filter(uid__anyof=dict.fromkeys(uids)).exclude(title="")
                .filter(rubric__in=EDITION_RUBRICS))
    stale = _stale(docs, _current(docs), False)
    articles = _articles_of(stale)
    return Prepared(stale, _items(stale, articles), articles)


def _finish(pending: _Pending, deciders: Deciders, counts: Counter[str],
            changed: set[str] | None, attempt: Callable[[Callable[[], T]], T],
            alongside: ChunkWritten | None = None, spare: Handout | None = None) -> None:
    """Collect a chunk's decisions (deciding some of ``spare``'s rather than wait) and
    write them, in one transaction."""
    decisions = iter(deciders.collect(pending.handout, spare))
    decided = [(doc, pending.ahead.take(doc.uid) if doc.uid in pending.early
                else next(decisions)) for doc in pending.stale]
    attempt(lambda: _write(decided, pending.current))
    if alongside is not None:
        alongside(decided, pending.articles)
    for doc, decision in decided:
        counts["updated" if doc.pk in pending.current else "created"] += 1
        counts["retained"] += int(decision.retained)
        # Communes of its lists no name of the COG matches: an anomaly each (``write``).
        counts["unidentified"] += sum(not line.identified for line in decision.communes)
        if changed is not None:
            changed.add(doc.uid)


def _write(decided: list[tuple[Document, Decision]], current: dict[int, Analysis]) -> None:
    with transaction.atomic():
        write_decisions(decided, current)


def documents_for(day: date | None = None) -> Iterable[Document]:
    """Documents of one publication day, or all of them, in a stable order."""
    query = Document.objects.exclude(title="").filter(rubric__in=EDITION_RUBRICS)
    if day is not None:
        query = query.filter(date_publi=day)
    return query.order_by("date_publi", "rank", "uid").iterator(chunk_size=200)


class Freshness(NamedTuple):
    """Texts to analyse (decision missing or stale), and how many are up to date."""

    stale: list[str]
    current: int


def freshness(uids: Iterable[str] | None = None, day: date | None = None,
              force: bool = False) -> Freshness:
    """Which texts (among ``uids``, of ``day``, or all) have a decision missing or stale:
    made by another version of the analysis, or before what it reads changed (``force``:
    all of them). Read whole before anything is written: no read stays open across writes."""
    parts = None if uids is None else _chunks(sorted(set(uids)), 500)
    if parts is not None and day is None:  # (a delivery's follow-ups)
        chunks = [_FRESHNESS_OF.rows(dict.fromkeys(part)) for part in parts]
    else:
        query = _with_rules() if day is None else _with_rules().filter(date_publi=day)
        chunks = [list(chunk.values_list("uid", *_FRESHNESS)) for chunk in (
            [query] if parts is None else
            [query.filter(uid__anyof=dict.fromkeys(part)) for part in parts])]
    found, current = [], 0
    for chunk in chunks:
        for uid, *values, rubric, extraction, version, digest in chunk:
            if force or version != ANALYSIS_VERSION or digest != row_hash(values, rubric,
                                                                          extraction):
                found.append(uid)
            else:
                current += 1
    return Freshness(sorted(found), current)


def _with_rules() -> QuerySet[Document]:
    """The texts with selection rules (a title, a rubric of the editions)."""
    return Document.objects.exclude(title="").filter(rubric__in=EDITION_RUBRICS)


# What ``freshness`` reads of a text, after its uid.
_FRESHNESS = (*HASHED, "rubric", EXTRACTION, "analysis__version", "analysis__input_hash")
# Compiled once (``anyof.Compiled``): a delivery's follow-ups ask it some twenty times, and
# building the query (a join, a JSON key) cost more than running it.
_FRESHNESS_OF = Compiled(lambda uids: _with_rules().filter(uid__anyof=uids)
                         .values_list("uid", *_FRESHNESS))


def _chunks(values: list[str], size: int) -> list[list[str]]:
    return [values[i:i + size] for i in range(0, len(values), size)]


def stored_decision(doc: Document) -> dict | None:
    analysis = Analysis.objects.filter(document=doc).first()
    return analysis.decision if analysis else None
