"""One settings module for every environment; everything that differs comes from the environment."""

import os
from datetime import timedelta
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
    "django.forms",  # its widget templates, so that templates/django/forms/ can override one
    "django_filters",
    "simple_history",
    "django_celery_beat",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "antq_portal",
    "geography",
    "accounts",
    "organizations",
    "models_registry",
    "commendations",
    "reports",
    "imports",
    "approvals",
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
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.SessionLimitsMiddleware",
    "accounts.middleware.TwoFactorMiddleware",
    "accounts.middleware.PersonalDataLogMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "antq_portal.middleware.ContentSecurityPolicyMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
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

# Widgets render through the project's template engine: templates/django/forms/widgets/select_option.html
# is then the one place that names the empty choice ("— Chọn —" rather than Django's "---------").
FORM_RENDERER = "antq_portal.widgets.PortalRenderer"

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
# Officers' passwords: 10 characters or more, letters and digits, not common, not like the username.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "accounts.passwords.MinimumLengthValidator",
     "OPTIONS": {"min_length": envint("PASSWORD_MIN_LENGTH", 10)}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "accounts.passwords.LettersAndDigitsValidator"},
]
# django-axes sees every sign-in first, then the usual model backend checks the password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.OfficerBackend",  # ModelBackend, the officer's unit, role and permissions read in two queries
]
# After LOGIN_FAILURE_LIMIT wrong passwords for one username from one address, that pair is locked
# for LOGIN_LOCKOUT_MINUTES; each lockout is written to the access log (accounts.signals).
AXES_FAILURE_LIMIT = envint("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("LOGIN_LOCKOUT_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "accounts.access_log.client_ip"
AXES_VERBOSE = False
# Idle sessions end after SESSION_IDLE_MINUTES; any session ends SESSION_MAX_HOURS after sign-in.
SESSION_IDLE_MINUTES = envint("SESSION_IDLE_MINUTES", 30)
SESSION_MAX_HOURS = envint("SESSION_MAX_HOURS", 10)
SESSION_COOKIE_AGE = SESSION_MAX_HOURS * 3600
# Two-factor sign-in (TOTP): required for administrators, optional for every other officer.
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Cổng ANTQ")
# A device's secret is shown to its officer once, when they add it (accounts.two_factor); the admin never shows it.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
TWO_FACTOR_REQUIRED_FOR_ADMINISTRATORS = envbool("TWO_FACTOR_REQUIRED_FOR_ADMINISTRATORS", True)
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
# MEDIA_ROOT has no public URL; files leave through permission-checked views (antq_portal/files.py).
# "nginx" answers with X-Accel-Redirect to FILE_SERVE_ACCEL_PREFIX (an `internal` location aliased
# to MEDIA_ROOT), "sendfile" with X-Sendfile; empty: Django streams the file itself.
FILE_SERVE_ACCEL = os.environ.get("FILE_SERVE_ACCEL", "").strip().lower()
FILE_SERVE_ACCEL_PREFIX = os.environ.get("FILE_SERVE_ACCEL_PREFIX", "/_protected/")
# The request header a trusted proxy puts the client's address in (e.g. HTTP_X_FORWARDED_FOR);
# empty: REMOTE_ADDR. Used by the access log and the login lockout.
CLIENT_IP_HEADER = os.environ.get("CLIENT_IP_HEADER", "")
# Access log entries (personal data seen, exports, downloads, lockouts) are kept this many days.
ACCESS_LOG_RETENTION_DAYS = envint("ACCESS_LOG_RETENTION_DAYS", 365)
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
CSRF_FAILURE_VIEW = "antq_portal.views.csrf_failure"
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# HTTPS in production (`manage.py check --deploy` reports nothing with DEBUG=false). Behind a proxy
# that terminates TLS, SECURE_PROXY_SSL_HEADER names the header it sets ("HTTP_X_FORWARDED_PROTO,https");
# the proxy then redirects plain HTTP itself, so Django's own redirect is off unless SECURE_SSL_REDIRECT says.
_proxy_header = envlist("SECURE_PROXY_SSL_HEADER", "")
SECURE_PROXY_SSL_HEADER = (_proxy_header[0], _proxy_header[1]) if len(_proxy_header) == 2 else None
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG and SECURE_PROXY_SSL_HEADER is None)
# A load balancer's health probe may ask over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz/?$"]
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", True)
SILENCED_SYSTEM_CHECKS = ["security.W008"] if SECURE_PROXY_SSL_HEADER and not SECURE_SSL_REDIRECT else []
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
# The reporting chain (approvals/): the period kind it works on (month, quarter, half, year) and the
# days after a period's end before communes that have not submitted are listed as overdue.
APPROVALS_PERIOD_KIND = os.environ.get("APPROVALS_PERIOD_KIND", "quarter")
APPROVALS_REMINDER_DAYS = envint("APPROVALS_REMINDER_DAYS", 5)
# Outgoing mail (reminders); unset EMAIL_HOST sends nothing.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = envint("EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "antq-portal@localhost")

