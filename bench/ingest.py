"""Benchmark of ``vigie ingest``: texts/s into SQLite and PostgreSQL against a bare lxml parse.

Builds a JORFSIMPLE-like tarball of N synthetic texts (sizes like real ones), then measures
in the same run: the bare ``lxml.etree.fromstring`` rate over the same members (the ceiling),
``vigie ingest`` into a fresh SQLite file and into a fresh PostgreSQL database, their ratio
to the ceiling, and the peak memory (max RSS) of each ingest process.

    python bench/ingest.py [--texts 20000] [--pg postgres://postgres@127.0.0.1:5432/vigie_bench]
"""

from __future__ import annotations

import argparse
import io
import os
import random
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from lxml import etree

from vigie.demo.factory import random_text, texte_xml

GOAL_RATIO, GOAL_MB = 0.25, 300


def build_tarball(path: Path, count: int) -> int:
    """Write ``count`` synthetic texts as a JORFSIMPLE delivery; returns its size in bytes."""
    rng = random.Random(2026)
    with tarfile.open(path, "w:gz", compresslevel=6) as archive:
        for index in range(count):
            data = texte_xml(random_text(rng, index))
            info = tarfile.TarInfo(f"20261014-011502/jorfsimple/texte/{index:06d}.xml")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path.stat().st_size


def bare_parse_rate(path: Path) -> float:
    """Texts/s of reading the same archive and parsing each member with lxml, nothing else."""
    start = time.perf_counter()
    count = 0
    with tarfile.open(path, "r|gz") as archive:
        for member in archive:
            handle = archive.extractfile(member)
            if handle is not None:
                etree.fromstring(handle.read())
                count += 1
            archive.members.clear()
    return count / (time.perf_counter() - start)


def timed_ingest(path: Path, database_url: str, data_dir: Path, count: int) -> tuple[float, float]:
    """Run ``vigie ingest`` in its own process; returns (texts/s, peak RSS in MB)."""
    env = dict(os.environ, VIGIE_DATABASE_URL=database_url, VIGIE_DATA_DIR=str(data_dir))
    command = [sys.executable, "-m", "vigie.cli"]
    # Create the schema first so that the timing covers ingestion only.
    subprocess.run([*command, "anomalies"], env=env, check=True, capture_output=True)
    start = time.perf_counter()
    process = subprocess.Popen([*command, "ingest", "--no-analysis", str(path)], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    output = process.stdout.read().decode() + process.stderr.read().decode()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"vigie ingest a échoué :\n{output}")
    return count / elapsed, usage.ru_maxrss / 1024


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
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    except Exception as error:  # the benchmark still reports SQLite
        print(f"PostgreSQL indisponible ({error}) : mesure ignorée.")
        return None
    return url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=20_000)
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432/vigie_bench",
                        help="base PostgreSQL à recréer pour la mesure ; vide : ne pas mesurer")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        tarball = folder / "JORFSIMPLE_20261014-011502.tar.gz"
        size = build_tarball(tarball, args.texts)
        print(f"Archive : {args.texts} textes, {size / 1e6:.1f} Mo compressés")
        ceiling = bare_parse_rate(tarball)
        print(f"Analyse XML seule (lxml, plafond)  : {ceiling:8.0f} textes/s")
        rows = [("SQLite", f"sqlite:///{folder / 'bench.sqlite3'}")]
        pg = fresh_postgres(args.pg) if args.pg else None
        if pg:
            rows.append(("PostgreSQL", pg))
        for label, url in rows:
            rate, peak = timed_ingest(tarball, url, folder, args.texts)
            print(f"vigie ingest → {label:<10}         : {rate:8.0f} textes/s, "
                  f"ratio {rate / ceiling:5.1%} du plafond, mémoire max {peak:.0f} Mo")
        print(f"Objectifs : SQLite ≥ {GOAL_RATIO:.0%} du plafond, mémoire < {GOAL_MB} Mo.")


if __name__ == "__main__":
    main()
