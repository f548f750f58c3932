"""Stored editions: one per (date, place), plus the national one; and the items they refer to.

An item is stored once per edition day (``EditionItem``), whatever the number of editions
showing it: a national item belongs to every edition of its day, a local one to the editions of
the départements it concerns. An ``Edition`` row keeps what is its own — title, revision, the
frame around the items (covered days, issue headers, closing line) — and finds its items by
that rule, in the day's order (``position``). ``vigie.editions.reading`` assembles both into an
``EditionContent`` (``vigie.editions.content``).
"""

from __future__ import annotations

from django.db import models


class Edition(models.Model):
    """The edition of a day for a place, as readers see it."""

    date = models.DateField(db_index=True)
    departement = models.CharField(max_length=3, blank=True)  # INSEE code; "" = national
    title = models.CharField(max_length=255)  # « L'actualité du mercredi 19 août 2026 — Cher (18) »
    # Around the items: {"covered": [ISO days], "headers": {rubric: [lines]}, "closing": str,
    # "revised": bool, "revised_by": ["sources", "newsroom"]} (see editions.builder.frame).
    frame = models.JSONField(default=dict)
    fingerprint = models.CharField(max_length=64)  # what it was built from
    revision = models.IntegerField(default=1)
    items_count = models.IntegerField(default=0)
    urgent_count = models.IntegerField(default=0)
    built_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["date", "departement"], name="edition_per_day")
        ]
        # A place's editions: its page's validator (their number, latest change) and the
        # previous and next days read a few hundred index entries, not every edition.
        indexes = [models.Index(fields=["departement", "date", "updated_at"],
                                name="edition_of_place")]
        ordering = ["-date", "departement"]


class EditionItem(models.Model):
    """A retained text as the editions of its day show it, stored once for all of them."""

    day = models.DateField()  # the edition day (Monday for a weekend text)
    uid = models.CharField(max_length=32)  # the text (``Document.uid``)
    position = models.IntegerField()  # the day's order: rubric, urgent, importance, sommaire
    rubric = models.CharField(max_length=32)
    theme = models.CharField(max_length=64, db_index=True)
    urgent = models.BooleanField(default=False)
    national = models.BooleanField(default=True)  # in every edition of the day
    # Framed INSEE codes (« 18 36 » with a space on each side): the editions of a local item.
    departements = models.TextField(blank=True)
    content = models.JSONField()  # ``content.Item.to_json()``
    fingerprint = models.CharField(max_length=64)  # of ``content``

    class Meta:
        ordering = ["day", "position"]
        constraints = [models.UniqueConstraint(fields=["day", "uid"], name="item_once_a_day")]
        # ``item_of_text``: where a text was shown (its page, the API), without reading every
        # item of every day (the unique constraint starts with the day).
        indexes = [models.Index(fields=["day", "position"], name="item_order"),
                   models.Index(fields=["uid"], name="item_of_text")]
