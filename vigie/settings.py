"""Django settings, all driven by environment variables (see README, « Configuration »)."""

from __future__ import annotations

import os

from vigie import config

DATA_DIR = config.data_dir()
DATABASE_URL = config.database_url()
if DATABASE_URL.startswith("sqlite"):
    DATA_DIR.mkdir(parents=True, exist_ok=True)

SECRET_KEY = os.environ.get("VIGIE_SECRET_KEY", "vigie-dev-only-change-me-in-production")
DEBUG = os.environ.get("VIGIE_DEBUG", "") == "1"
ALLOWED_HOSTS = os.environ.get("VIGIE_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.staticfiles",
    "vigie.documents",
    "vigie.analysis",
    "vigie.editions",
    "vigie.web",
    "vigie.mailing",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
]
ROOT_URLCONF = "vigie.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csrf",
            ],
        },
    }
]
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
# Public address of the site, for links in feeds, calendars and e-mails.
VIGIE_SITE_URL = os.environ.get("VIGIE_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

DATABASES = {"default": config.database_settings(DATABASE_URL)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "fr-fr"
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

# DILA open data: base address of the directory listings (one folder per flow).
VIGIE_DILA_BASE_URL = os.environ.get(
    "VIGIE_DILA_BASE_URL", "https://echanges.dila.gouv.fr/OPENDATA/"
)

# Parliament open data (vigie sync --source an|senat|all).
VIGIE_AN_BASE_URL = os.environ.get(
    "VIGIE_AN_BASE_URL", "https://data.assemblee-nationale.fr/static/openData/repository/")
VIGIE_AN_LEGISLATURE = os.environ.get("VIGIE_AN_LEGISLATURE", "17").strip()
if not VIGIE_AN_LEGISLATURE.isdigit():
    raise config.ConfigError("VIGIE_AN_LEGISLATURE doit être un numéro de législature "
                             f"(reçu « {VIGIE_AN_LEGISLATURE} »).")
VIGIE_SENAT_BASE_URL = os.environ.get("VIGIE_SENAT_BASE_URL", "https://data.senat.fr/")
VIGIE_SENAT_SITE_URL = os.environ.get("VIGIE_SENAT_SITE_URL", "https://www.senat.fr/")
# Rows of the Sénat base and dossiers older than this are left out by sync (AAAA-MM-JJ;
# empty: the last two years).
VIGIE_PARLEMENT_SINCE = config.optional_date("VIGIE_PARLEMENT_SINCE")
# At most this many Sénat dossier pages are checked per sync (the most recently moved).
VIGIE_SENAT_DOSSIERS_MAX = config.positive_int("VIGIE_SENAT_DOSSIERS_MAX", 100)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("VIGIE_LOG_LEVEL", "WARNING")},
}

# --- mailing ---
# Subscriptions and e-mail (vigie.mailing): SMTP relay, sending pace, digests, links, limits.
# Everything comes from the environment; a bad value stops Vigie with a message in French.


def _mail_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    value = os.environ.get(name, default).strip().lower()
    if value not in choices:
        raise config.ConfigError(f"{name} doit valoir {' ou '.join(choices)} (reçu « {value} »).")
    return value


def _mail_number(name: str, default: float, kind: type = int) -> float:
    raw = os.environ.get(name, "").strip()
    try:
        value = kind(raw) if raw else kind(default)
    except ValueError:
        raise config.ConfigError(f"{name} doit être un nombre (reçu « {raw} »).") from None
    if value < 0:
        raise config.ConfigError(f"{name} ne peut pas être négatif (reçu « {raw} »).")
    return value


# SMTP relay: security is "none" (plain, e.g. a local MTA), "starttls" or "tls" (implicit TLS).
VIGIE_SMTP_HOST = os.environ.get("VIGIE_SMTP_HOST", "localhost")
VIGIE_SMTP_SECURITY = _mail_choice("VIGIE_SMTP_SECURITY", "none", ("none", "starttls", "tls"))
VIGIE_SMTP_PORT = int(_mail_number(
    "VIGIE_SMTP_PORT", {"none": 25, "starttls": 587, "tls": 465}[VIGIE_SMTP_SECURITY]))
VIGIE_SMTP_USER = os.environ.get("VIGIE_SMTP_USER", "")
VIGIE_SMTP_PASSWORD = os.environ.get("VIGIE_SMTP_PASSWORD", "")
VIGIE_SMTP_TIMEOUT = _mail_number("VIGIE_SMTP_TIMEOUT", 30, float)
VIGIE_MAIL_FROM = os.environ.get("VIGIE_MAIL_FROM", "Vigie <vigie@localhost>")
# Pace: messages per second over all connections (0: no limit), and parallel SMTP connections.
VIGIE_SEND_RATE = _mail_number("VIGIE_SEND_RATE", 0, float)
VIGIE_SEND_CONCURRENCY = max(1, int(_mail_number("VIGIE_SEND_CONCURRENCY", 4)))
# Temporary failures (4xx, lost connection): first retry after this many seconds, then twice
# as long each time, until VIGIE_SEND_MAX_ATTEMPTS; a run waits at most VIGIE_SEND_MAX_WAIT
# seconds for retries that fall due, the next run takes the later ones.
VIGIE_SEND_RETRY_DELAY = _mail_number("VIGIE_SEND_RETRY_DELAY", 60, float)
VIGIE_SEND_MAX_ATTEMPTS = max(1, int(_mail_number("VIGIE_SEND_MAX_ATTEMPTS", 8)))
VIGIE_SEND_MAX_WAIT = _mail_number("VIGIE_SEND_MAX_WAIT", 300, float)
# Permanent refusals (5xx) of an address before Vigie stops writing to it.
VIGIE_BOUNCE_THRESHOLD = max(1, int(_mail_number("VIGIE_BOUNCE_THRESHOLD", 3)))
# When nothing matches a reader's preferences: "none" (no message) or "short" (« rien de nouveau »).
VIGIE_EMPTY_DIGEST = _mail_choice("VIGIE_EMPTY_DIGEST", "none", ("none", "short"))
# Lifetime of the links: confirmation of a subscription, management of preferences (magic link).
VIGIE_CONFIRM_MAX_AGE_DAYS = _mail_number("VIGIE_CONFIRM_MAX_AGE_DAYS", 7, float)
VIGIE_MANAGE_MAX_AGE_DAYS = _mail_number("VIGIE_MANAGE_MAX_AGE_DAYS", 60, float)
# Sign-ups (and link requests) per client and per window of seconds; the client is the
# REMOTE_ADDR, or behind one trusted proxy the last address of the header named here
# (e.g. X-Forwarded-For).
VIGIE_SIGNUP_LIMIT = int(_mail_number("VIGIE_SIGNUP_LIMIT", 10))
VIGIE_SIGNUP_WINDOW = int(_mail_number("VIGIE_SIGNUP_WINDOW", 3600))
VIGIE_CLIENT_IP_HEADER = os.environ.get("VIGIE_CLIENT_IP_HEADER", "")
# --- end mailing ---
