"""What the newsroom stores: corrections and their audit, editorial items, reviews, holds.

Editors are Django users (``is_staff``: a member of the newsroom; ``is_superuser``: an
administrator). Rows keep the editor's address as well as the link to the account, so that
the audit still says who did what after an account is deleted.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from vigie.documents.models import Document

# The fields of a decision an editor may correct (``Decision`` names, a contract).
CORRECTABLE = ("retained", "scope", "departements", "theme", "short_title", "essentials")


class Correction(models.Model):
    """The newsroom's decision about one text: the corrected fields only (``changes``, keyed
    by ``CORRECTABLE`` names); the others stay the machine's."""

    document = models.OneToOneField(Document, on_delete=models.CASCADE,
                                    related_name="correction")
    changes = models.JSONField(default=dict)
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    editor_email = models.CharField(max_length=254, blank=True)
    updated_at = models.DateTimeField(auto_now=True)


class AuditEntry(models.Model):
    """One change made by the newsroom: who, when, what it was before and after."""

    CORRECTED, RESTORED, REVIEWED, WRITTEN, DELETED = (
        "correction", "retour à la machine", "relecture", "rédaction", "suppression")
    uid = models.CharField(max_length=64, db_index=True)  # text uid or editorial item uid
    action = models.CharField(max_length=32)
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    editor_email = models.CharField(max_length=254, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    before = models.JSONField(default=dict)  # the effective fields before
    after = models.JSONField(default=dict)  # …and after
    machine = models.JSONField(default=dict)  # the machine's fields at that moment

    class Meta:
        ordering = ["-at", "-pk"]


class EditorialItem(models.Model):
    """An item the newsroom writes: for a rubric without official source (Infos RH,
    Documentation, Actualité), or a commentary on an official text (``about``)."""

    day = models.DateField(db_index=True)  # the edition day it appears in
    rubric = models.CharField(max_length=32)
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)  # the essentials, one paragraph per line
    theme = models.CharField(max_length=64)
    departements = models.JSONField(default=list)  # empty: every edition
    roles = models.JSONField(default=list)
    links = models.JSONField(default=list)  # [{"label": …, "url": "https://…"}]
    about = models.CharField(max_length=32, blank=True)  # uid of the text it comments on
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    editor_email = models.CharField(max_length=254, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The token of the form that wrote it: the same form sent twice writes one item.
    form_token = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        ordering = ["day", "pk"]
        constraints = [models.UniqueConstraint(
            fields=["form_token"], condition=~models.Q(form_token=""),
            name="editorial_item_form_token")]

    @property
    def uid(self) -> str:
        return f"REDAC{self.pk:08d}"


class Review(models.Model):
    """An edition marked « relue » (reviewed) by an editor."""

    day = models.DateField()
    departement = models.CharField(max_length=3, blank=True)  # "" = national
    editor_email = models.CharField(max_length=254, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["day", "departement"],
                                               name="review_per_edition")]


class Hold(models.Model):
    """A département whose morning digests wait until its edition is reviewed, at the
    latest until ``until`` (local time, Europe/Paris)."""

    departement = models.CharField(max_length=3, unique=True)
    until = models.TimeField()
    editor_email = models.CharField(max_length=254, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
