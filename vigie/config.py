"""Configuration read from the environment: data directory and database URL.

Kept apart from ``settings`` so that the command line can report a bad
``VIGIE_DATABASE_URL`` in French before Django starts.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit


class ConfigError(ValueError):
    """A configuration value that Vigie cannot use; the message is for people."""


def data_dir() -> Path:
    """Where Vigie keeps its database and downloads (created on demand)."""
    raw = os.environ.get("VIGIE_DATA_DIR")
    if raw:
        return Path(raw).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".local" / "share"
    return base / "vigie"


def database_url() -> str:
    """The database URL; defaults to an SQLite file inside the data directory."""
    return os.environ.get("VIGIE_DATABASE_URL") or f"sqlite:///{data_dir() / 'vigie.sqlite3'}"


def database_settings(url: str) -> dict:
    """Translate ``sqlite:///path`` or ``postgres://user:pw@host:port/db`` to Django settings."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "sqlite":
        # Same convention as dj-database-url: sqlite:////abs/path, sqlite:///relative/path.
        name = unquote(parts.path)[1:]
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": name or ":memory:",
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 30,
            },
        }
    if scheme in {"postgres", "postgresql", "pgsql"}:
        options = dict(parse_qsl(parts.query))
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parts.path.lstrip("/")) or "vigie",
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
            "OPTIONS": options,
        }
    raise ConfigError(
        f"VIGIE_DATABASE_URL non reconnue : « {url} ». "
        "Formats acceptés : sqlite:///chemin/vers/base.sqlite3 ou postgres://utilisateur@hôte:5432/base."
    )


def optional_date(name: str) -> date | None:
    """A date given as AAAA-MM-JJ in the environment variable ``name`` (None when empty)."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise ConfigError(f"{name} doit être une date AAAA-MM-JJ (reçu « {raw} »).") from None


def env_number(name: str, default: float, kind: type = int, *, least: float = 0) -> float:
    """A number from the environment (``default`` when unset); a bad value is a ConfigError."""
    raw = os.environ.get(name, "").strip()
    try:
        value = kind(raw) if raw else kind(default)
    except ValueError:
        raise ConfigError(f"{name} doit être un nombre (reçu « {raw} »).") from None
    if value < least:
        raise ConfigError(f"{name} doit valoir au moins {least} (reçu « {raw} »).")
    return value


def redis_url() -> str:
    """VIGIE_REDIS_URL: the broker of the task queue; empty means one process (the default)."""
    url = os.environ.get("VIGIE_REDIS_URL", "").strip()
    if url and not url.startswith(("redis://", "rediss://", "unix://")):
        raise ConfigError(f"VIGIE_REDIS_URL non reconnue : « {url} ». Format attendu : "
                          "redis://hôte:6379/0 (ou rediss:// avec TLS).")
    return url
