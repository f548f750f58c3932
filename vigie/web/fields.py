"""Form fields shared by the site's forms and the subscription forms (``vigie.mailing``)."""

from __future__ import annotations

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
