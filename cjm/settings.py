"""One env-driven settings module (12-factor).

Every knob is an environment variable; the defaults run the app on a fresh machine with no
servers: SQLite in the project directory, Celery tasks executed eagerly, a local-memory cache.
``CJM_PRODUCTION=1`` turns on the hardening that ``manage.py check --deploy`` asks for.
The REST API's, Celery's and the hardening limits' settings are in cjm/settings_parts/, imported
here by name.
"""

import os
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

# Parts with a concern of their own (cjm/settings_parts/), every setting imported by name: the
# REST API and its schema, background jobs (Celery), hardening limits (docs/operations.md).
from cjm.settings_parts.api import (  # noqa: F401
    API_TOKEN_OBTAIN_THROTTLE_RATE,
    API_TOKEN_THROTTLE_RATE,
    DATA_UPLOAD_MAX_MEMORY_SIZE,
    REST_FRAMEWORK,
    SPECTACULAR_SETTINGS,
)
from cjm.settings_parts.background import (  # noqa: F401
    CELERY_ACCEPT_CONTENT,
    CELERY_BEAT_SCHEDULE,
    CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP,
    CELERY_BROKER_URL,
    CELERY_RESULT_BACKEND,
    CELERY_TASK_ACKS_LATE,
    CELERY_TASK_ALWAYS_EAGER,
    CELERY_TASK_EAGER_PROPAGATES,
    CELERY_TASK_REJECT_ON_WORKER_LOST,
    CELERY_TASK_SERIALIZER,
    CELERY_WORKER_PREFETCH_MULTIPLIER,
)
from cjm.settings_parts.hardening import (  # noqa: F401
    CJM_LOGIN_ADDRESS_MAX_FAILURES,
    CJM_LOGIN_LOCKOUT_SECONDS,
    CJM_LOGIN_MAX_FAILURES,
    CJM_TOKEN_DAYS,
    CJM_TRUSTED_PROXIES,
    CJM_UPLOAD_MAX_MB,
    CJM_UPLOAD_MAX_ROWS,
    CJM_UPLOAD_ROOT,
)

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PRODUCTION = env_bool("CJM_PRODUCTION")
DEBUG = env_bool("DEBUG", default=not PRODUCTION)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set when CJM_PRODUCTION=1")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105  # nosec B105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI served from our static files, not a CDN
    "django_htmx",
    "cjm",
    "cjm.accounts",
    "cjm.funnels",
    "cjm.renders",
    "cjm.sharing",
    "cjm.snapshots",
    "personas",
    "touchpoints",
    "feedback",
    "cjm.notifications",
    "cjm.webhooks",
    "cjm.history",
    "cjm.evidence",
    "cjm.live",
]
# Daphne first: its runserver serves ASGI (HTTP and the live map's websockets, docs/live.md), so
# `manage.py runserver` / `make run` have live co-editing with no extra step. Only there: the app
# installs Twisted's reactor when imported, and Twisted's zope.interface then marks abc.ABC in a
# way that breaks in-process tools (import-linter's contract checks); servers in production run
# the daphne command itself (docker-compose.yml). CJM_DAPHNE_APP=1 adds it for any command.
if (len(sys.argv) > 1 and sys.argv[1] == "runserver") or env_bool("CJM_DAPHNE_APP"):
    INSTALLED_APPS.insert(0, "daphne")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "cjm.core.security.ContentSecurityPolicyMiddleware",  # CSP (docs/operations.md)
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "cjm.accounts.middleware.UserLanguageMiddleware",  # the signed-in user's saved language wins
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "cjm.core.changes.ChangeSourceMiddleware",  # writes of this request: ui, api or admin
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "cjm.urls"
WSGI_APPLICATION = "cjm.wsgi.application"
ASGI_APPLICATION = "cjm.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cjm.core.context_processors.workspace",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several processes (web + eager tasks + a test subprocess) may share the file.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
    # Write-ahead log: pages keep reading while a long write runs (a file import beside the
    # request commits 40,000 rows; without it the import page's polls wait on the lock).
    DATABASES["default"]["OPTIONS"]["init_command"] = "PRAGMA journal_mode=WAL;"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        # Redis down is a cache miss, not a 500 (cjm/core/cache.py); give up connecting fast.
        "default": {
            "BACKEND": "cjm.core.cache.TolerantRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Live co-editing (docs/live.md): websockets through Channels. The channel layer carries each
# committed change to every server process that holds an open map: Redis when
# CJM_CHANNELS_REDIS_URL is set (or REDIS_URL: the same Redis, under its own key prefix), else
# in memory (one process only: runserver, `make run`).
ASGI_APPLICATION = "cjm.asgi.application"
CHANNELS_REDIS_URL = os.environ.get("CJM_CHANNELS_REDIS_URL", "") or REDIS_URL
if CHANNELS_REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [CHANNELS_REDIS_URL], "prefix": "cjm-live", "capacity": 500},
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = os.environ.get("LANGUAGE_CODE", "en")
LANGUAGES = [("en", _("English")), ("ru", _("Russian"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# One way to write dates per language (cjm/formats/<language>/formats.py, docs/dates.md).
FORMAT_MODULE_PATH = ["cjm.formats"]
# Where no language is active (e-mails from background jobs): the English way.
DATE_FORMAT = SHORT_DATE_FORMAT = "j M Y"
DATETIME_FORMAT = SHORT_DATETIME_FORMAT = "j M Y, H:i"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
CELERY_TIMEZONE = TIME_ZONE  # Celery's clock is the app's (the rest: settings_parts/background)
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
# Uploaded files (event imports wait here for the worker): web and worker must share it.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(BASE_DIR / "sent-mail"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "cjm@localhost")
# SMTP (EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend): see README.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "") == "true"
EMAIL_USE_SSL = os.environ.get("EMAIL_USE_SSL", "") == "true"
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
# Reminders go to assignees this many days before an action's due date (and daily once overdue).
ACTION_REMINDER_DAYS_AHEAD = int(os.environ.get("ACTION_REMINDER_DAYS_AHEAD", "2"))
# Notifications (docs/notifications.md): "due soon" this many days ahead (the reminder job).
CJM_DUE_SOON_DAYS = int(os.environ.get("CJM_DUE_SOON_DAYS", str(ACTION_REMINDER_DAYS_AHEAD)))
# Invitations to a workspace expire after this many days (docs/people.md).
CJM_INVITATION_DAYS = int(os.environ.get("CJM_INVITATION_DAYS", "7"))
# Touchpoints whose newest evidence (rating change, feedback, funnel report) is older than this
# are stale in the moments-of-truth ledger (docs/impact.md).
CJM_EVIDENCE_STALE_DAYS = int(os.environ.get("CJM_EVIDENCE_STALE_DAYS", "90"))
# Links in e-mails start with this (e.g. https://cjm.example.com). Empty: an invitation made in a
# request uses the request's host; e-mails sent by background jobs use http://localhost:8000.
CJM_SITE_URL = os.environ.get("CJM_SITE_URL", "").rstrip("/")
CJM_BASE_URL = CJM_SITE_URL or "http://localhost:8000"
# Anyone may create an account at /signup/ (otherwise only through an invitation).
CJM_OPEN_SIGNUP = env_bool("CJM_OPEN_SIGNUP")

# The audit log (docs/history.md): change records older than this many days are pruned daily;
# 0 keeps them forever.
CJM_HISTORY_DAYS = int(os.environ.get("CJM_HISTORY_DAYS", "0"))

# Webhooks (docs/webhooks.md): URLs on private, loopback or link-local addresses are refused
# unless WEBHOOKS_ALLOW_PRIVATE=1 (a receiver on the same machine or network, tests).
WEBHOOKS_ALLOW_PRIVATE = os.environ.get("WEBHOOKS_ALLOW_PRIVATE", "0") == "1"
WEBHOOKS_TIMEOUT = float(os.environ.get("WEBHOOKS_TIMEOUT", "5"))
WEBHOOKS_MAX_ATTEMPTS = int(os.environ.get("WEBHOOKS_MAX_ATTEMPTS", "6"))
WEBHOOKS_BACKOFF_SECONDS = int(os.environ.get("WEBHOOKS_BACKOFF_SECONDS", "30"))
WEBHOOKS_PAUSE_AFTER = int(os.environ.get("WEBHOOKS_PAUSE_AFTER", "10"))

# --- Security (the limits against abuse: cjm/settings_parts/hardening.py) --------------------
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
