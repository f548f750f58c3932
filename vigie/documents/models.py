"""Tables of the storage stage.

A ``Document`` is one official item: a Journal officiel text (keyed by its JORFTEXT id,
rubric ``jo``), a parliamentary question with its answers (``QANR5L16QE1234``,
``qSEQ…``, rubric ``reponses``) or a legislative dossier with its steps (rubric
``parlement``); what only Parliament items have lives in ``details``. In the JO global
flow a text's articles and sections arrive as separate files,
possibly in later deliveries, so they live in their own tables keyed by their DILA ids
and are attached to the text by ``text_uid``; the assembly orders them by structure.
"""

from __future__ import annotations

from django.db import models

from vigie.documents import anyof  # noqa: F401  (the ``anyof`` lookup of the write path)
from vigie.reference.taxonomy import FUNDING


class Delivery(models.Model):
    """One input processed by ``vigie ingest`` (a tarball, a folder or a file)."""

    STATUS_DONE = "done"
    STATUS_PARTIAL = "partial"  # could not be read to the end (truncated archive…)
    # Being read, or stopped before its end (a crash): ``vigie repair`` reads it again.
    STATUS_STARTED = "started"

    name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    size = models.BigIntegerField(default=0)
    status = models.CharField(max_length=16, default=STATUS_DONE)
    members = models.IntegerField(default=0)
    created = models.IntegerField(default=0)
    updated = models.IntegerField(default=0)
    unchanged = models.IntegerField(default=0)
    anomalies = models.IntegerField(default=0)
    processed_at = models.DateTimeField(auto_now=True)
    path = models.CharField(max_length=1024, blank=True)  # where it was last read from

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["name", "sha256"], name="delivery_name_sha256")
        ]


class Watermark(models.Model):
    """The last delivery processed for a source (e.g. ``dila-jorf``), so sync never redoes work."""

    source = models.CharField(max_length=64, unique=True)
    value = models.CharField(max_length=255)
    updated_at = models.DateTimeField(auto_now=True)


class JoIssue(models.Model):
    """An issue of the Journal officiel, from its sommaire."""

    jo_id = models.CharField(max_length=32, unique=True)
    number = models.CharField(max_length=16, db_index=True)
    date_publi = models.DateField(null=True, db_index=True)
    title = models.CharField(max_length=255)
    eli = models.CharField(max_length=255, blank=True)
    entries = models.IntegerField(default=0)
    delivery = models.CharField(max_length=255, blank=True)
    member = models.CharField(max_length=512, blank=True)
    content_hash = models.CharField(max_length=64, blank=True)


class Document(models.Model):
    """One official text with everything a reader needs."""

    STATUS_COMPLETE = "complete"
    STATUS_SOMMAIRE = "sommaire"  # known from a sommaire only; body not delivered yet
    STATUS_INCOMPLETE = "incomplete"  # body delivered, some announced articles still missing

    uid = models.CharField(max_length=32, unique=True)  # JORFTEXT…
    rubric = models.CharField(max_length=32, default="jo")
    status = models.CharField(max_length=16, default=STATUS_COMPLETE)
    flow = models.CharField(max_length=16, blank=True)
    nor = models.CharField(max_length=32, blank=True, db_index=True)
    eli = models.CharField(max_length=255, blank=True)
    nature = models.CharField(max_length=64, blank=True)
    number = models.CharField(max_length=64, blank=True)
    title = models.TextField(blank=True)
    short_title = models.CharField(max_length=255, blank=True)
    ministry = models.CharField(max_length=255, blank=True)
    date_text = models.DateField(null=True)
    date_publi = models.DateField(null=True, db_index=True)
    jo_number = models.CharField(max_length=16, blank=True)
    jo_id = models.CharField(max_length=32, blank=True)
    origine_publi = models.CharField(max_length=255, blank=True)
    section = models.CharField(max_length=512, blank=True)
    rank = models.IntegerField(null=True)
    notice = models.JSONField(default=dict)
    visas = models.TextField(blank=True)
    signatories = models.JSONField(default=list)
    cited = models.JSONField(default=list)
    keywords = models.JSONField(default=list)
    structure = models.JSONField(default=list)  # global flow: ordered [kind, id] of TEXTELR
    # Parliament items: author, ministries, JO references, answers, steps (documents.parlement).
    details = models.JSONField(default=dict)
    # The source's own key when it differs from uid (Sénat base id « senat:123 »): answers
    # delivered apart from their question find it through this key.
    source_key = models.CharField(max_length=64, blank=True, db_index=True)
    content_hash = models.CharField(max_length=64, blank=True)
    version = models.IntegerField(default=1)
    delivery = models.CharField(max_length=255, blank=True)
    member = models.CharField(max_length=512, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            models.Index(fields=["date_publi", "rank"], name="document_day_rank"),
            # The aids an edition reminds of, without reading every text ever stored: each
            # day's editions ask, those of a history of a thousand days too. Partial: an
            # index on the rubric for all texts led SQLite to read a whole rubric instead
            # of the few hundred texts asked by their uid (``analysis.store.freshness``).
            models.Index(fields=["date_publi"], condition=models.Q(rubric=FUNDING),
                         name="aid_day"),
        ]

    def __str__(self) -> str:
        return f"{self.uid} {self.title[:60]}"


