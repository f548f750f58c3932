"""Benchmark of ``vigie ingest``: its speed as a ratio of a bare libarchive + lxml read of the
same tarball, measured in the same run, and the memory of all its processes together.

Builds a delivery of about N files (``--flow global``: the JORF global flow, the test
fixture delivery ``JORF_20260923-011003`` repeated with new ids — texts, structures,
sections, articles, sommaires —, each copy's files together, or with ``--order kinds`` every
article first, then the sommaire, the sections, the structures and the texts, as a walk of
DILA's tree gives them; ``--flow simple``: synthetic JORFSIMPLE texts), then measures:

* the ceiling: read the tarball with libarchive and parse every member with lxml, nothing else
  (measured again right before each ingest, the load of a shared machine moving);
* ``vigie ingest --no-analysis`` and ``vigie ingest`` (with the analysis, the search index and
  the editions) into a fresh SQLite file and a fresh PostgreSQL database, each in its own
  process: files/s, ratio to the ceiling, and the peak of the summed resident memory of the
  ingest process and all its descendants (parsing workers, fork server), sampled every 50 ms;
  and the processor time of all these processes beside the ceiling's: on a loaded machine the
  wall-clock ratio swings with the moment (the ceiling takes under a second), the processor
  time much less. (The PostgreSQL server's own time is not counted.)

    python bench/ingest.py [--files 20000] [--flow global|simple] [--order copies|kinds]
                           [--per-day N]
                           [--pg postgres://postgres@127.0.0.1:5432/vigie_bench] [--no-pg]

The machine's other load changes absolute rates, not much the ratios: compare ratios.

Vigie's modules are measured compiled, as an installation leaves them (``pip install .``
compiles them): run from a checkout with ``PYTHONDONTWRITEBYTECODE`` set, each process of the
ingest would otherwise compile them from source first (about a tenth of a second of start-up
per process), a cost no installed Vigie pays. ``--source`` measures that case too.
"""

from __future__ import annotations

import argparse
import compileall
import io
import itertools
import os
import random
import re
import statistics
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import libarchive
from lxml import etree

from vigie.demo.factory import random_text, texte_xml

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "fixtures" / "global" / "JORF_20260923-011003"
STAMP = "20261014-011502"
FIXTURE_DAY = date(2026, 9, 23)  # the day the fixture's texts are published
# Goals of issue 13: share of the ceiling, and the summed memory.
GOALS = {("SQLite", False): 0.50, ("PostgreSQL", False): 0.35,
         ("SQLite", True): 0.25, ("PostgreSQL", True): 0.25}
GOAL_MB = 300
_FIXTURE_ID = re.compile(rb"(JORF(?:TEXT|ARTI|SCTA|CONT))00009910(\d{4})")


