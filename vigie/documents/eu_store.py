"""Acts of EU law as documents of « Union européenne »: ``vigie ingest`` takes a Cellar notice
(object or tree) or an answer of EUR-Lex's web service saved to a file (told by its content,
``parsing.cellar``) and stores one ``Document`` per act, keyed by its CELEX number
(``CELEX32019L0904``), in the rubric « europe ».

The same file again is skipped. A later notice of an act already stored updates it, never
duplicates it: what the later notice says wins, what only the earlier one said is kept (an
object notice of the work gives the dates and the classification, the notice of one of its
expressions the title in that language: read one after the other, the act has both).

The day an act is shown on (``date_publi``) is its publication in the Official Journal; an act
first read without it (its French expression's notice before its work's) is shown on the
day it was ingested, a placeholder: once a notice gives the publication, the act moves there
and the editions of both days are rebuilt (the day it left recorded with the follow-up). A
day that came from the publication does not move: a later delivery never shifts an act
already shown. Whether the day is a placeholder is read from what was stored: the act kept
had no publication (the only way a day was ever not its publication). Anything the reader
could not read is an anomaly, and the rest goes on.

An act of the Union applies in every département: it has none of its own (every edition).
"""

from __future__ import annotations

import re
from dataclasses import asdict, fields
from datetime import date
from pathlib import Path

from django.db import transaction

from vigie.documents import followups
from vigie.documents.file_deliveries import done_before, end_delivery, head_is, read_whole
from vigie.documents.ingest import InputReport, begin_delivery, count, unreadable
from vigie.documents.models import Document
from vigie.documents.outside_items import Stored, digest, save_item
from vigie.parsing.celex import kind_label
from vigie.parsing.cellar import HEAD, CellarError, is_eu_notice, read_cellar
from vigie.parsing.clipping import clip
from vigie.parsing.eu_act import EuAct, Reading, merged

EU_FLOW = "eurlex"
RUBRIC = "europe"
ORIGIN = "EUR-Lex"  # the Publications Office's site, where every act is given in French
AUTHOR = "Union européenne"
LICENCE = "Réutilisation autorisée (décision 2011/833/UE de la Commission)"
_DATES = ("document_date", "published", "in_force_from")


def act_uid(celex: str) -> str:
    """« CELEX32019L0904 » (a corrigendum's parentheses dropped: « …R01 »)."""
    return "CELEX" + re.sub(r"[()]", "", celex)


def is_eu_input(path: Path) -> bool:
    """A file holding a Cellar notice or an answer of EUR-Lex, told by its content."""
    return head_is(path, HEAD, is_eu_notice)


def ingest_eu(path: Path, *, force: bool = False, today: date | None = None) -> InputReport:
    """Store the acts of one file; never raises for bad data. A file over
    ``VIGIE_INGEST_MAX_FILE_MB`` is refused unread. The delivery is recorded as begun before
    the first write, as done at its end; ``today``: the day an act the file does not say
    published is first shown."""
    report = InputReport.of(path)
    read = read_whole(path)
    if isinstance(read, str):
        return unreadable(report, read)
    sha256, size, data = read
    try:
        reading = read_cellar(data)
    except CellarError as error:
        return unreadable(report, str(error))
    if done_before(report, sha256, force):
        return report
    started = begin_delivery(path, sha256, size)
    stored = store_acts(reading.acts, report.delivery, today or date.today())
    report.counts.update(stored.counts)
    report.touched = stored.touched
    end_delivery(report, sha256, size, started, len(reading.acts), stored.counts,
                 reading.problems)
    report.summary = _summary(report, reading)
    return report


def _summary(report: InputReport, reading: Reading) -> str:
    c = report.counts
    left = reading.left_out()
    return (f"{report.delivery} : {reading.shape}, "
            f"{count(len(reading.acts), 'acte lu', 'actes lus')}, "
            f"{count(c['created'], 'créé', 'créés')}, {c['updated']} mis à jour, "
            f"{c['unchanged']} inchangé(s), "
            f"{count(len(reading.problems), 'anomalie', 'anomalies')}"
            + (f" ; non repris (hors actes juridiques) : {left}" if left else "") + ".")


