"""DILA natures of texts: their names for readers, and what a sommaire line tells of a text
known by its title only (nature and ministry).

A sommaire entry or a jsonl item gives « Décret n° … » but no ``NATURE``: its first word
says it (« Décret » → ``DECRET``); the last level of its section may name the ministry.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

NATURE_BY_FIRST_WORD = {
    "loi": "LOI", "ordonnance": "ORDONNANCE", "décret": "DECRET", "decret": "DECRET",
    "arrêté": "ARRETE", "arrete": "ARRETE", "décision": "DECISION", "decision": "DECISION",
    "avis": "AVIS", "délibération": "DELIBERATION", "deliberation": "DELIBERATION",
    "circulaire": "CIRCULAIRE", "instruction": "INSTRUCTION", "rapport": "RAPPORT",
    "liste": "LISTE", "résolution": "RESOLUTION", "convention": "CONVENTION",
    "rectificatif": "RECTIFICATIF",
}
NATURE_LABELS = {
    "LOI": "Loi", "LOI_CONSTIT": "Loi constitutionnelle", "LOI_ORGANIQUE": "Loi organique",
    "ORDONNANCE": "Ordonnance", "DECRET": "Décret", "DECRET_LOI": "Décret-loi",
    "ARRETE": "Arrêté", "DECISION": "Décision", "AVIS": "Avis", "DELIBERATION": "Délibération",
    "CIRCULAIRE": "Circulaire", "INSTRUCTION": "Instruction", "RAPPORT": "Rapport",
    "LISTE": "Liste", "CONVENTION": "Convention", "RECTIFICATIF": "Rectificatif",
    "INFORMATIONS_PARLEMENTAIRES": "Informations parlementaires",
}


def nature_label(nature: str) -> str:
    """« Décret » for DILA's « DECRET »; unknown natures written in words."""
    return NATURE_LABELS.get(nature, nature.replace("_", " ").capitalize()) if nature else ""


def nature_from_title(title: str) -> str:
    """« Décret n° 2026-800 du … » → ``DECRET``; "" when the first word says nothing."""
    words = title.strip().split(maxsplit=1)
    if not words:
        return ""
    first = words[0].lower().rstrip(",.")
    # « Décisions nos 2020-… » : a plural first word names the same nature
    return NATURE_BY_FIRST_WORD.get(first) or NATURE_BY_FIRST_WORD.get(first[:-1], "")


def canonical_nature(nature: str, title: str = "") -> str:
    """DILA's name of a nature however written: « Décrets », « décret », « DÉCRET » →
    ``DECRET``, « Loi organique » → ``LOI_ORGANIQUE``; the title's first word when empty."""
    return _canonical(nature) or nature_from_title(title)


@lru_cache(maxsize=1024)
def _canonical(nature: str) -> str:
    """The nature's DILA name, "" when it has no letter (cached: a few dozen natures, read
    several times a text)."""
    folded = unicodedata.normalize("NFKD", nature).encode("ascii", "ignore").decode().upper()
    words = re.findall(r"[A-Z]+", folded)
    if not words:
        return ""
    name = "_".join(words)
    singular = "_".join(w[:-1] if len(w) > 3 and w.endswith(("S", "X")) else w for w in words)
    return singular if name not in NATURE_LABELS and singular in NATURE_LABELS else name


def ministry_from_section(section: tuple[str, ...] | list[str]) -> str:
    """The ministry when the last level of a sommaire section names one, else ""."""
    last = section[-1] if section else ""
    return last if last.lower().startswith(("ministère", "premier ministre")) else ""
