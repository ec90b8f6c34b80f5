"""Settings shared by every environment. Everything that differs between a
laptop and a national deployment comes from the environment (12-factor)."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.conf.locale import LANG_INFO

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Ours, in dependency order (DESIGN.md): accounts <- courses <- quizzes <- classes <- stats; cms on top.
    # (Wagtail apps the site does not use are left out: forms, settings, embeds; nor sitemaps.)
    "accounts",
    "courses",
    "quizzes",
    "classes",
    "stats",
    "interop",
    "cms",
    # Wagtail
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.contrib.redirects",
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
    # Accounts
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # LTI 1.3 tool (django-lti): registrations, deployments, keys
    "lti_tool",
    # Background tasks: a queue in the database, for production's worker
    "django_tasks",
    "django_tasks_db",
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "cms.request_log.RequestLogMiddleware",  # outermost: times and logs everything below it
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "cms.sessions.SessionMiddleware",  # a late request never takes a new sign-in away
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "cms.offline.LearnerHeaderMiddleware",  # outside the page cache: replayed pages are marked too
    "accounts.middleware.PreferredLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.StaffTwoFactorMiddleware",
    # Innermost: a replayed page still passes CSRF, locale and CSP on its way out.
    "cms.page_cache.PageCacheMiddleware",
    "accounts.middleware.NoStoreForPersonalPagesMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "cms" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "cms.context_processors.site_languages",
                "accounts.context_processors.display_options",
            ],
        },
    },
]

# Embedded default: a SQLite file next to manage.py. DATABASE_URL switches to PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default serves a room of learners through several worker
    # processes: write-ahead logging lets readers go on while one writes;
    # every transaction takes the write lock when it begins (IMMEDIATE), so
    # two never deadlock upgrading a read lock; and a writer waits up to 20 s
    # for the lock instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# allauth's backend (sign-in by email), loading the learner profile along
# with the user; Django's own for sign-in by username (management tools).
AUTHENTICATION_BACKENDS = ["accounts.backends.LearnerBackend", "django.contrib.auth.backends.ModelBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages -------------------------------------------------------------
# The interface languages of the ASEAN member states, each named in itself.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("ms", "Bahasa Melayu"),
    ("id", "Bahasa Indonesia"),
    ("vi", "Tiếng Việt"),
    ("th", "ภาษาไทย"),
    ("fil", "Filipino"),
    ("km", "ភាសាខ្មែរ"),
    ("lo", "ພາສາລາວ"),
    ("my", "မြန်မာဘာသာ"),
    ("tet", "Tetun"),
]
# Django knows nothing of Filipino, Lao or Tetum: without these entries
# {% get_language_info %} raises KeyError. Khmer's own name is corrected from
# Django's "Khmer". Plural rules live in each catalogue's Plural-Forms header
# and date and number formats in cms/formats/<code>/.
LANG_INFO.update(
    {
        "fil": {"bidi": False, "code": "fil", "name": "Filipino", "name_local": "Filipino"},
        "lo": {"bidi": False, "code": "lo", "name": "Lao", "name_local": "ພາສາລາວ"},
        "tet": {"bidi": False, "code": "tet", "name": "Tetum", "name_local": "Tetun"},
        "km": {"bidi": False, "code": "km", "name": "Khmer", "name_local": "ភាសាខ្មែរ"},
    }
)
FORMAT_MODULE_PATH = ["cms.formats"]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Educators may use the admin in any of the ten languages (Wagtail offers only
# those it ships catalogues for, which leaves out most of ours). Our own admin
# strings are translated in all ten; Wagtail's, where Wagtail has them.
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# A new translation starts as a draft: nothing in another language goes live
# until a person publishes it (courses/translation_workflow.py).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

# --- Static and media ------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Media on S3-compatible object storage (django-storages) once a bucket is
# named, so any number of app servers share uploads. Credentials come the
# usual boto3 way (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, or a role).
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,  # MinIO, Ceph, R2...
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,  # a CDN in front
            "file_overwrite": False,
            "querystring_auth": False,  # media are public teaching material
        },
    }

# How long a first visitor's page stays in the shared cache at most; any
# publish empties it at once anyway (cms/page_cache.py).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))

# --- Wagtail ---------------------------------------------------------------
WAGTAIL_SITE_NAME = "Celik"
# The domain emails name (a confirmation link's host is always the request's);
# blank: the address the request came in on.
SITE_DOMAIN = os.environ.get("SITE_DOMAIN", "")
# Where "contact us" leads (the footer of every page, allauth's notices).
CONTACT_EMAIL = os.environ.get("CONTACT_EMAIL", "help@celik.invalid")
# No Gravatar in the admin: it would send a hash of each staff email to a
# third party, and an offline server shows broken images instead.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Uploads: Wagtail checks every image with Pillow (through Willow) and refuses
# anything that is not one of these formats, larger than 5 MB, or so many
# pixels that decoding it would exhaust memory (a "decompression bomb").
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILDOCS_EXTENSIONS = ["pdf", "txt"]

# --- Accounts (django-allauth) --------------------------------------------
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "courses:my_learning"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_SIGNUP_FORM_CLASS = "classes.forms.ClassSignupForm"  # the learner form, with a class join code
ACCOUNT_USER_DISPLAY = "accounts.models.user_display_name"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Celik <no-reply@celik.invalid>")
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

# Statistics never show a figure built from fewer learners than this.
STATS_MIN_CELL = int(os.environ.get("STATS_MIN_CELL", "10"))
# A learner counts as active when they did something in this many days before
# the figures were counted.
STATS_ACTIVE_DAYS = int(os.environ.get("STATS_ACTIVE_DAYS", "30"))
# The secret behind the cell key method's record keys (stats/disclosure.py).
# Set it in production and never change it: unset, it is derived from
# SECRET_KEY, and a new value alters every published figure (and needs a
# full recount).
STATS_CELL_KEY_SECRET = os.environ.get("STATS_CELL_KEY_SECRET", "")

# --- xAPI: learning records sent to a Learning Record Store (interop) -------
# Unset XAPI_ENDPOINT: no statement is written. Set it to the LRS's xAPI
# address (for Ralph, https://lrs.example.org/xAPI); statements are POSTed
# to <XAPI_ENDPOINT>/statements with basic authentication.
XAPI_ENDPOINT = os.environ.get("XAPI_ENDPOINT", "")
XAPI_USERNAME = os.environ.get("XAPI_USERNAME", "")
XAPI_PASSWORD = os.environ.get("XAPI_PASSWORD", "")
# The secret behind each learner's opaque actor name; unset, derived from
# SECRET_KEY. Changing it makes every learner a new actor in the LRS.
XAPI_ACTOR_SECRET = os.environ.get("XAPI_ACTOR_SECRET", "")
XAPI_BATCH_SIZE = int(os.environ.get("XAPI_BATCH_SIZE", "100"))
XAPI_TIMEOUT_SECONDS = float(os.environ.get("XAPI_TIMEOUT_SECONDS", "10"))
XAPI_HTTP_RETRIES = int(os.environ.get("XAPI_HTTP_RETRIES", "2"))
XAPI_RETRY_BASE_SECONDS = int(os.environ.get("XAPI_RETRY_BASE_SECONDS", "30"))
XAPI_RETRY_MAX_SECONDS = int(os.environ.get("XAPI_RETRY_MAX_SECONDS", "3600"))

# --- Children ----------------------------------------------------------------
# The age of digital consent: a learner younger than this signs up with a
# parent's or guardian's email and needs their consent (accounts.guardians).
# DIGITAL_CONSENT_AGES="ID:18,VN:16" sets it per country (ISO 3166 codes).
DIGITAL_CONSENT_AGE_DEFAULT = int(os.environ.get("DIGITAL_CONSENT_AGE", "13"))
DIGITAL_CONSENT_AGES = {
    code.strip().upper(): int(age) for code, age in (item.split(":") for item in env_list("DIGITAL_CONSENT_AGES"))
}

# --- Staff two-factor authentication (allauth.mfa) ---------------------------
# Anyone who can reach the Wagtail admin or the statistics must have an
# authenticator app (TOTP) with recovery codes; accounts.middleware sends them
# to set it up, and a sign-in without the second factor, to give it.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Celik"
# TOTP secrets and recovery-code seeds are stored encrypted (accounts/mfa.py)
# with these Fernet keys (the first encrypts; all decrypt, for rotation);
# unset, one is derived from SECRET_KEY.
MFA_ADAPTER = "accounts.mfa.MFAAdapter"
MFA_ENCRYPTION_KEYS = env_list("MFA_ENCRYPTION_KEYS")
STAFF_AREA_PREFIXES = ["/admin/", "/stats/"]

# --- Rate limits (allauth's, and ours through the same machinery) -----------
# allauth's defaults already limit login, failed logins per address, sign-up,
# password reset and email confirmation; they count in the cache, which must
# be shared by every worker in production (REDIS_URL, or the database cache).
# Behind a load balancer every request comes from its address: with
# TRUSTED_PROXY_COUNT=1 (one proxy in front) the limits count per learner's
# address, read from the X-Forwarded-For header that proxy sets.
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
ACCOUNT_RATE_LIMITS = {
    # Quiz answers: far more than a person answers in a minute, far fewer than a bot.
    "quiz_submit": "60/m/user,60/m/ip",
    # Guardian consent email, sent again at the child's request.
    "guardian_email": "3/h/user",
    # Personal-data export: a file is built per request.
    "data_export": "10/h/user",
    # Statistics API: a BI tool's scheduled refresh, not a scraper.
    "stats_api": "120/m/ip",
    # Counting the statistics again on request.
    "stats_refresh": "6/h/user",
    # Certificate verification: an employer checking a pile of certificates
    # is far below it; trying codes at random is pointless against 125-bit
    # codes, and slower still.
    "certificate_verify": "30/m/ip,300/h/ip",
    # Class join codes: a learner mistypes a few; trying codes at random is stopped.
    "class_join": "10/m/user,30/h/user,60/h/ip",
    # Sign-in cards: a whole class signs in from one address at once, while
    # one card's passphrase can be tried only a few times a minute.
    "card_sign_in": "120/m/ip,10/m/key",
}

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if os.environ.get("REDIS_URL"):
    CACHES = {"default": {"BACKEND": "cms.redis_cache.ReusingRedisCache", "LOCATION": os.environ["REDIS_URL"]}}

# Sessions (and a guest's progress in them) live in the database; with
# REDIS_URL they are read from Redis and written through to the database, so
# a Redis restart signs nobody out and loses no guest's progress.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if os.environ.get("REDIS_URL")
    else "django.contrib.sessions.backends.db"
)

# Wagtail's background tasks (search index, reference index, image
# renditions): run inline by default, so a single machine needs no worker.
# TASKS_BACKEND=database queues them for `manage.py db_worker` (django-tasks-db).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
if os.environ.get("TASKS_BACKEND") == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

SECRET_KEY = os.environ.get("SECRET_KEY", "")
# The Ed25519 key that signs Open Badges credentials: 32 bytes, base64url.
# Unset, it is derived from SECRET_KEY (courses/certificates/signing.py).
CERTIFICATE_SIGNING_KEY = os.environ.get("CERTIFICATE_SIGNING_KEY", "")

# --- Content-Security-Policy (django-csp) ------------------------------------
# The learner site loads nothing from elsewhere and runs no inline script or
# style, so the policy is strict everywhere it applies, in every environment
# (tests see the same header production sends). The only outside frames are
# the click-to-load YouTube (nocookie) and Vimeo players of video blocks.
# Wagtail's admin relies on inline styles and scripts of its own, so it is
# left to Wagtail's defaults.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    },
}

# --- Permissions-Policy (django-permissions-policy) ---------------------------------
# Browser features no Celik page uses are switched off for the page and for
# anything framed in it; the video players may go full screen.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "browsing-topics": [],
    "camera": [],
    "display-capture": [],
    "fullscreen": ["self", "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "publickey-credentials-get": [],
    "serial": [],
    "usb": [],
    "xr-spatial-tracking": [],
}

# --- Logs ------------------------------------------------------------------------
# Everything goes to standard output, for the process manager or container
# platform to collect. LOG_FORMAT=json (production's default) writes one
# JSON object per line, with a line per request (cms/request_log.py) when
# LOG_REQUESTS is on (production's default; the development server prints
# its own request lines).
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
LOG_REQUESTS = env_bool("LOG_REQUESTS", False)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    # Warnings and errors only on one machine (`make run` stays readable);
    # production logs from INFO up (cms/settings/production.py).
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "celik.requests": {"level": "INFO" if LOG_REQUESTS else "WARNING"},
        "django.server": {"level": "INFO"},
    },
}
