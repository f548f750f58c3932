"""A re-delivery reads stored texts and articles as plain values and writes versions in bulk
(``assembly.snapshots_for``, ``stored.stored_articles``, ``versions.Versions``): the same
snapshots, comparisons and version rows as the ORM objects and ``get_or_create`` gave, on
the fixture deliveries."""

from __future__ import annotations

import pytest
from django.db import connection

from tests.conftest import FIXTURES, tree_members
from vigie.documents import assembly
from vigie.documents.fields import HASHED, JSON_FIELDS, TEXT_FIELDS, decoded, encode, prepare
from vigie.documents.ingest import ingest_path
from vigie.documents.models import Article, Document, DocumentVersion
from vigie.documents.stored import same_value, stored_articles, stored_texts
from vigie.documents.versions import Versions
from vigie.parsing.dispatch import parse_member
from vigie.parsing.model import ParsedText

pytestmark = pytest.mark.django_db

FIRST = FIXTURES / "global" / "JORF_20260923-011003"
SECOND = FIXTURES / "global" / "JORF_20260923-204512"
LEFT_OUT = {"id", "replaced_at"}


def _orm_snapshots(uids: set[str]) -> dict:
    """What ``snapshots_for`` gave when it loaded ORM objects."""
    found = {}
    for doc in Document.objects.filter(uid__in=uids).exclude(status=Document.STATUS_SOMMAIRE):
        articles = list(Article.objects.filter(text_uid=doc.uid).order_by("position",
                                                                          "article_id"))
        found[doc.uid] = {"hash": doc.content_hash, "version": doc.version,
                          "state": assembly.snapshot(doc, articles), "pk": doc.pk}
    return {uid: found.get(uid) for uid in uids}


def test_snapshots_as_orm_objects_gave() -> None:
    ingest_path(FIRST)
    uids = set(Document.objects.values_list("uid", flat=True)) | {"JORFTEXT999999999999"}
    snapshots = assembly.snapshots_for(uids)
    assert snapshots == _orm_snapshots(uids)
    assert any(s and s["state"]["articles"] for s in snapshots.values())
    for uid, snap in snapshots.items():  # key order too: it is the stored JSON's
        if snap:
            assert list(snap["state"]) == list(_orm_snapshots({uid})[uid]["state"])


def test_stored_articles_are_the_orm_fields() -> None:
    ingest_path(FIRST)
    ids = set(Article.objects.values_list("article_id", flat=True))
    stored = stored_articles(ids | {"JORFARTI999999999999"})
    assert set(stored) == ids
    for article in Article.objects.all():
        plain = stored[article.article_id]
        assert plain.pk == article.pk
        for name in ("text_uid", "num", "html", "text", "eli", "delivery", "member",
                     "position"):
            assert getattr(plain, name) == getattr(article, name)
        assert plain.same(article.text_uid, article.num, article.html, article.text,
                          article.eli)
        assert not plain.same(article.text_uid, article.num, article.html + " ",
                              article.text, article.eli)


def test_stored_texts_compare_as_orm_objects() -> None:
    """The plain values hold the ORM object's fields (JSON columns as their text), and
    ``same_value`` says what comparing the decoded values said, for the values the second
    delivery brings (some changed) and for the stored values themselves."""
    ingest_path(FIRST)
    docs = {d.uid: d for d in Document.objects.all()}
    texts = stored_texts(dict.fromkeys(docs))
    assert set(texts) == set(docs)
    brought = [parse_member(name, data) for name, data in tree_members(SECOND).items()
               if "/texte/version/" in name]
    compared = 0
    for parsed in brought:
        assert isinstance(parsed, ParsedText)
        values, _ = prepare(parsed)
        values.pop(HASHED, None)
        if parsed.id not in docs:
            continue
        doc, text = docs[parsed.id], texts[parsed.id]
        for key, value in values.items():
            assert same_value(getattr(text, key), value) == (getattr(doc, key) == decoded(value))
            compared += 1
    assert compared
    for uid, doc in docs.items():
        text = texts[uid]
        assert text.pk == doc.pk
        for key in ("uid", "status", "delivery", "member", "content_hash", "version",
                    *TEXT_FIELDS):
            value, expected = getattr(text, key), getattr(doc, key)
            assert (decoded(value) if key in JSON_FIELDS else value) == expected
            assert same_value(value, encode(expected) if key in JSON_FIELDS else expected)


def _version_rows() -> list[tuple]:
    names = [f.attname for f in DocumentVersion._meta.concrete_fields
             if f.attname not in LEFT_OUT]
    return sorted(DocumentVersion.objects.values_list(*names), key=repr)


def _raw_snapshots() -> list:
    with connection.cursor() as cursor:  # the stored JSON text itself (SQLite keeps it)
        cursor.execute("SELECT document_id, version, snapshot FROM documents_documentversion"
                       " ORDER BY 1, 2")
        return cursor.fetchall()


def test_versions_store_what_get_or_create_stored() -> None:
    ingest_path(FIRST)
    uids = set(Document.objects.values_list("uid", flat=True))
    befores = {u: b for u, b in assembly.snapshots_for(uids).items() if b}
    docs = list(Document.objects.filter(uid__in=befores))
    for doc in docs:  # what versions were written with before ``Versions``: the ORM's
        before = befores[doc.uid]
        DocumentVersion.objects.get_or_create(
            document_id=doc.pk, version=before["version"],
            defaults={"content_hash": before["hash"], "snapshot": before["state"],
                      "delivery": before["state"].get("delivery", ""),
                      "replaced_by": "JORF_X"})
    expected, expected_raw = _version_rows(), _raw_snapshots()
    assert expected
    DocumentVersion.objects.all().delete()
    versions = Versions()
    docs = list(Document.objects.filter(uid__in=befores))
    for doc in docs:
        versions.record(doc, befores[doc.uid], "JORF_X")
        versions.record(doc, dict(befores[doc.uid], hash="other"), "JORF_Y")  # (dropped)
        assert doc.version == befores[doc.uid]["version"] + 1
    versions.write()
    assert _version_rows() == expected
    if connection.vendor == "sqlite":
        assert _raw_snapshots() == expected_raw
    # Resumption: versions stored by an earlier run are kept as they are, not doubled.
    for doc in docs:
        versions.record(doc, dict(befores[doc.uid], hash="changed"), "JORF_Z")
    versions.write()
    assert _version_rows() == expected
    # ``record_version`` (one text at a time, Parliament's answers) writes the same rows.
    DocumentVersion.objects.all().delete()
    for doc in Document.objects.filter(uid__in=befores):
        assembly.record_version(doc, befores[doc.uid], "JORF_X")
        assert doc.version == befores[doc.uid]["version"] + 1
    assert _version_rows() == expected


def test_fixture_redelivery_records_its_versions() -> None:
    first, second = ingest_path(FIRST), ingest_path(SECOND)
    assert first.counts["created"] == 3 and second.counts["updated"] == 2
    assert DocumentVersion.objects.count() == 2
    assert all(v.snapshot["articles"] for v in DocumentVersion.objects.all())
