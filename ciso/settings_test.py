"""Settings for the test suite: the production settings, with test defaults.

Tests run with DEBUG off, as in production, on PostgreSQL. Values already in the environment
win, so CI or a developer can point the suite at another server.
"""

import os

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ciso")
os.environ.setdefault("SECRET_KEY", "tests-only-not-a-secret")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ["DEBUG"] = "false"
# The test client and the live server speak plain HTTP; every other production protection
# (HSTS, secure __Host- cookies, CSP…) stays on and is tested.
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")

from ciso.settings import *  # noqa: E402,F403

# Fast hashing: the tests create users, they do not test password storage.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Static files as written, without a manifest: the tests do not run collectstatic.
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
# Serve static files from the source folders (no collectstatic), as in development.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# No page cache by default: tests change content and read it back at once, sometimes without
# the signals that empty it. tests/ciso/test_page_cache.py turns it on.
CISO_PAGE_CACHE = False
