"""Settings, all read from environment variables.

A fresh checkout runs with development defaults. In production set DEBUG=0;
SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL then have no default.
"""

import ipaddress
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.getenv(name, default).strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off", ""):
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (0/1, true/false), not {value!r}")


def env_int(name, default):
    value = os.getenv(name, str(default))
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}") from None


def env_list(name, default=""):
    return [item.strip() for item in os.getenv(name, default).split(",") if item.strip()]


def env_required(name):
    value = os.getenv(name)
    if not value:
        raise ImproperlyConfigured(f"{name} must be set when DEBUG is off")
    return value


DEBUG = env_bool("DEBUG", "1")

if DEBUG:
    SECRET_KEY = os.getenv("SECRET_KEY", "development-only-key-never-used-in-production")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
    DATABASE_URL = os.getenv("DATABASE_URL", "postgres:///carrefour")
else:
    SECRET_KEY = env_required("SECRET_KEY")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or [env_required("ALLOWED_HOSTS")]
    DATABASE_URL = env_required("DATABASE_URL")

SITE_URL = os.getenv("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_NAME = "Carrefour"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.gis",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django_filters",
    "leaflet",
    "csp",
    "carrefour",
    "territories",
    "themes",
    "actors",
    "initiatives",
    "outbox",
    "accounts",
    "submissions",
    "moderation",
    "funders",
    "contacts",
    "alerts",
    "sources",
    "opendata",
    "api",
    "freshness",
    # Load tests and fictitious initiatives (manage.py bench, generate_initiatives).
    "bench",
]

MIDDLEWARE = [
    # First, so that its duration covers every other layer.
    "carrefour.request_log.request_log_middleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before anything reads the database: which one this request reads from.
    "carrefour.replicas.read_replicas_middleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Before any view reads a parameter; after the account, shown by its page.
    "carrefour.query_params.refuse_control_characters",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "carrefour.urls"
WSGI_APPLICATION = "carrefour.wsgi.application"

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
                "carrefour.context_processors.site",
                "carrefour.context_processors.languages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        engine="django.contrib.gis.db.backends.postgis",
        conn_max_age=env_int("CONN_MAX_AGE", 600),
        conn_health_checks=True,
    )
}
# A database host that does not answer fails the page (503) after this many
# seconds instead of holding a worker until the system gives up (minutes).
DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
    "connect_timeout", env_int("DATABASE_CONNECT_TIMEOUT", 5)
)
# The portal's statements are short; PostgreSQL's JIT compiles those its planner
# finds costly (a search around a place, a dashboard) for longer than they run:
# 0.9 s of compilation for a 77 ms statement at 100,000 initiatives.
NO_JIT = "-c jit=off"
DATABASES["default"]["OPTIONS"].setdefault("options", NO_JIT)
# Streaming replicas of the primary (comma-separated URLs): lists, map data, the
# API, exports and feeds read from them (carrefour/replicas.py).
DATABASE_REPLICAS = []
for number, url in enumerate(env_list("DATABASE_REPLICA_URLS"), start=1):
    alias = f"replica{number}"
    DATABASES[alias] = dj_database_url.parse(
        url,
        engine="django.contrib.gis.db.backends.postgis",
        conn_max_age=env_int("CONN_MAX_AGE", 600),
        conn_health_checks=True,
    )
    DATABASES[alias]["OPTIONS"] = {
        "connect_timeout": env_int("DATABASE_REPLICA_CONNECT_TIMEOUT", 2),
        "options": NO_JIT,
    }
    DATABASES[alias]["TEST"] = {"MIRROR": "default"}
    DATABASE_REPLICAS.append(alias)
