"""Settings for every deployment, read from the environment (see docs/deploy.md).

Development and the demo need no configuration: SQLite in WAL mode and the
uploaded files live in ``LIFELONG_WEEK_DATA_DIR`` (default: the per-user data
folder), and a secret key is generated there on first start.
"""

from __future__ import annotations

import re
import secrets
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

import dj_database_url
import platformdirs
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from lifelong_week.core.env import env_bool, env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parent

if env_str("LIFELONG_WEEK_DATA_DIR"):
    DATA_DIR = Path(env_str("LIFELONG_WEEK_DATA_DIR")).expanduser()
elif "pytest" in sys.modules:
    # A test run never touches the developer's real data folder.
    DATA_DIR = Path(tempfile.mkdtemp(prefix="lifelong-week-test-"))
else:
    DATA_DIR = Path(platformdirs.user_data_dir("lifelong-week", appauthor=False))
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    given = env_str("SECRET_KEY")
    if given:
        if len(given) < 50:
            raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters long.")
        return given
    # Generated once and kept beside the data, so sessions survive restarts
    # and no key is ever committed to the repository.
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(64), encoding="utf-8")
        key_file.chmod(0o600)
    return key_file.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG", default=False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # its widget templates, for FORM_RENDERER
    "axes",
    "rules.apps.AutodiscoverRulesConfig",
    "django_htmx",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "auditlog",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "lifelong_week.core",
    "lifelong_week.orgs",
    "lifelong_week.accounts",
    "lifelong_week.campaigns",
    "lifelong_week.reports",
    "lifelong_week.documents",
    "lifelong_week.portal",
    "lifelong_week.demo",
    "lifelong_week.api",
    "lifelong_week.audit",
    "lifelong_week.national",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Until the second factor is given, only the two-factor pages answer.
    "lifelong_week.accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "lifelong_week.core.middleware.NoStoreMiddleware",
    "csp.middleware.CSPMiddleware",
    # Who changed a campaign, a step, a unit…: the signed-in user, on every entry.
    "auditlog.middleware.AuditlogMiddleware",
    # Axes last: it turns repeated failed sign-ins into a lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lifelong_week.urls"
WSGI_APPLICATION = "lifelong_week.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lifelong_week.core.context_processors.site",
            ],
        },
    }
]
# Widgets render through the templates above, so the project's own
# ``django/forms/widgets/select_option.html`` gives every select (admin too)
# its empty choice in Vietnamese.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# --- Database -----------------------------------------------------------------
_database_url = env_str("DATABASE_URL")
if _database_url:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60)}
    DATABASES["default"].setdefault("TEST", {})
    # PostgreSQL plans a query the fifth time a connection runs it and then
    # reuses the plan (psycopg's prepared statements, which need server-side
    # binding): a submission's 20 queries cost the server about a quarter
    # less. Behind PgBouncer in transaction mode (before 1.21 and its
    # max_prepared_statements) set DATABASE_PREPARED_STATEMENTS=false.
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
        "DATABASE_PREPARED_STATEMENTS", default=True
    ):
        DATABASES["default"].setdefault("OPTIONS", {}).update(
            server_side_binding=True, prepare_threshold=5
        )
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "lifelong-week.sqlite3",
            "OPTIONS": {
                # WAL lets readers run beside the one writer; IMMEDIATE makes a
                # writing transaction take its lock up front instead of failing
                # half-way with "database is locked".
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                ),
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
            # A file, not Django's in-memory default: an in-memory test database
            # shares one connection between the live server's threads, whose
            # concurrent autosaves would then interleave their savepoints.
            "TEST": {"NAME": DATA_DIR / "test-lifelong-week.sqlite3"},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts -------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
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
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "portal:home"

