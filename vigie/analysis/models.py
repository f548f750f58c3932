"""The decision stored with each document, versioned by analysis version and content."""

from __future__ import annotations

from django.db import models

from vigie.documents.models import Document


class Analysis(models.Model):
    """The latest decision about a document; recomputed when the rules or the text change."""

    document = models.OneToOneField(Document, on_delete=models.CASCADE, related_name="analysis")
    version = models.CharField(max_length=32)  # ANALYSIS_VERSION of the rules that decided
    input_hash = models.CharField(max_length=64)  # what was analysed (text, section, status)
    retained = models.BooleanField(default=False, db_index=True)
    scope = models.CharField(max_length=16, default="no")
    departements = models.JSONField(default=list)
    score = models.FloatField(default=0.0)
    theme = models.CharField(max_length=64, blank=True, db_index=True)
    urgent = models.BooleanField(default=False)
    decision = models.JSONField(default=dict)  # the full JSON decision (vigie analyse contract)
    previous = models.JSONField(null=True, blank=True)  # the decision it replaced, if any
    analysed_at = models.DateTimeField(auto_now=True)