DATABASE_ROUTERS = ["carrefour.replicas.ReplicaRouter"]
# Reads from these paths tolerate a little lag (English pages included).
REPLICA_READ_PATHS = [
    prefix + path
    for prefix in ("/", "/en/")
    for path in (
        "initiatives/",
        "carte/",
        "territoires/",
        "thematiques/",
        "acteurs/",
        "sources/",
        "donnees/",
        "widget/",
        "api/",
    )
]
# After a write, the visitor's pages read from the primary this long.
REPLICA_STICKY_SECONDS = env_int("REPLICA_STICKY_SECONDS", 10)
# A replica that did not answer is tried again after this long.
REPLICA_RETRY_SECONDS = env_int("REPLICA_RETRY_SECONDS", 30)
if os.getenv("TEST_DATABASE_NAME"):
    DATABASES["default"]["TEST"] = {"NAME": os.getenv("TEST_DATABASE_NAME")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Shared by every gunicorn worker without another service: the directory's
# counts and the version tokens of what workers keep in memory
# (carrefour/versions.py). Its table is created by a migration.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "carrefour_cache",
    }
}
# GDAL < 3.9 cannot block network access while parsing spatial references; the
# portal never parses spatial references from users (points come as numbers).
SILENCED_SYSTEM_CHECKS = ["gis.W001"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Accounts (accounts/): the email address is the username, in lowercase.
AUTHENTICATION_BACKENDS = ["accounts.backends.CaseInsensitiveBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:space"
LOGOUT_REDIRECT_URL = "home"
# Brute-force guard: an account, or an IP address, that failed this many logins
# in the last LOGIN_LOCKOUT_MINUTES minutes is refused until the oldest of those
# failures is that old.
LOGIN_FAILURES_PER_ACCOUNT = env_int("LOGIN_FAILURES_PER_ACCOUNT", 5)
LOGIN_FAILURES_PER_IP = env_int("LOGIN_FAILURES_PER_IP", 30)
LOGIN_LOCKOUT_MINUTES = env_int("LOGIN_LOCKOUT_MINUTES", 15)
# Sign-ups and password resets send an email to the address typed: at most so
# many forms per client (IP address or IPv6 /64) an hour.
ACCOUNT_EMAILS_PER_CLIENT_HOUR = env_int("ACCOUNT_EMAILS_PER_CLIENT_HOUR", 10)
# Confirmation and password reset emails sent to one address in an hour, at most.
ACCOUNT_EMAILS_PER_HOUR = env_int("ACCOUNT_EMAILS_PER_HOUR", 3)
# Confirmation and password reset links stay valid this long (seconds).
PASSWORD_RESET_TIMEOUT = 3 * 24 * 3600

# Submissions (submissions/): uploaded images are re-encoded; larger ones are refused.
IMAGE_MAX_BYTES = env_int("IMAGE_MAX_BYTES", 5 * 1024 * 1024)
IMAGE_MAX_PIXELS = env_int("IMAGE_MAX_PIXELS", 25_000_000)
FILE_UPLOAD_PERMISSIONS = 0o644
# Drafts created (/proposer/) and fiches sent to review, at most, in an hour: per
# account, and per client (IP address or IPv6 /64) whatever the accounts used.
DRAFTS_PER_ACCOUNT_HOUR = env_int("DRAFTS_PER_ACCOUNT_HOUR", 10)
DRAFTS_PER_CLIENT_HOUR = env_int("DRAFTS_PER_CLIENT_HOUR", 30)
SUBMISSIONS_PER_ACCOUNT_HOUR = env_int("SUBMISSIONS_PER_ACCOUNT_HOUR", 10)
SUBMISSIONS_PER_CLIENT_HOUR = env_int("SUBMISSIONS_PER_CLIENT_HOUR", 30)
# "Placer d'après l'adresse" asks the national address service (BAN); empty: off.
GEOCODER_URL = os.getenv("GEOCODER_URL", "https://api-adresse.data.gouv.fr/search/")
GEOCODER_TIMEOUT = env_int("GEOCODER_TIMEOUT", 3)
# "Signaler une erreur": reports accepted from one client in an hour.
REPORTS_PER_HOUR = env_int("REPORTS_PER_HOUR", 5)

# Freshness (freshness/, manage.py send_reminders): a published fiche not verified
# for FRESHNESS_VERIFY_DAYS gets a "Toujours d'actualité ?" email, then two
# reminders FRESHNESS_REMINDER_DAYS apart; still unanswered FRESHNESS_REMINDER_DAYS
# after the last one, it shows "à vérifier", and FRESHNESS_ARCHIVE_DAYS later it is
# archived. The links of an email work for FRESHNESS_LINK_DAYS.
FRESHNESS_VERIFY_DAYS = env_int("FRESHNESS_VERIFY_DAYS", 365)
FRESHNESS_REMINDER_DAYS = env_int("FRESHNESS_REMINDER_DAYS", 15)
FRESHNESS_ARCHIVE_DAYS = env_int("FRESHNESS_ARCHIVE_DAYS", 90)
FRESHNESS_LINK_DAYS = env_int("FRESHNESS_LINK_DAYS", 60)

# Partner imports (sources/): fetching an export by URL. The whole download must
# end within the time-out (seconds) and stay under the size limit (bytes, checked
# while reading). Private, loopback, link-local and reserved addresses are never
# reached (SSRF), except in these networks (comma-separated, e.g. 127.0.0.1/32 for
# tests, or a partner on the intranet).
SOURCES_FETCH_TIMEOUT = env_int("SOURCES_FETCH_TIMEOUT", 60)
SOURCES_FETCH_MAX_BYTES = env_int("SOURCES_FETCH_MAX_BYTES", 50 * 1000 * 1000)
# A wrong network stops the start, rather than the first import.
SOURCES_FETCH_ALLOWED_NETWORKS = [
    str(ipaddress.ip_network(network, strict=False))
    for network in env_list("SOURCES_FETCH_ALLOWED_NETWORKS")
]

LANGUAGE_CODE = "fr"
# French is the default and its addresses have no prefix; English lives under /en/.
# Content (fiches, actors) stays in the language it was written in.
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.getenv("STATIC_ROOT", BASE_DIR / "var" / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.getenv("MEDIA_ROOT", BASE_DIR / "var" / "media"))
# The export files partners send (sources.Source.export_file): they may hold
# private emails, so they are kept out of MEDIA_ROOT, which is served to anyone.
SOURCE_EXPORTS_ROOT = Path(os.getenv("SOURCE_EXPORTS_ROOT", BASE_DIR / "var" / "sources"))
# Backups (manage.py backup): where archives go, how many are kept, and where
# pg_dump, pg_restore and psql are (unset: those matching the server's version).
BACKUP_DIR = Path(os.getenv("BACKUP_DIR", BASE_DIR / "var" / "backups"))
BACKUP_KEEP = env_int("BACKUP_KEEP", 14)
POSTGRES_BIN_DIR = os.getenv("POSTGRES_BIN_DIR", "")
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
# With several application servers, uploaded images go to an S3-compatible
# storage (AWS, Scaleway, OVHcloud, MinIO…) that every server reaches.
MEDIA_S3_BUCKET = os.getenv("MEDIA_S3_BUCKET", "")
if MEDIA_S3_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": os.getenv("MEDIA_S3_ENDPOINT_URL") or None,
            "region_name": os.getenv("MEDIA_S3_REGION") or None,
            "access_key": os.getenv("MEDIA_S3_ACCESS_KEY_ID") or None,
            "secret_key": os.getenv("MEDIA_S3_SECRET_ACCESS_KEY") or None,
            # The public address of the images (a CDN, or the bucket's own).
            "custom_domain": os.getenv("MEDIA_S3_CUSTOM_DOMAIN") or None,
            "location": os.getenv("MEDIA_S3_PREFIX", ""),
            # Images are public and named by their content: plain URLs, never
            # overwritten.
            "querystring_auth": False,
            "file_overwrite": False,
            "default_acl": None,
        },
    }

