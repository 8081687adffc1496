"""Volunteer City settings: one module, driven by the environment.

Every value has a safe development default; a bad value stops the process with a message
naming the variable. With ``DEBUG`` off the process refuses the development secrets.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

DEV_SECRET_KEY = "dev-only-secret-key-not-for-production-0123456789abcdef"  # noqa: S105
DEV_DATA_KEY = "dev-only-data-key-not-for-production"


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false (1/0, yes/no, on/off), not {raw!r}.")


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {value}.")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY", DEV_SECRET_KEY)
# Key for personal data at rest (ID numbers). Changing it makes stored numbers unreadable.
VOLCITY_DATA_KEY = env_str("VOLCITY_DATA_KEY", DEV_DATA_KEY)

if not DEBUG:
    if SECRET_KEY == DEV_SECRET_KEY or len(SECRET_KEY) < 40:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set to a private value of at least 40 characters when DEBUG is off."
        )
    if VOLCITY_DATA_KEY == DEV_DATA_KEY or len(VOLCITY_DATA_KEY) < 32:
        raise ImproperlyConfigured(
            "VOLCITY_DATA_KEY must be set to a private value of at least 32 characters "
            "when DEBUG is off."
        )
if len(VOLCITY_DATA_KEY) < 16:
    raise ImproperlyConfigured("VOLCITY_DATA_KEY must be at least 16 characters long.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# The city this deployment serves: a GB/T 2260 county-level division code.
VOLCITY_CITY_CODE = env_str("VOLCITY_CITY_CODE", "370781")
if not (len(VOLCITY_CITY_CODE) == 6 and VOLCITY_CITY_CODE.isdigit()):
    raise ImproperlyConfigured(
        f"VOLCITY_CITY_CODE must be a 6-digit division code, not {VOLCITY_CITY_CODE!r}."
    )
VOLCITY_CITY_NAME = env_str("VOLCITY_CITY_NAME", "青州市")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",
    "volcity.core",
    "volcity.regions",
    "volcity.accounts",
    "volcity.audit",
    "volcity.ledger",
    "volcity.registry",
    "volcity.activities",
    "volcity.virtue",
    "volcity.timebank",
    "volcity.notifications",
    "volcity.dispatch",
    "volcity.portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "volcity.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "volcity.audit.middleware.AuditContextMiddleware",
    "volcity.core.middleware.DomainErrorMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "volcity.portal.context_processors.navigation",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DEFAULT_DB_PATH = BASE_DIR / "var" / "volcity.sqlite3"
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{DEFAULT_DB_PATH}")


def database_from_url(url: str) -> dict[str, Any]:
    try:
        config: dict[str, Any] = dict(dj_database_url.parse(url))
    except Exception as exc:  # dj_database_url raises several kinds
        raise ImproperlyConfigured(f"DATABASE_URL is not a database URL ({exc}): {url!r}") from exc
    engine = config.get("ENGINE", "")
    if engine == "django.db.backends.sqlite3":
        # IMMEDIATE transactions and a busy timeout: see docs/decisions/0002-sqlite-settings.md.
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                " PRAGMA busy_timeout=20000;"
            ),
        }
        config["TEST"] = {"NAME": None}
    elif engine == "django.db.backends.postgresql":
        config["CONN_MAX_AGE"] = env_int("DB_CONN_MAX_AGE", 600)
        config["CONN_HEALTH_CHECKS"] = True
    else:
        raise ImproperlyConfigured(
            f"DATABASE_URL must name sqlite:// or postgres://, not {engine or url!r}."
        )
    config["ATOMIC_REQUESTS"] = False
    return config


DATABASES = {"default": database_from_url(DATABASE_URL)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts -------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["volcity.accounts.backends.PhoneOrUsernameBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "portal:home"

# Login throttling: failures per identifier and per address within the window.
VOLCITY_LOGIN_MAX_FAILURES = env_int("VOLCITY_LOGIN_MAX_FAILURES", 5, minimum=1)
VOLCITY_LOGIN_WINDOW_SECONDS = env_int("VOLCITY_LOGIN_WINDOW_SECONDS", 900, minimum=1)
# One-time login codes sent by SMS.
VOLCITY_OTP_TTL_SECONDS = env_int("VOLCITY_OTP_TTL_SECONDS", 300, minimum=30)
VOLCITY_OTP_MAX_ATTEMPTS = env_int("VOLCITY_OTP_MAX_ATTEMPTS", 5, minimum=1)
VOLCITY_OTP_RESEND_SECONDS = env_int("VOLCITY_OTP_RESEND_SECONDS", 60, minimum=0)
VOLCITY_SMS_BACKEND = env_str("VOLCITY_SMS_BACKEND", "volcity.accounts.sms.ConsoleSmsBackend")
# Youngest age at which a child registers as a volunteer in their own name (guardian consent
# is needed under 18); younger children serve alongside their family.
VOLCITY_MIN_VOLUNTEER_AGE = env_int("VOLCITY_MIN_VOLUNTEER_AGE", 6, minimum=0)
# Registrations of new accounts by one address per hour (page and API), against bulk probing
# of which ID numbers are registered.
VOLCITY_API_SIGNUPS_PER_HOUR = env_int("VOLCITY_API_SIGNUPS_PER_HOUR", 20, minimum=1)
# API bearer tokens live this many days.
VOLCITY_API_TOKEN_DAYS = env_int("VOLCITY_API_TOKEN_DAYS", 90, minimum=1)
# Roster import: the most data rows one .xlsx file may hold.
VOLCITY_IMPORT_MAX_ROWS = env_int("VOLCITY_IMPORT_MAX_ROWS", 200_000, minimum=1)
# Service delivery (see docs/activities.md): star thresholds in approved hours, the working
# days a leader has to enter a record, public holidays (YYYY-MM-DD) that do not count, the
# check-in distance and code rotation, the automatic check-out, the cancellation notice.
VOLCITY_STAR_THRESHOLDS = [
    int(h) for h in env_list("VOLCITY_STAR_THRESHOLDS", ["100", "300", "600", "1000", "1500"])
]
if len(VOLCITY_STAR_THRESHOLDS) != 5 or VOLCITY_STAR_THRESHOLDS != sorted(
    set(VOLCITY_STAR_THRESHOLDS)
):
    raise ImproperlyConfigured("VOLCITY_STAR_THRESHOLDS must be five increasing hour counts.")
VOLCITY_RECORD_ENTRY_WORKING_DAYS = env_int("VOLCITY_RECORD_ENTRY_WORKING_DAYS", 10, minimum=1)
VOLCITY_HOLIDAYS = env_list("VOLCITY_HOLIDAYS", [])
VOLCITY_CHECKIN_RADIUS_M = env_int("VOLCITY_CHECKIN_RADIUS_M", 500, minimum=10)
VOLCITY_CHECKIN_CODE_SECONDS = env_int("VOLCITY_CHECKIN_CODE_SECONDS", 30, minimum=5)
VOLCITY_CHECKIN_EARLY_MINUTES = env_int("VOLCITY_CHECKIN_EARLY_MINUTES", 60, minimum=0)
VOLCITY_AUTO_CHECKOUT_HOURS = env_int("VOLCITY_AUTO_CHECKOUT_HOURS", 24, minimum=1)
VOLCITY_CANCEL_NOTICE_HOURS = env_int("VOLCITY_CANCEL_NOTICE_HOURS", 24, minimum=0)
VOLCITY_CERTIFICATE_ISSUER = env_str("VOLCITY_CERTIFICATE_ISSUER", "青州市志愿服务联合会")
VOLCITY_CERTIFICATE_CONTACT = env_str("VOLCITY_CERTIFICATE_CONTACT", "0536-3261234")
# Time bank (see docs/timebank.md): approved service hours earn hour credits, up to a cap.
VOLCITY_TIMEBANK_ENABLED = env_bool("VOLCITY_TIMEBANK_ENABLED", True)
VOLCITY_TIMEBANK_CAP_HOURS = env_int("VOLCITY_TIMEBANK_CAP_HOURS", 1500, minimum=1)
# Rural banks a household may consent to share its civic credit rating with (comma-separated).
VOLCITY_RATING_PARTNERS = env_list("VOLCITY_RATING_PARTNERS", ["青州农商银行"])
# Background work (imports) runs in a thread after commit; true runs it at once, in the caller.
VOLCITY_TASKS_EAGER = env_bool("VOLCITY_TASKS_EAGER", False)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)

# --- Cache ----------------------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Language and time ----------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Static files (all vendored, no CDN) ----------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = BASE_DIR / "var" / "media"
# Files that must never be served (uploaded rosters, their staged rows): outside MEDIA_ROOT.
PRIVATE_ROOT = Path(env_str("VOLCITY_PRIVATE_ROOT", str(BASE_DIR / "var" / "private")))
MEDIA_URL = "media/"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
