"""Running the analysis on stored documents and keeping each decision with its document.

A decision is recomputed only when the analysis version or what was analysed changed
(text, sommaire placement, status), so ``vigie analyse --all`` can run again and again. A
commune a text lists that no commune of the COG matches, even through its history, is
recorded as an anomaly (``vigie anomalies``), once, with the text and the name as written.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.utils import timezone

from vigie.analysis.engine import analyse
from vigie.analysis.models import Analysis
from vigie.analysis.records import ANALYSIS_VERSION, UNIDENTIFIED, Decision, Item
from vigie.documents.bulk import update_columns
from vigie.documents.ingest import record_anomaly
from vigie.documents.models import Article, Document
from vigie.reference.places import departement_label
from vigie.reference.taxonomy import EDITION_RUBRICS


def item_for(doc: Document, articles: list[Article]) -> Item:
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


def input_hash(doc: Document) -> str:
    raw = "\x1f".join((doc.content_hash, doc.title, doc.section, doc.status, doc.ministry))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


CHUNK = 200  # documents read, analysed and written together


def analyse_documents(
    documents: Iterable[Document], *, today: date | None = None, urgent_days: int = 15,
    force: bool = False, changed: set[str] | None = None,
) -> Counter[str]:
    """Analyse each document whose decision is missing or stale; returns counts.

    The uids of the documents whose decision was created or replaced go into ``changed``.
    Documents go by chunks of ``CHUNK``: their decisions and articles are read in two
    queries, and the new decisions written in one transaction, not a few queries each.
    """
    counts: Counter[str] = Counter()
    chunk: list[Document] = []
    for doc in documents:
        if doc.rubric not in EDITION_RUBRICS:  # no selection rules for this rubric yet
            counts["skipped"] += 1
            continue
        chunk.append(doc)
        if len(chunk) >= CHUNK:
            _analyse_chunk(chunk, counts, (today, urgent_days, force), changed)
            chunk = []
    if chunk:
        _analyse_chunk(chunk, counts, (today, urgent_days, force), changed)
    return counts


def _analyse_chunk(docs: list[Document], counts: Counter[str],
                   options: tuple[date | None, int, bool], changed: set[str] | None) -> None:
    today, urgent_days, force = options
    current = {a.document_id: a for a in Analysis.objects.filter(document__in=docs)}
    stale = []
    for doc in docs:
        before = current.get(doc.pk)
        if (not force and before and before.version == ANALYSIS_VERSION
                and before.input_hash == input_hash(doc)):
            counts["unchanged"] += 1
        else:
            stale.append(doc)
    articles: dict[str, list[Article]] = {doc.uid: [] for doc in stale}
    for article in Article.objects.filter(text_uid__in=articles).order_by("position", "id"):
        articles[article.text_uid].append(article)
    decided = [(doc, analyse(item_for(doc, articles[doc.uid]), today=today,
                             urgent_within_days=urgent_days)) for doc in stale]
    with transaction.atomic():
        _write_decisions(decided, current)
        for doc, decision in decided:
            _record_unidentified(doc, decision)
    for doc, decision in decided:
        counts["updated" if doc.pk in current else "created"] += 1
        counts["retained"] += int(decision.retained)
        if changed is not None:
            changed.add(doc.uid)


def _write_decisions(decided: list[tuple[Document, Decision]],
                     current: dict[int, Analysis]) -> None:
    """Replace the stale decisions and create the missing ones (one query each way)."""
    now = timezone.now()
    fresh, replaced = [], []
    for doc, decision in decided:
        before = current.get(doc.pk)
        payload = decision.to_json()
        analysis = before or Analysis(document=doc)
        previous = (before.decision if before and before.decision != payload
                    else (before.previous if before else None))
        for name, value in (("version", ANALYSIS_VERSION), ("input_hash", input_hash(doc)),
                            ("retained", decision.retained), ("scope", decision.scope),
                            ("departements", list(decision.departements)),
                            ("score", decision.score), ("theme", decision.theme),
                            ("urgent", decision.urgent), ("decision", payload),
                            ("previous", previous), ("analysed_at", now)):
            setattr(analysis, name, value)
        (replaced if before else fresh).append(analysis)
    Analysis.objects.bulk_create(fresh)
    update_columns(Analysis, ["version", "input_hash", "retained", "scope", "departements",
                              "score", "theme", "urgent", "decision", "previous",
                              "analysed_at"], replaced)


def _record_unidentified(doc: Document, decision: Decision) -> None:
    for line in decision.communes:
        if line.identified:
            continue
        where = f" ({departement_label(line.departement)})" if line.departement else ""
        record_anomaly("analyse", doc.delivery or "analyse", doc.member or doc.uid,
                       f"{doc.uid} : {UNIDENTIFIED} « {line.name} »{where} : aucun nom du "
                       "Code officiel géographique, même ancien, ne lui correspond")


def documents_for(day: date | None = None) -> Iterable[Document]:
    """Documents of one publication day, or all of them, in a stable order."""
    query = Document.objects.exclude(title="").filter(rubric__in=EDITION_RUBRICS)
    if day is not None:
        query = query.filter(date_publi=day)
    return query.order_by("date_publi", "rank", "uid").iterator(chunk_size=200)


def stored_decision(doc: Document) -> dict | None:
    analysis = Analysis.objects.filter(document=doc).first()
    return analysis.decision if analysis else None
