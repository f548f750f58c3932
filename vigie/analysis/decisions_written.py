"""What a decision read (its input hash: a stored decision whose hash differs is stale) and
writing the analysis's decisions with their documents: stale ones replaced, missing ones
created (one query each way), and the communes no name of the COG matches recorded as
anomalies, once each."""

from __future__ import annotations

import hashlib

from django.utils import timezone

from vigie.analysis.models import Analysis
from vigie.analysis.records import ANALYSIS_VERSION, UNIDENTIFIED, Decision
from vigie.documents.bulk import insert_rows, update_columns
from vigie.documents.fields import Encoded
from vigie.documents.ingest import record_anomaly
from vigie.documents.json_text import dumps_ascii
from vigie.documents.models import Document
from vigie.reference.places import departement_label
from vigie.reference.taxonomy import CASE_LAW, EUROPE, FEED_RUBRICS, ORIGIN_RUBRICS

# The rubrics of items with no articles (news, notices, aids, court decisions, EU acts).
OUTSIDE_RUBRICS = frozenset(ORIGIN_RUBRICS)
FEED_ITEMS = frozenset(FEED_RUBRICS)
# JSON columns of a new decision, encoded as Django's JSONField does (``json.dumps``).
_JSON = ("departements", "decision")
HASHED = ("content_hash", "title", "section", "status", "ministry")  # what a decision reads
# A news item's page is extracted after the item is stored, without changing its content
# hash: the extraction's state is part of what its decision read, so that the text, once
# there, is analysed (once: the state is written once).
EXTRACTION = "details__extraction"
# The selection of news, notices and aids (``analysis.outside``) changes apart from the JO's:
# its version is in their hash, so that a new one redoes their decisions, not the JO's.
OUTSIDE_SELECTION = "appris-1"
# Likewise for court decisions (``analysis.case_law``; 2: a cour d'appel's decision goes to
# every département of its ressort, no longer to its seat's only) and acts of EU law
# (``analysis.eu_law``).
CASE_LAW_SELECTION = "jurisprudence-2"
EU_SELECTION = "ue-1"
_SELECTIONS = {CASE_LAW: CASE_LAW_SELECTION, EUROPE: EU_SELECTION}


def input_hash(doc: Document) -> str:
    return row_hash([getattr(doc, name) for name in HASHED], doc.rubric,
                    (doc.details or {}).get("extraction"))


def row_hash(hashed: list[str], rubric: str, extraction: str | None) -> str:
    """The hash of what the decision of a document read (``HASHED``, then what only news,
    notices and aids have)."""
    outside = OUTSIDE_SELECTION if rubric in FEED_ITEMS else _SELECTIONS.get(rubric)
    return hash_of(*hashed, extraction, outside)


def hash_of(*values: str | None) -> str:
    """The hash of what a decision read; a state not there yet leaves earlier hashes as
    they were."""
    return hashlib.sha256("\x1f".join(v for v in values if v is not None).encode(
        "utf-8")).hexdigest()


def write_decisions(decided: list[tuple[Document, Decision]],
                    current: dict[int, Analysis]) -> None:
    """Write these decisions (``current``: the decisions before, by document id), and the
    anomalies of the communes they could not identify (the caller's transaction)."""
    _write_decisions(decided, current)
    for doc, decision in decided:
        _record_unidentified(doc, decision)


def _write_decisions(decided: list[tuple[Document, Decision]],
                     current: dict[int, Analysis]) -> None:
    """Replace the stale decisions and create the missing ones (one query each way); new
    rows go as plain values (``insert_rows``), their JSON as the ORM writes it."""
    now = timezone.now()
    fresh, replaced = [], []
    for doc, decision in decided:
        before = current.get(doc.pk)
        payload = decision.to_json()
        values = {"version": ANALYSIS_VERSION, "input_hash": input_hash(doc),
                  "retained": decision.retained, "scope": decision.scope,
                  "departements": list(decision.departements), "score": decision.score,
                  "theme": decision.theme, "urgent": decision.urgent, "decision": payload}
        if before is None:
            # No ``previous`` (None) nor ``analysed_at`` (now, ``auto_now``): ``insert_rows``
            # adapts a column's default once, a value given for each row once a row.
            fresh.append({**values, "document_id": doc.pk,
                          **{name: Encoded(dumps_ascii(values[name])) for name in _JSON}})
            continue
        values["analysed_at"] = now
        values["previous"] = (before.decision if before.decision != payload
                              else before.previous)
        for name, value in values.items():
            setattr(before, name, value)
        replaced.append(before)
    insert_rows(Analysis, fresh)
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
