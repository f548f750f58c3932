"""New global-flow articles held back until their text's assembly (``documents.waiting``) store
exactly what inserting them at once, then moving them, stored: the same articles, at the same
positions, the same texts and hashes, whatever the deliveries bring and in whatever order."""

from __future__ import annotations

import pytest

from tests.conftest import FIXTURES, make_tarball, tree_members
from vigie.documents import room
from vigie.documents.models import (
    Anomaly,
    Article,
    Delivery,
    Document,
    DocumentVersion,
    JoIssue,
    Section,
)
from vigie.documents.waiting import WaitingArticles

pytestmark = pytest.mark.django_db

GLOBAL_FIXTURE = FIXTURES / "global" / "JORF_20260923-011003"
ARTICLE = "20260923-011003/jorf/global/article/JORF/ARTI/00/00/99/10/00/JORFARTI000099100017.xml"
VERSION_130 = "20260923-011003/jorf/global/texte/version/JORF/TEXT/00/00/99/10/01/" \
              "JORFTEXT000099100130.xml"


def _deliveries(tmp_path) -> list:
    """Three deliveries: the fixture without one text's version (its articles wait for a text
    that does not come), then that version with a new article of another text (held beside
    stored ones) and a changed one, then the same again (nothing changes)."""
    members = tree_members(GLOBAL_FIXTURE)
    version = members.pop(VERSION_130)
    first = make_tarball(tmp_path / "JORF_20261014-010000.tar.gz", members)
    article = members[ARTICLE]
    later = {
        VERSION_130: version,
        ARTICLE.replace("100017", "100099"): article.replace(b"100017", b"100099")
        .replace(b"<NUM>5</NUM>", b"<NUM>12</NUM>"),
        ARTICLE: article.replace(b"</CONTENU>", b" (modifi\xc3\xa9)</CONTENU>", 1),
    }
    second = make_tarball(tmp_path / "JORF_20261015-010000.tar.gz", later)
    third = make_tarball(tmp_path / "JORF_20261016-010000.tar.gz", later)
    return [first, second, third]


def _stored() -> tuple:
    return (
        sorted(Document.objects.values_list("uid", "status", "content_hash", "version",
                                            "structure")),
        sorted(Article.objects.values_list("article_id", "text_uid", "position", "num", "html",
                                           "delivery")),
        sorted(Section.objects.values_list("section_id", "items")),
        sorted(DocumentVersion.objects.values_list("document__uid", "version", "content_hash")),
    )


def _forget_everything() -> None:
    for model in (DocumentVersion, Article, Section, Document, JoIssue, Anomaly, Delivery):
        model.objects.all().delete()


def _spy_holding(monkeypatch) -> list[int]:
    """The number of articles each ``hold`` kept."""
    kept: list[int] = []
    hold = WaitingArticles.hold

    def spied(self, rows):
        left = hold(self, rows)
        kept.append(len(rows) - len(left))
        return left

    monkeypatch.setattr(WaitingArticles, "hold", spied)
    return kept


def test_held_articles_store_what_articles_inserted_at_once_store(vigie, tmp_path,
                                                                 monkeypatch):
    deliveries = _deliveries(tmp_path)
    seen = {}
    for hold in (True, False):
        _forget_everything()
        kept = _spy_holding(monkeypatch)
        if not hold:  # every article inserted at position 0, then moved by the assembly
            monkeypatch.setattr(WaitingArticles, "hold", lambda self, rows: rows)
        for tarball in deliveries:
            code, out, _ = vigie("ingest", "--no-analysis", "--force", tarball)
            assert code == 0, out
            seen.setdefault(hold, []).append((_stored(), out.split(" : ", 1)[1]))
        assert sum(kept) > 10 if hold else not kept
    assert seen[True] == seen[False]
    documents, articles, _, versions = seen[True][1][0]
    assert ("JORFARTI000099100099", "JORFTEXT000099100001") in [a[:2] for a in articles]
    assert [a[2] for a in articles if a[1] == "JORFTEXT000099100001"].count(0) == 0
    assert versions, "the changed article made a new version of its text"


def test_articles_beyond_the_bound_go_in_at_once_and_store_the_same(vigie, tmp_path,
                                                                    monkeypatch):
    """Held back up to ``most_chars`` only: a small bound (some held, the others inserted
    before their text's assembly, at position 0, and moved: those of the texts that gave way
    to make room, ``documents.room``) stores the same."""
    first = _deliveries(tmp_path)[0]
    vigie("ingest", "--no-analysis", first)
    expected = _stored()
    _forget_everything()
    kept = _spy_holding(monkeypatch)
    gave_way: list[str] = []
    give_way = room.give_way
    monkeypatch.setattr(room, "give_way", lambda uid, *stores: gave_way.append(uid)
                        or give_way(uid, *stores))
    monkeypatch.setattr("vigie.documents.store.BATCH_SIZE", 1)  # one record a batch
    monkeypatch.setattr("vigie.documents.store.WaitingArticles",
                        lambda most_chars: WaitingArticles(3000))
    code, out, _ = vigie("ingest", "--no-analysis", "--force", first)
    assert code == 0, out
    assert _stored() == expected
    assert any(kept) and gave_way
