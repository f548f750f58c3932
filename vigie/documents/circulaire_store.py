"""Circulaires of the DILA CIRCULAIRES fund as documents of « Circulaires et instructions »:
``vigie ingest`` takes a ``cir_<ID>.xml`` file given alone (or told by its content), each such
file of a folder, or an archive (``.tar.gz``, ``.tgz``, ``.tar``) of them (told by its name,
as the fund names its archives, or by its first XML file's; its PDF files are left aside),
and stores one ``Document`` per circulaire id (``CIRC45205``), in the rubric « circulaires ».

The same input again is skipped. A later export of an id replaces what an earlier one said,
by the export's date (``DATE_EXPORT``, else ``DATE_DEPOT``): an export older than the one kept
replaces nothing and is counted « inchangée » (a stock of 2012 read after this year's flow
changes nothing); of two exports of the same date, or without one, the one read last wins
(within an archive, the last file of that id). The day it was first shown does not move, so
that a circulaire abrogated since (``ETAT`` A) is marked « abrogée » on its page and is not
shown as news again (the selection leaves it out). A file that cannot be read is an anomaly,
and the rest goes on. A file of one of the fund's archives that does not date its export is
dated by the archive's name (« circulaire_02012609h00 »: 2 January 2026, 9:00; a stock
« 2012_xml »: 2012): a stock read again after the flow replaces nothing.

A circulaire that the DILA's frozen list of abrogations names (``circulaire_abrogations``,
read before or after) is stored abrogated even when its export says it is in force, unless
that export dates from after the list (a re-export of the flow, since 2015, wins: the list
stopped in January 2015, the flow did not); counted « tenue(s) pour abrogée(s) ».

A circulaire applies in the whole of France: it has no département of its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from vigie.config import max_file_bytes
from vigie.documents import followups
from vigie.documents.file_deliveries import done_before, end_delivery
from vigie.documents.ingest import InputReport, begin_delivery, count, unreadable
from vigie.documents.models import CirculaireAbrogation, Delivery, Document
from vigie.documents.outside_items import Stored, digest, save_item
from vigie.parsing.abrogations import is_later_than_list
from vigie.parsing.circulaire import ABROGATED as STATE_ABROGATED
from vigie.parsing.circulaire import (
    HEAD,
    Circulaire,
    is_circulaire_head,
    is_circulaire_name,
    is_older,
    read_circulaire,
)
from vigie.parsing.clipping import clip
from vigie.parsing.model import ParseError
from vigie.reference.french import french_date
from vigie.sources.archives import (
    InputError,
    Item,
    MemberProblem,
    input_fingerprint,
    iter_members,
)
from vigie.sources.circulaire_names import archive_export

CIRC_FLOW = RUBRIC = "circulaires"
ORIGIN = "Légifrance"  # (circulaires.legifrance, now on Légifrance itself)
LICENCE = "Licence ouverte (données de la DILA)"
NATURE, ABROGATED = "Circulaire", "abrogée"
CHUNK = 500  # circulaires written together, in one transaction


def circulaire_uid(key: str) -> str:
    """« CIRC45205 »."""
    return "CIRC" + key


def ingest_circulaires(path: Path, *, force: bool = False) -> InputReport:
    """Store the circulaires of one input; never raises for bad data. The delivery is
    recorded as begun before the first write, as done at its end."""
    report = InputReport.of(path)
    try:
        sha256, size = input_fingerprint(path)
        members = iter_members(path, max_bytes=max_file_bytes())
    except InputError as error:
        return unreadable(report, str(error))
    if done_before(report, sha256, force):
        return report
    started = begin_delivery(path, sha256, size)
    latest, problems, read = _read_all(members, report)
    stored = Stored()
    day = archive_export(report.delivery)
    ordered = [c if c.exported or not day else replace(c, exported=day)
               for c in latest.values()]
    for start in range(0, len(ordered), CHUNK):
        _store(ordered[start:start + CHUNK], report.delivery, stored)
    said = _said(stored)
    report.counts.update(stored.counts)
    report.touched = stored.touched
    end_delivery(report, sha256, size, started, read, stored.counts, problems)
    if report.counts["refused"]:  # read again, once the limit is raised, without --force
        report.status = "partial"
        Delivery.objects.filter(name=report.delivery, sha256=sha256).update(
            status=Delivery.STATUS_PARTIAL)
    lues = count(len(latest), "circulaire lue", "circulaires lues")
    report.summary = (f"{report.delivery} : {lues}, "
                      f"{count(stored.counts['created'], 'créée', 'créées')}, "
                      f"{stored.counts['updated']} mise(s) à jour, "
                      f"{stored.counts['unchanged']} inchangée(s){said[0]}, "
                      f"{count(len(problems), 'anomalie', 'anomalies')}{said[1]}.")
    return report


def _said(stored: Stored) -> tuple[str, str]:
    """What the summary adds, the counts taken out of ``stored`` (within « inchangée » and
    « créée »…, they have no column of their own): « (dont 2 exports plus anciens que ceux
    gardés) » and « , 1 tenue pour abrogée (liste des circulaires abrogées de la DILA) », or
    nothing."""
    older, held = stored.counts.pop("older", 0), stored.counts.pop("held", 0)
    said = count(older, "export plus ancien que celui gardé",
                 "exports plus anciens que ceux gardés")
    listed = count(held, "tenue pour abrogée", "tenues pour abrogées")
    return (f" (dont {said})" if older else "",
            f", {listed} (liste des circulaires abrogées de la DILA)" if held else "")


def _read_all(members: Iterator[Item], report: InputReport
              ) -> tuple[dict[str, Circulaire], list[str], int]:
    """The circulaires by id (a later file of an id replacing an earlier one), the problems
    met, and how many files were read."""
    latest: dict[str, Circulaire] = {}
    problems: list[str] = []
    read = 0
    for member in members:
        if isinstance(member, MemberProblem):
            problems.append(f"{member.name} : {member.message}")
            report.counts["refused"] += member.refused
            continue
        read += 1
        if not is_circulaire_name(member.name) and not is_circulaire_head(member.data[:HEAD]):
            problems.append(f"{member.name} : pas une circulaire du fonds CIRCULAIRES de la "
                            "DILA (fichier cir_<ID>.xml attendu) : non lu")
            continue
        try:
            circulaire, said = read_circulaire(member.name, member.data)
        except ParseError as error:
            problems.append(str(error))
            continue
        problems += said
        if (before := latest.get(circulaire.id)) and is_older(circulaire.exported,
                                                              before.exported):
            continue  # an earlier export of it, later in the archive
        latest.pop(circulaire.id, None)  # (kept in the order last seen)
        latest[circulaire.id] = circulaire
    return latest, problems, read


def _store(circulaires: list[Circulaire], delivery: str, stored: Stored) -> None:
    """One document per circulaire, unchanged ones not written; with the follow-ups
    (analysis, editions) of those written, in one transaction."""
    with transaction.atomic():
        uids = {circulaire_uid(c.id): c for c in held_abrogated(circulaires, stored)}
        known = {d.uid: d for d in Document.objects.filter(uid__in=list(uids))}
        before = set(stored.touched)
        for uid, circulaire in uids.items():
            doc = known.get(uid)
            if doc is not None and _kept(doc, circulaire, stored):
                continue
            save_item(doc, uid, circulaire_values(circulaire, doc, delivery), stored)
        stored.flush()
        followups.record(delivery, stored.touched - before)


def held_abrogated(circulaires: list[Circulaire], stored: Stored) -> list[Circulaire]:
    """The circulaires, those in force that the list of abrogations names abrogated instead
    (``listed``) unless exported after it; counted ``held``."""
    listed = set(CirculaireAbrogation.objects.filter(
        circulaire__in=[c.id for c in circulaires]).values_list("circulaire", flat=True))
    if not listed:
        return circulaires
    held = [c.id in listed and not c.abrogated and not is_later_than_list(c.exported)
            for c in circulaires]
    stored.counts["held"] += sum(held)
    return [replace(c, state=STATE_ABROGATED, listed=True) if hold else c
            for c, hold in zip(circulaires, held, strict=True)]


def _kept(doc: Document, c: Circulaire, stored: Stored) -> bool:
    """Whether what is stored of ``doc`` stays as it is: an export older than the one kept
    (counted « inchangée », and ``older``), or the same content exported again (its date
    noted, so that an export between the two is known as older)."""
    kept = (doc.details or {}).get("exported", "")
    if is_older(c.exported, kept):
        stored.counts["unchanged"] += 1
        stored.counts["older"] += 1
        return True
    if doc.content_hash != digest(circulaire_details(c, exported=False), c.title):
        return False
    if c.exported and c.exported != kept:  # (no new version: nothing a reader sees changed)
        Document.objects.filter(pk=doc.pk).update(details={**doc.details,
                                                           "exported": c.exported})
    stored.counts["unchanged"] += 1
    return True


def circulaire_details(c: Circulaire, *, exported: bool = True) -> dict:
    """What is kept of a circulaire (``details``): what pages, the API and the selection
    show of it."""
    return {"kind": "circulaire", "id": c.id, "url": c.url, "source": ORIGIN,
            "state": c.state, "abrogated": c.abrogated, "nor": c.nor,
            "signed": c.signed.isoformat() if c.signed else None, "author": c.author,
            "summary": c.summary, "pdf": c.pdf, "references": list(c.references),
            "departements": [], "national": True, "full_text_allowed": False,
            "licence": LICENCE, **({"exported": c.exported} if exported else {}),
            **({"listed": True} if c.listed else {})}  # (abrogated by the list: said)


def reference_line(c: Circulaire) -> str:
    """« Circulaire du 5 juillet 2021 — NOR PRMX2118352C »: how readers look it up."""
    head = f"{NATURE} du {french_date(c.signed)}" if c.signed else NATURE
    return " — ".join(p for p in (head, f"NOR {c.nor}" if c.nor else "") if p)


def circulaire_values(c: Circulaire, doc: Document | None, delivery: str) -> dict:
    """The document's columns for a circulaire; the day it was first shown kept (its day of
    signature, else the day it was read)."""
    details = circulaire_details(c)
    first = doc.date_publi if doc is not None and doc.date_publi else None
    return {"rubric": RUBRIC, "flow": CIRC_FLOW, "nature": NATURE + (
                f" ({ABROGATED})" if c.abrogated else ""),
            "number": c.nor[:64], "nor": c.nor[:32], "title": c.title,
            "short_title": clip(c.title, 250), "ministry": c.author[:255],
            "date_text": c.signed, "date_publi": first or c.signed or timezone.localdate(),
            "origine_publi": reference_line(c)[:255], "details": details,
            "delivery": delivery[:255], "member": f"cir_{c.id}.xml",
            "content_hash": digest(circulaire_details(c, exported=False), c.title)}


