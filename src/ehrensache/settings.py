"""Ehrensache settings: one module, everything from the environment, safe defaults.

Environment variables (all optional in development):

- ``DEBUG``            "1" for development; production runs with it unset.
- ``SECRET_KEY``       required when DEBUG is off (the site refuses to start without it).
- ``DATABASE_URL``     default ``sqlite:///var/db.sqlite3``; e.g. ``postgres://user@host/db``.
- ``ALLOWED_HOSTS``    comma-separated host names.
- ``EMAIL_URL``        ``smtp://user:pass@host:587/?tls=1``, ``console:`` or ``file:///path``.
- ``DEFAULT_FROM_EMAIL``, ``SITE_URL``
- ``TASKS_BACKEND``    ``database`` (default in production; needs ``manage.py db_worker``) or
                       ``immediate`` (default with DEBUG and in tests).
- ``REDIS_URL``        cache and rate-limit store when set; else the database (table
                       ``ehrensache_cache``) in production, local memory with DEBUG/tests.
- ``EHRENSACHE_OPERATOR``, ``EHRENSACHE_OPERATOR_ADDRESS``, ``EHRENSACHE_CONTACT_EMAIL``,
  ``EHRENSACHE_PRIVACY_OFFICER``: who runs the site (Impressum, Datenschutz); unset = demo.
- ``EHRENSACHE_BOUNCE_ADDRESS`` envelope sender of group messages with ``{token}`` (VERP),
  e.g. ``bounce+{token}@example.org``; bounces to it mark the delivery.
- ``EHRENSACHE_MAP_TILE_URL`` map tiles, ``https://tile.openstreetmap.org/{z}/{x}/{y}.png``
  by default; empty switches the maps off. Its origin is allowed in the CSP's img-src.
- ``EHRENSACHE_MAILINGS_KEEP_DAYS`` days group messages and their recipients are kept (365).
- ``EHRENSACHE_AUDIT_KEEP_DAYS`` days the audit trail ("Verlauf") is kept (default 730).
- ``EHRENSACHE_REQUIRE_MFA_FOR_STAFF`` "1" sends staff (agency staff, coordinators, network
  staff, admins) without two-factor authentication to its set-up page before any other page;
  default on in production, off with ``DEBUG`` and in tests (the demo log-ins need no second
  factor). With it off, staff without it still see a notice after signing in.
"""

import os
import sys
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlparse

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("EHRENSACHE_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(int(default))).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
TESTING = env_bool("EHRENSACHE_TESTING") or "pytest" in sys.modules

_DEV_SECRET = "dev-only-insecure-key-never-use-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", _DEV_SECRET)
if not DEBUG and not TESTING and SECRET_KEY == _DEV_SECRET:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set when DEBUG is off. Generate one with "
        "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG or TESTING else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "ehrensache.core",
    "ehrensache.audit",
    "ehrensache.regions",
    "ehrensache.accounts",
    "ehrensache.notifications",
    "ehrensache.messaging",
    "ehrensache.workspaces",
    "ehrensache.agencies",
    "ehrensache.organizations",
    "ehrensache.opportunities",
    "ehrensache.brokering",
    "ehrensache.courses",
    "ehrensache.guide",
    "ehrensache.engagements",
    "ehrensache.recognition",
    "ehrensache.shifts",
    "ehrensache.mailings",
    "ehrensache.reports",
    "ehrensache.imports",
    "ehrensache.api",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sites",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rules.apps.AutodiscoverRulesConfig",
    "django_htmx",
    "csp",
    # Only for its static Swagger UI files and templates: the API docs load nothing from a CDN.
    "ninja",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before WhiteNoise, so static files and every error page carry the policy too.
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "ehrensache.core.middleware.NulCharacterMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "ehrensache.accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "ehrensache.accounts.middleware.StaffMFAMiddleware",
    "ehrensache.core.middleware.PermissionPolicyMiddleware",
]

ROOT_URLCONF = "ehrensache.urls"
WSGI_APPLICATION = "ehrensache.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ehrensache.core.context_processors.site",
                "ehrensache.workspaces.context_processors.workspaces",
            ],
            "builtins": ["django.templatetags.i18n"],
        },
    }
]

# --- Database -------------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite ignores SELECT ... FOR UPDATE; IMMEDIATE transactions serialise writers at BEGIN,
    # so the locking discipline of the services holds on both engines.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------------
# The cache holds the rate-limit counters (log-in, sign-up, password reset, anonymous API,
# mails), so in production every web worker must share it: Redis with REDIS_URL, else the
# database (table ``ehrensache_cache``, made by ``manage.py createcachetable`` and after each
# ``migrate``). Local memory, one counter per process, only with DEBUG and in tests; the
# check ``ehrensache.E001`` refuses it in production.
CACHE_TABLE = "ehrensache_cache"
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
elif DEBUG or TESTING:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": CACHE_TABLE,
        }
    }

