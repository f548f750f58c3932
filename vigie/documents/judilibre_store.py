"""Court decisions of Judilibre as documents of « Jurisprudence »: ``vigie ingest`` takes an
answer of the API saved to a file (one decision, a page of results, the published samples'
``resolved`` list; told by its content) and stores one ``Document`` per decision, keyed by
Judilibre's id (``JURI`` + digest), in the rubric « jurisprudence ».

The same file again is skipped; a decision published again (in another file, or changed
upstream) updates what changed (``content_hash``) and keeps the day it was first shown. A
decision once read with its text keeps the parties and reasoning it showed when a later list
gives only its highlights. A decision a file gives twice is taken once (the last), said as an
anomaly; a decision or a nested field that cannot be read is an anomaly, and the rest goes on.

A decision of a local court (cour d'appel, tribunal) belongs to the département of its seat
(``reference.courts``); one of the Cour de cassation to none.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

from django.db import transaction

from vigie.documents import followups
from vigie.documents.file_deliveries import done_before, end_delivery, head_is, read_whole
from vigie.documents.ingest import (
    InputReport,
    begin_delivery,
    count,
    unreadable,
)
from vigie.documents.models import Document
from vigie.documents.outside_items import Stored, digest, save_item
from vigie.parsing.clipping import clip, first_sentence
from vigie.parsing.judilibre import CaseDecision, JudilibreError, is_judilibre, read_judilibre
from vigie.reference.courts import court_seat
from vigie.reference.french import french_date

JUDILIBRE_FLOW = "judilibre"
RUBRIC = "jurisprudence"
ORIGIN = "Judilibre"  # the Cour de cassation's site, where every judicial court publishes
HEAD = 65536  # a single decision may open on its text: its metadata come further
CHUNK = 500  # decisions written together, in one transaction
# Read from the text once: kept when a later answer gives only the search's highlights.
FROM_TEXT = ("parties", "reasons")


def decision_uid(key: str) -> str:
    return "JURI" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:28]


def is_judilibre_input(path: Path) -> bool:
    """A file holding an answer of Judilibre, told by its content."""
    return head_is(path, HEAD, is_judilibre)


def ingest_judilibre(path: Path, *, force: bool = False, today: date | None = None
                     ) -> InputReport:
    """Store the decisions of one Judilibre file; never raises for bad data. A file over
    ``VIGIE_INGEST_MAX_FILE_MB`` is refused unread. The delivery is recorded as begun before
    the first write (``vigie repair`` reads it again if a run stops midway), as done at its
    end; ``today``: the day a decision Judilibre does not date is first shown."""
    report = InputReport.of(path)
    read = _read(path)
    if isinstance(read, str):
        return unreadable(report, read)
    sha256, size, decisions, problems = read
    name = report.delivery
    if done_before(report, sha256, force):
        return report
    started = begin_delivery(path, sha256, size)
    chosen, repeats = once_each(decisions)
    problems = [*problems, *repeats]
    stored = store_decisions(chosen, name, today or date.today())
    report.counts.update(stored.counts)
    report.touched = stored.touched
    end_delivery(report, sha256, size, started, len(decisions), stored.counts, problems)
    c = report.counts
    lines = count(len(decisions), "décision lue", "décisions lues")
    report.summary = (f"{name} : Judilibre, {lines}, {count(c['created'], 'créée', 'créées')}, "
                      f"{c['updated']} mise(s) à jour, {c['unchanged']} inchangée(s), "
                      f"{count(len(problems), 'anomalie', 'anomalies')}.")
    return report


def _read(path: Path) -> tuple[str, int, list[CaseDecision], list[str]] | str:
    """(sha256, size, decisions, problems) of a Judilibre file, or why it cannot be read."""
    read = read_whole(path)
    if isinstance(read, str):
        return read
    sha256, size, data = read
    try:
        return sha256, size, *read_judilibre(data)
    except JudilibreError as error:
        return str(error)


def once_each(decisions: list[CaseDecision]) -> tuple[dict[str, CaseDecision], list[str]]:
    """uid → decision (the last of a file that gives one twice), and a French line for each
    decision given more than once."""
    chosen: dict[str, CaseDecision] = {}
    seen: dict[str, int] = {}
    for decision in decisions:
        uid = decision_uid(decision.id)
        chosen[uid] = decision
        seen[decision.id] = seen.get(decision.id, 0) + 1
    repeats = [f"décision {key} donnée {n} fois dans le fichier : la dernière est gardée"
               for key, n in seen.items() if n > 1]
    return chosen, repeats


def store_decisions(decisions: dict[str, CaseDecision], delivery: str, today: date) -> Stored:
    """One document per decision (uid → decision); unchanged ones are not written. ``CHUNK``
    at a time, each chunk in its own transaction with its follow-ups (analysis, editions)."""
    stored = Stored()
    uids = list(decisions)
    for start in range(0, len(uids), CHUNK):
        with transaction.atomic():
            chunk = uids[start:start + CHUNK]
            known = {d.uid: d for d in Document.objects.filter(uid__in=chunk)}
            changed = {uid for uid in chunk if save_item(
                known.get(uid), uid, decision_values(decisions[uid], known.get(uid), delivery,
                                                     today), stored)}
            stored.flush()
            if changed:
                followups.record(delivery, changed)
    return stored


def official_title(decision: CaseDecision) -> str:
    """« Cour de cassation, Troisième chambre civile, 12 mars 2021, n° 19-15.907 »."""
    parts = [decision.court, decision.chamber,
             french_date(decision.decided) if decision.decided else "",
             f"n°\u00a0{decision.number}" if decision.number else ""]
    return ", ".join(p for p in parts if p) or f"Décision {decision.id}"


def subject_title(decision: CaseDecision) -> str:
    """What the decision is about, as a headline: its themes (« Expropriation pour cause
    d'utilité publique : indemnité, fixation »), else its sommaire's first sentence, cut by the
    one rule (``parsing.clipping``); "" when it has neither."""
    if decision.themes:
        head, *rest = decision.themes
        line = head[:1].upper() + head[1:] + (f" : {', '.join(rest[:3])}" if rest else "")
        return clip(line, 250)
    if decision.summary:
        return clip(first_sentence(decision.summary).removesuffix("."), 200)
    return ""


def decision_details(decision: CaseDecision, doc: Document | None) -> dict:
    """What is kept of a decision (``details``): its facts, what the selection reads, its
    page; the parties and reasoning read once from its text kept when this answer has none."""
    before = (doc.details or {}) if doc is not None else {}
    seat = court_seat(decision.court)
    details = {
        "kind": "decision", "id": decision.id, "url": decision.url, "source": ORIGIN,
        "court": decision.court, "jurisdiction": decision.jurisdiction,
        "chamber": decision.chamber, "number": decision.number, "ecli": decision.ecli,
        "decided": decision.decided.isoformat() if decision.decided else None,
        "solution": decision.solution, "decision_kind": decision.kind,
        "formation": decision.formation, "publication": list(decision.publication),
        "summary": decision.summary, "themes": list(decision.themes),
        "subject": subject_title(decision),
        "titles": list(decision.titles), "visa": list(decision.visa),
        "contested": decision.contested, "nac": decision.nac,
        "parties": decision.parties, "reasons": decision.reasons,
        "seat": seat.commune if seat else "",
        "departements": [seat.departement] if seat else [],
        "full_text_allowed": False, "licence": "Licence Ouverte 2.0",
    }
    if not decision.parties and before.get("parties"):
        details.update({name: before.get(name, "") for name in FROM_TEXT})
    return details


def decision_values(decision: CaseDecision, doc: Document | None, delivery: str,
                    today: date) -> dict:
    """The document's columns for a decision (its first day kept once shown)."""
    details = decision_details(decision, doc)
    title = official_title(decision)
    day = (doc.date_publi if doc is not None and doc.date_publi else decision.updated or today)
    line = title + (f" — {decision.ecli}" if decision.ecli else "")
    return {"rubric": RUBRIC, "flow": JUDILIBRE_FLOW, "nature": decision.kind[:64],
            "number": decision.number[:64], "title": title,
            "short_title": (details["subject"] or title)[:255],
            "ministry": decision.court[:255], "date_text": decision.decided,
            "date_publi": day, "origine_publi": line[:255], "details": details,
            "delivery": delivery[:255], "member": decision.id[:512],
            "content_hash": digest(details, title)}
