"""Helpers for the analysis tests: the shared corpus, and items written by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
LABELS = ("eval", "labels_jorf_0192.csv")
SOMMAIRE = ("corpus", "jorf", "jorfsimple", "france-transparence",
            "jorf_sommaire_JORFCONT000054706874.xml")
CATNAT = ("corpus", "jorf", "jorfsimple", "mon-sinistre", "JORFTEXT000053398028.xml")


def shared_file(*parts: str) -> Path:
    """A file of ../shared, or skip: CI has it, a bare checkout may not."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"../shared absent : {path} introuvable (corpus et annotations réels)")
    return path


def parsed_text(*parts: str):
    """A real JORF text of ../shared, parsed by the parsing stage."""
    from vigie.parsing.dispatch import parse_member

    path = shared_file(*parts)
    return parse_member(path.name, path.read_bytes())
