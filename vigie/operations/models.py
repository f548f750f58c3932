"""The journal: one row per run of a piece of the morning's work, wherever it ran; and the
deployment's random token (``operations.deployment``)."""

from __future__ import annotations

from django.db import models

# What people read of a run's kind and status (``vigie status``, the text log).
KIND_LABELS = {"sync": "synchronisation", "ingest": "ingestion", "analyse": "analyse",
               "editions": "éditions", "send": "envoi", "morning": "tâche du matin",
               "repair": "réparation"}
STATUS_LABELS = {"running": "en cours ou interrompu", "ok": "réussi", "failed": "ÉCHEC"}
# The counts of a run's ``summary``, as ``vigie status`` says them (the keys stay as stored:
# the JSON log carries them as they are).
SUMMARY_LABELS = {
    "inputs": "entrées", "texts": "textes", "resumed": "reprises", "analysis": "analysés",
    "index": "indexés", "index_format": "entrées d'index d'un ancien format réécrites",
    "editions": "éditions", "created": "créées", "updated": "mises à jour",
    "unchanged": "inchangées", "deleted": "supprimées", "planned": "prévus",
    "recovered": "repris", "pending": "à envoyer", "sending": "en cours", "sent": "envoyés",
    "failed": "en échec", "skipped": "sans objet",
    "carried": "alertes dans le résumé du jour", "cancelled": "annulés", "shares": "parts",
    "unsubscribes": "désabonnements appliqués", "requests": "demandes traitées",
    "sessions": "sessions expirées supprimées",
    "busy": "rien fait : un autre envoi était en cours",
}


class Run(models.Model):
    """A sync, an ingestion, an analysis, editions or a send, from its start to its end.

    A row still « running » whose process died stays so (its end could not be written: a kill,
    a full disk); ``vigie status`` says it stopped when its process, on that machine, is gone
    (``journal.stopped``), « en cours ou interrompu » otherwise. ``summary`` holds counts only,
    never an address or a token.
    """

    RUNNING, OK, FAILED = "running", "ok", "failed"
    SYNC, INGEST, ANALYSE, EDITIONS, SEND, MORNING = (
        "sync", "ingest", "analyse", "editions", "send", "morning")
    REPAIR = "repair"

    kind = models.CharField(max_length=16)
    source = models.CharField(max_length=64, blank=True)  # flow, delivery name, day…
    status = models.CharField(max_length=8, default=RUNNING)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    host = models.CharField(max_length=128, blank=True)  # machine and process that ran it
    summary = models.JSONField(default=dict)
    error = models.CharField(max_length=255, blank=True)

    class Meta:
        indexes = [models.Index(fields=["kind", "status", "started_at"], name="run_latest"),
                   # Each source's last sync, well or not (``vigie status``, ``/sante/``, polled):
                   # its own runs read, not every sync of the journal.
                   models.Index(fields=["kind", "source", "status"], name="run_source")]

    def __str__(self) -> str:
        return f"{self.kind} {self.source} ({self.status})"


class Deployment(models.Model):
    """The deployment's random token: one row (``id`` 1), written by whichever process needs
    it first (``operations.deployment.token``), never changed. Part of the name of the task
    queue: two deployments made apart never share it."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    token = models.CharField(max_length=32)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"installation créée le {self.created_at:%Y-%m-%d}"
