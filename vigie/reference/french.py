"""How dates (and amounts in euros) read and are written in French, as the Journal officiel
writes them.

The one table of month and day names for every stage: writing dates for readers
(« mercredi 19 août 2026 », « 1er août 2026 », « 19/08/2026 ») and reading them in texts
(``MONTH_NUMBERS`` accepts the forms without accents that OCR and titles sometimes carry).
"""

from __future__ import annotations

from datetime import date

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre")
DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
# Month name (with or without its accent) → number, for reading dates written in words.
MONTH_NUMBERS: dict[str, int] = {
    **{name: number for number, name in enumerate(MONTHS, start=1)},
    "fevrier": 2, "aout": 8, "decembre": 12,
}


def french_date(day: date, *, weekday: bool = False) -> str:
    """« 19 août 2026 », « 1er août 2026 », or « mercredi 19 août 2026 » with ``weekday``."""
    number = "1er" if day.day == 1 else str(day.day)
    text = f"{number} {MONTHS[day.month - 1]} {day.year}"
    return f"{DAYS[day.weekday()]} {text}" if weekday else text


def numeric_date(day: date | str) -> str:
    """« 19/08/2026 » from a date or its ISO form."""
    day = date.fromisoformat(day[:10]) if isinstance(day, str) else day
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def french_period(start: date | None, end: date | None) -> str:
    """« du 12 au 14 juin 2026 », « du 30 mai au 2 juin 2026 », « du 30 décembre 2025 au
    2 janvier 2026 », « le 12 juin 2026 » (one day, or one end known); "" without dates."""
    if not (start or end):
        return ""
    if not (start and end) or start == end:
        return f"le {french_date(start or end)}"  # type: ignore[arg-type]
    first = french_date(start).split()
    if start.year == end.year:
        first = first[:1] if start.month == end.month else first[:2]
    return f"du {' '.join(first)} au {french_date(end)}"


def journal_officiel(number: str, day: date | None = None, *, weekday: bool = False) -> str:
    """« Journal officiel n°0241 du 14 octobre 2026 »: how Vigie names an issue everywhere
    (pages, editions, e-mails, terminal), its number on four digits as the JO prints it."""
    number = number.strip()
    name = f"Journal officiel n°{number.zfill(4) if number.isdigit() else number}"
    return f"{name} du {french_date(day, weekday=weekday)}" if day else name


def number(count: int) -> str:
    """12000 → « 12 000 » (French digits, a narrow no-break space between thousands)."""
    return f"{count:,}".replace(",", "\u202f")


def euros(amount: float) -> str:
    """47600.87 → « 47 600,87 € », 80000 → « 80 000 € » (French digits, no-break spaces)."""
    whole = f"{amount:,.2f}".replace(",", "\u202f").replace(".", ",")
    return whole.removesuffix(",00") + "\u00a0€"
