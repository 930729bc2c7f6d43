"""One env-driven settings module.

Everything that differs between a laptop demo and a federation's server comes
from the environment. With no environment at all, the embedded default runs:
SQLite, debug, and keys generated once into var/keys.json.
"""

import json
import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("GONGHUI_VAR_DIR", BASE_DIR / "var"))
PRODUCTION = os.environ.get("GONGHUI_ENV", "development") == "production"


def _local_keys() -> dict[str, str]:
    """Keys for the embedded default only; production must pass them in the environment."""
    path = VAR_DIR / "keys.json"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        keys = {
            "SECRET_KEY": secrets.token_urlsafe(50),
            "FIELD_ENCRYPTION_KEY": secrets.token_hex(32),
            "BLIND_INDEX_KEY": secrets.token_hex(32),
        }
        path.write_text(json.dumps(keys))
        path.chmod(0o600)
    return json.loads(path.read_text())


def _key(name: str) -> str:
    if value := os.environ.get(name):
        return value
    if PRODUCTION:
        raise RuntimeError(f"{name} must be set in the environment in production")
    return _local_keys()[name]


SECRET_KEY = _key("SECRET_KEY")
FIELD_ENCRYPTION_KEY = _key("FIELD_ENCRYPTION_KEY")
BLIND_INDEX_KEY = _key("BLIND_INDEX_KEY")
FIELD_CIPHER = os.environ.get("FIELD_CIPHER", "gonghui.lib.crypto.AesGcmCipher")

DEBUG = os.environ.get("DEBUG", "0" if PRODUCTION else "1") == "1"
# The demo (make demo) shows the district account's current TOTP code on the login page, so the
# demo needs no second terminal. Never in production.
DEMO = os.environ.get("GONGHUI_DEMO", "0") == "1" and not PRODUCTION
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",  # Swagger UI from our own static files, not a CDN
    "django_tasks_db",
    "treebeard",
    "gonghui.lib",
    "gonghui.audit",
    "gonghui.organizations",
    "gonghui.accounts",
    "gonghui.members",
    "gonghui.cards",
    "gonghui.culture",
    "gonghui.disputes",
    "gonghui.competitions",
    "gonghui.skills",
    "gonghui.honours",
    "gonghui.congress",
    "gonghui.bargaining",
    "gonghui.care",
    "gonghui.federation",
    "gonghui.results",
    "gonghui.results.review",
    "gonghui.portal",
    "gonghui.api",
    "gonghui.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "gonghui.audit.context.AuditContextMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "gonghui.accounts.middleware.SessionLifetimeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "gonghui.lib.middleware.RejectNulBytesMiddleware",
]

ROOT_URLCONF = "gonghui.urls"
FORM_RENDERER = "gonghui.lib.forms.FormRenderer"
WSGI_APPLICATION = "gonghui.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "gonghui" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gonghui.accounts.context_processors.scope",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        # Deployments keep connections open between requests (e.g. CONN_MAX_AGE=60).
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", 0)),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    PREPARE_THRESHOLD = os.environ.get("PG_PREPARE_THRESHOLD", "5")
    # Contention sheds load instead of piling up (FT-2).
    DATABASES["default"]["OPTIONS"] = {
        "options": "-c statement_timeout=30000 -c lock_timeout=10000",
        # Parameters bound by the server and statements prepared after their fifth use on a
        # connection: the hot paths' queries are then planned once per connection, not per
        # request (planning a booking's look-up costs the server 20 times its execution).
        # Behind a pooler in transaction mode, set PG_PREPARE_THRESHOLD to "" (never prepare).
        "server_side_binding": True,
        "prepare_threshold": int(PREPARE_THRESHOLD) if PREPARE_THRESHOLD else None,
    }
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # Behind PgBouncer in transaction mode (DATABASE_POOLER=transaction, docs/scale-out.md): a
    # transaction may run on another server connection than the last one, so nothing may outlive
    # it on the connection: no prepared statements, no WITH HOLD cursors (.iterator() outside a
    # transaction), and no startup options (the pooler sets the timeouts: ops/pgbouncer/).
    if os.environ.get("DATABASE_POOLER") == "transaction":
        DATABASES["default"]["OPTIONS"]["prepare_threshold"] = None
        DATABASES["default"]["OPTIONS"].pop("options")
        DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
