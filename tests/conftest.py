"""Shared test helpers: where the real corpus lives, and running ``vigie`` in-process."""

from __future__ import annotations

import io
import os
import tarfile
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO.parent / "shared").resolve()
FIXTURES = REPO / "tests" / "fixtures"


def shared_path(*parts: str) -> Path:
    """A path inside ../shared, or skip the test with a clear reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"../shared absent ({path}) : corpus DILA réel et données d'évaluation "
                    "indisponibles sur cette machine")
    return path


@pytest.fixture
def shared() -> Callable[..., Path]:
    return shared_path


@pytest.fixture
def vigie(db) -> Callable[..., tuple[int, str, str]]:
    """Run the ``vigie`` command in this process, on the test database."""
    from vigie.cli import main

    def run(*args: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            try:
                code = main([str(a) for a in args])
            except SystemExit as stop:  # argparse errors
                code = int(stop.code or 0)
        return code, out.getvalue(), err.getvalue()

    return run


def make_tarball(path: Path, members: dict[str, bytes]) -> Path:
    """Write a .tar.gz holding ``members`` (name → bytes), as DILA does."""
    with tarfile.open(path, "w:gz") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def tree_members(root: Path, prefix: str = "") -> dict[str, bytes]:
    """Every file below ``root`` as tar members named ``prefix/relative/path``."""
    return {
        f"{prefix}{p.relative_to(root).as_posix()}": p.read_bytes()
        for p in sorted(root.rglob("*")) if p.is_file()
    }


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory, monkeypatch) -> None:
    """Downloads and other files go to a temporary data directory, never the user's."""
    from django.conf import settings

    folder = tmp_path_factory.mktemp("vigie-data")
    monkeypatch.setattr(settings, "DATA_DIR", folder, raising=False)
    monkeypatch.setenv("VIGIE_DATA_DIR", str(folder))


os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
