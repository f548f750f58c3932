"""Benchmark of Parliament ingestion: questions/s parsed and stored from a zip of N questions.

Builds an archive like the Assemblée's ``Questions_*.json.zip`` from the real samples of
``../shared/corpus/parlement/`` (the project's fixtures when absent): each sample is copied
under new identifiers until there are N questions. Then, in the same run: the bare rate of
reading the same members and ``json.loads`` on each (the ceiling), ``vigie ingest`` into a
fresh SQLite file and a fresh PostgreSQL database (first pass: every question created; second
pass with ``--force``: every question unchanged, the daily case of an archive republished
whole), the ratio of each to the ceiling, and the peak memory of each process for N/10 and N
questions (memory is flat when both are about the same).

    python bench/parlement.py [--questions 50000] [--pg postgres://…/vigie_parlement_bench]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.ingest import fresh_postgres  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = [ROOT.parent / "shared" / "corpus" / "parlement", ROOT / "tests" / "fixtures" /
           "parlement"]


def samples() -> list[dict]:
    """The question JSON samples, real ones when ../shared is there."""
    for folder in SAMPLES:
        found = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))
                 if '"question"' in p.read_text(encoding="utf-8")[:200]]
        if found:
            print(f"Échantillons : {len(found)} questions de {folder}")
            return found
    raise SystemExit("aucun échantillon de question JSON trouvé")


def build_archive(path: Path, count: int) -> int:
    """Write ``count`` questions, each a sample under a new uid; returns the size in bytes."""
    models = samples()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for index in range(count):
            question = json.loads(json.dumps(models[index % len(models)]))["question"]
            kind = question.get("type") or "QE"
            number = str(100_000 + index)
            question["uid"] = f"QANR5L17{kind}{number}"
            question["identifiant"] = {"numero": number, "legislature": "17"}
            archive.writestr(f"json/{question['uid']}.json",
                             json.dumps({"question": question}, ensure_ascii=False))
    return path.stat().st_size


def bare_parse_rate(path: Path) -> float:
    """Questions/s of reading the members and ``json.loads`` on each, nothing else."""
    start = time.perf_counter()
    with zipfile.ZipFile(path) as archive:
        count = sum(1 for info in archive.infolist() if json.loads(archive.read(info)))
    return count / (time.perf_counter() - start)


def timed_ingest(path: Path, url: str, data_dir: Path, count: int, *extra: str
                 ) -> tuple[float, float, str]:
    """Run ``vigie ingest`` in its own process: (questions/s, peak RSS in MB, its output)."""
    env = dict(os.environ, VIGIE_DATABASE_URL=url, VIGIE_DATA_DIR=str(data_dir))
    command = [sys.executable, "-m", "vigie.cli"]
    subprocess.run([*command, "anomalies"], env=env, check=True, capture_output=True)
    start = time.perf_counter()
    process = subprocess.Popen([*command, "ingest", "--no-analysis", *extra, str(path)], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    output = process.stdout.read().decode() + process.stderr.read().decode()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"vigie ingest a échoué :\n{output}")
    return count / elapsed, usage.ru_maxrss / 1024, output.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=50_000)
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432/"
                        "vigie_parlement_bench",
                        help="base PostgreSQL à recréer pour la mesure ; vide : ne pas mesurer")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        small, large = folder / "small.zip", folder / "Questions_ecrites.json.zip"
        small_count = max(1, args.questions // 10)
        build_archive(small, small_count)
        size = build_archive(large, args.questions)
        print(f"Archive : {args.questions} questions, {size / 1e6:.1f} Mo compressés")
        ceiling = bare_parse_rate(large)
        print(f"Lecture zip + json.loads seuls (plafond) : {ceiling:8.0f} questions/s")
        targets = [("SQLite", lambda name: f"sqlite:///{folder / name}.sqlite3")]
        if args.pg and fresh_postgres(args.pg):
            targets.append(("PostgreSQL", lambda _name: args.pg))
        for label, url_for in targets:
            if label == "PostgreSQL":
                fresh_postgres(args.pg)
            _, small_peak, _ = timed_ingest(small, url_for("small"), folder, small_count)
            if label == "PostgreSQL":
                fresh_postgres(args.pg)
            url = url_for("large")
            rate, peak, _ = timed_ingest(large, url, folder, args.questions)
            again, again_peak, line = timed_ingest(large, url, folder, args.questions, "--force")
            print(f"vigie ingest → {label:<10} création   : {rate:8.0f} questions/s, ratio "
                  f"{rate / ceiling:5.1%} du plafond, mémoire max {peak:.0f} Mo "
                  f"({small_peak:.0f} Mo pour {small_count})")
            print(f"vigie ingest → {label:<10} inchangées : {again:8.0f} questions/s, ratio "
                  f"{again / ceiling:5.1%} du plafond, mémoire max {again_peak:.0f} Mo")
            print(f"  {line.splitlines()[0]}")


if __name__ == "__main__":
    main()