# Celery: with REDIS_URL the tasks go to a worker; without it they run in-process,
# so the embedded default still renders reports.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL and os.environ.get("PYTEST_XDIST_WORKER", "").startswith("gw"):
    # Tests in parallel processes (pytest-xdist) each have their own test database (test_<name>_gw0, …); a
    # real worker started by one of them must take tasks from that process's own broker database as well.
    _base, _, _db = REDIS_URL.rpartition("/")
    _offset = int(os.environ["PYTEST_XDIST_WORKER"][2:]) + 1
    REDIS_URL = f"{_base}/{(int(_db) if _db.isdigit() else 0) + _offset}" if _base.startswith("redis") else REDIS_URL
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
    "accounts-purge-access-log": {"task": "accounts.tasks.purge_access_log_task",
                                  "schedule": crontab(hour=2, minute=45)},
    "approvals-remind-unsubmitted": {"task": "approvals.tasks.remind_unsubmitted",
                                     "schedule": crontab(hour=7, minute=0)},
    # A new day's figures counted for every commune before the first officer opens a dashboard (reports/stocks.py).
    "reports-keep-stocks": {"task": "reports.tasks.keep_stocks", "schedule": crontab(hour=0, minute=5)},
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
# A unit's whole tally is kept in the database and read again while its data has not moved (reports/kept.py).
REPORTS_KEEP_TALLIES = envbool("REPORTS_KEEP_TALLIES", True)
# A breakdown longer than this many rows is laid out in parts (reports/rendering.py), written in this
# many processes at once: the country's 10,000 communes use every core.
REPORTS_PDF_PART_ROWS = envint("REPORTS_PDF_PART_ROWS", 1000)
REPORTS_PDF_PROCESSES = envint("REPORTS_PDF_PROCESSES", os.cpu_count() or 1)
# A dashboard over more communes than this whose data moved shows its kept tally (with the time it was
# counted, if within the minutes below) while a worker counts it again (reports/kept.py): the country.
REPORTS_RECOUNT_LATE_ABOVE = envint("REPORTS_RECOUNT_LATE_ABOVE", 1000)
REPORTS_RECOUNT_LATE_MINUTES = envint("REPORTS_RECOUNT_LATE_MINUTES", 15)
# Kept tallies computed more than this many days ago, and kept counts of days further back than this (but the
# days dashboards open on), are dropped by the nightly keep_stocks.
REPORTS_KEPT_TALLY_DAYS = envint("REPORTS_KEPT_TALLY_DAYS", 30)
CELERY_BEAT_SCHEDULE["reports-reap"] = {"task": "reports.tasks.reap_reports", "schedule": REPORT_REAP_SECONDS}
# What writes left to count again (reports.stocks.keep_due: what their commit did not keep), every this many seconds.
REPORTS_KEEP_DUE_SECONDS = envint("REPORTS_KEEP_DUE_SECONDS", 60)
CELERY_BEAT_SCHEDULE["reports-keep-due"] = {"task": "reports.tasks.keep_due_stocks",
                                            "schedule": REPORTS_KEEP_DUE_SECONDS}
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
