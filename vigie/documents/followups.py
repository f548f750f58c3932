"""What is still owed to stored texts: the later steps of the pipeline, per delivery.

A delivery that created or changed texts records, in its own transaction, a ``FollowUp``
naming them; so does a run of ``vigie analyse`` before it changes decisions. Each later step
— analysis (``ANALYSIS``), search index (``INDEX``), editions (``EDITIONS``), in that order —
is marked done once it has covered all the texts; the last one finishes the row. Whatever
kills a run in between (``kill -9``, a power cut), the row stays pending and the next run of
the pipeline finishes it: no text is ever stored and forgotten.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import timezone

from vigie.documents.models import FollowUp

ANALYSIS, INDEX, EDITIONS = "analysis", "index", "editions"
STEPS = (ANALYSIS, INDEX, EDITIONS)
DAYS_LEFT = "days_left"  # in ``options``, beside the analysis's
STEP_LABELS = {ANALYSIS: "analyse", INDEX: "index de recherche", EDITIONS: "éditions"}


@dataclass(frozen=True)
class AnalysisOptions:
    """How to analyse: the reference date of urgency and its horizon, or redo everything."""

    today: date | None = None
    urgent_days: int = 15
    force: bool = False

    def to_json(self) -> dict:
        return {"today": self.today.isoformat() if self.today else None,
                "urgent_days": self.urgent_days, "force": self.force}

    @classmethod
    def from_json(cls, data: dict) -> AnalysisOptions:
        today = data.get("today")
        return cls(date.fromisoformat(today) if today else None,
                   int(data.get("urgent_days", 15)), bool(data.get("force", False)))


def record(origin: str, uids: Iterable[str], options: dict[str, Any] | None = None, *,
           days: Iterable[date] = ()) -> FollowUp | None:
    """Owe every later step to these texts (inside the transaction that changed them);
    ``days``: the days some of them were published on before this change moved them, whose
    editions must be rebuilt too (their own days are found from the texts)."""
    texts = sorted(set(uids))
    if not texts:
        return None
    options = dict(options or {})
    if days:
        options[DAYS_LEFT] = sorted({day.isoformat() for day in days})
    return FollowUp.objects.create(origin=origin[:255], uids=texts, texts=len(texts),
                                   options=options)


def days_left(owed: Iterable[FollowUp]) -> set[date]:
    """The days texts of these follow-ups were moved from (``record``'s ``days``)."""
    return {date.fromisoformat(day) for f in owed for day in f.options.get(DAYS_LEFT, ())}


def pending() -> list[FollowUp]:
    """The follow-ups not finished yet, oldest first."""
    return list(FollowUp.objects.filter(finished_at=None).order_by("id"))


def left_over() -> set[int]:
    """The follow-ups pending before a run starts: what earlier runs left."""
    return {f.pk for f in pending()}


def owed(followup: FollowUp) -> list[str]:
    """The steps this follow-up still waits for, in order."""
    return [step for step in STEPS if step not in followup.done]


def by_origin(left: Iterable[FollowUp]) -> list[tuple[tuple[str, tuple[str, ...]], int]]:
    """((origin, steps still owed), texts) of these follow-ups, one per origin and steps: a
    delivery records one follow-up per committed chunk (a crash left seven for the bench's
    20 000 files), which people read as one piece of work."""
    texts: dict[tuple[str, tuple[str, ...]], set[str]] = {}
    for followup in left:  # (a text in two chunks, a stopped run's and the next: once)
        texts.setdefault((followup.origin, tuple(owed(followup))), set()).update(followup.uids)
    return [(key, len(uids)) for key, uids in texts.items()]


def mark_done(followups: Iterable[FollowUp], step: str) -> None:
    """``step`` covered these follow-ups' texts; after the last step, the row is finished."""
    for followup in followups:
        if step in followup.done:
            continue
        fields: dict[str, Any] = {"done": [s for s in STEPS if s in followup.done or s == step]}
        if len(fields["done"]) == len(STEPS):
            fields["finished_at"] = timezone.now()
            fields["uids"] = []  # the record stays, the list goes
        FollowUp.objects.filter(pk=followup.pk).update(**fields)
        for name, value in fields.items():  # once written (a busy database: tried again)
            setattr(followup, name, value)


def waiting_for(texts: int, steps: Iterable[str]) -> str:
    """« 12 texte(s) en attente de : index de recherche, éditions »: what a run taking them up
    and ``vigie status`` both say."""
    return f"{texts} texte(s) en attente de : {', '.join(STEP_LABELS[s] for s in steps)}"


def describe(origin: str, steps: Iterable[str], texts: int) -> str:
    """« JORF_… : 12 texte(s) en attente de : index de recherche, éditions »."""
    return f"{origin} : {waiting_for(texts, steps)}"


def waiting_lines(limit: int = 5) -> list[str]:
    """What pending follow-ups still wait for (``vigie status``), oldest first, one line per
    origin and steps owed, as a run taking them up says it (``by_origin``): a delivery a
    crash interrupted left one follow-up per committed chunk, and five lines of « 92
    texte(s) » hid the 2 728 texts waiting. At most ``limit`` lines, then how many more."""
    rows = FollowUp.objects.filter(finished_at=None).order_by("id").only(
        "origin", "uids", "done")
    groups = by_origin(rows.iterator())
    lines = [describe(origin, steps, texts) for (origin, steps), texts in groups[:limit]]
    if len(groups) > limit:
        lines.append(f"… et {len(groups) - limit} autre(s) entrée(s) en attente")
    return lines
