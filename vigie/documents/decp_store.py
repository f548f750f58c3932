"""Awarded public contracts (DECP) as documents of « Marchés publics »: ``vigie ingest``
takes a DECP file (JSON or zip, told by its content) and stores one ``Document`` per contract,
keyed by the record's ``uid`` (``DECP`` + digest), in the rubric « marches »: selected like a
BOAMP notice (a local buyer's contract is its département's), shown as « Attribué à … pour
… € ». The same file again is skipped; a later state of the same source updates what changed
and adds the new contracts (``content_hash``). A record that cannot be read, or a file that
is no DECP, is an anomaly; the rest goes on.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from django.db import transaction

from vigie.config import max_file_bytes
from vigie.documents import followups
from vigie.documents.decp_repeats import by_contract
from vigie.documents.file_deliveries import done_before, end_delivery, read_whole
from vigie.documents.ingest import (
    InputReport,
    begin_delivery,
    count,
    unreadable,
)
from vigie.documents.models import Document
from vigie.documents.outside_items import Stored, digest, save_item
from vigie.parsing.decp import (
    ZIP,
    Contract,
    DecpError,
    MemberTooBig,
    is_decp,
    is_decp_archive,
    read_decp,
)
from vigie.reference.french import french_date
from vigie.reference.geography import departement_table
from vigie.sources.members import too_big

DECP_FLOW = "decp"
ORIGIN = "Données essentielles de la commande publique"
# Where readers find the data (the consolidated DECP on data.gouv.fr): a contract has no page.
DATASET = ("https://www.data.gouv.fr/fr/datasets/donnees-essentielles-de-la-commande-publique-"
           "fichiers-consolides/")
HEAD = 4096
CHUNK = 500  # contracts written together, in one transaction


def is_decp_input(path: Path) -> bool:
    """A DECP file (JSON or a zip of one), told by its content."""
    if not path.is_file():
        return False
    try:
        with path.open("rb") as handle:
            head = handle.read(HEAD)
            if head[:4] != ZIP:
                return is_decp(head)
            handle.seek(0)
            return is_decp_archive(handle)
    except OSError:
        return False


def ingest_decp(path: Path, *, force: bool = False) -> InputReport:
    """Store the contracts of one DECP file; never raises for bad data. A file (or the JSON
    file of a zip) over ``VIGIE_INGEST_MAX_FILE_MB`` is refused unread, as any input's file.
    Contracts are written by chunks, each in its own transaction with the later steps it owes
    them; the delivery is recorded as begun before (``vigie repair`` reads it again if a run
    stops midway) and as done at its end."""
    report = InputReport.of(path)
    read = _read(path)
    if isinstance(read, str):
        return unreadable(report, read)
    sha256, size, contracts, problems = read
    name = report.delivery
    if done_before(report, sha256, force):
        return report
    started = begin_delivery(path, sha256, size)
    chosen, repeats = by_contract(contracts)  # (not silently: the file says a key twice)
    problems = [*problems, *repeats]
    stored = store_contracts(chosen, name, on_commit=lambda uids: followups.record(
        name, uids))
    report.counts.update(stored.counts)
    report.touched = stored.touched
    end_delivery(report, sha256, size, started, len(contracts), stored.counts, problems)
    c = report.counts
    report.summary = (f"{name} : DECP, {count(len(contracts), 'marché lu', 'marchés lus')}"
                      f", {count(c['created'], 'créé', 'créés')}, {c['updated']} mis à jour, "
                      f"{count(len(problems), 'anomalie', 'anomalies')}.")
    return report


def _read(path: Path) -> tuple[str, int, list[Contract], list[str]] | str:
    """(sha256, size, contracts, problems) of a DECP file, or why it cannot be read."""
    read = read_whole(path)
    if isinstance(read, str):
        return read
    sha256, size, data = read
    limit = max_file_bytes()
    try:
        return sha256, size, *read_decp(data, max_member=limit)
    except MemberTooBig as error:
        return too_big(str(path), path.name, f"{path.name}/{error.name}", error.size,
                       limit).message
    except DecpError as error:
        return str(error)


def store_contracts(contracts: dict[str, Contract], delivery: str,
                    on_commit: Callable[[set[str]], None] | None = None) -> Stored:
    """One document per contract (uid → contract, ``decp_repeats.by_contract``; rubric
    « marches »); unchanged ones are not written. ``CHUNK`` contracts at a time, each chunk
    in its own transaction, ``on_commit`` given the uids it created or changed inside it."""
    stored = Stored()
    valid = departement_table()
    uids = list(contracts)
    for start in range(0, len(uids), CHUNK):
        with transaction.atomic():
            changed = _store_chunk({uid: contracts[uid] for uid in uids[start:start + CHUNK]},
                                   delivery, valid, stored)
            if on_commit is not None and changed:
                on_commit(changed)
    return stored


def _store_chunk(contracts: dict[str, Contract], delivery: str, valid: dict,
                 stored: Stored) -> set[str]:
    """Write these contracts (uid → contract); the uids of those created or changed."""
    known = {d.uid: d for d in Document.objects.filter(uid__in=set(contracts))}
    changed = set()
    for uid, contract in contracts.items():
        if save_item(known.get(uid), uid, _values(contract, delivery, valid), stored):
            changed.add(uid)
    stored.flush()
    return changed


def _values(contract: Contract, delivery: str, valid: dict) -> dict:
    departement = contract.departement if contract.departement in valid else ""
    day = contract.published or contract.notified
    details = {"kind": "contract", "key": contract.key, "contract_kind": contract.kind,
               "buyer": contract.buyer, "buyer_id": contract.buyer_id,
               "procedure": contract.procedure, "amount": contract.amount,
               "notified": contract.notified.isoformat() if contract.notified else None,
               "departements": [departement] if departement else [],
               "place": contract.place_name, "winners": list(contract.winners),
               "cpv": contract.cpv, "months": contract.months, "platform": contract.source,
               "url": DATASET, "source": ORIGIN, "full_text_allowed": False,
               "licence": "Licence Ouverte 2.0"}
    when = f", notifié le {french_date(contract.notified)}" if contract.notified else ""
    return {"rubric": "marches", "flow": DECP_FLOW, "nature": contract.nature[:64],
            "number": contract.key[:64], "title": contract.subject,
            "short_title": contract.subject[:255], "ministry": contract.buyer[:255],
            "date_publi": day, "origine_publi": f"DECP, marché {contract.key}{when}"[:255],
            "details": details, "delivery": delivery[:255], "member": contract.key[:512],
            "content_hash": digest(details, contract.subject, contract.nature,
                                   day.isoformat() if day else "")}
