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
from django.utils.csp import CSP
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
    "gonghui.lib",  # before django_tasks_db: its db_worker holds a lease (gonghui/lib/workers.py)
    "django_tasks_db",
    "treebeard",
    "gonghui.audit",
    "gonghui.organizations",
    "gonghui.accounts",
    "gonghui.members",
    "gonghui.integrations",
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
    "gonghui.privacy",
    "gonghui.results",
    "gonghui.results.review",
    "gonghui.portal",
    "gonghui.api",
    "gonghui.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outermost but one, so even an answer another middleware cuts short carries them.
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "gonghui.lib.middleware.NoStoreForSignedInMiddleware",
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
                "django.template.context_processors.csp",
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
    # Contention sheds load instead of piling up (FT-2): a statement or a lock wait past its
    # limit (milliseconds) ends with an error that the error handler answers 503 with Retry-After.
    STATEMENT_TIMEOUT_MS = int(os.environ.get("PG_STATEMENT_TIMEOUT_MS", 30000))
    LOCK_TIMEOUT_MS = int(os.environ.get("PG_LOCK_TIMEOUT_MS", 10000))
    DATABASES["default"]["OPTIONS"] = {
        "options": f"-c statement_timeout={STATEMENT_TIMEOUT_MS} -c lock_timeout={LOCK_TIMEOUT_MS}",
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
# Task workers (gonghui/lib/workers.py): each live worker requeues the tasks of dead ones every
# TASKS_REAP_SECONDS; a task whose workers died TASKS_MAX_ATTEMPTS times is marked failed.
TASKS_REAP_SECONDS = float(os.environ.get("TASKS_REAP_SECONDS", 30))
TASKS_MAX_ATTEMPTS = int(os.environ.get("TASKS_MAX_ATTEMPTS", 3))

# The figures cache of the dashboards (gonghui/results/store.py): rows of a period still running
# are recomputed when read after RESULTS_TTL_CURRENT seconds, past ones after RESULTS_TTL_PAST;
# a page computes missing rows itself for RESULTS_SYNC_SECONDS, the refresh task the rest; the
# fill task prepares the standard periods of the nodes down to RESULTS_PREFILL_DEPTH.
RESULTS_FIRST_YEAR = int(os.environ.get("RESULTS_FIRST_YEAR", 2012))
RESULTS_TTL_CURRENT = int(os.environ.get("RESULTS_TTL_CURRENT", 600))
RESULTS_TTL_PAST = int(os.environ.get("RESULTS_TTL_PAST", 86400))
RESULTS_SYNC_SECONDS = float(os.environ.get("RESULTS_SYNC_SECONDS", 2.0))
RESULTS_PREFILL_DEPTH = int(os.environ.get("RESULTS_PREFILL_DEPTH", 2))

# Content-Security-Policy on every answer: scripts and styles from our static files only (a
# nonce, {{ csp_nonce }}, where an inline one cannot be avoided); style attributes stay allowed
# (they run no code; the QR codes' SVG, ECharts' tooltips and htmx swaps write them).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "style-src-attr": [CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "font-src": [CSP.SELF, "data:"],
    "media-src": [CSP.SELF, "blob:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
}

# Daily budgets of login codes against SMS pumping (gonghui/accounts/budgets.py): per number,
# per IP and in all; the first refusal of each in a day is audited and logged as an alert.
SMS_DAILY_PER_PHONE = int(os.environ.get("SMS_DAILY_PER_PHONE", 10))
SMS_DAILY_PER_IP = int(os.environ.get("SMS_DAILY_PER_IP", 50))
SMS_DAILY_TOTAL = int(os.environ.get("SMS_DAILY_TOTAL", 5000))
SMS_GATEWAY = os.environ.get("SMS_GATEWAY", "gonghui.accounts.sms.ConsoleGateway")
JOIN_RESPONSE_WORKING_DAYS = 15

# PI-6: a member's correction or deletion request is answered within this many calendar days.
# GB/T 35273-2020 §8.7 asks for an answer within 30 days; we promise half of that, in calendar
# days rather than working days because lib.workdays knows weekends but not the public holidays
# and the make-up working days, so a working-day count would be wrong around 春节 and 国庆,
# while 15 calendar days is never later than 15 working days: the legal window is always kept.
PRIVACY_RESPONSE_DAYS = 15
# A member downloads their data at most once a minute per format (a download decrypts every
# record of theirs and writes an audit record; a script looping on it gets nothing more).
PRIVACY_DOWNLOAD_SECONDS = 60
# How long each kind of personal record is kept, in days, and on what basis (PIPL art. 19: no
# longer than the purpose needs, unless a law or regulation sets a period). The retention task
# (gonghui.privacy.tasks.enforce_retention) erases the first group when due; the second group is
# kept because a law requires it, and the task only counts it.
PRIVACY_RETENTION_DAYS = {
    # erased when due
    "login_codes": 30,  # SMS login codes: useless once used; a month to look into abuse
    "member_passes": 30,  # QR passes shown at a counter or a venue: valid for minutes
    "join_refused": 365,  # a refused join application: a year to answer a complaint about it
    "data_requests": 3 * 365,  # answered correction/deletion requests: proof we answered (PIPL art. 50)
    "former_members": 2 * 365,  # a member who left: details anonymised two years after leaving
    # kept by law (counted, never erased by the task before their period)
    "audit_log": 3 * 365,  # 网络安全法 art. 21: logs kept no less than six months; the chain is append-only
    "financial_ledgers": 30 * 365,  # 会计档案管理办法 art. 14: vouchers (payouts, claims) kept 30 years
    "case_files": 10 * 365,  # mediation and legal-aid case files: the archive's period for case files
}
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
        "mask_urls": {"()": "gonghui.lib.logfilters.MaskNumbersInUrls"},
    },
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["mask_personal"],
            "formatter": "plain",
        },
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server"},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django.request": {"filters": ["drop_conflicts", "mask_urls"]},
        # runserver's access log, its URLs masked (PI-4); gunicorn's: MaskedAccessLogger.
        "django.server": {
            "handlers": ["django.server"],
            "level": "INFO",
            "propagate": False,
            "filters": ["mask_urls"],
        },
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
