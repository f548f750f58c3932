"""The editions built after an analysis read the retained decisions it inserted as the JSON
values they were written from (``kept``), rather than decode their stored text again: the
same items, day by day, on the sample deliveries; every value kept is the stored text's
decoding (SQLite only: PostgreSQL's jsonb gives another text back, nothing is kept)."""

from __future__ import annotations

import json

import pytest
from django.db import connection, models
from django.db.models.functions import Cast

from vigie.analysis.models import Analysis
from vigie.commands.demo import sample_deliveries
from vigie.editions import builder

pytestmark = pytest.mark.django_db


def test_the_editions_read_the_decisions_kept_as_decoded(vigie, monkeypatch):
    built: list[tuple] = []
    real = builder.build_day

    def spied(day, *, newsroom=False, kept=None):
        built.append((day, kept))
        return real(day, newsroom=newsroom, kept=kept)

    monkeypatch.setattr(builder, "build_day", spied)
    code, _, err = vigie("ingest", *sample_deliveries())
    assert code == 0, err
    assert built
    if connection.vendor != "sqlite":  # jsonb gives another text back: nothing kept
        assert all(kept is None for _, kept in built)
        return
    stored = set(Analysis.objects.filter(retained=True).values_list(
        Cast("decision", models.TextField()), flat=True))
    kept = {text: value for _, found in built for text, value in found.items()}
    for text, value in kept.items():
        assert value == json.loads(text)
    assert kept and set(kept) <= stored  # found: the very texts stored
    for day, found in built:
        assert builder.load_items(day, found) == builder.load_items(day)