# --- Accounts -------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
SITE_ID = 1
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "workspaces:index"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Ehrensache] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG or TESTING else "https"
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
ACCOUNT_ADAPTER = "ehrensache.accounts.adapter.AccountAdapter"
# Two-factor authentication (allauth.mfa): an authenticator app (TOTP) plus recovery codes.
# Offered to everybody on "Mein Konto"; staff are prompted, or required with
# EHRENSACHE["REQUIRE_MFA_FOR_STAFF"] (see accounts.middleware.StaffMFAMiddleware).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Ehrensache"
# One 30-second step either side: phones whose clock is a little off still get in.
MFA_TOTP_TOLERANCE = 1

# --- Internationalisation --------------------------------------------------------------------
LANGUAGE_CODE = "de"
# Each language by its own name (endonym), as language pickers show them, untranslated.
LANGUAGES = [("de", "Deutsch"), ("en", "English")]
LANGUAGE_COOKIE_NAME = "ehrensache_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = []

# --- Static and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
NODE_MODULES = BASE_DIR / "node_modules"
# Fonts and CSS cut to what the site uses, written by ``manage.py build_assets`` (core.assets).
BUILD_STATIC_DIR = BASE_DIR / "build" / "static"
BUILD_STATIC_DIR.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [
    ("build", BUILD_STATIC_DIR),
    ("vendor/kern", NODE_MODULES / "@kern-ux" / "native" / "dist"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/leaflet", NODE_MODULES / "leaflet" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING

# --- E-mail ---------------------------------------------------------------------------------


def _email_settings(url: str) -> dict:
    """Translate EMAIL_URL into Django's EMAIL_* settings."""
    parsed = urlparse(url)
    if parsed.scheme in {"console", ""}:
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if parsed.scheme == "file":
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": parsed.path or str(VAR_DIR / "mail"),
        }
    if parsed.scheme == "locmem":
        return {"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    if parsed.scheme in {"smtp", "smtps"}:
        query = parse_qs(parsed.query)
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": parsed.hostname or "localhost",
            "EMAIL_PORT": parsed.port or (465 if parsed.scheme == "smtps" else 25),
            "EMAIL_HOST_USER": unquote(parsed.username or ""),
            "EMAIL_HOST_PASSWORD": unquote(parsed.password or ""),
            "EMAIL_USE_TLS": query.get("tls", ["0"])[0] in {"1", "true"},
            "EMAIL_USE_SSL": parsed.scheme == "smtps",
            "EMAIL_TIMEOUT": 20,
        }
    raise ImproperlyConfigured(f"Unsupported EMAIL_URL scheme: {parsed.scheme!r}")


globals().update(
    _email_settings(
        os.environ.get("EMAIL_URL", "console:" if DEBUG or TESTING else "smtp://localhost:25")
    )
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Ehrensache <noreply@ehrensache.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Background tasks (Django's tasks API via the django-tasks backport) --------------------
_TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
    "dummy": "django_tasks.backends.dummy.DummyBackend",
}
# Production defaults to the database backend: mails and jobs run in ``manage.py db_worker``,
# a request never waits for (or fails with) the SMTP server. Development and tests run tasks
# at once.
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "immediate" if DEBUG or TESTING else "database")
if TASKS_BACKEND not in _TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND must be one of {', '.join(_TASK_BACKENDS)}: {TASKS_BACKEND!r}"
    )
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[TASKS_BACKEND]}}

# --- Security -------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Monitoring asks /healthz over plain HTTP (e.g. http://127.0.0.1:8000/healthz with the site's
# host name); it is never redirected to HTTPS. Patterns match the path without its leading "/".
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if not DEBUG and not TESTING:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

# Content-Security-Policy (django-csp): everything from this site only, no inline scripts or
# styles, no eval, no nonces. The one exception is the map tile server (img-src only), whose
# tiles load only after a visitor asks for a map (EHRENSACHE["MAP_TILE_URL"]).
# ``data:`` images are the icons inside KERN UX's and Swagger UI's style sheets.
MAP_TILE_URL = os.environ.get(
    "EHRENSACHE_MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
).strip()


def _origin(url: str) -> str:
    parsed = urlparse(url)
    if parsed.scheme not in {"http", "https"} or not parsed.netloc:
        raise ImproperlyConfigured(f"EHRENSACHE_MAP_TILE_URL must be an http(s) URL: {url!r}")
    return f"{parsed.scheme}://{parsed.netloc}"


_SELF, _NONE = "'self'", "'none'"
_MAP_TILE_ORIGIN = _origin(MAP_TILE_URL) if MAP_TILE_URL else ""
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [_SELF],
        "script-src": [_SELF],
        "style-src": [_SELF],
        "img-src": [_SELF, "data:", *([_MAP_TILE_ORIGIN] if _MAP_TILE_ORIGIN else [])],
        "font-src": [_SELF],
        "connect-src": [_SELF],
        "frame-src": [_SELF],
        "object-src": [_NONE],
        "base-uri": [_NONE],
        "form-action": [_SELF],
        # The embeddable widget lifts this for its own page (opportunities.views.widget).
        "frame-ancestors": [_NONE],
    }
}