def _add(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    archive.addfile(info, io.BytesIO(data))


# ``--order kinds``: the folders of DILA's tree, in the order a walk of it gives them.
KIND_ORDER = ("/article/", "/conteneur/", "/section_ta/", "/texte/struct/", "/texte/version/")


def build_global(path: Path, files: int, order: str = "copies", per_day: int = 0) -> int:
    """The fixture delivery repeated with new ids until ``files`` files, each copy's files
    together (``order`` "copies") or grouped by kind ("kinds"); with ``per_day``, that many
    copies (three texts each) published each day, a day earlier each time, as a history of
    the Journal officiel is (0: every copy the same day); returns the count."""
    members = list(itertools.islice(_copies(per_day), files))
    if order == "kinds":
        members.sort(key=lambda member: next(
            (i for i, kind in enumerate(KIND_ORDER) if kind in member[0]), len(KIND_ORDER)))
    with tarfile.open(path, "w:gz", compresslevel=6) as archive:
        for name, data in members:
            _add(archive, name, data)
    return len(members)


def _copies(per_day: int = 0) -> Iterator[tuple[str, bytes]]:
    """The fixture's files, copy after copy, each with new ids (one sommaire, as DILA's);
    with ``per_day``, each ``per_day`` copies published a day before the previous ones."""
    originals = sorted(p for p in FIXTURE.rglob("*.xml"))
    for copy in itertools.count(1):
        day = (FIXTURE_DAY - timedelta(days=(copy - 1) // per_day)).isoformat().encode() \
            if per_day else b""
        for original in originals:
            if copy > 1 and "/conteneur/" in original.as_posix():
                continue
            renamed = _FIXTURE_ID.sub(rb"\g<1>%08d\g<2>" % copy, original.read_bytes())
            if day:
                renamed = renamed.replace(FIXTURE_DAY.isoformat().encode(), day)
            relative = original.relative_to(FIXTURE).as_posix().replace(
                "20260923-011003", STAMP)
            yield _FIXTURE_ID.sub(rb"\g<1>%08d\g<2>" % copy, relative.encode()).decode(), renamed


def build_simple(path: Path, files: int) -> int:
    """``files`` synthetic JORFSIMPLE texts (sizes like real ones)."""
    rng = random.Random(2026)
    with tarfile.open(path, "w:gz", compresslevel=6) as archive:
        for index in range(files):
            _add(archive, f"{STAMP}/jorfsimple/texte/{index:06d}.xml",
                 texte_xml(random_text(rng, index)))
    return files


def ceiling(path: Path) -> tuple[int, float, float]:
    """(files, seconds, processor seconds) of reading the archive with libarchive and parsing
    each member."""
    start, processor = time.perf_counter(), time.process_time()
    count = 0
    with libarchive.file_reader(str(path)) as archive:
        for entry in archive:
            if entry.isreg:
                etree.fromstring(b"".join(entry.get_blocks()))
                count += 1
    return count, time.perf_counter() - start, time.process_time() - processor


def _tree_rss(root: int, ticks: dict[int, int] | None = None,
              roles: dict[int, str] | None = None) -> int:
    """Resident bytes of ``root`` and all its descendants (Linux /proc); ``ticks`` gets the
    processor time each has used so far (clock ticks), ``roles`` what each one is
    (``_role``). Only the tree is read (``task/*/children``), not every process of the
    machine: sampled every 50 ms on 2 cores, a scan of all of /proc took a tenth of a core
    from the ingest being measured."""
    total, stack, parents = 0, [root], {}
    page = os.sysconf("SC_PAGE_SIZE")
    while stack:
        pid = stack.pop()
        folder = f"/proc/{pid}"
        try:
            total += int(Path(folder, "statm").read_text().split()[1]) * page
        except OSError:  # gone meanwhile
            continue
        if ticks is not None:
            ticks[pid] = max(ticks.get(pid, 0), _ticks(folder))
        if roles is not None and pid not in roles:
            roles[pid] = _role(pid, root, parents.get(pid))
        for child in _children(folder):
            parents[child] = pid
            stack.append(child)
    return total


def _children(folder: str) -> list[int]:
    """The children of a process, started by any of its threads."""
    found: list[int] = []
    try:
        tasks = os.listdir(f"{folder}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            found.extend(int(c) for c in Path(folder, "task", task, "children").read_text().split())
        except OSError:
            continue
    return found


def _role(pid: int, root: int, parent: int | None) -> str:
    """What a process of the ingest is: the main one, a fork server, the resource tracker,
    or a worker (any other descendant: the parsing workers, the analysis ones)."""
    if pid == root:
        return "principal"
    if parent != root:  # started by a fork server
        return "travail"
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return "travail"
    if b"forkserver" in command:
        return "serveur"
    if b"resource_tracker" in command:
        return "suivi"
    return "travail"


def by_role(ticks: dict[int, int], roles: dict[int, str]) -> dict[str, float]:
    """Processor seconds of the ingest's processes, summed by role."""
    seconds: dict[str, float] = {}
    for pid, used in ticks.items():
        role = roles.get(pid, "travail")
        seconds[role] = seconds.get(role, 0.0) + used / os.sysconf("SC_CLK_TCK")
    return seconds


def _ticks(folder: str) -> int:
    """User and system time of a process, in clock ticks (0 once it is gone)."""
    try:
        fields = Path(folder, "stat").read_text().rpartition(")")[2].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])


def timed_ingest(path: Path, url: str, data_dir: Path, analysis: bool
                 ) -> tuple[float, int, dict[str, float]]:
    """Run ``vigie ingest`` in its own process: (seconds, peak summed RSS in bytes, processor
    seconds of its processes by role, as last seen every 50 ms)."""
    env = dict(os.environ, VIGIE_DATABASE_URL=url, VIGIE_DATA_DIR=str(data_dir))
    command = [sys.executable, "-m", "vigie.cli"]
    # Create the schema first so that the timing covers ingestion only.
    subprocess.run([*command, "anomalies"], env=env, check=True, capture_output=True)
    if analysis:  # the geography the analysis reads is built once per data directory
        subprocess.run([sys.executable, "-c", "from vigie.reference.geography import load_geo;"
                        " load_geo()"], env=env, check=True, capture_output=True)
    flags = [] if analysis else ["--no-analysis"]
    peak, ticks, roles = [0], {}, {}
    start = time.perf_counter()
    process = subprocess.Popen([*command, "ingest", *flags, str(path)], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)

    def sample() -> None:
        while process.poll() is None:
            peak[0] = max(peak[0], _tree_rss(process.pid, ticks, roles))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output = process.communicate()[0].decode()
    elapsed = time.perf_counter() - start
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"vigie ingest a échoué :\n{output}")
    return elapsed, peak[0], by_role(ticks, roles)


def compiled_like_installed() -> int:
    """Compile the modules of the Vigie being measured into their ``__pycache__`` folders,
    as an installation does (ignored by git); the number of modules compiled now."""
    import vigie

    package = Path(vigie.__file__).parent
    before = sum(1 for _ in package.rglob("__pycache__/*.pyc"))
    if not compileall.compile_dir(package, quiet=1):
        raise SystemExit(f"Compilation des modules de {package} impossible.")
    return sum(1 for _ in package.rglob("__pycache__/*.pyc")) - before


def fresh_postgres(url: str) -> str | None:
    """Drop and create the benchmark database; None (with a message) when unreachable."""
    from urllib.parse import urlsplit

    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = f"host={parts.hostname} port={parts.port or 5432} dbname=postgres " \
            f"user={parts.username or 'postgres'}"
    try:
        with psycopg.connect(admin, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
    except Exception as error:  # the benchmark still reports SQLite
        print(f"PostgreSQL indisponible ({error}) : mesure ignorée.")
        return None
    return url


def measure(tarball: Path, files: int, label: str, analysis: bool, url: str) -> dict:
    """One ingest beside the ceiling measured right before it (on a shared machine the load
    moves); prints its line and returns its figures."""
    count, bare, bare_cpu = ceiling(tarball)
    elapsed, peak, roles = timed_ingest(tarball, url, tarball.parent, analysis)
    cpu = sum(roles.values())
    ratio, goal = bare / elapsed, GOALS[(label, analysis)]
    what = "avec analyse" if analysis else "sans analyse"
    print(f"vigie ingest → {label:<10} {what} : {files / elapsed:6.0f} fichiers/s, "
          f"plafond {count / bare:5.0f} fichiers/s : {ratio:5.1%} du plafond "
          f"(objectif ≥ {goal:.0%}) ; mémoire de tous les processus "
          f"{peak / 2**20:.0f} Mo (objectif < {GOAL_MB} Mo) ; temps processeur de "
          f"tous les processus {cpu:.2f} s, plafond {bare_cpu:.2f} s : "
          f"{bare_cpu / cpu:.1%} (" + ", ".join(
              f"{role} {seconds:.2f} s" for role, seconds in sorted(roles.items()))
          + ")", flush=True)
    return {"ratio": ratio, "peak": peak, "cpu": cpu}


def summary(label: str, analysis: bool, runs: list[dict]) -> str:
    """The median ratio of repeated measures (one run swings by a few points on a shared
    machine), the largest memory, and the median processor time."""
    what = "avec analyse" if analysis else "sans analyse"
    ratios = sorted(run["ratio"] for run in runs)
    goal = GOALS[(label, analysis)]
    median = statistics.median(ratios)
    return (f"médiane sur {len(runs)} mesures → {label:<10} {what} : {median:5.1%} du plafond "
            f"(de {ratios[0]:.1%} à {ratios[-1]:.1%} ; objectif ≥ {goal:.0%} : "
            f"{'atteint' if median >= goal else 'non atteint'}) ; mémoire au plus "
            f"{max(run['peak'] for run in runs) / 2**20:.0f} Mo ; temps processeur médian "
            f"{statistics.median(run['cpu'] for run in runs):.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=20_000)
    parser.add_argument("--flow", choices=("global", "simple"), default="global")
    parser.add_argument("--order", choices=("copies", "kinds"), default="copies",
                        help="flux global : fichiers de chaque copie ensemble, ou regroupés "
                             "par sorte (articles d'abord, textes en dernier)")
    parser.add_argument("--per-day", type=int, default=0, metavar="N",
                        help="flux global : N copies (3 textes chacune) publiées chaque jour, "
                             "un jour plus tôt à chaque fois, comme un historique du Journal "
                             "officiel (0, par défaut : toutes le même jour)")
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432/vigie_bench",
                        help="base PostgreSQL à recréer pour chaque mesure")
    parser.add_argument("--no-pg", action="store_true", help="ne mesurer que SQLite")
    parser.add_argument("--only", choices=("sans", "avec"), default=None,
                        help="seulement sans analyse, ou seulement avec")
    parser.add_argument("--repeat", type=int, default=1, metavar="N",
                        help="mesurer N fois chaque cas, en alternant les cas, et donner la "
                             "médiane des rapports")
    parser.add_argument("--source", action="store_true",
                        help="ne pas compiler les modules de Vigie d'avance (avec "
                             "PYTHONDONTWRITEBYTECODE, chaque processus les compile alors)")
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat : au moins 1.")
    if args.per_day < 0:
        parser.error("--per-day : 0 (toutes les copies le même jour) ou plus.")
    if not args.source:
        print(f"Modules de Vigie compilés d'avance, comme par une installation : "
              f"{compiled_like_installed()} nouveaux.")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        prefix = "JORF" if args.flow == "global" else "JORFSIMPLE"
        tarball = folder / f"{prefix}_{STAMP}.tar.gz"
        if args.flow == "global":
            files = build_global(tarball, args.files, args.order, args.per_day)
        else:
            files = build_simple(tarball, args.files)
        print(f"Archive {tarball.name} : {files} fichiers"
              f"{' regroupés par sorte' if args.order == 'kinds' else ''}"
              f"{f', {3 * args.per_day} textes par jour' if args.per_day else ''}, "
              f"{tarball.stat().st_size / 1e6:.1f} Mo compressés")
        modes = [m for m in (False, True) if args.only is None or m == (args.only == "avec")]
        runs: dict[tuple[str, bool], list[dict]] = {}
        fresh = itertools.count()  # a new SQLite file for each measure
        for _ in range(args.repeat):  # the cases alternate: the machine's load spreads
            for analysis in modes:
                for label in ("SQLite", "PostgreSQL"):
                    if label == "PostgreSQL" and (args.no_pg or not fresh_postgres(args.pg)):
                        continue
                    sqlite = folder / f"bench-{next(fresh)}.sqlite3"
                    url = args.pg if label == "PostgreSQL" else f"sqlite:///{sqlite}"
                    runs.setdefault((label, analysis), []).append(
                        measure(tarball, files, label, analysis, url))
                    for leftover in folder.glob(f"{sqlite.name}*"):  # disk stays flat
                        leftover.unlink()
        if args.repeat > 1:
            for (label, analysis), measured in runs.items():
                print(summary(label, analysis, measured))


if __name__ == "__main__":
    main()
