"""The scheduled run (``vigie morning``), and what logs may say."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import pytest

from tests.conftest import make_tarball, tree_members
from tests.mailing.conftest import subscriber
from tests.sources.dila_server import DilaServer
from vigie.commands.demo import sample_deliveries


def test_morning_syncs_builds_and_sends(vigie, smtp, settings, tmp_path):
    (sample,) = sample_deliveries()
    tarball = make_tarball(tmp_path / f"{sample.name}.tar.gz", tree_members(sample))
    subscriber("matin@exemple.fr", "36", confirmed_at=datetime(2026, 10, 1, tzinfo=UTC))
    with DilaServer({f"JORFSIMPLE/{tarball.name}": tarball.read_bytes()}) as server:
        settings.VIGIE_DILA_BASE_URL = server.base_url
        # The JO alone (every source by default: tests/mailing/test_morning_sources.py).
        code, out, err = vigie("morning", "--source", "dila")
        assert code == 0, err
        # The digest, with the day's two urgent items: no alert repeating it at once.
        assert "Éditions du mercredi 14 octobre 2026" in out and "1 envoyé(s)" in out
        (digest,) = [m.message["Subject"] for m in smtp.accepted]
        assert digest.startswith("Vigie · Indre (36) · mercredi 14 octobre 2026")
        assert digest.endswith("dont 2 urgents")
        code, out, _ = vigie("morning", "--source", "dila")  # nothing new: nothing sent twice
        assert code == 0 and len(smtp.accepted) == 1
    # DILA unreachable: the failure shows, sending still ran.
    code, _, err = vigie("morning", "--source", "dila")
    assert code == 1 and "Envoi" not in err


class Kept(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.fixture
def logged():
    """Every record of Vigie's and Django's loggers (``vigie`` reconfigures the root one)."""
    kept = Kept()
    loggers = [logging.getLogger(name) for name in ("vigie", "django")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(kept)
        logger.setLevel(logging.DEBUG)
    yield kept.lines
    for logger, level in zip(loggers, levels, strict=True):
        logger.removeHandler(kept)
        logger.setLevel(level)


def test_logs_never_hold_addresses(demo_editions, smtp, vigie, logged, db):
    from django.test import Client

    subscriber("discret@exemple.fr", alerts=False)
    smtp.refuse("discret@exemple.fr", "451 4.3.0 <discret@exemple.fr> plus tard",
                "550 5.1.1 <discret@exemple.fr> inconnu")
    vigie("send", "--date", "2026-10-14")
    Client().post("/abonnement/", {"email": "secret@exemple.fr", "departement": "18",
                                   "frequency": "daily", "alerts": "on"})
    assert len(smtp.accepted) == 1
    text = "\n".join(logged)
    assert "échec définitif" in text and "échec temporaire" in text  # something was logged…
    assert "@" not in text  # …and never an address
