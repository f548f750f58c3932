"""Shared helpers of the parsing tests: where the real DILA corpus is, and how to read it.

The real files live outside the repository, in ``../shared/corpus/jorf`` next to the repo root;
tests that need them skip with a clear reason when that folder is absent.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from vigie.parsing.dispatch import parse_member
from vigie.parsing.model import Parsed

REPO_ROOT = Path(__file__).resolve().parents[2]
JORF_DIR = (REPO_ROOT / ".." / "shared" / "corpus" / "jorf").resolve()
SKIP_REASON = "../shared absent : corpus DILA réel indisponible"


def corpus_files() -> list[Path]:
    """Every XML file of the real JORF corpus ([] when ../shared is absent)."""
    return sorted(JORF_DIR.rglob("*.xml")) if JORF_DIR.is_dir() else []


@pytest.fixture(scope="session")
def jorf_dir() -> Path:
    """The real corpus folder; skips the test when ../shared is absent."""
    if not JORF_DIR.is_dir():
        pytest.skip(SKIP_REASON)
    return JORF_DIR


@pytest.fixture(scope="session")
def parse_real(jorf_dir: Path) -> Callable[[str], Parsed]:
    """Parse a real file given its path relative to ``corpus/jorf`` (results are cached)."""
    cache: dict[str, Parsed] = {}

    def parse(relative: str) -> Parsed:
        if relative not in cache:
            path = jorf_dir / relative
            cache[relative] = parse_member(path.name, path.read_bytes())
        return cache[relative]

    return parse


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Parametrise ``corpus_path`` with every real file (one ``None`` case when absent)."""
    if "corpus_path" in metafunc.fixturenames:
        files = corpus_files()
        ids = [str(path.relative_to(JORF_DIR)) for path in files] or ["shared-absent"]
        metafunc.parametrize("corpus_path", files or [None], ids=ids)
