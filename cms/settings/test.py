"""The test suite. Same apps and middleware as production; only speed knobs change."""

import os

from .base import *  # noqa: F401,F403

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast; tests only
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
MEDIA_ROOT = BASE_DIR / "media" / "test"  # noqa: F405
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not Django's shared in-memory database: threads and the live
    # server then wait for SQLite's lock as production's workers do, where
    # an in-memory database fails at once with "database table is locked".
    # CELIK_TEST_DB names another file, for a second run in the same checkout.
    test_db = os.environ.get("CELIK_TEST_DB") or str(BASE_DIR / "test-db.sqlite3")  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": test_db}  # noqa: F405
# Serve static files straight from the apps (no collectstatic step outside production).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
