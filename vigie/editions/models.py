"""Stored editions: one per (date, département), plus the national one (département "")."""

from __future__ import annotations

from django.db import models

from vigie.documents.models import Document

NATIONAL = ""


class Edition(models.Model):
    """The edition of a day for a département, as readers see it."""

    date = models.DateField(db_index=True)
    departement = models.CharField(max_length=3, blank=True)  # INSEE code; "" = national
    title = models.CharField(max_length=255)  # « L'actualité du mercredi 19 août 2026 — Cher (18) »
    content = models.JSONField(default=dict)  # rubrics › themes › items (see editions.builder)
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
        ordering = ["-date", "departement"]


class EditionItem(models.Model):
    """One retained document in an edition: the index that feeds, search and calendar use."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="items")
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="+")
    rubric = models.CharField(max_length=32)
    theme = models.CharField(max_length=64, db_index=True)
    position = models.IntegerField()
    urgent = models.BooleanField(default=False)
    in_departement = models.BooleanField(default=False)  # names this edition's département

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "document"], name="item_once")
        ]
