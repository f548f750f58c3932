"""What follows an ingestion: the analysis of the texts it created or changed.

Lives in the command layer because it joins two stages: ``documents`` must not know
about ``analysis``, which comes after it.
"""

from __future__ import annotations

import sys

from vigie.analysis.store import analyse_documents
from vigie.documents.models import Document


def analyse_touched(uids: set[str]) -> None:
    """Analyse the given texts (stale or missing decisions only) and say so in one line."""
    if not uids:
        return
    documents = Document.objects.filter(uid__in=uids).exclude(title="").iterator(chunk_size=200)
    counts = analyse_documents(documents)
    done = counts["created"] + counts["updated"]
    if done:
        print(f"Analyse : {done} texte(s) analysé(s), {counts['retained']} retenu(s) pour les "
              "collectivités.", file=sys.stdout)
