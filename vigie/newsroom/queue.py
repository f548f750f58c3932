"""The review queue of an edition day: every analysed text of the days it covers, the most
uncertain decisions first.

Uncertainty is the distance between a text's score and the selection threshold, both read
from the machine's public ``Decision`` (``score``; ``threshold`` when the decision carries one,
else one half, where the rules' score crosses into « retained »). Texts the newsroom has
already decided come after the others, in the same order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from vigie.analysis.records import Decision
from vigie.documents.models import Document
from vigie.newsroom.corrections import effective
from vigie.newsroom.models import Correction
from vigie.reference.taxonomy import EDITION_RUBRICS

DEFAULT_THRESHOLD = 0.5


def threshold_of(decision: Decision) -> float:
    """The score from which the machine retains a text (a decision may say its own)."""
    value = getattr(decision, "threshold", None)
    return float(value) if isinstance(value, int | float) and value else DEFAULT_THRESHOLD


def uncertainty(decision: Decision) -> float:
    """0 for a score on the threshold, growing as the machine is surer."""
    return abs(decision.score - threshold_of(decision))


@dataclass(frozen=True)
class Entry:
    """One text of the queue: the machine's decision, and the effective one."""

    doc: Document
    machine: Decision
    chosen: Decision  # the effective decision: the newsroom's over the machine's
    corrected: bool

    @property
    def uncertainty(self) -> float:
        return uncertainty(self.machine)

    @property
    def threshold(self) -> float:
        return threshold_of(self.machine)


def day_queue(days: list[date]) -> list[Entry]:
    """The analysed texts of these publication days, most uncertain first, the ones the
    newsroom decided last."""
    docs = (Document.objects.filter(date_publi__in=days, rubric__in=EDITION_RUBRICS)
            .exclude(title="").exclude(analysis=None).select_related("analysis")
            .defer("visas", "notice", "signatories", "keywords", "cited"))
    changes = dict(Correction.objects.filter(document__in=docs)
                   .values_list("document_id", "changes"))
    entries = []
    for doc in docs:
        machine = Decision.from_json(doc.analysis.decision)
        mine = changes.get(doc.pk)
        entries.append(Entry(doc, machine, effective(machine, mine), bool(mine)))
    entries.sort(key=lambda e: (e.corrected, e.uncertainty, e.doc.rank or 0, e.doc.uid))
    return entries
