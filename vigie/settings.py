"""Django settings, all driven by environment variables (see README, « Configuration »)."""

from __future__ import annotations

import os

from vigie import config

DATA_DIR = config.data_dir()
DATABASE_URL = config.database_url()
if DATABASE_URL.startswith("sqlite"):
    DATA_DIR.mkdir(parents=True, exist_ok=True)

# SECRET_KEY and its fallbacks: see the « security » block at the end.
DEBUG = os.environ.get("VIGIE_DEBUG", "") == "1"

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",  # issue 12: the newsroom's accounts
    "django.contrib.sessions",
    "django.contrib.staticfiles",
    "vigie.documents",
    "vigie.analysis",
    "vigie.newsroom",  # issue 12: corrections, editorial items, reviews
    "vigie.editions",
    "vigie.web",
    "vigie.mailing",
    "vigie.operations",  # issue 14: journal of runs, health, status
    "vigie.redaction",  # issue 12: the back office under /redaction/
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
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
ALLOWED_HOSTS = config.allowed_hosts(VIGIE_SITE_URL)  # its host always served

DATABASES = {"default": config.database_settings(DATABASE_URL)}
# In each process's memory. ``fragments``: the annex tables of text pages made readable (by
# their HTML and the reader's département: a corrected text is made afresh) — grouping 700
# rows costs far more than reading them; bounded (a long annex is some 400 kB made), so
# memory stays flat.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "fragments": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                  "LOCATION": "vigie-fragments", "OPTIONS": {"MAX_ENTRIES": 100}},
}
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
# The first read of the DILA's CIRCULAIRES fund within « vigie sync --source all » and
# « vigie morning » starts at this date (AAAA-MM-JJ; empty: 1 January of the current year),
# not at the flow's first archive (2015: thousands of them).
VIGIE_CIRCULAIRES_SINCE = config.optional_date("VIGIE_CIRCULAIRES_SINCE")
# At most this many Sénat dossier pages are checked per sync (the most recently moved).
VIGIE_SENAT_DOSSIERS_MAX = int(config.env_number("VIGIE_SENAT_DOSSIERS_MAX", 100, least=1))
# Acts of EU law (vigie sync --source eu|all): Cellar's public SPARQL endpoint lists the acts
# published in the Official Journal, its REST interface gives their notices (no account).
VIGIE_CELLAR_SPARQL_URL = os.environ.get(
    "VIGIE_CELLAR_SPARQL_URL", "https://publications.europa.eu/webapi/rdf/sparql").strip()
VIGIE_CELLAR_URL = os.environ.get(
    "VIGIE_CELLAR_URL", "https://publications.europa.eu/resource").strip()
VIGIE_CELLAR_MAX_ACTS = int(config.env_number("VIGIE_CELLAR_MAX_ACTS", 1000, least=1))
# Days after its publication an EU act stored without its French version is asked for it
# again at each run (then given up, said once as an anomaly).
VIGIE_CELLAR_FRENCH_DAYS = int(config.env_number("VIGIE_CELLAR_FRENCH_DAYS", 30, least=1))
# Feeds (news, BOAMP, aid schemes): hosts fetched side by side, and the least delay in
# seconds between two requests to one host (politeness).
VIGIE_FEEDS_WORKERS = int(config.env_number("VIGIE_FEEDS_WORKERS", 8, least=1))
VIGIE_FEEDS_HOST_DELAY = config.env_number("VIGIE_FEEDS_HOST_DELAY", 1.0, float)
# Judilibre, the Cour de cassation's API (vigie sync --source judilibre), through the PISTE
# gateway (the key, VIGIE_JUDILIBRE_KEY, is read where it is sent: sources.judilibre).
VIGIE_JUDILIBRE_URL = os.environ.get(
    "VIGIE_JUDILIBRE_URL", "https://api.piste.gouv.fr/cassation/judilibre/v1.0").strip()
VIGIE_JUDILIBRE_BATCH_SIZE = int(config.env_number("VIGIE_JUDILIBRE_BATCH_SIZE", 100, least=1))
if VIGIE_JUDILIBRE_BATCH_SIZE > 1000:
    raise config.ConfigError("VIGIE_JUDILIBRE_BATCH_SIZE doit valoir au plus 1000 (limite de "
                             f"l'API, reçu « {VIGIE_JUDILIBRE_BATCH_SIZE} »).")
