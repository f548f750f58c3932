"""What one line names: the ``Mention`` record that ``scan`` and ``groups`` make and ``find``
turns into territories. Owned apart so that both readers of a line make the same record."""

from __future__ import annotations

from dataclasses import dataclass

from vigie.reference.geography import Departement, Epci, NameEntry, Region


@dataclass(frozen=True, slots=True)
class Mention:
    """One place a line names. A commune may still be one of several homonyms."""

    kind: str  # "departement" | "region" | "commune" | "epci"
    departement: Departement | None = None
    region: Region | None = None
    communes: tuple[NameEntry, ...] = ()
    forced: str = ""  # département written right after a commune name, « Bourges (18) »
    epci: Epci | None = None
    seat: bool = False  # named as the chef-lieu of an arrondissement (« sous-préfet de X »)
    locator: bool = False  # a région that only locates: « l'Altu di Casacconi (Corse) »,
    # « l'unité départementale de l'Isère » of a regional service