class Article(models.Model):
    """An article of a text, keyed by its JORFARTI id."""

    article_id = models.CharField(max_length=32, unique=True)
    text_uid = models.CharField(max_length=32, db_index=True)
    num = models.CharField(max_length=64, blank=True)
    position = models.IntegerField(default=0)  # order inside the text, from the structure
    html = models.TextField(blank=True)
    text = models.TextField(blank=True)
    eli = models.CharField(max_length=255, blank=True)
    delivery = models.CharField(max_length=255, blank=True)
    member = models.CharField(max_length=512, blank=True)


class Section(models.Model):
    """A section of a text (global flow ``SECTION_TA``): its title and ordered children."""

    section_id = models.CharField(max_length=32, unique=True)
    text_uid = models.CharField(max_length=32, db_index=True)
    title = models.TextField(blank=True)
    items = models.JSONField(default=list)  # ordered [kind, id]


class DocumentVersion(models.Model):
    """The trace of a text as it was before a later delivery changed it."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    version = models.IntegerField()
    content_hash = models.CharField(max_length=64)
    snapshot = models.JSONField()
    delivery = models.CharField(max_length=255, blank=True)
    replaced_by = models.CharField(max_length=255, blank=True)  # delivery that replaced it
    replaced_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["document", "version"], name="version_per_document")
        ]
        # A delivery's versions stored ahead of its assembly are looked up by it when it ends.
        indexes = [models.Index(fields=["replaced_by"], name="version_replaced_by")]


class Anomaly(models.Model):
    """A member that could not be taken in, with a message for people."""

    input = models.CharField(max_length=1024)
    delivery = models.CharField(max_length=255)
    member = models.CharField(max_length=512, blank=True)
    message = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["delivery", "member", "message"], name="anomaly_once"
            )
        ]


class PendingAnswer(models.Model):
    """An answer whose question is not stored yet; attached when the question arrives."""

    question_key = models.CharField(max_length=64, db_index=True)  # « senat:123 » or an uid
    digest = models.CharField(max_length=64)
    answer = models.JSONField()
    delivery = models.CharField(max_length=255, blank=True)
    member = models.CharField(max_length=512, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["question_key", "digest"], name="pending_answer_once")
        ]


class FollowUp(models.Model):
    """The later steps — analysis, search index, editions — still owed to texts that a
    delivery (or a run of ``vigie analyse``) changed.

    Written in the same transaction as what made them necessary (the delivery's texts), so a
    crash can never leave stored texts that no run will analyse, index or publish: any later
    run of the pipeline finishes the steps not yet in ``done`` (``vigie.pipeline``), and the
    row stays, finished, as the record of what was done and when.
    """

    origin = models.CharField(max_length=255)  # the delivery's name, « analyse 2026-10-14 »…
    uids = models.JSONField(default=list)  # the texts; emptied once every step is done
    texts = models.IntegerField(default=0)
    done = models.JSONField(default=list)  # steps done: "analysis", "index", "editions"
    options = models.JSONField(default=dict)  # analysis options of ``vigie analyse``
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["finished_at"], name="followup_pending")]

    def __str__(self) -> str:
        return f"{self.origin} ({', '.join(self.done) or 'rien de fait'})"


class Feed(models.Model):
    """A feed Vigie follows: a news feed (RSS, Atom), BOAMP notices or aid schemes.

    Polled with conditional requests (``etag``, ``last_modified``); a failure puts the next
    attempt further away (``failures``, ``next_attempt``); a feed that moved for good (301,
    308) gets its new address, one that is gone (410) is retired and stays listed.
    """

    ACTIVE, RETIRED = "active", "retired"

    url = models.CharField(max_length=1000, unique=True)
    rubric = models.CharField(max_length=32)  # a slug of ``taxonomy.FEED_RUBRICS``
    title = models.CharField(max_length=255, blank=True)
    site = models.CharField(max_length=1000, blank=True)
    # Whether the source's licence lets Vigie show the full text of its articles (Licence
    # Ouverte, CC BY…); otherwise readers get the summary and the link.
    full_text = models.BooleanField(default=False)
    licence = models.CharField(max_length=255, blank=True)
    fetch_articles = models.BooleanField(default=True)  # extract each new article's page once
    # The territory of a source that does not say it per item (a département's aid schemes).
    departement = models.CharField(max_length=3, blank=True)
    shipped = models.BooleanField(default=False)  # from Vigie's default list
    status = models.CharField(max_length=16, default=ACTIVE)
    etag = models.CharField(max_length=255, blank=True)
    last_modified = models.CharField(max_length=64, blank=True)
    failures = models.IntegerField(default=0)  # consecutive failed polls
    next_attempt = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    last_status = models.IntegerField(null=True, blank=True)  # last HTTP status
    polled_at = models.DateTimeField(null=True, blank=True)
    moved_from = models.CharField(max_length=1000, blank=True)  # address before a 301
    items = models.IntegerField(default=0)  # items stored from it
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["rubric", "url"]

    def __str__(self) -> str:
        return self.url


class CirculaireAbrogation(models.Model):
    """A circulaire the DILA's frozen list of abrogations (``txt/abroge_txt.tar``, 2013 to
    January 2015) names, whether stored or not: an export of it in force that does not date
    from after the list (a yearly stock, read before or after the list) is stored abrogated
    (``circulaire_store``). Kept, not a document: the list says nothing else of it."""

    circulaire = models.CharField(max_length=32, unique=True)  # « 33411 » of cir_33411
    line = models.CharField(max_length=255)  # how the list names it: « 2011/07/cir_33411.pdf »
    delivery = models.CharField(max_length=255)  # the list's archive that named it first
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"cir_{self.circulaire}"
