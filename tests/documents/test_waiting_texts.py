"""New global-flow texts held back until their assembly (``documents.waiting.WaitingTexts``)
store exactly what inserting them at once, then updating them at their assembly, stored: the
same rows, field for field, and the same counts, whatever the deliveries bring and in whatever
order (a structure in a later batch than its text, a sommaire placing a held text)."""

from __future__ import annotations

import pytest

from tests.conftest import FIXTURES, REPO, make_tarball, tree_members
from tests.documents.test_waiting_articles import _deliveries, _forget_everything
from vigie.documents.models import Article, Document, DocumentVersion, JoIssue, Section
from vigie.documents.waiting import WaitingTexts

pytestmark = pytest.mark.django_db

LEFT_OUT = {"id", "created_at", "updated_at", "replaced_at"}
SIMPLE = REPO / "vigie" / "demo" / "sample" / "JORFSIMPLE_20261014-011502"


def _rows(model: type) -> list[tuple]:
    names = [f.attname for f in model._meta.concrete_fields if f.attname not in LEFT_OUT]
    if model is DocumentVersion:  # the text by its uid, not its id
        names = ["document__uid" if n == "document_id" else n for n in names]
    return sorted(model.objects.values_list(*names), key=repr)


def _stored() -> list[list[tuple]]:
    return [_rows(m) for m in (Document, Article, Section, DocumentVersion, JoIssue)]


def _texts_first(tmp_path) -> object:
    """The fixture's first delivery, its members reordered: the texts' versions, then their
    structures, then the rest, the sommaire last (DILA's order puts the structures first)."""
    members = tree_members(FIXTURES / "global" / "JORF_20260923-011003")
    order = ("/texte/version/", "/texte/struct/", "/article/", "/section_ta/", "/conteneur/")
    ordered = {name: members[name] for part in order for name in members if part in name}
    assert len(ordered) == len(members)
    return make_tarball(tmp_path / "JORF_20260922-010000.tar.gz", ordered)


def _spy_holding(monkeypatch, hold: bool) -> list[int]:
    """The number of texts each ``hold`` kept; none kept when not ``hold``."""
    kept: list[int] = []
    original = WaitingTexts.hold

    def spied(self, rows, texts):
        left = original(self, rows, texts) if hold else rows
        kept.append(len(rows) - len(left))
        return left

    monkeypatch.setattr(WaitingTexts, "hold", spied)
    return kept


def _ingest_all(vigie, inputs: list) -> list:
    seen = []
    for path in inputs:
        code, out, _ = vigie("ingest", "--no-analysis", "--force", path)
        assert code == 0, out
        seen.append((_stored(), out.split(" : ", 1)[1]))
    return seen


@pytest.mark.parametrize("batch", [1000, 1])
def test_held_texts_store_what_texts_inserted_at_once_store(vigie, tmp_path, monkeypatch,
                                                           batch):
    """Batches of one record: each structure comes after its text's batch, the sommaire
    after the texts it places."""
    monkeypatch.setattr("vigie.documents.store.BATCH_SIZE", batch)
    fixtures = FIXTURES / "global"
    inputs = [_texts_first(tmp_path), *_deliveries(tmp_path),
              fixtures / "JORF_20260923-011003", fixtures / "JORF_20260923-204512", SIMPLE,
              fixtures / "JORF_20260923-011003"]
    seen = {}
    for hold in (True, False):
        _forget_everything()
        kept = _spy_holding(monkeypatch, hold)
        seen[hold] = _ingest_all(vigie, inputs)
        assert sum(kept) > 2 if hold else not sum(kept)
    assert seen[True] == seen[False]


def test_texts_whose_hashed_values_are_not_kept_go_in_at_once(vigie, monkeypatch):
    """Only texts whose hashed values are kept are held: beyond that bound, they go in at once
    and store the same."""
    first = FIXTURES / "global" / "JORF_20260923-011003"
    vigie("ingest", "--no-analysis", first)
    expected = _stored()
    _forget_everything()
    kept = _spy_holding(monkeypatch, True)
    monkeypatch.setattr("vigie.documents.store.HASHED_KEPT_CHARS", 3000)
    code, out, _ = vigie("ingest", "--no-analysis", "--force", first)
    assert code == 0, out
    assert _stored() == expected
    assert sum(kept) < 3
