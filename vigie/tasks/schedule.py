"""The morning run on a schedule (Celery beat): ``vigie.morning`` every day at
VIGIE_MORNING_AT (HH:MM, Europe/Paris) — or every VIGIE_MORNING_EVERY seconds, to try a
deployment out (every step being idempotent, a run with nothing new sends nothing) — and a
sending run every quarter of an hour in the morning for the digests a newsroom held until
review. One beat for the whole installation."""

from __future__ import annotations

import re

from celery.schedules import crontab

from vigie.config import ConfigError


def morning_time(value: str) -> tuple[int, int]:
    """(hour, minute) of « 06:30 »; a ConfigError for anything else."""
    found = re.fullmatch(r"(\d{1,2}):(\d{2})", value.strip())
    if not found or int(found[1]) > 23 or int(found[2]) > 59:
        raise ConfigError(f"VIGIE_MORNING_AT doit être une heure HH:MM (reçu « {value} »).")
    return int(found[1]), int(found[2])


def beat_schedule(value: str, every: float = 0) -> dict:
    """Celery beat's schedule: daily at ``value`` (HH:MM), or every ``every`` seconds."""
    hour, minute = morning_time(value)
    schedule = every if every > 0 else crontab(hour=hour, minute=minute)
    return {"vigie-morning": {"task": "vigie.morning", "schedule": schedule},
            # Digests a newsroom held until its edition was reviewed leave with the first
            # run after the review or the deadline (planning again is harmless).
            "vigie-held-digests": {"task": "vigie.send",
                                   "schedule": crontab(minute="*/15", hour="5-12")}}


def described(value: str, every: float = 0, zone: str = "Europe/Paris") -> str:
    """When the morning run starts, in French."""
    if every > 0:
        return f"toutes les {every:g} s (essai : VIGIE_MORNING_EVERY)"
    return f"chaque jour à {value} ({zone})"