# Security: the deployment checklist (manage.py check --deploy) passes without a
# warning in the production environment the README documents (tests/test_deploy_check.py).
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", "1")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # Preloading commits the whole registered domain and its subdomains to
    # HTTPS in browsers for months, beyond this site: the operator opts in
    # (README), and the checklist's reminder (W021) is silenced.
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", "0")
    SILENCED_SYSTEM_CHECKS += ["security.W021"]
    CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
if os.getenv("SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = (os.getenv("SECURE_PROXY_SSL_HEADER"), "https")

# Every script, style and image comes from the site itself, except map tiles.
TILES_URL = os.getenv("TILES_URL", "https://{s}.tile.openstreetmap.fr/osmfr/{z}/{x}/{y}.png")
TILES_ATTRIBUTION = os.getenv(
    "TILES_ATTRIBUTION",
    "© les contributeurs d’OpenStreetMap – fond OpenStreetMap France",
)
TILES_ORIGIN = os.getenv("TILES_ORIGIN", "https://*.tile.openstreetmap.fr")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", TILES_ORIGIN],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LEAFLET_CONFIG = {
    "DEFAULT_CENTER": (46.6, 2.4),
    "DEFAULT_ZOOM": 5,
    "MIN_ZOOM": 3,
    "MAX_ZOOM": 18,
    "TILES": [("OpenStreetMap France", TILES_URL, {"attribution": TILES_ATTRIBUTION})],
    "RESET_VIEW": False,
}

