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
ROOT_URLCONF = "vigie.web.urls"
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

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("VIGIE_LOG_LEVEL", "WARNING")},
}
