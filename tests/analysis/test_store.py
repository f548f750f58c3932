"""Stored decisions: made after each ingest, redone only when stale, shown and exported."""

from __future__ import annotations

import json
from datetime import date

import pytest

from vigie.analysis.models import Analysis
from vigie.analysis.records import ANALYSIS_VERSION
from vigie.commands.demo import sample_deliveries

pytestmark = pytest.mark.django_db
DECRET = "JORFTEXT000099000006"


def test_decisions_are_stored_versioned_and_redone_only_when_stale(vigie):
    code, out, _ = vigie("ingest", *sample_deliveries())
    assert code == 0 and "Analyse : 15 texte(s) analysé(s)" in out
    analysis = Analysis.objects.get(document__uid=DECRET)
    assert analysis.version == ANALYSIS_VERSION and analysis.retained
    code, out, _ = vigie("analyse", "--all")
    assert code == 0 and out.startswith("0 texte(s) analysé(s), 15 inchangé(s)")
    Analysis.objects.filter(document__uid=DECRET).update(version="0.0")
    code, out, _ = vigie("analyse", "--date", "2026-10-14")
    assert out.startswith("1 texte(s) analysé(s), 14 inchangé(s)")
    assert Analysis.objects.get(document__uid=DECRET).version == ANALYSIS_VERSION


def test_show_and_export_include_the_decision(vigie):
    vigie("ingest", *sample_deliveries())
    code, out, _ = vigie("show", DECRET)
    assert code == 0 and "Analyse de Vigie" in out and "Pourquoi :" in out
    code, out, _ = vigie("export", "--date", "2026-10-14")
    records = {r["id"]: r for r in map(json.loads, out.splitlines())}
    decision = records[DECRET]["analysis"]
    assert decision["retained"] is True and decision["scope"] == "national"
    assert decision["reasons"] and decision["theme"]


def test_a_stored_decision_reads_back_as_the_same_decision():
    from vigie.analysis.engine import analyse
    from vigie.analysis.records import Decision, Item

    item = Item(title="Arrêté du 6 octobre 2026 portant reconnaissance de l'état de catastrophe "
                      "naturelle", text="Article 1\nCommune de Bourges (Cher) : inondations "
                      "du 1er au 3 octobre 2026.\nLe présent arrêté entre en vigueur le "
                      "lendemain de sa publication.", date=date(2026, 10, 14))
    decision = analyse(item)
    assert decision.territories and decision.dates
    again = Decision.from_json(decision.to_json())
    assert again.territories == decision.territories and again.dates == decision.dates
    assert again.to_json() == decision.to_json()
