"""Idempotent writing of Parliament records: questions with their answers, dossiers.

``ParlementWriter`` receives parsed records one by one and writes them in batches, each in
its own transaction (with, through ``on_commit``, the later steps owed to the texts it
changed). The rules, for people:

* one ``Document`` per question or dossier, keyed by its official identifier; delivering the
  same content again changes nothing (content hash);
* an answer published months after its question updates the same document; the state readers
  saw before is kept as a ``DocumentVersion`` (once per input) and the version goes up;
* an answer is never lost: a later file of the question that does not carry it (the Sénat
  keeps answers in their own table) keeps the stored one, and a record older than the stored
  one (by its latest JO date) does not replace it;
* an answer whose question is unknown is kept as a ``PendingAnswer`` and attached when the
  question arrives, in this input or a later one;
* a question known from a list of results only never replaces a question read in full.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Q

from vigie.documents import assembly
from vigie.documents.bulk import insert_rows
from vigie.documents.models import Article, Document, PendingAnswer
from vigie.documents.parlement_fields import (
    LISTED,
    answer_digest,
    answer_from,
    answer_meta,
    content_hash,
    dossier_row,
    question_row,
    stored_question,
)
from vigie.parsing.parlement_model import (
    ParlementRecord,
    ParsedAnswer,
    ParsedDossier,
    ParsedQuestion,
    ParsedReply,
)

BATCH_SIZE = 500
CHANGED = ("created", "updated")
UPDATED_FIELDS = ["rubric", "flow", "nature", "number", "title", "short_title", "ministry",
                  "date_text", "date_publi", "jo_number", "origine_publi", "section", "keywords",
                  "status", "source_key", "details", "content_hash", "version", "delivery",
                  "member"]


@dataclass
class _Item:
    """A document as this batch will leave it."""

    doc: Document | None  # stored before this batch (None: new)
    member: str
    question: ParsedQuestion | None = None
    answers: tuple[ParsedAnswer, ...] = ()
    dossier: ParsedDossier | None = None


class ParlementWriter:
    """Writes one input's Parliament records; counts what was created, updated, unchanged."""

    def __init__(self, delivery: str, *, today: date | None = None,
                 on_commit: Callable[[set[str]], None] | None = None) -> None:
        self.delivery = delivery
        self.today = today or date.today()
        self.on_commit = on_commit  # given, in each batch's transaction, the texts it changed
        self.recorded: set[str] = set()  # the texts given to ``on_commit`` so far
        self.counts: Counter[str] = Counter()
        self.outcome: dict[str, str] = {}  # uid → created | updated | unchanged
        self.versioned: set[str] = set()
        self.batch: list[tuple[str, ParlementRecord]] = []
        self.any_pending = PendingAnswer.objects.exists()

    @property
    def touched(self) -> set[str]:
        return {uid for uid, outcome in self.outcome.items() if outcome != "unchanged"}

    def add(self, member: str, record: ParlementRecord) -> None:
        self.batch.append((member, record))
        if len(self.batch) >= BATCH_SIZE:
            self.flush()

    def finish(self) -> Counter[str]:
        self.flush()
        self.counts.update(self.outcome.values())
        return self.counts

    def flush(self) -> None:
        """Write the queued records, in one transaction."""
        batch, self.batch = self.batch, []
        if batch:
            with transaction.atomic():
                self._flush(batch)
                self._committing()

    def _committing(self) -> None:
        new = {uid for uid in self.state if self.outcome.get(uid) in CHANGED} - self.recorded
        if new and self.on_commit is not None:
            self.on_commit(new)
            self.recorded |= new

    def _flush(self, batch: list[tuple[str, ParlementRecord]]) -> None:
        replies = [(m, r) for m, r in batch if isinstance(r, ParsedReply)]
        records = [(m, r) for m, r in batch if not isinstance(r, ParsedReply)]
        uids = {r.id for _, r in records}
        keys = {r.question_key for _, r in replies} | {
            r.source_key for _, r in records if isinstance(r, ParsedQuestion) and r.source_key}
        docs = list(Document.objects.filter(Q(uid__in=uids | keys) | Q(source_key__in=keys)))
        self.by_uid = {d.uid: d for d in docs}
        self.by_key = {d.source_key: d for d in docs if d.source_key}
        self.stored = self._articles(docs)
        self.pending = self._pending(uids | keys)
        self.state: dict[str, _Item] = {}
        self.owner_of: dict[str, str] = {}  # question uid and source key → uid, this batch
        for member, record in records:
            if isinstance(record, ParsedQuestion):
                self._question(member, record)
            elif isinstance(record, ParsedDossier):
                self._dossier(member, record)
        self.new_pending: list[PendingAnswer] = []
        for member, reply in replies:
            self._reply(member, reply)
        self._write()
        if self.new_pending:  # before the next batch, whose questions may claim them
            PendingAnswer.objects.bulk_create(self.new_pending, ignore_conflicts=True)
            self.any_pending = True

    # -- reading what is stored ------------------------------------------------------------

    def _articles(self, docs: list[Document]) -> dict[str, list[Article]]:
        found: dict[str, list[Article]] = defaultdict(list)
        if docs:
            for article in Article.objects.filter(text_uid__in=[d.uid for d in docs]).order_by(
                    "position", "article_id"):
                found[article.text_uid].append(article)
        return found

    def _pending(self, keys: set[str]) -> dict[str, list[PendingAnswer]]:
        found: dict[str, list[PendingAnswer]] = defaultdict(list)
        if self.any_pending and keys:
            for row in PendingAnswer.objects.filter(question_key__in=keys).order_by("id"):
                found[row.question_key].append(row)
        return found

    def _current(self, uid: str) -> tuple[ParsedQuestion, tuple[ParsedAnswer, ...]] | None:
        """The question as this batch or the database holds it, if it is a question."""
        if uid in self.state and self.state[uid].question is not None:
            return self.state[uid].question, self.state[uid].answers
        doc = self.by_uid.get(uid)
        if doc is None or (doc.details or {}).get("kind") != "question":
            return None
        texts = {a.article_id: (a.html, a.text) for a in self.stored.get(uid, [])}
        return stored_question(doc, texts)

    # -- records ---------------------------------------------------------------------------

    def _question(self, member: str, question: ParsedQuestion) -> None:
        current = self._current(question.id)
        chosen, answers = question, question.answers
        if current is not None:
            stored, stored_answers = current
            keep_stored = (question.listed_only and not stored.listed_only) or _is_older(
                question, stored, stored_answers)
            if keep_stored:
                chosen, answers = stored, stored_answers
                self.counts["older"] += int(not question.listed_only)
            elif not (question.carries_answers and question.answers):
                answers = stored_answers  # an answer published at the JO is never lost
        for key in {question.id, question.source_key} - {""}:
            answers = self._take_pending(key, answers)
        self.state[question.id] = _Item(self.by_uid.get(question.id), member, chosen, answers)
        self.owner_of[question.id] = question.id
        if question.source_key:
            self.owner_of[question.source_key] = question.id

    def _take_pending(self, key: str, answers: tuple[ParsedAnswer, ...]
                      ) -> tuple[ParsedAnswer, ...]:
        rows = self.pending.pop(key, [])
        for row in rows:
            meta = row.answer
            answers = merge_answers(answers, (answer_from(meta, meta.get("html", ""),
                                                          meta.get("text", "")),))
            self.counts["answers_linked"] += 1
        if rows:
            PendingAnswer.objects.filter(id__in=[r.id for r in rows]).delete()
        return answers

    def _dossier(self, member: str, dossier: ParsedDossier) -> None:
        doc = self.by_uid.get(dossier.id)
        stored_latest = (doc.details or {}).get("latest") if doc is not None else None
        latest = dossier.latest_date()
        if stored_latest and latest and latest.isoformat() < stored_latest:
            self.counts["older"] += 1
            self.outcome.setdefault(dossier.id, "unchanged")
            return
        self.state[dossier.id] = _Item(doc, member, dossier=dossier)

    def _reply(self, member: str, reply: ParsedReply) -> None:
        key = reply.question_key
        owner = self.owner_of.get(key)
        if owner is None:
            doc = self.by_uid.get(key) or self.by_key.get(key)
            owner = doc.uid if doc is not None else None
        current = self._current(owner) if owner else None
        if current is None:
            self._keep_pending(member, reply)
            return
        question, answers = current
        merged = merge_answers(answers, (reply.answer,))
        if owner in self.state:
            self.state[owner].answers = merged
        else:
            self.state[owner] = _Item(self.by_uid[owner], member, question, merged)

    def _keep_pending(self, member: str, reply: ParsedReply) -> None:
        answer = reply.answer
        self.new_pending.append(PendingAnswer(
            question_key=reply.question_key[:64], digest=answer_digest(answer),
            answer={**answer_meta(answer), "html": answer.html, "text": answer.text},
            delivery=self.delivery[:255], member=member[:512],
        ))
        self.counts["answers_pending"] += 1

    # -- writing ---------------------------------------------------------------------------

    def _write(self) -> None:
        new_rows: list[dict[str, Any]] = []
        updates: list[Document] = []
        bodies: list[tuple[str, str, list[tuple[str, str, str, str]]]] = []
        for uid, item in self.state.items():
            if item.question is not None:
                values, articles = question_row(item.question, item.answers)
            else:
                values, articles = dossier_row(item.dossier, self.today)
            digest = content_hash(values, articles)
            doc = item.doc
            if doc is None:
                new_rows.append(dict(values, uid=uid, content_hash=digest, version=1,
                                     delivery=self.delivery, member=item.member))
                self.outcome[uid] = "created"
            elif doc.content_hash == digest:
                self.outcome.setdefault(uid, "unchanged")
                continue
            else:
                self._keep_version(doc)
                for key, value in values.items():
                    setattr(doc, key, value)
                doc.content_hash, doc.delivery, doc.member = digest, self.delivery, item.member
                updates.append(doc)
                if self.outcome.get(uid) != "created":  # created earlier in this input
                    self.outcome[uid] = "updated"
            bodies.append((uid, item.member, articles))
        insert_rows(Document, new_rows)
        if updates:
            Document.objects.bulk_update(updates, UPDATED_FIELDS, batch_size=200)
            Article.objects.filter(text_uid__in=[d.uid for d in updates]).delete()
        insert_rows(Article, [
            {"article_id": article_id, "text_uid": uid, "num": num, "html": html, "text": text,
             "position": position, "delivery": self.delivery, "member": member}
            for uid, member, articles in bodies
            for position, (article_id, num, html, text) in enumerate(articles, start=1)
        ])

    def _keep_version(self, doc: Document) -> None:
        """Keep what readers saw before this input changed the document (once per input)."""
        # (A question a stopped run of this input created, which the run reading it again
        # changes, keeps the state the stopped run left: readers could see it meanwhile. Its
        # ``delivery`` cannot tell that run apart: the Assemblée's files keep their names.)
        created_here = self.outcome.get(doc.uid) == "created"
        if created_here or doc.uid in self.versioned or doc.status == LISTED:
            return
        state = dict(assembly.snapshot(doc, self.stored.get(doc.uid, [])),
                     rubric=doc.rubric, details=doc.details)
        assembly.record_version(doc, {"hash": doc.content_hash, "version": doc.version,
                                      "state": state}, self.delivery)
        self.versioned.add(doc.uid)


def merge_answers(answers: tuple[ParsedAnswer, ...], extra: tuple[ParsedAnswer, ...]
                  ) -> tuple[ParsedAnswer, ...]:
    """Both sets of answers, each once, in order of publication."""
    seen = {answer_digest(a) for a in answers}
    merged = list(answers) + [a for a in extra if answer_digest(a) not in seen]
    return tuple(sorted(merged, key=lambda a: (a.published.date or date.min)))


def _is_older(incoming: ParsedQuestion, stored: ParsedQuestion,
              stored_answers: tuple[ParsedAnswer, ...]) -> bool:
    """True when the incoming record knows of nothing as recent as the stored one.

    Answers count only when the incoming record carries its answers: a Sénat question row
    (answers in another table) is compared on the question's own dates.
    """
    new = incoming.latest_date()
    days = [stored.latest_date()]
    if incoming.carries_answers:
        days += [a.published.date for a in stored_answers]
    known = [d for d in days if d]
    return bool(new and known and new < max(known))
