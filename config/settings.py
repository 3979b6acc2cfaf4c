"""Settings for the whole site, read from the environment.

Every value has a safe development default except the secret key, which a
production server (debug off) must be given.
"""

import os
import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url
from corsheaders.defaults import default_headers as cors_default_headers
from django.core.exceptions import ImproperlyConfigured

from events import languages as content_languages

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    """The variable's value; an empty one counts as unset."""
    return os.environ.get(name) or default


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if not value:
        return default
    try:
        return int(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from error


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", default=False)

# Commands that only read the models need no key; anything that serves or signs does.
MIGRATION_TOOLS = {"makemigrations", "showmigrations", "sqlmigrate"}

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG and not (sys.argv[1:2] and sys.argv[1] in MIGRATION_TOOLS):
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it to a long random string, or set "
            "DJANGO_DEBUG=1 for local development (`make run` does this for you)."
        )
    SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")

INSTALLED_APPS = [
    # Before the admin: it registers the translated fields (events/translation.py,
    # partnerships/translation.py) before the admin reads the models.
    "modeltranslation",
    "config.apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_filters",
    "corsheaders",
    # The JSON API (config/api.py); its docs page's scripts and styles are served from
    # the site's static files (no CDN).
    "ninja",
    "csp",
    "axes",
    "reversion",
    "reversion_compare",
    # Spreadsheets in the admin (events/admin/spreadsheets.py).
    "import_export",
    "config",
    "events",
    "partnerships",
]