VIGIE_JUDILIBRE_MAX_PAGES = int(config.env_number("VIGIE_JUDILIBRE_MAX_PAGES", 20, least=1))
VIGIE_JUDILIBRE_JURISDICTIONS = tuple(
    code.strip().lower() for code in os.environ.get(
        "VIGIE_JUDILIBRE_JURISDICTIONS", "cc,ca,tj").split(",") if code.strip())
# Read where used (``editions.reminders``, the calendar's alarm); checked here, so that a bad
# value stops every command and the site at start rather than an edition or a request.
config.env_number("VIGIE_AID_REMINDER_DAYS", 7)
# The sources ``--source all`` (the morning, ``vigie run``) leaves out, as written (read by
# ``reference.followed_sources.skipped_sources``, which refuses a name that is no source).
VIGIE_SOURCES_SKIPPED = os.environ.get("VIGIE_SOURCES_SKIPPED", "")
VIGIE_JUDILIBRE_DATE_TYPE = os.environ.get("VIGIE_JUDILIBRE_DATE_TYPE", "update").strip()
if VIGIE_JUDILIBRE_DATE_TYPE not in ("update", "creation"):
    raise config.ConfigError("VIGIE_JUDILIBRE_DATE_TYPE doit valoir update ou creation (reçu "
                             f"« {VIGIE_JUDILIBRE_DATE_TYPE} »).")

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

# --- production (issue 14): web server, static files, caching, task queue, logs ---
# Everything here comes from the environment as well (README, « Mise en production »).
import contextlib  # noqa: E402

# Static files: WhiteNoise serves them from the WSGI application (gzip, ETag, Cache-Control),
# no other server needed. ``vigie serve`` collects them into STATIC_ROOT with hashed names
# (cached for ever); until then (tests, development) they are served from the package.
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
                  "whitenoise.middleware.WhiteNoiseMiddleware")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "vigie.web.static_files.HashedWhenCollected"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_MAX_AGE = 3600  # files without a hash in their name (not collected yet)
with contextlib.suppress(OSError):  # WhiteNoise looks there at start
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)

# gunicorn (``vigie serve``): worker processes, threads in each, seconds before a stuck
# request's worker is restarted.
VIGIE_WEB_WORKERS = int(config.env_number("VIGIE_WEB_WORKERS", min(2 * (os.cpu_count() or 1)
                                                                   + 1, 8), least=1))
VIGIE_WEB_THREADS = int(config.env_number("VIGIE_WEB_THREADS", 4, least=1))
VIGIE_WEB_TIMEOUT = int(config.env_number("VIGIE_WEB_TIMEOUT", 60, least=1))
# Batch work (ingest, sync, analyse, editions, send, morning, repair, feeds, train, eval and
# the task queue's workers) runs at this CPU niceness, below the site, so that pages keep
# being answered while it writes (``vigie.operations.priority``; 0 to 19, 0: unchanged).
VIGIE_BATCH_NICE = config.batch_nice()
# Seconds a thread of ``vigie serve`` keeps its database connection between requests
# (0: one per request). Opening one costs PostgreSQL a process and its caches: more than a
# kept page costs to serve.
VIGIE_WEB_CONN_MAX_AGE = int(config.env_number("VIGIE_WEB_CONN_MAX_AGE", 300))

# Task queue (Celery over Redis). Without VIGIE_REDIS_URL everything runs in the calling
# process, as before (tasks called directly run at once: CELERY_TASK_ALWAYS_EAGER).
VIGIE_REDIS_URL = config.redis_url()
VIGIE_TASK_QUEUE = os.environ.get("VIGIE_TASK_QUEUE", "vigie").strip() or "vigie"
# Rendered pages (home, editions, search), keyed by the version of what they show
# (``vigie.web.page_cache``): shared by every worker through Redis when it is configured,
# with each process's memory as the fallback when Redis does not answer (the site keeps
# answering); short socket timeouts so that a Redis down costs a request little.
CACHES["pages-local"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                         "LOCATION": "vigie-pages", "OPTIONS": {"MAX_ENTRIES": 300}}
CACHES["pages"] = ({"BACKEND": "django.core.cache.backends.redis.RedisCache",
                    "LOCATION": VIGIE_REDIS_URL, "KEY_PREFIX": "vigie-pages",
                    "OPTIONS": {"socket_connect_timeout": 0.3, "socket_timeout": 0.5}}
                   if VIGIE_REDIS_URL else CACHES["pages-local"])