# Email: every message goes through the outbox (outbox/), stored before it is
# sent by the worker (`manage.py send_emails --loop N`), never by a web request.
EMAIL_BACKEND = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
}[os.getenv("EMAIL_BACKEND", "console" if DEBUG else "smtp")]
EMAIL_FILE_PATH = os.getenv("EMAIL_FILE_PATH", BASE_DIR / "var" / "emails")
EMAIL_HOST = os.getenv("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.getenv("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.getenv("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", "0")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", "0")
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = os.getenv(
    "DEFAULT_FROM_EMAIL", "Carrefour <ne-pas-repondre@carrefour.localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Contact requests (contacts/): anti-spam and retention.
# Behind a reverse proxy, the request header holding the client's address (for
# example HTTP_X_FORWARDED_FOR) and how many proxies of ours append to it.
# The client is the CLIENT_IP_TRUSTED_PROXIES-th address from the right (carrefour/clients.py).
CLIENT_IP_HEADER = os.getenv("CLIENT_IP_HEADER", "")
CLIENT_IP_TRUSTED_PROXIES = env_int("CLIENT_IP_TRUSTED_PROXIES", 1)
if CLIENT_IP_TRUSTED_PROXIES < 1:
    raise ImproperlyConfigured("CLIENT_IP_TRUSTED_PROXIES must be 1 or more")
# Requests accepted per client address (IPv6: per /64) and per initiative or actor.
CONTACT_LIMIT_CLIENT_HOUR = env_int("CONTACT_LIMIT_CLIENT_HOUR", 10)
CONTACT_LIMIT_CLIENT_DAY = env_int("CONTACT_LIMIT_CLIENT_DAY", 30)
CONTACT_LIMIT_RECIPIENT_DAY = env_int("CONTACT_LIMIT_RECIPIENT_DAY", 30)
# A form sent faster than a person can type, or long after it was shown, is refused.
CONTACT_FORM_MIN_SECONDS = env_int("CONTACT_FORM_MIN_SECONDS", 3)
CONTACT_FORM_MAX_SECONDS = env_int("CONTACT_FORM_MAX_SECONDS", 2 * 3600)
# Contact requests are deleted after this many days by `manage.py purge_contact_requests`.
CONTACT_RETENTION_DAYS = env_int("CONTACT_RETENTION_DAYS", 365)
# Alerts (alerts/): a confirmation link is valid this many days, then the
# unconfirmed alert is deleted by `manage.py send_alerts`.
ALERT_CONFIRMATION_DAYS = env_int("ALERT_CONFIRMATION_DAYS", 3)
# Alerts asked for per client address (IPv6: per /64) an hour, confirmation
# emails per address a day, and searches one address may follow.
ALERT_LIMIT_CLIENT_HOUR = env_int("ALERT_LIMIT_CLIENT_HOUR", 10)
ALERT_LIMIT_ADDRESS_DAY = env_int("ALERT_LIMIT_ADDRESS_DAY", 3)
ALERT_MAX_PER_ADDRESS = env_int("ALERT_MAX_PER_ADDRESS", 30)
# Initiatives listed in a digest; the email links to the search for the rest.
ALERT_DIGEST_MAX_INITIATIVES = env_int("ALERT_DIGEST_MAX_INITIATIVES", 20)
# Where people exercise their rights over their personal data.
PRIVACY_EMAIL = os.getenv("PRIVACY_EMAIL", "donnees-personnelles@carrefour.localhost")

# Logs go to the standard error (journald, honcho). One line per request comes
# from carrefour/request_log.py, with gunicorn and runserver alike; runserver's
# own lines would show query strings, so they are off.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"line": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {
        "unavailable": {
            "()": "django.utils.log.CallbackFilter",
            "callback": "ext://carrefour.request_log.unavailable_without_traceback",
        }
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "line"}},
    "root": {"handlers": ["console"], "level": os.getenv("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "django.request": {"filters": ["unavailable"]},
        "django.server": {"handlers": [], "propagate": False},
    },
}

# /sante/ answers 503 when more emails than this wait to be sent, or when one
# has waited longer than this (the worker is stopped, or the mail server refuses).
HEALTH_OUTBOX_MAX_PENDING = env_int("HEALTH_OUTBOX_MAX_PENDING", 200)
HEALTH_OUTBOX_MAX_AGE_MINUTES = env_int("HEALTH_OUTBOX_MAX_AGE_MINUTES", 60)

# Search: how many results a page shows.
INITIATIVES_PER_PAGE = 20
# Past this many results a search stops counting: the page says "plus de
# 10 000" with an estimate, and its facet counts are estimated (marked so).
SEARCH_COUNT_LIMIT = env_int("SEARCH_COUNT_LIMIT", 10_000)
# Sorting by pertinence ranks at most this many results, the newest with the
# words in their name or summary (within a territory, the newest, its own
# first); the others follow, newest first (initiatives/directory/statement.py).
SEARCH_RANK_LIMIT = env_int("SEARCH_RANK_LIMIT", 1_000)

# Requests to the read API (/api/v1/) accepted per client address (IPv6: per
# /64) per minute; past it, 429 with Retry-After.
API_REQUESTS_PER_CLIENT_MINUTE = int(os.getenv("API_REQUESTS_PER_CLIENT_MINUTE", "120"))

# Errors are reported to a Sentry-compatible service only when SENTRY_DSN is
# set, without personal data (carrefour/error_reporting.py).
SENTRY_DSN = os.getenv("SENTRY_DSN", "")
if SENTRY_DSN:
    from carrefour.error_reporting import start_error_reporting

    start_error_reporting(SENTRY_DSN, environment=os.getenv("SENTRY_ENVIRONMENT", "production"))