MIDDLEWARE = [
    # First: any error under /api/ is answered in JSON, whichever middleware made it (a
    # bad Host is refused by the HTTPS redirect below).
    "config.jsonerrors.JsonErrorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # The API may be read from pages of any origin (CORS_* below); preflight requests
    # are answered here. django-cors-headers' middleware, run for /api/ only.
    "config.api_http.ApiCorsMiddleware",
    # Before WhiteNoise and CommonMiddleware, so that static files, redirects and error
    # pages carry the security headers too.
    # django-csp's, with the policy built once per process (config/middleware.py).
    "config.middleware.ContentSecurityPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "config.middleware.SecurityHeadersMiddleware",
    # Compressed, hashed static files straight from the application server.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Every API request per address, cached answers too (config/ratelimit.py): before the
    # page cache, and before anything else costs time.
    "config.ratelimit.ApiRateLimitMiddleware",
    # The page's language, from its address (/en/, /zh-hans/, /zh-hant/); addresses
    # without one are redirected to the visitor's language (config/middleware.py).
    # Before the page cache: the language must be active when it resolves the address,
    # and a redirect needs no cached page nor a content version read.
    "config.middleware.LanguageMiddleware",
    # Before sessions and auth: a cached page for an anonymous visitor needs neither.
    "config.pagecache.AnonymousPageCacheMiddleware",
    # Django's session and message middleware, building a session or a message store
    # only when something uses it (config/middleware.py).
    "config.middleware.LazySessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Searches and filters the page cache did not answer, per address (config/ratelimit.py).
    "config.ratelimit.SearchRateLimitMiddleware",
    "config.middleware.LazyMessageMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lock-out page.
    "axes.middleware.AxesMiddleware",
    # A view that cannot reach the database gives the 503 page (its exception hook runs
    # for views wherever the class stands).
    "config.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "config.urls"
# The admin's address; another path keeps casual scanners away from the login form.
ADMIN_PATH = env_str("DJANGO_ADMIN_PATH", "admin/").strip("/") + "/"

TEMPLATES = [
    {
        # The public pages (each app's jinja2/ folder): config/templating.py says why.
        "BACKEND": "config.templating.Jinja2",
        "NAME": "jinja2",
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "config.templating.environment",
            "context_processors": ["config.context_processors.site"],
            # As Django's engine: a template's last line break is kept (in includes too).
            "keep_trailing_newline": True,
        },
    },
    {
        # The admin.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # Before the apps' templates, so that admin/base_site.html here can extend (and
        # so override) Django's, the admin app coming first among the apps.
        "DIRS": [BASE_DIR / "config" / "templates" / "overrides"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=60,
        # A kept connection is checked before each request's first query, so a database
        # restart costs a reconnect, not a failed request.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several server processes write to one file: write-ahead logging lets readers go on
    # while one writes; every transaction takes the write lock when it begins, so a save
    # waits its turn (up to SQLITE_BUSY_TIMEOUT seconds) instead of failing midway with
    # "database is locked"; NORMAL sync is safe with WAL (a power cut may lose the last
    # commits, never corrupt the file).
    DATABASES["default"]["OPTIONS"] = {
        "timeout": env_int("SQLITE_BUSY_TIMEOUT", 20),
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        **DATABASES["default"].get("OPTIONS", {}),
    }
else:
    # Fail fast when the server is unreachable rather than hang a worker (a 503 follows).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env_int("DATABASE_CONNECT_TIMEOUT", 5)
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
# The site's three languages (events/languages.py says who falls back to whom). Content
# is kept in all three; English is the language a record is first written in.
LANGUAGES = [("en", "English"), ("zh-hans", "简体中文"), ("zh-hant", "繁體中文")]
# Content per language (django-modeltranslation): a column per language beside each
# translated field (title_en, title_zh_hans, title_zh_hant), so a page reads every
# language with its row, no join and no extra query. A text missing in the reader's
# language falls back in the order of events/languages.py's FALLBACKS.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
# Slugs are made from the English, whatever language the editor works in.
MODELTRANSLATION_PREPOPULATE_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = {
    "default": (content_languages.DEFAULT,),
    **{code: order[1:] for code, order in content_languages.FALLBACKS.items()},
}
# Datetimes are stored in UTC; each conference carries its own time zone for display.
USE_TZ = True
TIME_ZONE = env_str("DJANGO_TIME_ZONE", "UTC")
USE_I18N = True
# The language a visitor last read a page in (config/middleware.py); the address's
# prefix always wins over it.
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
MEDIA_URL = env_str("MEDIA_URL", "media/")
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))

# The press release review (partnerships/intake) posts up to 7 fields per fact, and a
# release is refused above intake.review.MAX_FACTS (600) facts: 4,200 fields, plus its
# photos. Django's default (1,000) is a long but ordinary release (~10,000 characters).
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5_000

# Uploads go through Django's storage API only, so S3-compatible storage is a settings
# change: MEDIA_STORAGE=events.bucket.PrivateBucketStorage (django-storages' S3Storage,
# every object private, served by the application, which checks who may have it), and
# the bucket named below (credentials come from the usual AWS_* variables).
STORAGES = {
    # On the local disk, a write that fails (a full disk) leaves no partial file behind.
    "default": {"BACKEND": env_str("MEDIA_STORAGE", "events.uploads.TidyFileSystemStorage")},
    # Hashed names (cached forever) and gzip/brotli copies, made by collectstatic.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Uploads on the local disk are served by the application itself, with headers that
# keep any file from running as a page (config/views.py). Off when a CDN or bucket
# serves them.
SERVE_MEDIA = env_bool(
    "SERVE_MEDIA",
    default=STORAGES["default"]["BACKEND"].endswith(
        ("FileSystemStorage", "events.bucket.PrivateBucketStorage")
    ),
)
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME")
AWS_S3_ENDPOINT_URL = env_str("AWS_S3_ENDPOINT_URL") or None
AWS_S3_REGION_NAME = env_str("AWS_S3_REGION_NAME") or None
AWS_S3_CUSTOM_DOMAIN = env_str("AWS_S3_CUSTOM_DOMAIN") or None
# Only for a storage that links into the bucket itself (plain S3Storage, SERVE_MEDIA=0):
# then public pages link straight to the photos, the URLs must not expire, and the bucket
# must allow public reads, drafts' files included. PrivateBucketStorage links to /media/.
AWS_QUERYSTRING_AUTH = env_bool("AWS_QUERYSTRING_AUTH", default=False)
# Uploaded files are never overwritten in place, and are not public-read by default.
AWS_S3_FILE_OVERWRITE = False
AWS_DEFAULT_ACL = None

# Conferences default to this zone until an editor picks the venue's own.
DEFAULT_CONFERENCE_TIME_ZONE = env_str("DEFAULT_CONFERENCE_TIME_ZONE", "Asia/Hong_Kong")

SITE_NAME = env_str("SITE_NAME", "Conferences and partnerships")

# Uploaded images (events/images.py): refused above these limits.
IMAGE_MAX_BYTES = env_int("IMAGE_MAX_BYTES", 20 * 1024 * 1024)
IMAGE_MAX_PIXELS = env_int("IMAGE_MAX_PIXELS", 40_000_000)
# Uploaded agreement documents (partnerships/documents.py): refused above this size.
DOCUMENT_MAX_BYTES = env_int("DOCUMENT_MAX_BYTES", 25 * 1024 * 1024)
# Widths of the smaller copies made of each photo when it is saved (never upscaled).
IMAGE_RENDITION_WIDTHS = [
    int(width) for width in env_list("IMAGE_RENDITION_WIDTHS", "480,960,1600")
]
# `regenerate_renditions --prune-orphans` leaves files younger than this alone: they may
# belong to a save still in progress.
PRUNE_GRACE_MINUTES = env_int("PRUNE_GRACE_MINUTES", 60)

# `restore` refuses archives that would expand past these (a gzip bomb), before changing
# anything: in all, any one file, the rows (read whole by loaddata), and the ratio of
# expanded to compressed bytes (photos hardly compress; only a bomb exceeds it).
RESTORE_MAX_BYTES = env_int("RESTORE_MAX_BYTES", 2 * 1024**3)
RESTORE_MAX_MEMBER_BYTES = env_int("RESTORE_MAX_MEMBER_BYTES", 512 * 1024**2)
RESTORE_MAX_DATA_BYTES = env_int("RESTORE_MAX_DATA_BYTES", 256 * 1024**2)
RESTORE_MAX_RATIO = env_int("RESTORE_MAX_RATIO", 100)

# A shared cache when Redis is there (REDIS_URL=redis://host:6379/0), else per process.
# Redis is bounded by its own maxmemory (with maxmemory-policy allkeys-lru); the
# per-process cache by PAGE_CACHE_MAX_BYTES in each worker.
PAGE_CACHE_MAX_BYTES = env_int("PAGE_CACHE_MAX_BYTES", 64 * 1024 * 1024)
REDIS_URL = env_str("REDIS_URL")
CACHES = {
    "default": (
        # Redis down is a cache miss, not an error page (config/cache.py).
        {"BACKEND": "config.cache.TolerantRedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {
            # Bounded by bytes as well as entries: pages may be large, workers many.
            "BACKEND": "config.cache.SizeBoundedLocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 2000, "MAX_BYTES": PAGE_CACHE_MAX_BYTES},
        }
    )
}

# Entries in one page of a public sitemap (events/sitemaps.py; /sitemap.xml is their
# index). Each entry names five addresses (its own, and as alternates the three languages
# and x-default): 7,500 a page, well under the protocol's 50,000. An entry is about 870
# bytes with the slugs the site makes and a real domain: 1.3 MB a page, which the page
# cache keeps (it keeps answers up to 2 MB, config/pagecache.py); under 10 KB at the
# worst (a 200-character Chinese slug, percent-encoded, five times): 15 MB, against the
# protocol's 50 MB (tests/test_sitemaps.py measures both).
SITEMAP_ENTRIES_PER_PAGE = 1_500

# Whole pages for anonymous visitors (config/pagecache.py): how long an entry may live
# (it is retired sooner, as soon as content changes); 0 turns the page cache off.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
PAGE_CACHE_ALIAS = "default"
# Costly query answers (result counts, filter options), retired with the pages.
QUERY_CACHE_SECONDS = env_int("QUERY_CACHE_SECONDS", 600)

# Check every SQL compiled once and handed out again (events/compiled.py) against a fresh
# compilation of the same query: on in the tests, off in production.
COMPILED_SQL_CHECK = env_bool("COMPILED_SQL_CHECK", default=False)
# Check every API answer, written as JSON straight from the view's dict
# (events/api/answers.py), against what its response schema makes of it: on in the tests.
API_ANSWER_CHECK = env_bool("API_ANSWER_CHECK", default=False)
# Rows in one admin save, all inline formsets together (each inline also keeps Django's
# maximum of 1,000): a count above it is refused at once with a 400.
ADMIN_MAX_FORMS = env_int("ADMIN_MAX_FORMS", 300)
# Spreadsheets in the admin (django-import-export, events/admin/spreadsheets.py): an
# import is one transaction (any error: nothing saved); exported texts that a spreadsheet
# would run as formulas are escaped (ours put a ' before them, see escape_formula).
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = True
SPREADSHEET_IMPORT_MAX_BYTES = env_int("SPREADSHEET_IMPORT_MAX_BYTES", 5 * 1024 * 1024)
# Rows in one import: a preview of 1,000 new people with posts takes about 15 s.
SPREADSHEET_IMPORT_MAX_ROWS = env_int("SPREADSHEET_IMPORT_MAX_ROWS", 1000)
# Searches and filters that miss the page cache, per visitor's address: "120/60" allows
# 120 in each 60 seconds; "0" turns the limit off (config/ratelimit.py).
RATE_LIMIT_SEARCHES = env_str("RATE_LIMIT_SEARCHES", "120/60")
# Every request to the API (/api/), cached or not, per address; "0" turns it off.
RATE_LIMIT_API = env_str("RATE_LIMIT_API", "600/60")
# While the database does not answer, cached pages are still served under the content
# version this process last read, if it read it at most this many seconds before.
PAGE_CACHE_OUTAGE_SECONDS = env_int("PAGE_CACHE_OUTAGE_SECONDS", 300)
PAGE_CACHE_SKIP_PATHS = [
    "/" + ADMIN_PATH,
    "/healthz",
    "/" + STATIC_URL,
    "/" + MEDIA_URL.lstrip("/"),
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "WARNING")},
}

