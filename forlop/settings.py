"""Forløp settings: one file, configured from the environment only.

Embedded default: SQLite in var/, emails to a local outbox folder, DEBUG on, a generated secret key kept in
var/. Production (FORLOP_ENV=production): SECRET_KEY, ALLOWED_HOSTS and SITE_URL are required and every
`check --deploy` warning is addressed.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("FORLOP_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PRODUCTION = os.environ.get("FORLOP_ENV", "development") == "production"
DEBUG = env_bool("DEBUG", default=not PRODUCTION)


def _secret_key() -> str:
    key = os.environ.get("SECRET_KEY", "")
    if key:
        return key
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY må settes i produksjon (FORLOP_ENV=production).")
    # Development: generate once and keep it next to the database so sessions survive restarts.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()

# Keys that encrypt clinical free text at rest (journal notes): comma-separated Fernet keys, newest first
# (forlop.core.crypto). Without any, development and tests derive one from SECRET_KEY; production refuses to
# start (system check core.E010).
FIELD_ENCRYPTION_KEYS = env_list("FORLOP_FIELD_KEYS")

SITE_URL = os.environ.get("SITE_URL", "" if PRODUCTION else "http://127.0.0.1:8000").rstrip("/")
if PRODUCTION and not SITE_URL.startswith("https://"):
    raise ImproperlyConfigured("SITE_URL må være en https-adresse i produksjon.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS må settes i produksjon.")
CSRF_TRUSTED_ORIGINS = [SITE_URL] if SITE_URL.startswith("https://") else []

INSTALLED_APPS = [
    "forlop.accounts",
    "forlop.accounts.admin_apps.StaffAdminConfig",  # django.contrib.admin with the 2FA-only site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "forlop.core",
    "forlop.people",
    "forlop.audit",
    "forlop.outbox",
    "forlop.content",
    "forlop.contact",
    "forlop.therapists",
    "forlop.matching",
    "forlop.scheduling",
    "forlop.booking",
    "forlop.care",
    "forlop.care.assessment",
    "forlop.care.withdrawal",
    "forlop.care.tapering",
    "forlop.care.plan",
    "forlop.care.journal",
    "forlop.care.checkin",
    "forlop.care.modules",
    "forlop.care.measures",
    "forlop.care.relapse",
    "forlop.care.messaging",
    "forlop.relatives",
    "forlop.selftest",
    "forlop.course",
    "forlop.staff",
    "forlop.minside",
    "forlop.site",
]

MIDDLEWARE = [
    # Outermost: closes a database connection that saw an error during the request, instead of reusing it.
    "forlop.core.connections.CloseFailedConnectionsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "forlop.core.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "forlop.urls"
WSGI_APPLICATION = "forlop.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "forlop.core.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------------------
# SQLite by default (WAL, IMMEDIATE transactions so writers queue instead of failing on upgrade);
# PostgreSQL via DATABASE_URL=postgresql://… for several app servers.
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'forlop.sqlite3'}")
# Persistent connections (per web thread): opening SQLite and running its PRAGMAs on every request costs more
# than most pages do.
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000; "
            "PRAGMA foreign_keys=ON;"
        ),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts -------------------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "staff:dashboard"
CLIENT_LOGIN_URL = "accounts:client_login"  # Min side (forlop.accounts.client_views)
# ID-porten (OpenID Connect) as a second way into Min side (forlop.accounts.idporten); off unless all three are
# set. The issuer is the base of /.well-known/openid-configuration, e.g. https://idporten.no.
IDPORTEN_ISSUER = os.environ.get("IDPORTEN_ISSUER", "").rstrip("/")
IDPORTEN_CLIENT_ID = os.environ.get("IDPORTEN_CLIENT_ID", "")
IDPORTEN_CLIENT_SECRET = os.environ.get("IDPORTEN_CLIENT_SECRET", "")
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# Sessions: only staff get one (anonymous readers get no cookie). 30 minutes idle is enforced by saving the
# session on every request with a short age; the 12-hour cap is checked in the staff middleware.
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_NAME = "forlop_session"
CSRF_COOKIE_NAME = "forlop_csrftoken"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "forlop.site.views.csrf_failure"
STAFF_SESSION_MAX_SECONDS = 12 * 60 * 60

# --- Internationalisation ----------------------------------------------------------------------------------
LANGUAGE_CODE = "nb"
LANGUAGES = [("nb", _("Norsk bokmål")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "forlop_language"
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Oslo"  # shown to people; stored values are UTC
FORMAT_MODULE_PATH = ["forlop.formats"]

# --- Static files -----------------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
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
WHITENOISE_MAX_AGE = 3600
WHITENOISE_USE_FINDERS = DEBUG
STATIC_ROOT.mkdir(parents=True, exist_ok=True)

# --- Email --------------------------------------------------------------------------------------------------
# Every email is an outbox row (forlop.outbox); the worker hands it to the "default" mailer. Embedded default:
# files in var/mail so nothing leaves the machine by accident. Set EMAIL_HOST to deliver over SMTP.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
_email_port = int(os.environ.get("EMAIL_PORT", "587"))
if EMAIL_HOST:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": EMAIL_HOST,
                "port": _email_port,
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", default=_email_port == 587),
                "use_ssl": env_bool("EMAIL_USE_SSL", default=_email_port == 465),
                "timeout": int(os.environ.get("EMAIL_TIMEOUT", "20")),
            },
        }
    }
elif PRODUCTION:
    raise ImproperlyConfigured("EMAIL_HOST må settes i produksjon (e-post leveres over SMTP).")
else:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": str(VAR_DIR / "mail")},
        }
    }
del EMAIL_HOST
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Forløp <post@forlop.no>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
PRACTICE_EMAIL = os.environ.get("PRACTICE_EMAIL", "post@forlop.no")
PRACTICE_PHONE = os.environ.get("PRACTICE_PHONE", "+47 21 00 00 00")

# --- Security -------------------------------------------------------------------------------------------------
from django.utils.csp import CSP  # noqa: E402

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 63072000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    LANGUAGE_COOKIE_HTTPONLY = True
    LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Forløp's own settings --------------------------------------------------------------------------------
PRACTICE_NAME = "Forløp"
# Reverse proxies in front of the app that append to X-Forwarded-For (0 = use the socket address).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1" if PRODUCTION else "0"))
CONTACT_RATE_LIMIT_PER_HOUR = int(os.environ.get("CONTACT_RATE_LIMIT_PER_HOUR", "5"))
# 12 attempts with backoff from 1 minute capped at 6 hours: about a day of retries before "failed".
OUTBOX_MAX_ATTEMPTS = int(os.environ.get("OUTBOX_MAX_ATTEMPTS", "12"))
WORKER_POLL_SECONDS = float(os.environ.get("WORKER_POLL_SECONDS", "2"))
# /healthz says "degraded" (still 200) when the worker has not beaten for this long, or an email has been due
# for this long without being picked up (forlop/core/health.py).
HEALTH_WORKER_STALE_SECONDS = int(os.environ.get("HEALTH_WORKER_STALE_SECONDS", "300"))
HEALTH_OUTBOX_DELAY_SECONDS = int(os.environ.get("HEALTH_OUTBOX_DELAY_SECONDS", "600"))
DEMO_DATA_ALLOWED = not PRODUCTION

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# --- contact ---
# Enquiries are deleted this many days after they arrived (the privacy page promises six months).
CONTACT_RETENTION_DAYS = int(os.environ.get("CONTACT_RETENTION_DAYS", "183"))
# When staff read and answer enquiries: working days (Monday to Friday except Norwegian public holidays),
# these hours in TIME_ZONE. What arrives before PRACTICE_SAME_DAY_REPLY_UNTIL is answered the same day,
# anything later on the next working day (forlop/contact/reply_times.py; checked at startup).
PRACTICE_HOURS = os.environ.get("PRACTICE_HOURS", "08:00-16:00")
PRACTICE_SAME_DAY_REPLY_UNTIL = os.environ.get("PRACTICE_SAME_DAY_REPLY_UNTIL", "14:00")

# --- accounts ---
# Idle (30 min) and absolute (12 h) limits for staff sessions, checked right after django-otp has loaded
# the verified device.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django_otp.middleware.OTPMiddleware") + 1,
    "forlop.accounts.middleware.StaffSessionMiddleware",
)
OTP_TOTP_ISSUER = PRACTICE_NAME
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # admin never shows TOTP secrets or backup codes
PASSWORD_RESET_TIMEOUT = 60 * 60  # a reset link works for one hour
# Flash messages live in the session (staff have one anyway) instead of an extra "messages" cookie that the
# privacy page would have to list.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# --- course ---
# Sign-ups to the free email course per visitor address and hour (against floods of confirmation emails).
COURSE_SIGNUP_RATE_LIMIT_PER_HOUR = int(os.environ.get("COURSE_SIGNUP_RATE_LIMIT_PER_HOUR", "5"))
# Finished or unsubscribed enrollments lose address and name this many days after they ended.
COURSE_RETENTION_DAYS = int(os.environ.get("COURSE_RETENTION_DAYS", "30"))
# The keyed email hash that counts later match requests and bookings is kept this long after the course.
COURSE_CONVERSION_DAYS = int(os.environ.get("COURSE_CONVERSION_DAYS", "183"))

# --- matching ---
# Match requests that never led to a booking are deleted this many days after they arrived (the privacy page
# promises six months).
MATCH_RETENTION_DAYS = int(os.environ.get("MATCH_RETENTION_DAYS", "183"))
# Send the engine's top suggestion by email at once when nothing in the request is flagged (urgent or for a
# doctor). Off by default: a coordinator reads every request first.
MATCH_AUTO_SEND = env_bool("MATCH_AUTO_SEND", default=False)
MATCH_RATE_LIMIT_PER_HOUR = int(os.environ.get("MATCH_RATE_LIMIT_PER_HOUR", "5"))

# --- booking ---
# Each booking gets its own unguessable room under this address (a self-hosted Jitsi or similar).
VIDEO_BASE_URL = os.environ.get("VIDEO_BASE_URL", "https://video.forlop.no/")
if not VIDEO_BASE_URL.endswith("/"):
    VIDEO_BASE_URL += "/"
# Cancelling is free until this many hours before the start; later it is recorded as a late cancellation.
BOOKING_FREE_CANCEL_HOURS = int(os.environ.get("BOOKING_FREE_CANCEL_HOURS", "24"))
# The reminder email goes out this many hours before the start.
BOOKING_REMINDER_HOURS = int(os.environ.get("BOOKING_REMINDER_HOURS", "24"))
# A chosen time is held for the person this long while they fill in their details.
BOOKING_HOLD_MINUTES = int(os.environ.get("BOOKING_HOLD_MINUTES", "10"))
# Holds per visitor address and hour (against someone holding every free time).
BOOKING_HOLD_RATE_LIMIT_PER_HOUR = int(os.environ.get("BOOKING_HOLD_RATE_LIMIT_PER_HOUR", "20"))
# JSON API requests per visitor address and minute (0 turns the limit off, e.g. for benchmarks).
BOOKING_API_RATE_LIMIT_PER_MINUTE = int(os.environ.get("BOOKING_API_RATE_LIMIT_PER_MINUTE", "120"))

# --- care_checkin ---
# A course gets the caseload flag "Ingen innsjekk" after this many whole days without a daily check-in
# (forlop/care/checkin/services.py; counted up to yesterday, only once the person has checked in at least once).
CARE_CHECKIN_MISSING_DAYS = int(os.environ.get("CARE_CHECKIN_MISSING_DAYS", "3"))

# --- care ---
# How long an emergency access (akuttilgang) to a course lets someone outside its team read it.
CARE_EMERGENCY_ACCESS_MINUTES = int(os.environ.get("CARE_EMERGENCY_ACCESS_MINUTES", "120"))
