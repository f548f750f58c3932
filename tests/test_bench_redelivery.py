"""``bench/redelivery.py``: the later deliveries it builds, and a small run of it."""

from __future__ import annotations

import subprocess
import sys
import tarfile
from pathlib import Path

from bench.ingest import build_global
from bench.redelivery import later_delivery

REPO = Path(__file__).resolve().parents[1]


def test_the_later_deliveries_are_the_same_files_articles_changed_or_not(tmp_path):
    first = tmp_path / "JORF_20261014-011502.tar.gz"
    build_global(first, 60)
    same = later_delivery(first, "20261015-011502", changed=False)
    changed = later_delivery(first, "20261016-011502", changed=True)
    with tarfile.open(first) as a, tarfile.open(same) as b, tarfile.open(changed) as c:
        names = [m.name.replace("20261014", "20261015") for m in a]
        assert names == [m.name for m in b] and len(names) == 60
        articles = [m for m in c if "/article/" in m.name]
        assert articles and all("(modifié)" in c.extractfile(m).read().decode()
                                for m in articles)
        assert all(b"(modifi" not in b.extractfile(m).read() for m in b)


def test_a_small_run_measures_both_re_deliveries():
    run = subprocess.run([sys.executable, str(REPO / "bench" / "redelivery.py"), "--files",
                          "120", "--no-pg"], capture_output=True, text=True, timeout=300,
                         cwd=REPO)
    assert run.returncode == 0, run.stderr
    assert "relivraison inchangée → SQLite" in run.stdout
    assert "relivraison modifiée  → SQLite" in run.stdout
