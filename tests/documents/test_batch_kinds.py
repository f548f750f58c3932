"""A batch's records grouped by kind in one pass (``batch_kinds.by_kind``) are those the filters by
``isinstance`` picked, in the same order, on real records of every kind."""

from __future__ import annotations

import random

from tests.conftest import FIXTURES, REPO
from vigie.documents.batch_kinds import KINDS, by_kind
from vigie.parsing.dispatch import parse_member


def _records() -> list[tuple[str, object]]:
    roots = [FIXTURES / "global", REPO / "vigie" / "demo" / "sample" / "JORFSIMPLE_20261014-011502"]
    paths = sorted(p for root in roots for p in root.rglob("*.xml"))
    return [(p.name, parse_member(p.as_posix(), p.read_bytes())) for p in paths]


def test_one_pass_groups_as_isinstance_filters():
    records = _records()
    for seed in range(5):
        batch = records[:]
        random.Random(seed).shuffle(batch)
        kinds = by_kind(batch)
        for kind in KINDS:
            assert kinds[kind] == [(m, r) for m, r in batch if isinstance(r, kind)]
        assert sum(map(len, kinds.values())) == len(batch)
    assert all(by_kind(records)[kind] for kind in KINDS), "every kind among the fixtures"
