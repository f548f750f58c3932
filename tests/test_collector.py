"""The garbage collector of ``vigie``'s processes: off while the program starts up, on (the
start-up's objects left out of its scans) for the command's work and in the parsing workers
forked meanwhile, ``settled_objects`` spacing its passes all the same; and the assembly of a
text leaving it nothing to find."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import textwrap
import weakref
from pathlib import Path

from vigie.documents.assembly import Settling, ordered_article_ids
from vigie.documents.settling import YOUNG_OBJECTS, settled_objects
from vigie.documents.stored import StoredSection

REPO = Path(__file__).resolve().parents[1]
# A command with work before Django (as ``vigie ingest`` forks its parsing workers there) and
# without a database, run the way the ``vigie`` program runs one (``cli.run``).
SCRIPT = textwrap.dedent("""
    import gc, sys
    from vigie import cli
    from vigie.argparse_fr import FrenchArgumentParser
    from vigie.documents import parallel

    seen = {}

    def collector():
        return gc.isenabled(), gc.get_threshold()[0]

    def before_django(args):
        seen["start-up"] = gc.isenabled()
        with parallel.pool(1, "fork") as pool:  # as ``documents.early`` forks it
            seen["worker"] = pool.submit(collector).result()

    def handler(args):
        seen["work"] = gc.isenabled(), gc.get_freeze_count() > 0
        print(seen)
        return 0

    def build_parser(argv=None):
        parser = FrenchArgumentParser(prog="vigie")
        sub = parser.add_subparsers(dest="command")
        sub.add_parser("sonde").set_defaults(handler=handler, before_django=before_django,
                                             needs_database=False)
        return parser

    if __name__ == "__main__":
        cli.build_parser = build_parser
        sys.argv = ["vigie", "sonde"]
        cli.run()
""")


def test_off_while_starting_up_on_for_the_work_and_in_the_workers(tmp_path):
    script = tmp_path / "sonde.py"
    script.write_text(SCRIPT)
    run = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                         env=dict(os.environ, PYTHONPATH=str(REPO)), timeout=120)
    assert run.returncode == 0, run.stderr
    seen = eval(run.stdout)  # noqa: S307 - the dict the script printed
    assert seen["start-up"] is False
    assert seen["worker"] == (True, YOUNG_OBJECTS)  # on, its passes spaced
    assert seen["work"] == (True, True)  # on, the start-up's objects frozen


def test_settled_objects_space_the_passes_after_a_freeze():
    """``cli.run`` freezes the start-up's objects: ``settled_objects`` must not take that for
    an outer ``settled_objects`` (its passes were then every 700 objects, as before)."""
    before = gc.get_threshold()
    gc.freeze()
    try:
        with settled_objects():
            assert gc.get_threshold()[0] == YOUNG_OBJECTS
            with settled_objects():  # inside another: changes nothing
                pass
            assert gc.get_threshold()[0] == YOUNG_OBJECTS
        assert gc.get_threshold() == before
    finally:
        gc.unfreeze()


def test_ordering_a_text_leaves_no_reference_cycle():
    """Each of the thousands of texts a delivery assembles left a cycle (a nested function
    calling itself) holding its sections until a pass of the collector found it: they must go
    as soon as the last reference to them does, the collector off."""
    doc = Settling(None, "JORFTEXT000000000001", "complete",
                   [["article", "A1"], ["section", "S1"], ["article", "A3"]],
                   1, "", "", None, "", "")
    sections = _Sections({"S1": StoredSection(1, "S1", doc.uid, "Titre Ier",
                                              [["article", "A2"], ["section", "S2"]]),
                          "S2": StoredSection(2, "S2", doc.uid, "Chapitre Ier",
                                              [["article", "A4"]])})
    gone = weakref.ref(sections)
    enabled = gc.isenabled()
    gc.disable()
    try:
        assert ordered_article_ids(doc, sections) == ["A1", "A2", "A4", "A3"]
        del sections
        assert gone() is None  # freed at once: nothing but a cycle could have held them
    finally:
        if enabled:
            gc.enable()


class _Sections(dict):
    """A text's sections, as a dict that a weak reference can follow."""
