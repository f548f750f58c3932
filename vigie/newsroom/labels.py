"""The newsroom's corrections as labelled lines, in the format of ``shared/eval``
(``idtxt,jo_date,title,section,nature,ministry,retained,scope,departements,themes``), so that
``vigie eval`` measures on them and ``vigie train --labels`` learns from them.

An editor's decision is a sure one: a text the newsroom retained is labelled ``must``, one it
set aside ``no``; scope, départements and theme are the effective ones (the machine's where
the editor left them).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date
from typing import TextIO

from vigie.analysis.records import Decision
from vigie.newsroom.corrections import effective
from vigie.newsroom.models import Correction

COLUMNS = ("idtxt", "jo_date", "title", "section", "nature", "ministry", "retained", "scope",
           "departements", "themes")


def label_line(correction: Correction, decision: Decision) -> dict[str, str]:
    doc = correction.document
    kept = decision.retained
    return {
        "idtxt": doc.uid, "jo_date": doc.date_publi.isoformat() if doc.date_publi else "",
        "title": doc.title, "section": doc.section, "nature": doc.nature.upper(),
        "ministry": doc.ministry, "retained": "must" if kept else "no",
        "scope": decision.scope if kept else "",
        "departements": ";".join(decision.departements) if kept else "",
        "themes": decision.theme if kept else "",
    }


def label_lines(since: date | None = None) -> Iterator[dict[str, str]]:
    """One line per corrected text of the Journal officiel with a machine decision, in
    publication order."""
    corrections = (Correction.objects.select_related("document__analysis")
                   .filter(document__rubric="jo")  # the labelled files are JO issues
                   .exclude(document__analysis=None)
                   .order_by("document__date_publi", "document__uid"))
    if since is not None:
        corrections = corrections.filter(updated_at__date__gte=since)
    for correction in corrections.iterator(chunk_size=500):
        machine = Decision.from_json(correction.document.analysis.decision)
        yield label_line(correction, effective(machine, correction.changes))


def write_labels(out: TextIO, since: date | None = None) -> int:
    """Write the header and the lines; returns how many lines."""
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for line in label_lines(since):
        writer.writerow(line)
        count += 1
    return count
