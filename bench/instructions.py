"""Instructions of ``vigie ingest`` as a ratio of those of a bare libarchive + lxml read of
the same tarball, counted by valgrind (callgrind), for a machine too noisy to time.

On a shared machine the same ingest's processor time moves by a third from one run to the
next (the host's load, its clock): the ratio of ``bench/ingest.py`` then says little about a
change of a few per cent. Instructions do not move: the same tree, tarball and environment
give the same count, whatever else the machine does (a few tenths of a per cent between
runs). Each process of the ingest (main, parsing and analysis workers, fork server) is
counted, and the sum is compared
with the count of the ceiling (``ingest.ceiling``: read every member, parse it with lxml,
nothing else), measured in the same run. ``--tree`` measures other trees beside this one
(each its own ``PYTHONPATH``), the same tarball for all: a change's cost or gain, in
instructions. SQLite only (a PostgreSQL server's instructions are not the ingest's).
The analysis is done by the main process alone unless ``--workers N`` says otherwise: how
texts are shared between processes follows their pace, and each process has its own caches
(titles, lines), so that a shared analysis counts a per cent or two more or less from one run
to the next; hash seeds are fixed for the same reason.

    python bench/instructions.py [--files 4000] [--per-day 33] [--only sans|avec]
                                 [--workers N] [--tree /chemin/vers/un/autre/arbre ...]

Valgrind runs a program some fifty times slower: 4 000 files (the default) take about two
minutes an ingest with the analysis. Instructions are not time (caches, memory, the other
core): they say where work was added or saved, ``bench/ingest.py`` what it is worth.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from ingest import build_global  # noqa: E402

_SUMMARY = re.compile(rb"^summary: (\d+)$", re.M)
_COMMAND = re.compile(rb"^cmd: (.*)$", re.M)
# ``ingest.ceiling``'s loop, alone in its process (no module of Vigie imported).
_CEILING = ("import libarchive\nfrom lxml import etree\n"
            "with libarchive.file_reader({path!r}) as archive:\n"
            "    for entry in archive:\n"
            "        if entry.isreg:\n"
            "            etree.fromstring(b''.join(entry.get_blocks()))\n")


def counted(command: list[str], env: dict[str, str], folder: Path,
            cwd: Path | None = None) -> dict[str, int]:
    """Run ``command`` under callgrind, its children too: instructions by process kind.
    ``cwd``: where it runs (``python -m`` imports from there first, before ``PYTHONPATH``)."""
    for old in folder.glob("cg.*"):
        old.unlink()
    done = subprocess.run(["valgrind", "--tool=callgrind", "--trace-children=yes",
                           "--callgrind-out-file=" + str(folder / "cg.%p"), *command],
                          env=env, capture_output=True, cwd=cwd)
    if done.returncode != 0:
        raise SystemExit("Échec sous valgrind :\n" + done.stderr.decode(errors="replace")[-2000:])
    kinds: dict[str, int] = {}
    for out in folder.glob("cg.*"):
        data = out.read_bytes()
        total = _SUMMARY.search(data)
        line = _COMMAND.search(data)
        kind = _kind(line.group(1) if line else b"")
        kinds[kind] = kinds.get(kind, 0) + (int(total.group(1)) if total else 0)
    return kinds


def _kind(command: bytes) -> str:
    if b"forkserver" in command:
        return "serveur et travail"  # the fork server and the analysis workers it starts
    if b"resource_tracker" in command:
        return "suivi"
    if b"vigie.cli" in command:
        return "principal et lecture"  # the main process and its forked parsing workers
    return "autres"  # (ldconfig, looked up by ctypes)


def ingest_count(tree: Path, tarball: Path, analysis: bool, folder: Path,
                 workers: int) -> dict[str, int]:
    """Instructions of ``vigie ingest`` of ``tree`` into a fresh SQLite base (``workers``:
    analysis workers)."""
    data = folder / "donnees"
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir()
    env = dict(os.environ, PYTHONPATH=str(tree), VIGIE_DATA_DIR=str(data),
               VIGIE_DATABASE_URL=f"sqlite:///{data}/bench.sqlite3", PYTHONHASHSEED="0",
               VIGIE_ANALYSIS_WORKERS=str(workers))
    python = [sys.executable, "-m", "vigie.cli"]
    subprocess.run([*python, "anomalies"], env=env, check=True, capture_output=True, cwd=tree)
    if analysis:  # the geography the analysis reads, built once per data directory
        subprocess.run([sys.executable, "-c", "from vigie.reference.geography import load_geo;"
                        " load_geo()"], env=env, check=True, capture_output=True, cwd=tree)
    flags = [] if analysis else ["--no-analysis"]
    # Run in ``tree``: run elsewhere (in another tree), ``python -m`` would import that one.
    return counted([*python, "ingest", *flags, str(tarball)], env, folder, cwd=tree)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=4000)
    parser.add_argument("--per-day", type=int, default=33, metavar="N")
    parser.add_argument("--only", choices=("sans", "avec"), default=None)
    parser.add_argument("--workers", type=int, default=0, metavar="N",
                        help="processus d'analyse (0, par défaut : le principal analyse seul, "
                             "un compte qui ne dépend pas du partage)")
    parser.add_argument("--tree", action="append", default=[], type=Path,
                        help="un autre arbre de Vigie à mesurer sur la même archive")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind introuvable : apt-get install valgrind")
    trees = [HERE.parent, *(tree.resolve() for tree in args.tree)]
    for tree in trees:  # compiled as an installation leaves them (see ``bench/ingest.py``)
        subprocess.run([sys.executable, "-c", "import compileall, sys; "
                        "sys.exit(not compileall.compile_dir(sys.argv[1], quiet=1))",
                        str(tree / "vigie")], check=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        tarball = folder / "JORF_20261014-011502.tar.gz"
        files = build_global(tarball, args.files, per_day=args.per_day)
        ceiling = sum(counted([sys.executable, "-c", _CEILING.format(path=str(tarball))],
                              dict(os.environ, PYTHONHASHSEED="0"), folder).values())
        print(f"Archive de {files} fichiers ; plafond (libarchive + lxml) : "
              f"{ceiling / 1e6:,.0f} M instructions".replace(",", " "))
        modes = [m for m in (False, True) if args.only is None or m == (args.only == "avec")]
        for analysis in modes:
            for tree in trees:
                kinds = ingest_count(tree, tarball, analysis, folder, args.workers)
                total = sum(kinds.values())
                parts = ", ".join(f"{kind} {count / 1e6:,.0f} M".replace(",", " ")
                                  for kind, count in sorted(kinds.items()))
                print(f"{tree} {'avec' if analysis else 'sans'} analyse : "
                      f"{total / 1e6:,.0f} M instructions".replace(",", " ")
                      + f", plafond / ingestion {ceiling / total:.1%} ({parts})", flush=True)


if __name__ == "__main__":
    main()
