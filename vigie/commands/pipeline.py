"""What follows an ingestion: the analysis of the texts it created or changed, the search
index, then the editions of their days.

Lives in the command layer because it joins stages: ``documents`` must not know about
``analysis`` or ``editions``, which come after it.
"""

from __future__ import annotations

import sys

from vigie.analysis.store import analyse_documents
from vigie.documents.models import Document
from vigie.editions.builder import build_day
from vigie.editions.calendar import edition_day
from vigie.reference.french import french_date
from vigie.reference.taxonomy import EDITION_RUBRICS
from vigie.web.search import refresh as refresh_search


def analyse_touched(uids: set[str]) -> None:
    """Analyse the given texts (stale or missing decisions only), index them for search, then
    refresh the editions of their days; say so in one line each."""
    if not uids:
        return
    documents = Document.objects.filter(uid__in=uids).exclude(title="").iterator(chunk_size=200)
    counts = analyse_documents(documents)
    done = counts["created"] + counts["updated"]
    if done:
        print(f"Analyse : {done} texte(s) analysé(s), {counts['retained']} retenu(s) pour les "
              "collectivités.", file=sys.stdout)
    after_analysis(uids)


def after_analysis(uids: set[str]) -> None:
    """Index these texts for search (every text, with its theme, whatever the decision) and
    refresh the editions of their days."""
    refresh_search(uids)
    refresh_editions(uids)


def refresh_editions(uids: set[str]) -> None:
    """Rebuild the editions of the days these texts were published (unchanged ones stay)."""
    days = set(Document.objects.filter(uid__in=uids, rubric__in=EDITION_RUBRICS)
               .exclude(date_publi=None)
               .values_list("date_publi", flat=True).distinct())
    for day in sorted({edition_day(d) for d in days}):
        counts = build_day(day)
        changed = counts["created"] + counts["updated"]
        if changed:
            print(f"Éditions du {french_date(day, weekday=True)} : {counts['created']} créée(s), "
                  f"{counts['updated']} mise(s) à jour.", file=sys.stdout)
