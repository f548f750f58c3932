"""The texts of one day, listed for a person: issue by issue, section by section."""

from __future__ import annotations

import sys
from datetime import date
from itertools import groupby
from typing import TextIO

from vigie.documents.display import french_date
from vigie.documents.export import documents_of_day
from vigie.documents.models import Document

MARK_SOMMAIRE = " [sommaire seulement]"


def print_day(day: date, out: TextIO | None = None) -> int:
    """Print the day's texts; returns how many."""
    out = out or sys.stdout
    docs = [d for d in documents_of_day(day) if d.rubric == "jo"]  # the issues of the JO
    if not docs:
        print(f"Aucun texte publié le {french_date(day)}.", file=out)
        return 0
    for number, issue_docs in groupby(docs, key=lambda d: d.jo_number):
        print(f"Journal officiel n°{number} du {french_date(day)}", file=out)
        for section, section_docs in groupby(issue_docs, key=lambda d: d.section):
            print(f"\n  {section or 'Rubrique inconnue'}", file=out)
            for doc in section_docs:
                mark = MARK_SOMMAIRE if doc.status == Document.STATUS_SOMMAIRE else ""
                nor = f" — NOR : {doc.nor}" if doc.nor else ""
                print(f"    • {doc.title}{nor}{mark}", file=out)
                print(f"      {doc.uid}", file=out)
        print(file=out)
    print(f"{len(docs)} texte(s) publiés le {french_date(day)}. "
          "« vigie show IDENTIFIANT » affiche un texte en entier.", file=out)
    return len(docs)