# Messages per sending task (neighbouring readers, by département): the unit spread over
# the workers.
VIGIE_SEND_CHUNK = int(config.env_number("VIGIE_SEND_CHUNK", 500, least=1))
# Search entries of an older index format written again by each run of the pipeline (ingest,
# sync, morning, analyse), newest texts first, until none remain (0: left to ``vigie repair``).
VIGIE_INDEX_UPGRADE_PER_RUN = int(config.env_number("VIGIE_INDEX_UPGRADE_PER_RUN", 5000))
# When the morning run starts (Celery beat, Europe/Paris), as HH:MM.
VIGIE_MORNING_AT = os.environ.get("VIGIE_MORNING_AT", "06:30").strip()
# Trying a deployment out: the morning run every this many seconds instead (0: daily, above).
VIGIE_MORNING_EVERY = config.env_number("VIGIE_MORNING_EVERY", 0, float, least=0)
# A task taken by a worker that dies (machine lost, SIGKILL) goes back to the queue after this
# many seconds; a task still running then may run twice, which the ledger makes harmless.
VIGIE_TASK_VISIBILITY_TIMEOUT = int(config.env_number("VIGIE_TASK_VISIBILITY_TIMEOUT", 1800,
                                                      least=1))
CELERY_BROKER_URL = VIGIE_REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = VIGIE_REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = not VIGIE_REDIS_URL
# CELERY_TASK_DEFAULT_QUEUE: this deployment's queue, named after its database and SECRET_KEY
# once the database is open (security block).
CELERY_TASK_SERIALIZER = CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True  # a message is acknowledged once its task has finished…
CELERY_TASK_REJECT_ON_WORKER_LOST = True  # …and goes back to the queue if its process dies
CELERY_WORKER_PREFETCH_MULTIPLIER = 1  # a worker holds no more tasks than it runs
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": VIGIE_TASK_VISIBILITY_TIMEOUT,
    "unacked_restore_interval": max(1, min(10, VIGIE_TASK_VISIBILITY_TIMEOUT // 5)),
    "unacked_restore_throttle": 1,
}
CELERY_RESULT_EXPIRES = 7 * 86400
CELERY_TIMEZONE = TIME_ZONE
CELERY_WORKER_HIJACK_ROOT_LOGGER = False  # our LOGGING below, JSON or text
CELERY_BEAT_SCHEDULE_FILENAME = str(DATA_DIR / "celerybeat-schedule")

# Logs: one line per event on standard error, « text » for people or « json » for collectors;
# e-mail addresses and tokens are masked whatever the format.
VIGIE_LOG_FORMAT = os.environ.get("VIGIE_LOG_FORMAT", "text").strip().lower()
if VIGIE_LOG_FORMAT not in ("text", "json"):
    raise config.ConfigError(f"VIGIE_LOG_FORMAT doit valoir text ou json (reçu "
                             f"« {VIGIE_LOG_FORMAT} »).")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"private": {"()": "vigie.operations.logs.Private"},
                "refusal": {"()": "vigie.operations.logs.Refusal"}},
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s : %(message)s"},
        "json": {"()": "vigie.operations.logs.JsonFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["private", "refusal"],
                             "formatter": VIGIE_LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": os.environ.get("VIGIE_LOG_LEVEL", "WARNING")},
}
# --- end production ---

# --- security (issue 13) ---
# Secrets, HTTPS behind a reverse proxy, security headers, a database busy with a batch.
# The middleware is vigie.web.hardening (its own module); README, « Sécurité du déploiement ».

