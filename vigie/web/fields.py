"""Form fields shared by the site's forms and the subscription forms (``vigie.mailing``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms

from vigie.reference.places import PlaceError, departement_label, parse_place, places


def place_choices() -> list[tuple[str, str]]:
    """Every place with an edition, « Cher (18) », in code order."""
    return [(code, departement_label(code)) for code in places()]


class PlaceField(forms.ChoiceField):
    """A place chosen in a list, or typed in an address: « 2a » and « 1 » read as « 2A » and
    « 01 » (``reference.places.parse_place``), anything else is refused by the choices."""

    def to_python(self, value: Any) -> str:
        text = super().to_python(value)
        try:
            return parse_place(text) if text else text
        except PlaceError:
            return text


# The forms of a date the site reads: ISO (what a browser's date field sends) and French.
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


class DateInput(forms.DateInput):
    """A browser's date field: its value always in ISO form, the only one it shows — a date
    typed « 14/10/2026 » (in an address, by a script) and sent back in the form would show
    blank, and the next submission would lose it."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, str):
            for form in DATE_FORMATS:
                try:
                    return datetime.strptime(value.strip(), form).date().isoformat()
                except ValueError:
                    continue
            return value  # not a date: shown as typed, with the field's error
        return super().format_value(value)
