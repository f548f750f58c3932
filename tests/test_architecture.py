"""The folder tree is the pipeline: data flows one way, and pure stages stay pure."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "vigie"
STAGES = ("reference", "sources", "parsing", "documents", "analysis", "editions", "web", "mailing")
# Modules of the analysis stage that talk to the database; every other one is pure.
ANALYSIS_STORAGE = {"models.py", "store.py", "apps.py", "admin.py"}
IMPURE = ("django", "httpx", "feedparser", "celery", "redis", "psycopg")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _stage_modules(stage: str):
    folder = PACKAGE / stage
    return sorted(p for p in folder.rglob("*.py") if "migrations" not in p.parts)


def test_each_stage_imports_only_earlier_stages():
    wrong = []
    for index, stage in enumerate(STAGES):
        later = {f"vigie.{s}" for s in STAGES[index + 1:]}
        for path in _stage_modules(stage):
            for name in _imports(path):
                if any(name == m or name.startswith(m + ".") for m in later):
                    wrong.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert not wrong, "imports against the flow of data:\n" + "\n".join(wrong)


def test_parsing_and_analysis_rules_are_pure():
    wrong = []
    for stage in ("reference", "parsing", "analysis"):
        for path in _stage_modules(stage):
            if stage == "analysis" and path.name in ANALYSIS_STORAGE:
                continue
            for name in _imports(path):
                top = name.split(".")[0]
                if top in IMPURE or name.startswith(("vigie.sources", "vigie.documents")):
                    wrong.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert not wrong, "pure stages must not touch the network or the database:\n" + "\n".join(
        wrong
    )


def test_sources_do_not_parse_or_store():
    wrong = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in _stage_modules("sources")
        for name in _imports(path)
        if (name.startswith("vigie.") and not name.startswith(("vigie.sources", "vigie.reference")))
        or name.split(".")[0] == "django"
    ]
    assert not wrong, "\n".join(wrong)