# Security. Production defaults; DEBUG (make run) relaxes what needs HTTPS.
# Behind a TLS-terminating proxy, set DJANGO_BEHIND_PROXY=1 so that Django trusts its
# X-Forwarded-Proto header.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if env_bool("DJANGO_BEHIND_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0 if DEBUG else 63072000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
if not DEBUG:
    # The __Host- prefix binds the cookies to this host, over HTTPS, for the whole site.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    LANGUAGE_COOKIE_NAME = "__Host-language"
LANGUAGE_COOKIE_SECURE = not DEBUG
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# Content security policy (django-csp): everything from this site, nothing inline.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *env_list("CSP_IMG_SRC")],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "manifest-src": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "object-src": ["'none'"],
    }
}
# The API is read-only open data: any site's scripts may read it (django-cors-headers),
# without credentials (so "*"), and read the headers a client needs to cache and to wait.
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOW_HEADERS = (*cors_default_headers, "if-none-match", "if-modified-since")
CORS_EXPOSE_HEADERS = ("ETag", "Last-Modified", "Retry-After", "Content-Language")
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)

# Admin sign-in throttling (django-axes): 5 failures for one user name from one
# address lock that pair out for AXES_COOLOFF_MINUTES; a success resets the count.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "lockout.html"
AXES_VERBOSE = False
# The visitor's address (config/ratelimit.py): REMOTE_ADDR, or behind DJANGO_PROXY_COUNT
# proxies the address they put in X-Forwarded-For. Lock-outs and the search limit share it.
PROXY_COUNT = env_int("DJANGO_PROXY_COUNT", 1) if env_bool("DJANGO_BEHIND_PROXY") else 0
AXES_CLIENT_IP_CALLABLE = "config.ratelimit.client_address"