def store_acts(acts: list[EuAct], delivery: str, today: date) -> Stored:
    """One document per act; unchanged ones are not written. One transaction, with the
    follow-ups (analysis, editions) of the acts written."""
    stored = Stored()
    with transaction.atomic():
        uids = {act_uid(act.celex): act for act in acts}
        known = {d.uid: d for d in Document.objects.filter(uid__in=list(uids))}
        shown = {uid: doc.date_publi for uid, doc in known.items()}  # before any write
        values = {uid: act_values(act, known.get(uid), delivery, today)
                  for uid, act in uids.items()}
        changed = {uid for uid in uids if save_item(known.get(uid), uid, values[uid], stored)}
        stored.flush()
        # A placeholder day corrected: that day's editions must let the act go.
        left = {shown[uid] for uid in changed & set(shown)
                if shown[uid] and shown[uid] != values[uid]["date_publi"]}
        if changed:
            followups.record(delivery, changed, days=left)
    return stored


def act_details(act: EuAct) -> dict:
    """What is kept of an act (``details``): the record itself (``act_of`` reads it back),
    and what pages and the selection show of it."""
    record = asdict(act)
    for name in _DATES:
        record[name] = record[name].isoformat() if record[name] else None
    record["titles"] = [list(pair) for pair in act.titles]  # (a list: jsonb sorts keys)
    journal = act.journal
    return {**record, "kind": "act", "url": act.url, "source": ORIGIN, "name": act.name,
            "act_kind": kind_label(act.code, act.resource_type), "title_fr": act.title_fr,
            "journal": journal.reference if journal else "", "departements": [],
            "full_text_allowed": False, "licence": LICENCE}


def act_of(details: dict) -> EuAct | None:
    """The act a document keeps (None for a document stored otherwise)."""
    if details.get("kind") != "act" or not details.get("celex"):
        return None
    values = {f.name: details.get(f.name) for f in fields(EuAct) if f.name in details}
    for name in _DATES:
        values[name] = date.fromisoformat(values[name]) if values.get(name) else None
    values["titles"] = tuple((str(lang), str(title)) for lang, title in values.get("titles") or ())
    for name in ("concepts", "directory", "subjects"):
        values[name] = tuple(values.get(name) or ())
    return EuAct(**values)


def reference_line(act: EuAct) -> str:
    """« CELEX 32019L0904 — JO L 155 du 12.6.2019, p. 1-19 »: the identifiers readers look
    the act up by (the ELI, an ``http://`` address, is shown where it is no link: pages)."""
    journal = act.journal
    return " — ".join(p for p in (f"CELEX {act.celex}", journal.reference if journal else "")
                      if p)


def shown_day(doc: Document | None, before: EuAct | None, act: EuAct) -> date | None:
    """The day an act stored keeps: the one it is shown on, unless that day was a placeholder
    (the act stored had no publication: it was given the day it was ingested) and ``act``,
    the act now known, has its publication (None: the act takes it)."""
    if doc is None or doc.date_publi is None:
        return None
    placeholder = before is not None and before.published is None
    return None if placeholder and act.published is not None else doc.date_publi


def act_values(act: EuAct, doc: Document | None, delivery: str, today: date) -> dict:
    """The document's columns for an act: what an earlier notice said kept, unless this one
    says otherwise; its day: its publication, or ``today`` until one is known, kept once it
    is the publication."""
    before = act_of(doc.details or {}) if doc is not None else None
    act = merged(before, act) if before is not None else act
    details = act_details(act)
    title = act.title_fr or act.name
    day = shown_day(doc, before, act) or act.published or today
    return {"rubric": RUBRIC, "flow": EU_FLOW, "nature": details["act_kind"][:64],
            "number": act.celex[:64], "eli": act.eli[:255], "title": title,
            "short_title": clip(title, 250), "ministry": AUTHOR,
            "date_text": act.document_date, "date_publi": day,
            "origine_publi": reference_line(act)[:255], "details": details,
            "delivery": delivery[:255], "member": act.celex[:512],
            "content_hash": digest(details, title)}