# --- Logging --------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# --- Ehrensache -----------------------------------------------------------------------------
EHRENSACHE: dict[str, Any] = {
    # The region this installation starts from: home page texts and demo data. Nothing in the
    # code depends on it; every lookup works for all of Germany.
    "HOME_STATE_CODE": os.environ.get("EHRENSACHE_HOME_STATE", "06"),
    "OPERATOR_NAME": os.environ.get("EHRENSACHE_OPERATOR", "Ehrensache (Demo-Betrieb)"),
    # Impressum / Datenschutz of a real installation; empty = the pages say "demo operation".
    "OPERATOR_ADDRESS": os.environ.get("EHRENSACHE_OPERATOR_ADDRESS", ""),
    "CONTACT_EMAIL": os.environ.get("EHRENSACHE_CONTACT_EMAIL", ""),
    "PRIVACY_OFFICER": os.environ.get("EHRENSACHE_PRIVACY_OFFICER", ""),
    # Map tiles (agency directory, opportunity search): a URL template with {z}/{x}/{y}. The
    # pages name its server and fetch nothing before the visitor asks for the map; its origin
    # is the only third-party origin in the Content-Security-Policy (img-src). Empty = no map.
    "MAP_TILE_URL": MAP_TILE_URL,
    "MAP_TILE_HOST": urlparse(MAP_TILE_URL).hostname or "",
    "API_ANON_RATE": os.environ.get("EHRENSACHE_API_ANON_RATE", "120/m"),
    # Hours a person on the waiting list has to confirm a freed course seat (per course overridable).
    "COURSE_OFFER_HOURS": int(os.environ.get("EHRENSACHE_COURSE_OFFER_HOURS", "48")),
    # Staff without two-factor authentication are sent to its set-up page (module docstring).
    "REQUIRE_MFA_FOR_STAFF": env_bool("EHRENSACHE_REQUIRE_MFA_FOR_STAFF", not (DEBUG or TESTING)),
    # Finished background tasks keep their arguments (a mail's recipient, subject and text)
    # in the database backend's result table; the periodic job deletes them after this many days.
    "TASK_RESULTS_KEEP_DAYS": int(os.environ.get("EHRENSACHE_TASK_RESULTS_KEEP_DAYS", "7")),
    # The audit trail (who did what with a record, shown as "Verlauf") is pruned after this
    # many days by the periodic job ``audit.tasks.prune_log_entries``.
    "AUDIT_KEEP_DAYS": int(os.environ.get("EHRENSACHE_AUDIT_KEEP_DAYS", "730")),
    # The daily digest of notifications goes out with the first periodic run after this local
    # hour; sent digests and their entries are deleted after NOTIFICATIONS_KEEP_DAYS.
    "DIGEST_HOUR": int(os.environ.get("EHRENSACHE_DIGEST_HOUR", "7")),
    "NOTIFICATIONS_KEEP_DAYS": int(os.environ.get("EHRENSACHE_NOTIFICATIONS_KEEP_DAYS", "30")),
    # Envelope sender (Return-Path) of group messages, one per delivery (VERP), e.g.
    # "bounce+{token}@example.org": a bounce to it marks the delivery (mailings.bounces).
    # Empty: group messages use DEFAULT_FROM_EMAIL as envelope sender.
    "BOUNCE_ADDRESS": os.environ.get("EHRENSACHE_BOUNCE_ADDRESS", ""),
    # Group messages and their recipient lists are deleted after this many days (periodic job
    # ``mailings.tasks.prune_old_mailings``).
    "MAILINGS_KEEP_DAYS": int(os.environ.get("EHRENSACHE_MAILINGS_KEEP_DAYS", "365")),
    # Replies to conversation mails (messaging): the Reply-To address, with "{token}" where
    # the signed reply token goes (e.g. "antwort+{token}@ehrensache.example"; empty = mails
    # go out without a reply address). The MTA pipes such mails to ``manage.py receive_mail``
    # or a provider posts them to /nachrichten/eingang/ with INBOUND_SECRET (empty = off).
    "INBOUND_ADDRESS": os.environ.get("EHRENSACHE_INBOUND_ADDRESS", ""),
    "INBOUND_SECRET": os.environ.get("EHRENSACHE_INBOUND_SECRET", ""),
    "INBOUND_MAX_BYTES": int(os.environ.get("EHRENSACHE_INBOUND_MAX_BYTES", str(2 * 1024 * 1024))),
    "INBOUND_TOKEN_MAX_AGE_DAYS": int(
        os.environ.get("EHRENSACHE_INBOUND_TOKEN_MAX_AGE_DAYS", "180")
    ),
}