# Password reset requests per client address and hour; API requests with a
# refused key per client address and ten minutes, after which even a good key
# waits (guessing keys is then pointless).
PASSWORD_RESET_LIMIT = env_int("PASSWORD_RESET_LIMIT", 5, minimum=1)
API_KEY_FAILURE_LIMIT = env_int("API_KEY_FAILURE_LIMIT", 20, minimum=1)
# Two-factor sign-in (accounts.two_factor): required of superusers, staff and
# coordinators of a province or above; anyone may turn it on.
TWO_FACTOR_REQUIRED = env_bool("LIFELONG_WEEK_REQUIRE_TWO_FACTOR", default=True)
OTP_TOTP_ISSUER = "Tuần lễ học tập suốt đời"
AXES_FAILURE_LIMIT = env_int("SIGNIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("SIGNIN_COOLOFF_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# The administrator's pages are Vietnamese; axes' are English and not needed
# (a lock-out ends by itself after the cool-off, or `lifelong-week axes_reset_username`).
AXES_ENABLE_ADMIN = False

# --- E-mail ---------------------------------------------------------------------
EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Tuần lễ HTSĐ <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Language, time -----------------------------------------------------------
LANGUAGE_CODE = "vi"
# Vietnamese only until an English translation exists: a browser asking for
# English must not get Vietnamese words with English number formats.
LANGUAGES = [("vi", _("Tiếng Việt"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
FORMAT_MODULE_PATH = ["lifelong_week.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

# --- Static and uploaded files ----------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT") or DATA_DIR / "static")
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or DATA_DIR / "media")
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# --- Object storage, cache and sessions (several application servers) -----------------
# With a bucket named, uploaded photos and documents go to any S3-compatible
# store (django-storages) instead of the data folder, so application servers
# keep nothing on local disk. Objects stay private: links are signed and expire.
S3_BUCKET = env_str("LIFELONG_WEEK_S3_BUCKET")
if S3_BUCKET:
    _s3_key_id = env_str("LIFELONG_WEEK_S3_ACCESS_KEY_ID")
    _s3_secret = env_str("LIFELONG_WEEK_S3_SECRET_ACCESS_KEY")
    if bool(_s3_key_id) != bool(_s3_secret):
        raise ImproperlyConfigured(
            "LIFELONG_WEEK_S3_ACCESS_KEY_ID and LIFELONG_WEEK_S3_SECRET_ACCESS_KEY go together: "
            "set both, or neither to use the server's own credentials."
        )
    _s3_addressing = env_str("LIFELONG_WEEK_S3_ADDRESSING_STYLE", "")
    if _s3_addressing not in ("", "path", "virtual"):
        raise ImproperlyConfigured(
            f"LIFELONG_WEEK_S3_ADDRESSING_STYLE={_s3_addressing!r} must be path or virtual."
        )
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env_str("LIFELONG_WEEK_S3_ENDPOINT_URL") or None,
            "region_name": env_str("LIFELONG_WEEK_S3_REGION") or None,
            "access_key": _s3_key_id or None,
            "secret_key": _s3_secret or None,
            "location": env_str("LIFELONG_WEEK_S3_PREFIX", ""),
            "addressing_style": _s3_addressing or None,
            "default_acl": None,  # the bucket's policy: private
            "querystring_auth": True,
            "querystring_expire": env_int("LIFELONG_WEEK_S3_LINK_SECONDS", 3600, minimum=60),
            "signature_version": "s3v4",  # what every S3-compatible store accepts
            "file_overwrite": False,
        },
    }

# Uploaded files never have a public address: every one goes through a view
# that asks the access helper (core/files.py), which then hands the bytes over
# in one of three ways. "app": the application streams them (the default on
# disk). "nginx": an X-Accel-Redirect to an `internal;` location of nginx that
# aliases MEDIA_ROOT, so nginx sends them. "s3": a redirect to the bucket's
# signed, short-lived link (the default with a bucket).
FILE_DELIVERY = env_str("LIFELONG_WEEK_FILE_DELIVERY", "") or ("s3" if S3_BUCKET else "app")
if FILE_DELIVERY not in ("app", "nginx", "s3"):
    raise ImproperlyConfigured(
        f"LIFELONG_WEEK_FILE_DELIVERY={FILE_DELIVERY!r} must be app, nginx or s3."
    )
if FILE_DELIVERY == "s3" and not S3_BUCKET:
    raise ImproperlyConfigured(
        "LIFELONG_WEEK_FILE_DELIVERY=s3 needs a bucket: set LIFELONG_WEEK_S3_BUCKET."
    )
if FILE_DELIVERY == "nginx" and S3_BUCKET:
    raise ImproperlyConfigured(
        "LIFELONG_WEEK_FILE_DELIVERY=nginx serves files from the data folder, but "
        "LIFELONG_WEEK_S3_BUCKET keeps them in a bucket: use s3 (or app)."
    )
FILE_NGINX_LOCATION = env_str("LIFELONG_WEEK_NGINX_LOCATION", "") or "/_protected/"
if not re.fullmatch(r"(/[A-Za-z0-9._~-]+)+/", FILE_NGINX_LOCATION) or {".", ".."} & set(
    FILE_NGINX_LOCATION.split("/")
):
    raise ImproperlyConfigured(
        f"LIFELONG_WEEK_NGINX_LOCATION={FILE_NGINX_LOCATION!r} must be a path such as "
        "/_protected/ (starting and ending with /, letters, digits, . _ ~ - only)."
    )

# With Redis, the cache is shared by every application server, and sessions
# are read from it (and kept in the database too, so a Redis restart signs
# nobody out). Without it: a per-process memory cache and database sessions.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    if not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
        # The value may hold a password: it is not repeated here.
        raise ImproperlyConfigured("REDIS_URL must start with redis://, rediss:// or unix://.")
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "lifelong-week",
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

# --- Background tasks --------------------------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# --- Security -----------------------------------------------------------------------
# Behind HTTPS (every real deployment) turn this on: secure cookies, HSTS and
# redirects. The demo serves plain HTTP on localhost, so it is off by default.
HTTPS = env_bool("LIFELONG_WEEK_HTTPS", default=False)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if env_bool("BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 10  # one working day
CSRF_COOKIE_HTTPONLY = False  # htmx reads nothing from it; the token travels in a header
# A refused form gets a Vietnamese page that says why and leads back (403).
CSRF_FAILURE_VIEW = "lifelong_week.core.errors.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): every script and style comes from our
# own static files — no inline script, no style attribute — so an injected
# <script> or style never runs. Photos may come from the bucket's signed links.
_photo_origins = []
if S3_BUCKET:
    _endpoint = env_str("LIFELONG_WEEK_S3_ENDPOINT_URL")
    _photo_origins = [_endpoint.rstrip("/")] if _endpoint else ["https://*.amazonaws.com"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *_photo_origins],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# --- Product settings -----------------------------------------------------------------
SITE_NAME = env_str("SITE_NAME", "Tuần lễ hưởng ứng học tập suốt đời")
REPORT_MAX_PHOTOS = env_int("REPORT_MAX_PHOTOS", 20, minimum=1)
