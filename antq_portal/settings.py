"""One settings module for every environment; everything that differs comes from the environment."""

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: bool) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def envint(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", True)
# The fallback key only serves the local SQLite default; production sets SECRET_KEY.
SECRET_KEY = os.environ.get("SECRET_KEY", "insecure-local-development-key-change-me")
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "simple_history",
    "django_celery_beat",
    "antq_portal",
    "geography",
    "accounts",
    "organizations",
    "models_registry",
    "commendations",
    "reports",
    "imports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",  # static files with hashed names and long caching
    "django.contrib.sessions.middleware.SessionMiddleware",
    "antq_portal.middleware.PortalLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "antq_portal.middleware.ContentSecurityPolicyMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "antq_portal.urls"
WSGI_APPLICATION = "antq_portal.wsgi.application"

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
                "antq_portal.context_processors.navigation",
            ],
        },
    },
]

# SQLite inside the project is the zero-setup default; production and CI set DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"),
        conn_max_age=envint("DB_CONN_MAX_AGE", 60),
        # A PostgreSQL restarted under a kept connection: the next request reconnects instead of failing.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # Long imports and the in-process report worker write while pages read.
    DATABASES["default"].setdefault("OPTIONS", {}).update({"timeout": 30})
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True
FORMAT_MODULE_PATH = ["antq_portal.formats"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
# DEBUG off (production): collectstatic writes hashed, compressed copies that whitenoise serves with
# far-future caching. DEBUG on (development, tests): the files as they are, no collectstatic needed.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage" if DEBUG
                    else "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Development: whitenoise serves from the app directories as files change, no collectstatic.
WHITENOISE_USE_FINDERS = WHITENOISE_AUTOREFRESH = DEBUG

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Everything the portal shows comes from the portal itself (inline SVG charts use presentation
# attributes, htmx's injected indicator style is turned off in base.html).
CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
CSP_EXEMPT_PREFIXES = ("/quan-tri/",)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20000

# Excel/CSV import caps (imports app): a bigger file is refused with a message before any row is read.
IMPORT_MAX_BYTES = envint("IMPORT_MAX_BYTES", 20 * 1024 * 1024)
IMPORT_MAX_ROWS = envint("IMPORT_MAX_ROWS", 50_000)
# Uploaded files are deleted once saved or discarded, and any left after this many days.
IMPORT_RETENTION_DAYS = envint("IMPORT_RETENTION_DAYS", 30)

# Celery: with REDIS_URL the tasks go to a worker; without it they run in-process,
# so the embedded default still renders reports.
REDIS_URL = os.environ.get("REDIS_URL", "")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_RESULT_BACKEND = None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = envint("CELERY_TASK_TIME_LIMIT", 600)
CELERY_TASK_SOFT_TIME_LIMIT = envint("CELERY_TASK_SOFT_TIME_LIMIT", 540)
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Housekeeping beat runs every night; the report schedules are rows an administrator edits.
CELERY_BEAT_SCHEDULE = {
    "imports-purge-files": {"task": "imports.tasks.purge_import_files", "schedule": crontab(hour=2, minute=30)},
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Reports survive the worker (reports/services.py): a rendering worker beats on the report row every
# REPORT_HEARTBEAT_SECONDS; beat's reaper (every REPORT_REAP_SECONDS, and each worker as it starts) re-queues
# a report whose heartbeat stopped for REPORT_STALE_SECONDS, up to REPORT_MAX_ATTEMPTS runs, then fails it
# with the reason, and re-sends the reports stored while the queue was down.
REPORT_HEARTBEAT_SECONDS = envint("REPORT_HEARTBEAT_SECONDS", 5)
REPORT_STALE_SECONDS = envint("REPORT_STALE_SECONDS", 20)
REPORT_REAP_SECONDS = envint("REPORT_REAP_SECONDS", 15)
REPORT_MAX_ATTEMPTS = envint("REPORT_MAX_ATTEMPTS", 3)
CELERY_BEAT_SCHEDULE["reports-reap"] = {"task": "reports.tasks.reap_reports", "schedule": REPORT_REAP_SECONDS}
# An unacknowledged message (its worker was killed) comes back after this; longer than a render may take,
# so that a slow render is never delivered twice. The reaper brings a killed render back much sooner.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_TASK_TIME_LIMIT + 60}
# Redis down: a report request is stored at once (outbox) instead of hanging the page.
CELERY_BROKER_CONNECTION_TIMEOUT = envint("CELERY_BROKER_CONNECTION_TIMEOUT", 2)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
