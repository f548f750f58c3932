"""Configuration read from the environment: data directory and database URL.

Kept apart from ``settings`` so that the command line can report a bad
``VIGIE_DATABASE_URL`` in French before Django starts.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Sequence
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
        return _sqlite(url)
    if scheme in {"postgres", "postgresql", "pgsql"}:
        return _postgres(url)
    raise ConfigError(
        f"VIGIE_DATABASE_URL non reconnue : « {_shown(url)} ». "
        "Formats acceptés : sqlite:///chemin/vers/base.sqlite3 ou postgres://utilisateur@hôte:5432/base."
    )


def _sqlite(url: str) -> dict:
    parts = urlsplit(url)
    # Same convention as dj-database-url: sqlite:////abs/path, sqlite:///relative/path.
    name = unquote(parts.path)[1:]
    if parts.netloc or not name:  # « sqlite://vigie.sqlite3 »: a base in memory, lost
        raise ConfigError(
            f"VIGIE_DATABASE_URL « {url} » ne nomme pas de fichier SQLite : trois barres "
            "obliques pour un chemin relatif (sqlite:///vigie.sqlite3), quatre pour un "
            "chemin absolu (sqlite:////srv/vigie/vigie.sqlite3).")
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": name,
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            # Seconds a write waits for another process's write lock before
            # « database is locked » (then the pipeline tries again, see
            # operations.exclusive).
            "timeout": env_number("VIGIE_SQLITE_BUSY_TIMEOUT", 30, float),
        },
    }


def sqlite_lock_file(name: str, purpose: str, data_dir: Path) -> Path:
    """The file a lock of ``purpose`` (« pipeline », « send ») takes for the SQLite base
    ``name``: named after the base file's identity (device, inode) in the directory that
    really holds it, so that two paths to one base (a symbolic link, a hard link, a link to
    its directory) share one lock — a lock named after the path string let two ``vigie
    send`` run together through a symlink. (Not the base file itself: closing any
    descriptor of it would drop SQLite's own locks.) An in-memory base (tests) locks a file
    of ``data_dir``. The base must exist; the migration lock, taken before it may, is named
    after its real path instead (``cli``)."""
    if name.startswith(("file:", ":memory:")) or not name:
        return data_dir / f"vigie-{purpose}.lock"
    real = Path(os.path.realpath(name))
    identity = real.stat()
    return real.parent / f".vigie-{purpose}-{identity.st_dev:x}-{identity.st_ino:x}.lock"


def _postgres(url: str) -> dict:
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:  # urllib's English « Port could not be cast to integer value »
        raise ConfigError(f"VIGIE_DATABASE_URL « {_shown(url)} » : le port doit être un "
                          "nombre entre 0 et 65535.") from None
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parts.path.lstrip("/")) or "vigie",
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(port or ""),
        "OPTIONS": dict(parse_qsl(parts.query)),
    }


def _shown(url: str) -> str:
    """The URL as a message may show it: its password, if any, hidden."""
    parts = urlsplit(url)
    if not parts.password:
        return url
    return url.replace(f":{parts.password}@", ":***@", 1)


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
        bound = "être positif" if 0 < least < 1 else f"valoir au moins {least:g}"
        raise ConfigError(f"{name} doit {bound} (reçu « {raw} »).")
    return value


def optional_count(name: str) -> int | None:
    """A count of processes from the environment: None when unset (Vigie chooses), a whole
    number from 0 otherwise; anything else is a ConfigError (it was silently ignored)."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return None
    if not raw.isdigit():
        raise ConfigError(f"{name} doit être un nombre entier, 0 ou plus (reçu « {raw} »).")
    return int(raw)


def check_batch_settings() -> None:
    """Read every setting a batch command may need only once under way (bounds of an
    ingest, processes): a bad one is said before any work begins, not halfway through an
    input, which it would leave « commencée »."""
    max_file_bytes(), max_text_chars(), ingest_queue_bytes()
    optional_count("VIGIE_INGEST_WORKERS"), optional_count("VIGIE_ANALYSIS_WORKERS")


def batch_nice() -> int:
    """VIGIE_BATCH_NICE: the CPU niceness of batch work (0 to 19, default 10)."""
    value = int(env_number("VIGIE_BATCH_NICE", 10, least=0))
    if value > 19:
        raise ConfigError(f"VIGIE_BATCH_NICE doit valoir de 0 à 19 (reçu « {value} »).")
    return value


def redis_url() -> str:
    """VIGIE_REDIS_URL: the broker of the task queue; empty means one process (the default)."""
    url = os.environ.get("VIGIE_REDIS_URL", "").strip()
    if url and not url.startswith(("redis://", "rediss://", "unix://")):
        raise ConfigError(f"VIGIE_REDIS_URL non reconnue : « {url} ». Format attendu : "
                          "redis://hôte:6379/0 (ou rediss:// avec TLS).")
    return url


def task_fingerprint(key: str, identity: str) -> str:
    """The fingerprint in the name of a deployment's task queue: an HMAC, under its secret
    key, of its database's ``identity`` (``operations.deployment.identity``: what the
    database says of itself, not how a URL names it; 12 hexadecimal digits, from which
    neither can be read). Two deployments on one Redis that differ by their database or
    their key never share a queue: a worker of one never runs the tasks of the other."""
    return hmac.new(key.encode(), b"vigie-tasks\0" + identity.encode(),
                    hashlib.sha256).hexdigest()[:12]


# --- Secrets and what a deployment behind a proxy must say (issue 13) -----------------------

# Published in the source: anyone can sign with it. Accepted only where nothing is signed for
# others to trust (tests, commands that neither serve nor send).
DEFAULT_SECRET_KEY = "vigie-dev-only-change-me-in-production"
MIN_SECRET_KEY_LENGTH = 32
KEY_HOWTO = ("Générez-en une avec : "
             "python3 -c \"import secrets; print(secrets.token_urlsafe(50))\" "
             "puis définissez VIGIE_SECRET_KEY (voir le README, « Sécurité du déploiement »).")


def secret_key() -> str:
    """VIGIE_SECRET_KEY as set ("" when unset or blank)."""
    return os.environ.get("VIGIE_SECRET_KEY", "").strip()


def secret_key_fallbacks() -> list[str]:
    """VIGIE_SECRET_KEY_FALLBACKS: former keys still accepted on links (comma-separated)."""
    raw = os.environ.get("VIGIE_SECRET_KEY_FALLBACKS", "")
    return [key.strip() for key in raw.split(",") if key.strip()]


def secret_key_problem(key: str) -> str:
    """Why ``key`` cannot protect the links of the e-mails, in French; "" when it can."""
    if not key or (key == DEFAULT_SECRET_KEY and not secret_key()):  # unset: the default
        return "VIGIE_SECRET_KEY n'est pas définie"
    if key == DEFAULT_SECRET_KEY:
        return "VIGIE_SECRET_KEY vaut la clé de développement publiée avec Vigie"
    if len(key) < MIN_SECRET_KEY_LENGTH:
        return (f"VIGIE_SECRET_KEY est trop courte ({len(key)} caractères, "
                f"{MIN_SECRET_KEY_LENGTH} au moins)")
    return ""


def require_secret_key(key: str, doing: str, fallbacks: Sequence[str] = ()) -> None:
    """Raise ``ConfigError`` unless ``key`` is fit to sign links and no former key still
    accepted (``fallbacks``) is the published one; ``doing`` says what Vigie refuses to do
    (« de servir le site », « d'envoyer des courriels »)."""
    problem = secret_key_problem(key)
    if not problem and DEFAULT_SECRET_KEY in fallbacks:  # a link signed with it still opens
        problem = ("VIGIE_SECRET_KEY_FALLBACKS contient la clé de développement publiée avec "
                   "Vigie")
    if problem:
        raise ConfigError(
            f"{problem} : Vigie refuse {doing}, car n'importe qui pourrait alors fabriquer "
            f"les liens de gestion des abonnés. {KEY_HOWTO}")


def proxy_ssl_header() -> tuple[str, str] | None:
    """VIGIE_PROXY_SSL_HEADER (« X-Forwarded-Proto » or « X-Forwarded-Proto: https ») as
    Django's SECURE_PROXY_SSL_HEADER: the header by which the proxy says a request came
    over HTTPS. None when unset."""
    raw = os.environ.get("VIGIE_PROXY_SSL_HEADER", "").strip()
    if not raw:
        return None
    name, _, value = raw.partition(":")
    name, value = name.strip(), value.strip() or "https"
    if not name or not all(c.isalnum() or c == "-" for c in name):
        raise ConfigError(f"VIGIE_PROXY_SSL_HEADER : nom d'en-tête invalide « {raw} » "
                          "(exemple : X-Forwarded-Proto).")
    return "HTTP_" + name.upper().replace("-", "_"), value


DEFAULT_HOSTS = ("127.0.0.1", "localhost", "testserver")


def allowed_hosts(site_url: str) -> list[str]:
    """VIGIE_ALLOWED_HOSTS (comma-separated names; blanks around them ignored; the local
    names by default), plus the host of VIGIE_SITE_URL: the public address the e-mails and
    feeds link to is always served (set without VIGIE_ALLOWED_HOSTS, it answered 400 to every
    request)."""
    raw = os.environ.get("VIGIE_ALLOWED_HOSTS")
    names = DEFAULT_HOSTS if raw is None else raw.split(",")
    hosts = [name.strip() for name in names if name.strip()]
    site = urlsplit(site_url.strip()).hostname
    if site and site not in hosts and "*" not in hosts:
        hosts.append(site)
    return hosts


def trusted_origins(site_url: str) -> list[str]:
    """VIGIE_CSRF_TRUSTED_ORIGINS (comma-separated ``https://hôte``), plus the origin of
    VIGIE_SITE_URL: the forms of the public site are always accepted from it."""
    origins = []
    for raw in [*os.environ.get("VIGIE_CSRF_TRUSTED_ORIGINS", "").split(","), site_url]:
        origin = raw.strip().rstrip("/")
        if not origin:
            continue
        parts = urlsplit(origin)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.path:
            raise ConfigError(f"VIGIE_CSRF_TRUSTED_ORIGINS : origine invalide « {origin} » "
                              "(attendu : https://nom.du.site, sans chemin).")
        if origin not in origins:
            origins.append(origin)
    return origins


# --- Bounds of an ingest (issue 13): what one input may make Vigie read and hold --------------

MEBIBYTE = 1024 * 1024


def max_file_bytes() -> int:
    """VIGIE_INGEST_MAX_FILE_MB: the largest file read, whether an archive member, a file of a
    folder or a single file given as a path (16 Mo, as ``vigie.sources.members.MAX_FILE_BYTES``;
    DILA files weigh a few ko)."""
    return int(env_number("VIGIE_INGEST_MAX_FILE_MB", 16, float, least=1e-6) * MEBIBYTE)


def max_text_chars() -> int:
    """VIGIE_INGEST_MAX_TEXT_MB: the largest text kept, counted in characters once read
    (title, visas, notice and articles; 8 millions by default)."""
    return int(env_number("VIGIE_INGEST_MAX_TEXT_MB", 8, float, least=1e-6) * MEBIBYTE)


def ingest_queue_bytes() -> int:
    """VIGIE_INGEST_QUEUE_MB: the bytes of files read but not yet parsed or written, waiting
    for the parsing processes or for the database (32 Mo)."""
    return int(env_number("VIGIE_INGEST_QUEUE_MB", 32, float, least=1) * MEBIBYTE)
