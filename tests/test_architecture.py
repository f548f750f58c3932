"""The folder tree is the pipeline: data flows one way, pure stages stay pure, each thing has
one owner, and modules and functions stay small.

Imports are read from the source (``ast``): absolute and relative imports, imports inside
functions, and the URL configurations a module includes by name.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "vigie"
# Every module of Vigie sits in one layer; a module imports only from its layer and earlier
# ones. Set-up first, then the stages of the pipeline, then what joins them and the command.
FLOW = (
    "__init__", "config", "settings", "reference", "sources", "demo", "parsing", "documents",
    "analysis", "newsroom", "editions", "web", "mailing", "redaction", "operations", "urls",
    "pipeline", "tasks", "argparse_fr", "commands", "cli",
)
STAGES = ("reference", "sources", "parsing", "documents", "analysis", "newsroom", "editions", "web",
          "mailing")
# Packages and modules that reach a database, the network or a server; and the stages that
# fetch and store.
IMPURE = frozenset({"django", "httpx", "feedparser", "celery", "redis", "psycopg", "requests",
                    "sqlite3", "smtplib", "socket", "urllib.request"})
STORING = ("vigie.sources", "vigie.documents")
# Pure entry points: what ``vigie analyse --jsonl`` and ``vigie eval`` run without a
# database, and the shape of an edition.
PURE_ENTRY_POINTS = ("vigie.analysis.engine", "vigie.analysis.evaluate",
                     "vigie.analysis.records", "vigie.editions.content")
MODULE_LINES, FUNCTION_LINES = 400, 40


def _name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def modules() -> dict[str, Path]:
    """Every module of the package (migrations apart: Django writes them), by dotted name."""
    return {_name(p): p for p in sorted(PACKAGE.rglob("*.py")) if "migrations" not in p.parts}


@cache
def tree(name: str) -> ast.Module:
    return ast.parse(modules()[name].read_text(encoding="utf-8"))


def _package_of(name: str) -> str:
    return name if modules()[name].name == "__init__.py" else name.rpartition(".")[0]


def _resolve(name: str, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = _package_of(name).split(".")
    base = base[:len(base) - node.level + 1]
    return ".".join(base + ([node.module] if node.module else []))


def _included(node: ast.AST) -> list[str]:
    """URL configurations named in ``include("vigie.…")`` and handlers named by string."""
    if (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "include" and node.args
            and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
        return [node.args[0].value]
    if (isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
            and any(getattr(t, "id", "").startswith("handler") for t in node.targets)):
        return [str(node.value.value).rpartition(".")[0]]
    return []


@cache
def imports(name: str) -> frozenset[str]:
    """Every module ``name`` imports (dotted), followed through relative imports, imports in
    functions, URL includes; ``from package import module`` counts as the module."""
    found: set[str] = set()
    for node in ast.walk(tree(name)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            target = _resolve(name, node)
            found.add(target)
            found.update(f"{target}.{a.name}" for a in node.names
                         if f"{target}.{a.name}" in modules())
        else:
            found.update(_included(node))
    return frozenset(found - {"__future__"})


def internal(name: str) -> set[str]:
    return {m for m in imports(name) if m in modules()}


@cache
def reach(name: str) -> frozenset[str]:
    """Every module ``name`` leads to, itself included (internal and external names)."""
    seen, todo = {name}, [name]
    while todo:
        for target in imports(todo.pop()):
            if target not in seen:
                seen.add(target)
                if target in modules():
                    todo.append(target)
    return frozenset(seen)


def layer(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _impure(names: frozenset[str]) -> list[str]:
    return sorted(n for n in names if n.split(".")[0] in IMPURE or n in IMPURE
                  or n in STORING or n.startswith(tuple(f"{s}." for s in STORING)))


# --- The flow of data ------------------------------------------------------------------------

def test_every_module_has_a_place_in_the_flow():
    unplaced = sorted(n for n in modules() if layer(n) not in FLOW)
    assert not unplaced, "modules outside the flow (add their layer to FLOW):\n" + "\n".join(
        unplaced)


def test_each_stage_imports_only_earlier_stages():
    wrong = []
    for name in modules():
        rank = FLOW.index(layer(name))
        wrong += [f"{name} imports {target}" for target in sorted(internal(name))
                  if FLOW.index(layer(target)) > rank]
    assert not wrong, "imports against the flow of data:\n" + "\n".join(wrong)


def test_imports_are_read_through_relative_imports_and_url_includes():
    assert "vigie.mailing.urls" in imports("vigie.urls")  # include("vigie.mailing.urls")
    assert "vigie.web.views.errors" in imports("vigie.urls")  # handler404 = "…"
    source = ast.parse("from .blocks import Blocks\nfrom .. import models\n")
    resolved = [_resolve("vigie.mailing.composing.drafts", node) for node in source.body]
    assert resolved == ["vigie.mailing.composing.blocks", "vigie.mailing"]


def test_sources_do_not_parse_or_store():
    wrong = [
        f"{name} imports {target}"
        for name in modules() if layer(name) == "sources"
        for target in imports(name)
        if (target.startswith("vigie.") and not target.startswith(("vigie.sources",
                                                                   "vigie.reference")))
        or target.split(".")[0] == "django"
    ]
    assert not wrong, "\n".join(wrong)


# --- Purity, by what a module imports --------------------------------------------------------

def test_parsing_and_analysis_rules_are_pure():
    """Reference data and parsing are pure; in analysis, only the modules that import Django
    themselves (the storage of decisions) may reach the database, and no rule leads to one."""
    wrong = []
    for name in modules():
        storage = layer(name) == "analysis" and any(
            i.split(".")[0] == "django" for i in imports(name))
        if layer(name) in ("reference", "parsing", "analysis") and not storage:
            wrong += [f"{name} leads to {target}" for target in _impure(reach(name))]
    for name in PURE_ENTRY_POINTS:
        wrong += [f"{name} leads to {target}" for target in _impure(reach(name))]
    assert not wrong, "pure code must not reach the network or the database:\n" + "\n".join(
        sorted(set(wrong)))


def test_no_module_uses_another_modules_private_names():
    wrong = []
    for name in modules():
        bound: dict[str, str] = {}  # local name → vigie module it stands for
        for node in ast.walk(tree(name)):
            if isinstance(node, ast.ImportFrom):
                target = _resolve(name, node)
                for alias in node.names:
                    if f"{target}.{alias.name}" in modules():
                        bound[alias.asname or alias.name] = f"{target}.{alias.name}"
                    elif alias.name.startswith("_") and target != name:
                        wrong.append(f"{name} imports {target}.{alias.name}")
            elif isinstance(node, ast.Import):
                bound.update({a.asname: a.name for a in node.names if a.asname})
        for node in ast.walk(tree(name)):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                    and node.value.id in bound and node.attr.startswith("_")
                    and not node.attr.startswith("__")):
                wrong.append(f"{name} uses {bound[node.value.id]}.{node.attr}")
    assert not wrong, "private names used from another module:\n" + "\n".join(wrong)


# --- One owner -------------------------------------------------------------------------------

def test_only_the_commands_print():
    wrong = [f"{name}:{node.lineno}" for name in modules()
             if layer(name) not in ("commands", "cli")
             for node in ast.walk(tree(name))
             if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "print"]
    assert not wrong, "print() outside the commands (use logging or report):\n" + "\n".join(
        wrong)


SITE_PATH = re.compile(r"^/(texte|edition|flux|calendrier|api|abonnement|archives|recherche|"
                       r"departement)/")


def test_addresses_are_built_in_one_place():
    """``vigie.web.addresses`` reverses the URL patterns; no path is written by hand."""
    wrong = []
    for name in modules():
        for node in ast.walk(tree(name)):
            if (isinstance(node, ast.ImportFrom) and node.module == "django.urls"
                    and any(a.name == "reverse" for a in node.names)
                    and name != "vigie.web.addresses"):
                wrong.append(f"{name} imports reverse()")
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and (
                    SITE_PATH.match(node.value)):
                wrong.append(f"{name}:{node.lineno} writes {node.value!r}")
    for template in sorted(PACKAGE.rglob("templates/**/*.html")):
        text = template.read_text(encoding="utf-8")
        wrong += [f"{template.name} writes {m}" for m in re.findall(
            r'(?:href|action|src)="/[^"]*"', text)]
    assert not wrong, "\n".join(wrong)


def test_stored_editions_and_decisions_are_read_as_typed_records():
    """Outside their owners, an edition's stored JSON is never read, and a stored decision is
    only read through ``Decision.from_json``."""
    wrong = []
    for name in modules():
        read_typed = {id(sub) for node in ast.walk(tree(name)) if isinstance(node, ast.Call)
                      and getattr(node.func, "attr", "") == "from_json"
                      for arg in node.args for sub in ast.walk(arg)}
        for node in ast.walk(tree(name)):
            if not isinstance(node, ast.Attribute) or id(node) in read_typed:
                continue
            if node.attr == "frame" and layer(name) != "editions":
                wrong.append(f"{name}:{node.lineno} reads an edition's frame")
            if node.attr == "decision" and layer(name) != "analysis":
                wrong.append(f"{name}:{node.lineno} reads a stored decision")
    assert not wrong, "\n".join(wrong)


# --- Size ------------------------------------------------------------------------------------

def test_modules_and_functions_stay_small():
    wrong = []
    for name, path in modules().items():
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MODULE_LINES:
            wrong.append(f"{name}: {lines} lines (at most {MODULE_LINES})")
        for node in ast.walk(tree(name)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                size = node.end_lineno - node.lineno + 1
                if size > FUNCTION_LINES:
                    wrong.append(f"{name}.{node.name}: {size} lines (at most {FUNCTION_LINES})")
    assert not wrong, "\n".join(wrong)
