"""The texts of one day, listed for a person: issue by issue, section by section."""

from __future__ import annotations

from datetime import date
from itertools import groupby

from vigie.documents.display import french_date
from vigie.documents.export import documents_of_day
from vigie.documents.models import Document
from vigie.reference.french import journal_officiel

MARK_SOMMAIRE = " [sommaire seulement]"


def day_lines(day: date) -> list[str]:
    """The lines listing the day's texts (the caller prints them)."""
    docs = [d for d in documents_of_day(day) if d.rubric == "jo"]  # the issues of the JO
    if not docs:
        return [f"Aucun texte publié le {french_date(day)}."]
    lines = []
    for number, issue_docs in groupby(docs, key=lambda d: d.jo_number):
        lines.append(journal_officiel(number, day))
        for section, section_docs in groupby(issue_docs, key=lambda d: d.section):
            lines.append(f"\n  {section or 'Rubrique inconnue'}")
            for doc in section_docs:
                mark = MARK_SOMMAIRE if doc.status == Document.STATUS_SOMMAIRE else ""
                nor = f" — NOR : {doc.nor}" if doc.nor else ""
                lines += [f"    • {doc.title}{nor}{mark}", f"      {doc.uid}"]
        lines.append("")
    lines.append(f"{len(docs)} texte(s) publié(s) le {french_date(day)}. "
                 "« vigie show IDENTIFIANT » affiche un texte en entier.")
    return lines


def parliament_lines(day: date) -> list[str]:
    """The Parliament items of the day (answers published, bills that moved), one per line."""
    docs = [d for d in documents_of_day(day) if d.rubric in ("parlement", "reponses")]
    if not docs:
        return []
    lines = [f"Parlement et réponses ministérielles du {french_date(day)}"]
    for doc in docs:
        lines += [f"    • {doc.title} — {doc.origine_publi}", f"      {doc.uid}"]
    return [*lines, ""]
