"""How dates read in French, as the Journal officiel writes them (« 1er août 2026 »).

One table of month and day names for every stage that writes dates for readers: parsing
is the earliest stage they all may import.
"""

from __future__ import annotations

from datetime import date

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre")
DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def french_date(day: date, *, weekday: bool = False) -> str:
    """« 19 août 2026 », « 1er août 2026 », or « mercredi 19 août 2026 » with ``weekday``."""
    number = "1er" if day.day == 1 else str(day.day)
    text = f"{number} {MONTHS[day.month - 1]} {day.year}"
    return f"{DAYS[day.weekday()]} {text}" if weekday else text
