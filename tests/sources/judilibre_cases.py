"""Decisions in the shape of Judilibre's export, and the steps the sync tests repeat: run
a sync and read what it said, the watermark, the decisions stored, the pages asked for."""

from __future__ import annotations

import io
from datetime import date, timedelta

from vigie.commands.output import printer
from vigie.documents.judilibre_sync import sync_judilibre
from vigie.documents.models import Document, Watermark

from .judilibre_server import JudilibreServer

KEY = "cle-de-test"
TODAY = date(2026, 10, 14)
THEMES = ["expropriation pour cause d'utilité publique", "urbanisme", "voirie communale",
          "marchés publics", "domaine public"]


def decision(n: int, updated: str, court: str = "Cour de cassation") -> dict:
    """A decision in the export's shape (``resolve_references=true``)."""
    local = court != "Cour de cassation"
    return {
        "id": f"6a1b2c3d4e5f6071829300{n:02d}", "source": "jurica" if local else "jurinet",
        "jurisdiction": court, "location": "Cour d'appel de Chambéry" if local else "",
        "chamber": "Troisième chambre civile", "number": f"26-10.{n:03d}",
        "ecli": f"ECLI:FR:CCASS:2026:C3{n:05d}", "decision_date": "2026-09-24",
        "update_date": updated, "solution": "Rejet", "type": "Arrêt",
        "publication": ["Publié au Bulletin"], "themes": [THEMES[n % len(THEMES)]],
        "summary": f"Sommaire de la décision {n} : la commune reste propriétaire du chemin.",
        "text": f"Décision {n}. La commune de Brides-les-Bains…",
    }


def spread(count: int, first: date = date(2026, 10, 1), numbers: int = 0) -> list[dict]:
    """``count`` decisions changed on successive days from ``first`` (numbered from
    ``numbers``)."""
    return [decision(numbers + n, (first + timedelta(n)).isoformat()) for n in range(count)]

def sync(**options) -> tuple[int, str, str, list[float]]:
    """A sync as of ``TODAY``: (its status, what it said on stdout and stderr, its pauses)."""
    out, err, delays = io.StringIO(), io.StringIO(), []
    report = sync_judilibre(notify=printer(out, err), sleep=delays.append, today=TODAY,
                            **options)
    return report.status, out.getvalue(), err.getvalue(), delays


def mark() -> str:
    """Judilibre's watermark (the day of the last decision taken in)."""
    return Watermark.objects.get(source="judilibre").value


def stored() -> int:
    """How many decisions are stored."""
    return Document.objects.filter(rubric="jurisprudence").count()

def big(n: int, updated: str) -> dict:
    """A decision whose text alone exceeds 0,1 Mo, its keys in the order of the API's export
    (``id``, ``source``, ``text``, then the rest: its day comes after its text)."""
    record = decision(n, updated)
    return {"id": record["id"], "source": record["source"], "text": "x" * 200_000,
            **{k: v for k, v in record.items() if k not in ("id", "source", "text")}}


def asked(server: JudilibreServer, since: int = 0) -> list[tuple[str, str]]:
    """The pages asked for since request ``since``: (batch, batch_size)."""
    return [(q["batch"][0], q["batch_size"][0]) for q in server.queries()[since:]]


def killed_sync(env: dict[str, str], judilibre: JudilibreServer, requests: int) -> None:
    """Run ``vigie sync --source judilibre`` in its own process and kill it (``SIGKILL``) once
    the server was asked ``requests`` pages (a page held back by ``stall`` keeps it there)."""
    import signal
    import subprocess
    import sys
    import time

    from tests.mailing.outside import REPO

    process = subprocess.Popen(
        [sys.executable, "-m", "vigie.cli", "sync", "--source", "judilibre"], cwd=REPO,
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while len(judilibre.requests) < requests and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    assert process.wait(timeout=30) == -signal.SIGKILL
