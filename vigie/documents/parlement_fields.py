"""How a parsed question or dossier becomes a stored ``Document``: columns, body, details.

A question is stored in rubric ``reponses`` with its text and each answer as articles
(``<uid>-Q``, ``<uid>-R1``…), and what only questions have (author, ministries, JO references,
status) in ``Document.details``; the text of an answer lives in its article only, ``details``
keeps its metadata. A dossier is stored in rubric ``parlement``, its steps in ``details`` and,
as text for search and analysis, in one article ``<uid>-E``. The content hash covers what a
reader sees, so that delivering the same question again changes nothing.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from datetime import date
from typing import Any

from vigie.parsing.parlement_model import (
    CHAMBER_LABELS,
    JO_DEBATES,
    SENAT,
    Attribution,
    Author,
    DossierStep,
    JoReference,
    ParsedAnswer,
    ParsedDossier,
    ParsedQuestion,
)
from vigie.reference.capitals import sentence_case
from vigie.reference.french import french_date

REPONSES, PARLEMENT = "reponses", "parlement"
# Document.status of Parliament items (JO texts use complete / incomplete / sommaire).
ANSWERED, AWAITING, CLOSED, LISTED = "answered", "awaiting", "closed", "listed"
IN_PROGRESS, PROMULGATED = "in_progress", "promulgated"
STATUS_LABELS = {
    ANSWERED: "réponse publiée", AWAITING: "en attente de réponse",
    CLOSED: "close sans réponse connue (retirée, caduque…)",
    LISTED: "connue par une liste de résultats seulement (texte non encore lu)",
    IN_PROGRESS: "en cours d'examen", PROMULGATED: "loi promulguée",
}

Article = tuple[str, str, str, str]  # (article id, num, html, text)


def jo_dict(ref: JoReference) -> dict[str, Any]:
    return {"date": _iso(ref.date), "page": ref.page, "number": ref.number, "kind": ref.kind,
            "url": ref.url}


def jo_from(values: dict[str, Any] | None) -> JoReference:
    values = values or {}
    return JoReference(day_of(values.get("date")), values.get("page", ""),
                       values.get("number", ""), values.get("kind", ""), values.get("url", ""))


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def answer_meta(answer: ParsedAnswer) -> dict[str, Any]:
    """What ``details`` keeps of an answer (its text is in its article)."""
    return {"published": jo_dict(answer.published), "ministry": answer.ministry,
            "erratum": answer.erratum, "erratum_published": jo_dict(answer.erratum_published),
            "digest": answer_digest(answer)}


def answer_digest(answer: ParsedAnswer) -> str:
    """Identity of an answer: the same answer delivered twice is recognised."""
    raw = f"{_iso(answer.published.date)}\x1f{answer.text}"
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def answer_from(meta: dict[str, Any], html: str, text: str) -> ParsedAnswer:
    return ParsedAnswer(html, text, jo_from(meta.get("published")), meta.get("ministry", ""),
                        meta.get("erratum", ""), jo_from(meta.get("erratum_published")))


def publication_line(chamber: str, label: str, ref: JoReference) -> str:
    """« Réponse publiée au JO Sénat du 18 mars 2016, p. 1234 » (ID.CiTé's reference line)."""
    if ref.date is None:
        return ""
    where = "JO Sénat" if chamber == SENAT else "JO AN"
    if ref.kind == JO_DEBATES:
        where += " (débats)"
    line = f"{label} au {where} du {french_date(ref.date)}"
    return line + (f", p. {ref.page}" if ref.page else "")


def edition_date(question: ParsedQuestion, answers: tuple[ParsedAnswer, ...]) -> date | None:
    """The day a question belongs to (``Document.date_publi``, what ``vigie export --date``
    and the editions select on).

    An answered question is placed on the day its (latest) answer was published at the JO:
    the answer is the news — how the administration reads its own rule — and it often comes
    months after the question, which was of little use to readers on its own. A question still
    awaiting its answer stays on the day it was published at the JO, so that a day's export
    lists what the JO carried that day (editions will leave unanswered questions out).
    """
    answered = [a.published.date for a in answers if a.published.date]
    if answered:
        return max(answered)
    return question.published.date or (
        question.attributions[0].date if question.attributions else None)


def question_status(question: ParsedQuestion, answers: tuple[ParsedAnswer, ...]) -> str:
    if answers:
        return ANSWERED
    if question.listed_only:
        return LISTED
    # Closed (withdrawn, lapsed at the end of a term…) without an answer: a closing date.
    return CLOSED if question.closed is not None else AWAITING


def question_row(question: ParsedQuestion, answers: tuple[ParsedAnswer, ...]
                 ) -> tuple[dict[str, Any], list[Article]]:
    """Document column values (``details`` included) and the body of a question."""
    latest = next((a for a in reversed(answers) if a.published.date), None)
    ministry = (latest.ministry if latest else "") or (
        question.attributions[-1].ministry if question.attributions else question.ministry_asked)
    origin = publication_line(question.chamber, "Réponse publiée", latest.published) if latest \
        else publication_line(question.chamber, "Question publiée", question.published)
    keywords = list(dict.fromkeys(k for k in (question.heading, *question.keywords) if k))
    values = {
        "rubric": REPONSES, "flow": question.source, "nature": question.kind,
        "number": question.number[:64],
        "title": readable_title(question.title) or _untitled(question),
        "ministry": ministry[:255], "date_text": question.published.date or (
            question.attributions[0].date if question.attributions else None),
        "date_publi": edition_date(question, answers),
        "jo_number": (latest.published.number if latest else question.published.number)[:16],
        "origine_publi": origin[:255], "section": question.rubrique[:512], "keywords": keywords,
        "status": question_status(question, answers), "source_key": question.source_key,
        "details": _question_details(question, answers),
    }
    return values, question_articles(question, answers)


def readable_title(title: str) -> str:
    """A title the chamber wrote in capitals (« PROJET DE RÉFORME DES RETRAITES ») in sentence
    case, names kept (« Loi relative à la Corse »), as the edition's short title already is;
    an acronym alone (« DGF ») stays. The parser did so already with the file's evidence
    (``parlement_dispatch.cased``); this is for records read apart (the Sénat dump's rows)."""
    return sentence_case(title)


def _untitled(question: ParsedQuestion) -> str:
    return f"Question n° {question.number} ({CHAMBER_LABELS.get(question.chamber, '')})"


def _question_details(question: ParsedQuestion, answers: tuple[ParsedAnswer, ...]
                      ) -> dict[str, Any]:
    return {
        "kind": "question", "chamber": question.chamber, "legislature": question.legislature,
        "author": asdict(question.author), "ministry_asked": question.ministry_asked,
        "attributions": [{"ministry": a.ministry, "short": a.short, "date": _iso(a.date)}
                         for a in question.attributions],
        "question_published": jo_dict(question.published),
        "answers": [answer_meta(a) for a in answers],
        "closing": {"code": question.status, "label": question.status_label,
                    "date": _iso(question.closed)},
        "errata": list(question.errata), "url": question.url,
        "heading": question.heading, "analyses": list(question.keywords),
        "listed_only": question.listed_only, "source": question.source,
        "latest": _iso(_latest(question, answers)),
    }


def _latest(question: ParsedQuestion, answers: tuple[ParsedAnswer, ...]) -> date | None:
    days = [question.latest_date(), *(a.published.date for a in answers)]
    known = [d for d in days if d]
    return max(known) if known else None


def stored_question(doc: Any, articles: dict[str, tuple[str, str]]
                    ) -> tuple[ParsedQuestion, tuple[ParsedAnswer, ...]]:
    """The question and answers a stored document holds (``articles``: id → (html, text));
    the inverse of :func:`question_row`, so that a late answer can be added to it."""
    d = doc.details or {}
    html, text = articles.get(f"{doc.uid}-Q", ("", ""))
    closing = d.get("closing") or {}
    question = ParsedQuestion(
        id=doc.uid, chamber=d.get("chamber", ""), source=d.get("source") or doc.flow,
        kind=doc.nature, legislature=d.get("legislature", ""), number=doc.number,
        title=doc.title, rubrique=doc.section, heading=d.get("heading", ""),
        keywords=tuple(d.get("analyses") or ()), author=Author(**(d.get("author") or {})),
        ministry_asked=d.get("ministry_asked", ""),
        attributions=tuple(Attribution(a.get("ministry", ""), a.get("short", ""),
                                       day_of(a.get("date"))) for a in d.get("attributions") or []),
        html=html, text=text, published=jo_from(d.get("question_published")),
        status=closing.get("code", ""), status_label=closing.get("label", ""),
        closed=day_of(closing.get("date")), errata=tuple(d.get("errata") or ()),
        url=d.get("url", ""), source_key=doc.source_key,
        listed_only=bool(d.get("listed_only")),
    )
    answers = tuple(
        answer_from(meta, *articles.get(f"{doc.uid}-R{n}", ("", "")))
        for n, meta in enumerate(d.get("answers") or [], start=1))
    return question, answers


def day_of(value: str | None) -> date | None:
    """A date stored as ISO text (None stays None)."""
    return date.fromisoformat(value) if value else None


def question_articles(question: ParsedQuestion, answers: tuple[ParsedAnswer, ...]
                      ) -> list[Article]:
    articles: list[Article] = []
    if question.text:
        articles.append((f"{question.id}-Q", "Question", question.html, question.text))
    for number, answer in enumerate(answers, start=1):
        if answer.text:  # an oral answer may be known by its JO reference only
            articles.append((f"{question.id}-R{number}", "Réponse", answer.html, answer.text))
        if answer.erratum:
            articles.append((f"{question.id}-E{number}", "Erratum", "", answer.erratum))
    return articles


def dossier_row(dossier: ParsedDossier, today: date) -> tuple[dict[str, Any], list[Article]]:
    """Document column values and the body (its steps as text) of a dossier."""
    done = [s for s in dossier.steps if s.date and s.date <= today]
    last = max(done, key=lambda s: s.date) if done else None
    first_day = min((s.date for s in dossier.steps if s.date), default=None)
    origin = dossier.law + (
        f", parue au JO n° {dossier.law_published.number} du "
        f"{french_date(dossier.law_published.date)}" if dossier.law_published.date else "")
    values = {
        "rubric": PARLEMENT, "flow": dossier.source, "nature": dossier.procedure[:64],
        "title": dossier.title, "short_title": "", "ministry": "", "date_text": first_day,
        "date_publi": dossier.law_published.date or (last.date if last else first_day),
        "origine_publi": (origin or (step_line(last) if last else ""))[:255],
        "section": (" — ".join(p for p in (last.stage, last.place) if p) if last else "")[:512],
        "keywords": list(dossier.themes),
        "status": PROMULGATED if dossier.law else IN_PROGRESS, "source_key": "",
        "details": {
            "kind": "dossier", "chamber": dossier.chamber, "legislature": dossier.legislature,
            "long_title": dossier.long_title, "procedure": dossier.procedure,
            "accelerated": _iso(dossier.accelerated),
            "steps": [_step_dict(s) for s in dossier.steps],
            "law": dossier.law, "law_date": _iso(dossier.law_date),
            "law_published": jo_dict(dossier.law_published), "law_id": dossier.law_id,
            "url": dossier.url, "other_url": dossier.other_url,
            "latest": _iso(dossier.latest_date()),
        },
    }
    body = "\n".join(step_line(s) for s in dossier.steps)
    articles = [(f"{dossier.id}-E", "Étapes", "", body)] if body else []
    return values, articles


def _step_dict(step: DossierStep) -> dict[str, Any]:
    return {"date": _iso(step.date), "stage": step.stage, "place": step.place,
            "label": step.label, "code": step.code, "url": step.url,
            "details": list(step.details)}


def step_line(step: DossierStep) -> str:
    """« 23 juillet 2008 — 1ère lecture, Sénat : Texte n° 488… »."""
    when = french_date(step.date) if step.date else "date inconnue"
    where = ", ".join(p for p in (step.stage, step.place) if p)
    return f"{when} — {where} : {step.label}" if step.label else f"{when} — {where}"


def content_hash(values: dict[str, Any], articles: list[Article]) -> str:
    """sha256 over what a reader sees (provenance and status bookkeeping left out)."""
    payload = {k: v for k, v in values.items() if k not in {"flow", "source_key"}}
    payload["details"] = {k: v for k, v in (values.get("details") or {}).items()
                          if k != "latest"}
    payload["articles"] = [list(a) for a in articles]
    raw = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                     default=_iso)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()