# The key that signs the links of the e-mails. Unset, it is the published development key,
# which ``vigie serve``, ``run``, ``send``, ``morning``, the sending tasks and the web
# application refuse (only ``vigie demo`` makes a throwaway one); the test suite makes its own
# (tests/settings.py).
SECRET_KEY = config.secret_key() or config.DEFAULT_SECRET_KEY
# The task queue of this deployment, VIGIE_TASK_QUEUE and a fingerprint of its database and
# key (an HMAC, not the key), so that a worker of another deployment pointed at the same Redis
# (staging, by mistake) never takes its tasks (README, « Mise en production »): read from the
# database itself by the processes that use the queue, not here (``vigie.tasks.app.bind_queue``
# sets CELERY_TASK_DEFAULT_QUEUE and the keys of its tasks under way).
# Former keys, still accepted on links while old e-mails are read (key rotation).
SECRET_KEY_FALLBACKS = config.secret_key_fallbacks()
# Behind an HTTPS proxy: the header saying a request came over HTTPS, and the origins whose
# form posts are trusted (the origin of VIGIE_SITE_URL always is).
SECURE_PROXY_SSL_HEADER = config.proxy_ssl_header()
CSRF_TRUSTED_ORIGINS = config.trusted_origins(VIGIE_SITE_URL)
# HSTS: sent only on requests that came over HTTPS. Cookies set over HTTPS are marked
# Secure by the middleware (plain HTTP on 127.0.0.1 keeps working).
SECURE_HSTS_SECONDS = int(config.env_number("VIGIE_HSTS_SECONDS", 31536000))
SECURE_HSTS_INCLUDE_SUBDOMAINS = os.environ.get("VIGIE_HSTS_INCLUDE_SUBDOMAINS", "") == "1"
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
                  "vigie.web.hardening.Hardening")
# How long a web request waits for a database another process is writing (seconds) before
# answering 503 with Retry-After (VIGIE_RETRY_AFTER seconds), instead of 500 after 30 s.
VIGIE_WEB_LOCK_WAIT = config.env_number("VIGIE_WEB_LOCK_WAIT", 5, float)
VIGIE_RETRY_AFTER = int(config.env_number("VIGIE_RETRY_AFTER", 30, least=1))
# Lifetime of the unsubscribe links of the e-mails (days): long enough for old messages.
VIGIE_UNSUBSCRIBE_MAX_AGE_DAYS = config.env_number("VIGIE_UNSUBSCRIBE_MAX_AGE_DAYS", 365, float,
                                                  least=1)
# --- end security ---

# One ingestion, synchronisation, analysis or repair at a time per database: how long a
# second one waits for the first to finish (seconds; 0: refuse at once, exit status 3).
VIGIE_PIPELINE_WAIT = config.env_number("VIGIE_PIPELINE_WAIT", 3600, float)

# --- newsroom (issue 12) ---
# The back office under /redaction/: editors' accounts (Django auth), sessions, sign-in limits,
# password reset by e-mail (through the SMTP relay of the mailing block). README, « Rédaction ».
LOGIN_URL = "redaction:login"
LOGIN_REDIRECT_URL = "redaction:queue"
# A session ends after this many hours, and when the browser closes.
SESSION_COOKIE_AGE = int(config.env_number("VIGIE_SESSION_HOURS", 8, least=1) * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_NAME = "vigie_redaction"
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
# A form refused by the CSRF check gets a page in French (not Django's English one).
CSRF_FAILURE_VIEW = "vigie.web.views.errors.csrf_failure"
# Failed sign-ins allowed per account, and per client address, in each window of seconds.
VIGIE_LOGIN_LIMIT = int(config.env_number("VIGIE_LOGIN_LIMIT", 5, least=1))
VIGIE_LOGIN_CLIENT_LIMIT = int(config.env_number("VIGIE_LOGIN_CLIENT_LIMIT", 30, least=1))
VIGIE_LOGIN_WINDOW = int(config.env_number("VIGIE_LOGIN_WINDOW", 900, least=1))
# Lifetime of a password reset link (seconds).
PASSWORD_RESET_TIMEOUT = int(config.env_number("VIGIE_PASSWORD_RESET_HOURS", 2, least=1) * 3600)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Password reset e-mails leave through the same relay as the digests.
EMAIL_HOST, EMAIL_PORT = VIGIE_SMTP_HOST, VIGIE_SMTP_PORT
EMAIL_HOST_USER, EMAIL_HOST_PASSWORD = VIGIE_SMTP_USER, VIGIE_SMTP_PASSWORD
EMAIL_USE_TLS = VIGIE_SMTP_SECURITY == "starttls"
EMAIL_USE_SSL = VIGIE_SMTP_SECURITY == "tls"
EMAIL_TIMEOUT = VIGIE_SMTP_TIMEOUT
DEFAULT_FROM_EMAIL = VIGIE_MAIL_FROM
# --- end newsroom ---