else:
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A streaming read replica (docs/scale-out.md, "Read replica"; gonghui/lib/dbrouter.py): with
# DATABASE_REPLICA_URL set, the reads of these views go to it while it is no more than
# REPLICA_MAX_LAG_SECONDS behind (checked every REPLICA_CHECK_SECONDS), and a browser that wrote
# reads from the primary for REPLICA_PIN_SECONDS. Without it, nothing changes.
if REPLICA_URL := os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = {
        **dj_database_url.parse(REPLICA_URL, conn_max_age=int(os.environ.get("CONN_MAX_AGE", 0))),
        "OPTIONS": {**DATABASES["default"]["OPTIONS"], "connect_timeout": 2},
        "CONN_HEALTH_CHECKS": True,
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_ROUTERS = ["gonghui.lib.dbrouter.ReplicaRouter"]
    MIDDLEWARE.insert(1, "gonghui.lib.dbrouter.ReplicaReadsMiddleware")
REPLICA_MAX_LAG_SECONDS = float(os.environ.get("REPLICA_MAX_LAG_SECONDS", 5))
REPLICA_CHECK_SECONDS = float(os.environ.get("REPLICA_CHECK_SECONDS", 1))
REPLICA_PIN_SECONDS = int(os.environ.get("REPLICA_PIN_SECONDS", 10))
REPLICA_READ_VIEWS = ["results:*", "members:export", "cards:plan-export", "api:node_kpis"]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["gonghui.accounts.backends.ModelBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Idle timeout: a session dies after 30 idle minutes; SessionLifetimeMiddleware renews an
# active one at most once a minute (not a write per request) and enforces the absolute lifetime.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_SECONDS", 30 * 60))
SESSION_RENEW_SECONDS = int(os.environ.get("SESSION_RENEW_SECONDS", 60))
SESSION_ABSOLUTE_SECONDS = int(os.environ.get("SESSION_ABSOLUTE_SECONDS", 12 * 3600))
SESSION_COOKIE_HTTPONLY = True

# With Redis (REDIS_URL), sessions live in the cache: no database read on every request.
# Without it, the database keeps them (read by one hand-written statement, see accounts.sessions).
SESSION_ENGINE = "gonghui.accounts.sessions"
if REDIS_URL := os.environ.get("REDIS_URL"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "gonghui" / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS: list[Path | tuple[str, Path]] = [BASE_DIR / "gonghui" / "static"]
# Apache ECharts, installed from the npm registry by `make setup` (package-lock.json) and served
# from our own static files: no page loads anything from outside the site.
if (ECHARTS_DIST := BASE_DIR / "node_modules" / "echarts" / "dist").is_dir():
    STATICFILES_DIRS.append(("vendor/echarts", ECHARTS_DIST))

TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# The figures cache of the dashboards (gonghui/results/store.py): rows of a period still running
# are recomputed when read after RESULTS_TTL_CURRENT seconds, past ones after RESULTS_TTL_PAST;
# a page computes missing rows itself for RESULTS_SYNC_SECONDS, the refresh task the rest; the
# fill task prepares the standard periods of the nodes down to RESULTS_PREFILL_DEPTH.
RESULTS_FIRST_YEAR = int(os.environ.get("RESULTS_FIRST_YEAR", 2012))
RESULTS_TTL_CURRENT = int(os.environ.get("RESULTS_TTL_CURRENT", 600))
RESULTS_TTL_PAST = int(os.environ.get("RESULTS_TTL_PAST", 86400))
RESULTS_SYNC_SECONDS = float(os.environ.get("RESULTS_SYNC_SECONDS", 2.0))
RESULTS_PREFILL_DEPTH = int(os.environ.get("RESULTS_PREFILL_DEPTH", 2))

SMS_GATEWAY = os.environ.get("SMS_GATEWAY", "gonghui.accounts.sms.ConsoleGateway")
JOIN_RESPONSE_WORKING_DAYS = 15
ROSTER_IMPORT_LIMITS = {
    "max_bytes": int(os.environ.get("ROSTER_MAX_BYTES", 30 * 1024 * 1024)),
    "max_unpacked_bytes": int(os.environ.get("ROSTER_MAX_UNPACKED_BYTES", 300 * 1024 * 1024)),
    "max_rows": int(os.environ.get("ROSTER_MAX_ROWS", 300_000)),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "mask_personal": {"()": "gonghui.lib.masking.MaskPersonalDataFilter"},
        "drop_conflicts": {"()": "gonghui.lib.logfilters.DropConflicts"},
    },
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["mask_personal"],
            "formatter": "plain",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django.request": {"filters": ["drop_conflicts"]},
    },
}

if PRODUCTION:
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
