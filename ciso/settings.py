"""Settings of the CISO site.

Every value comes from the environment (see the table in README.md). With DEBUG off, the values
that keep the site safe (SECRET_KEY, ALLOWED_HOSTS) are required: start-up stops with a clear
message rather than inventing them.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"  # local state of a development checkout (gitignored)

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)

if DEBUG:
    # A development key: DEBUG is never on in production, where the key is required.
    SECRET_KEY = env("SECRET_KEY", default="django-insecure-development-only-key")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
else:
    SECRET_KEY = env("SECRET_KEY", default="")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
    missing = [
        name
        for name, value in (("SECRET_KEY", SECRET_KEY), ("ALLOWED_HOSTS", ALLOWED_HOSTS))
        if not value
    ]
    if missing:
        raise ImproperlyConfigured(
            f"{' and '.join(missing)} must be set in the environment when DEBUG is off "
            "(for local development, set DEBUG=true; see README.md)."
        )

CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# A form posted without a valid token gets the site's own 403 page, not Django's.
CSRF_FAILURE_VIEW = "ciso.errors.csrf_failure"

INSTALLED_APPS = [
    # modeltranslation must come before the apps whose models it translates.
    "wagtail_modeltranslation",
    "wagtail_modeltranslation.makemigrations",
    # Not "wagtail_modeltranslation.migrate": ciso's own `migrate` runs it, more quietly.
    "modeltranslation",
    "ciso",
    "history",
    "projects",
    "members",
    "news",
    "events",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "axes",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # First: a browser or a front cache that has the page already gets a 304 (ETag).
    "django.middleware.http.ConditionalGetMiddleware",
    # Next: a page in the cache is served from here, with nothing below run (ciso/caching.py).
    "ciso.caching.PageCacheMiddleware",
    # Then, so that its process_exception comes after every other one's.
    "ciso.middleware.DatabaseUnavailableMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Before WhiteNoise, so that static files carry the policies too.
    "ciso.security.headers.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ciso.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ciso.urls"
WSGI_APPLICATION = "ciso.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# PostgreSQL in production and for the tests; an SQLite file when nothing is configured, so
# that `make run` works on a machine with nothing installed.
VAR_DIR.mkdir(exist_ok=True)
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'ciso.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
# A persistent connection is checked before a request reuses it: after a database restart the
# next request reconnects instead of failing.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database that does not answer gives the 503 page within seconds, not a hung worker.
    # (?connect_timeout=… in DATABASE_URL wins.)
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options.setdefault("connect_timeout", 5)
    # psycopg 3's prepared statements: a query the connection has run five times (psycopg's
    # own threshold) is no longer parsed again, and PostgreSQL plans it once when a generic
    # plan serves. That saves a third of what PostgreSQL spends on a page or more
    # (docs/performance.md). They need the parameters sent apart from the SQL (server-side
    # binding; Django binds them into the SQL otherwise). Behind a connection pooler that does
    # not keep them (PgBouncer in transaction mode without max_prepared_statements), set
    # prepare_threshold to None here. A schema change under a running site: ciso/middleware.py.
    options.setdefault("server_side_binding", True)
    options.setdefault("prepare_threshold", 5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def redis_cache(url):
    """The Redis cache (django-redis): an unreachable Redis is a cache miss, not an error.

    Every cache call fails fast (0.25 s to connect or answer), is logged and answers "not
    cached": with Redis stopped the pages are still served, only slower.
    """
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": 0.25,
            "SOCKET_TIMEOUT": 0.25,
        },
    }


# CACHE_URL (any django-environ cache URL) wins over REDIS_URL; local memory otherwise.
if env("CACHE_URL", default=""):
    CACHES = {"default": env.cache_url("CACHE_URL")}
elif env("REDIS_URL", default=""):
    CACHES = {"default": redis_cache(env("REDIS_URL"))}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Also for a django-redis CACHE_URL: Redis errors are logged (logger "ciso.cache"), not raised.
DJANGO_REDIS_IGNORE_EXCEPTIONS = True
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "ciso.cache"
# Sessions stay in the database, never in the cache: the admin keeps working when Redis is down.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Whole pages for anonymous visitors (ciso/caching.py says what is cached and what empties
# it): beside the default cache, under a prefix of its own (Redis), or in this process's memory.
# CISO_PAGE_CACHE=0 turns it off (benchmarks, debugging).
CISO_PAGE_CACHE = env.bool("CISO_PAGE_CACHE", default=True)
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=60 * 60)
if CACHES["default"]["BACKEND"].endswith(".LocMemCache"):
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
else:
    CACHES["pages"] = {**CACHES["default"], "KEY_PREFIX": "pages"}
CACHES["pages"]["TIMEOUT"] = PAGE_CACHE_SECONDS

# The front cache: the nginx in front of the site keeps anonymous pages for a second or two
# (deploy/nginx/ciso.conf), and is told of every publish and unpublish so that they show at
# once, in both languages (ciso/front_cache.py). FRONTEND_CACHE_URL is nginx's address as seen
# from here (docker-compose.yml: http://nginx); unset, nothing is sent.
FRONTEND_CACHE_URL = env("FRONTEND_CACHE_URL", default="")
WAGTAILFRONTENDCACHE = (
    {"nginx": {"BACKEND": "ciso.front_cache.RefreshBackend", "LOCATION": FRONTEND_CACHE_URL}}
    if FRONTEND_CACHE_URL
    else {}
)
# Empty: ciso/front_cache.py gives each language's own addresses. Wagtail would otherwise swap
# the prefix of each one (/en/projets/ for /fr/projets/), which with translated slugs is no page.
WAGTAILFRONTENDCACHE_LANGUAGES = []

AUTHENTICATION_BACKENDS = [
    # First: refuses a sign-in while its username and address are locked out.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: French is the default and the fallback; every public URL carries its prefix.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
MODELTRANSLATION_DEFAULT_LANGUAGE = "fr"
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("fr", "en")}
TIME_ZONE = "America/Montreal"
USE_I18N = True
# One date format per language, for every date shown (ciso/formats/<language>/formats.py).
FORMAT_MODULE_PATH = ["ciso.formats"]
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "static")
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
# Django serves uploads itself only when asked to (development, or a stack without a front
# proxy: docker-compose.yml sets it); normally the proxy serves MEDIA_ROOT.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Fingerprinted, compressed files in production; plain files while developing.
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="webmaster@localhost")
SERVER_EMAIL = env("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)

# Tags' slugs are their part of the news list's addresses (?tag=haiti): plain letters.
TAGGIT_STRIP_UNICODE_WHEN_SLUGIFYING = True

WAGTAIL_SITE_NAME = "CISO"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False  # translation is per field (modeltranslation), not per page tree
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_ENABLE_UPDATE_CHECK = False  # no request to another host
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no avatar fetched from another host (and the CSP agrees)
# Redirects after a slug change are made in every language by ciso/addresses.py; Wagtail's own
# would cover only the language active in the admin.
WAGTAILREDIRECTS_AUTO_CREATE = False
# The admin's page editor shows the French and English fields together; the choice is kept.
WAGTAILMODELTRANSLATION_LOCALE_PICKER_DEFAULT = ("fr", "en")
WAGTAILMODELTRANSLATION_LOCALE_PICKER_RESTORE = True
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Uploads. Allow-lists, not deny-lists; no SVG (a script carrier). Wagtail refuses an image
# whose header claims more pixels than the limit before decoding it (decompression bombs).
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_IMAGE_FORM_BASE = (
    "ciso.security.uploads.ImageForm"  # a decompression bomb is a form error
)
# Bodies of non-file form fields; files above this go to a temporary file, not to memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Documents go through Wagtail's view, which honours collection privacy (a direct link to
# /media/documents/ would not); only PDFs open in the browser, the rest are downloaded.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]

# Security. With DEBUG off every protection below is on unless the environment turns it off;
# see "Security" in README.md.
# Behind an HTTPS proxy (nginx) that sets X-Forwarded-Proto and X-Forwarded-For itself,
# overwriting what the client sent: only then may Django believe those headers.
BEHIND_TLS_PROXY = env.bool("BEHIND_TLS_PROXY", default=False)
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Cookies: Secure, HttpOnly and, in production, the __Host- prefix (the browser then refuses
# them unless they come over HTTPS, for this exact host, on every path). `make run` serves
# plain http://127.0.0.1, where a Secure or __Host- cookie would be dropped and nobody could
# sign in: with DEBUG on they keep Django's usual names and are not Secure.
SECURE_COOKIES = env.bool("SECURE_COOKIES", default=not DEBUG)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_NAME = "__Host-sessionid" if SECURE_COOKIES else "sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken" if SECURE_COOKIES else "csrftoken"
SESSION_COOKIE_HTTPONLY = CSRF_COOKIE_HTTPONLY = LANGUAGE_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"

# Content-Security-Policy (django-csp): nothing from another host, no inline script (the few
# inline data blocks carry the request's nonce), no plugins, no <base>, no framing. The
# Wagtail admin gets 'unsafe-inline' for styles only (ciso/security/ says why).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        # The players of ciso.blocks.VIDEO_SITES, loaded only when a visitor asks for a video.
        "frame-src": [SELF, "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "media-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# Features the site never uses, refused to the page and to anything it embeds.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}

# Sign-in brute force (django-axes): five failures for one username from one address lock that
# pair out for an hour; the database keeps the count across workers and restarts.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(hours=1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "ciso.security.limits.lockout_response"
# The client's address (ciso.security.limits.client_ip): REMOTE_ADDR, or behind the proxy the
# entry of X-Forwarded-For that the nearest trusted proxy added (a client can forge the ones
# before it).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1 if BEHIND_TLS_PROXY else 0)
AXES_CLIENT_IP_CALLABLE = "ciso.security.limits.client_ip"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}
