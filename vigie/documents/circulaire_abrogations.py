"""The DILA's frozen list of abrogated circulaires (``CIRCULAIRES/txt/abroge_txt.tar``, 2013 to
January 2015) given to ``vigie ingest`` or fetched by ``vigie sync --source circulaires``: told
by its name, or as an archive whose first file is a ``.txt`` list of ``cir_<ID>`` paths.

Each id it names is remembered (``CirculaireAbrogation``, one row per id), whether or not the
circulaire is stored yet, and a stored one is marked « abrogée » as an export with ``ETAT`` A
marks it (nature « Circulaire (abrogée) », left out by the selection; its editions already
published do not change), unless its kept export dates from after the list: a re-export in
force by the flow, since 2015, is the DILA's later word (the list stopped, the flow did not).
A circulaire read later from a stock, in force there, is stored abrogated
(``circulaire_store.held_abrogated``): the list read before the stock is not undone by it.

The same list again is skipped; read again (``--force``), it changes nothing. Unreadable lines
are counted, one anomaly per file that has some (never one per line).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from django.db import transaction

from vigie.config import max_file_bytes
from vigie.documents import followups
from vigie.documents.circulaire_store import (
    CHUNK,
    circulaire_uid,
    circulaire_values,
)
from vigie.documents.file_deliveries import done_before, end_delivery
from vigie.documents.ingest import InputReport, begin_delivery, count, unreadable
from vigie.documents.models import CirculaireAbrogation, Delivery, Document
from vigie.documents.outside_items import Stored, save_item
from vigie.parsing.abrogations import (
    is_later_than_list,
    is_list_name,
    read_abrogation_list,
)
from vigie.parsing.circulaire import ABROGATED, VALID, Circulaire
from vigie.sources.archives import (
    InputError,
    Member,
    MemberProblem,
    input_fingerprint,
    iter_members,
)

NOT_A_LIST = "pas une liste de circulaires abrogées (fichier .txt attendu) : non lu"


@dataclass
class _Lists:
    """What the archive's files name: ids (with their line), in the order read; problems."""

    listed: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    files: int = 0

    def take(self, member: Member) -> None:
        """One file of the archive: a list read, anything else said."""
        if not is_list_name(member.name):
            self.problems.append(f"{member.name} : {NOT_A_LIST}")
            return
        self.files += 1
        found = read_abrogation_list(member.data)
        for key, line in found.listed:
            self.listed.setdefault(key, line)
        if found.unreadable:
            lines = count(found.unreadable, "ligne illisible ignorée", "lignes illisibles ignorées")
            self.problems.append(
                f"{member.name} : {lines} (chemin de circulaire « AAAA/MM/cir_<ID>.pdf » ou "
                f".xml attendu), la première à la ligne {found.example_line} : « {found.example} »")


def ingest_abrogations(path: Path, *, force: bool = False) -> InputReport:
    """Remember the ids of the list and mark the stored circulaires it names abrogated;
    never raises for bad data."""
    report = InputReport.of(path)
    lists = _Lists()
    try:
        sha256, size = input_fingerprint(path)
        members = iter_members(path, on_other=lists.take, max_bytes=max_file_bytes())
    except InputError as error:
        return unreadable(report, str(error))
    if done_before(report, sha256, force):
        return report
    started = begin_delivery(path, sha256, size)
    for member in members:  # (its XML files: no list; the text files go to ``lists``)
        if isinstance(member, MemberProblem):
            lists.problems.append(f"{member.name} : {member.message}")
            report.counts["refused"] += member.refused or member.fatal
        else:
            lists.problems.append(f"{member.name} : {NOT_A_LIST}")
    if not lists.files:
        lists.problems.append(f"{report.delivery} : aucune liste .txt de circulaires abrogées")
    stored = _store(lists.listed, report.delivery)
    report.counts.update(stored.counts)
    report.touched = stored.touched
    end_delivery(report, sha256, size, started, lists.files, stored.counts, lists.problems)
    if report.counts["refused"]:  # (cut or too big: read again without --force)
        report.status = "partial"
        Delivery.objects.filter(name=report.delivery, sha256=sha256).update(
            status=Delivery.STATUS_PARTIAL)
    report.summary = _summary(report.delivery, len(lists.listed), stored.counts,
                              len(lists.problems))
    return report


def _summary(delivery: str, listed: int, c: Counter[str], problems: int) -> str:
    """« abroge_txt.tar : 15 circulaires listées, 12 circulaires marquées abrogées, 3 pas
    encore connues (notées), 1 anomalie. », with those already abrogated and those kept in
    force when there are some."""
    parts = [count(listed, "circulaire listée", "circulaires listées"),
             count(c["marked"], "circulaire marquée abrogée", "circulaires marquées abrogées"),
             count(c["noted"], "pas encore connue (notée)", "pas encore connues (notées)")]
    if c["already"]:
        parts.append(count(c["already"], "déjà abrogée", "déjà abrogées"))
    if c["in_force"]:
        parts.append(count(c["in_force"], "gardée en vigueur (réexportée après la liste)",
                           "gardées en vigueur (réexportées après la liste)"))
    parts.append(count(problems, "anomalie", "anomalies"))
    return f"{delivery} : {', '.join(parts)}."


def _store(listed: dict[str, str], delivery: str) -> Stored:
    """Every id remembered, the stored circulaires marked, by chunks, each in one
    transaction with the follow-ups (analysis, editions) of those marked."""
    stored = Stored()
    items = list(listed.items())
    for start in range(0, len(items), CHUNK):
        with transaction.atomic():
            _store_chunk(dict(items[start:start + CHUNK]), delivery, stored)
    # What the delivery's record counts: the circulaires it changed, and those it did not.
    stored.counts["updated"] = stored.counts["marked"]
    stored.counts["unchanged"] = stored.counts["already"] + stored.counts["in_force"]
    return stored


def _store_chunk(listed: dict[str, str], delivery: str, stored: Stored) -> None:
    CirculaireAbrogation.objects.bulk_create(
        [CirculaireAbrogation(circulaire=key, line=line, delivery=delivery[:255])
         for key, line in listed.items()], ignore_conflicts=True)  # (named before: kept)
    docs = {d.uid: d for d in Document.objects.filter(
        uid__in=[circulaire_uid(key) for key in listed])}
    before = set(stored.touched)
    for key in listed:
        doc = docs.get(circulaire_uid(key))
        details = (doc.details or {}) if doc is not None else {}
        if doc is None:
            stored.counts["noted"] += 1
        elif details.get("abrogated"):
            stored.counts["already"] += 1
        elif is_later_than_list(details.get("exported", "")):
            stored.counts["in_force"] += 1
        else:
            c = replace(stored_circulaire(doc), state=ABROGATED, listed=True)
            save_item(doc, doc.uid, circulaire_values(c, doc, delivery), Stored())
            stored.touched.add(doc.uid)
            stored.counts["marked"] += 1
    followups.record(delivery, stored.touched - before)


def stored_circulaire(doc: Document) -> Circulaire:
    """The circulaire a stored document keeps (``circulaire_store.circulaire_details``)."""
    d = doc.details or {}
    return Circulaire(
        id=str(d.get("id", "")), title=doc.title, state=str(d.get("state") or VALID),
        nor=d.get("nor", ""), signed=date.fromisoformat(d["signed"]) if d.get("signed") else None,
        author=d.get("author", ""), summary=d.get("summary", ""), pdf=d.get("pdf", ""),
        references=tuple(d.get("references") or ()), exported=d.get("exported", ""),
        listed=bool(d.get("listed")))
