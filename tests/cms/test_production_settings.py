"""Production settings: `check --deploy` passes with no warning, and the
process refuses to start without its secrets (issue 5, item 5). Each run is a
separate `manage.py` process with only the environment a deployment gives it."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

MANAGE = Path(settings.BASE_DIR) / "manage.py"


def production_environment(**environment):
    """A clean environment with the production settings, not this test
    process's (the browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for themselves,
    which a deployment never has)."""
    return {
        "PATH": os.environ["PATH"],
        "HOME": os.environ.get("HOME", "/tmp"),
        "LANG": "C.UTF-8",
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "PYTHONPATH": str(MANAGE.parent),
        **environment,
    }


def served_in_production(script, **environment):
    """Runs `script` in a process of its own, with the production settings set
    up and a served host; returns the finished process."""
    env = production_environment(
        SECRET_KEY="x" * 60, ALLOWED_HOSTS="celik.example.org", SECURE_SSL_REDIRECT="false", **environment
    )
    code = "import django, json; django.setup()\nfrom django.test import Client\n" + script
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)


def manage(*args, **environment):
    env = production_environment(**environment)
    return subprocess.run([sys.executable, str(MANAGE), *args], env=env, capture_output=True, text=True, timeout=120)


def test_deploy_check_passes_without_a_warning():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="x" * 20 + "a-long-random-production-secret-key-0123456789",
        ALLOWED_HOSTS="celik.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_refuses_to_start_without_secret_key_or_allowed_hosts():
    no_key = manage("check", ALLOWED_HOSTS="celik.example.org")
    assert no_key.returncode != 0 and "SECRET_KEY must be set" in no_key.stderr
    no_hosts = manage("check", SECRET_KEY="x" * 60)
    assert no_hosts.returncode != 0 and "ALLOWED_HOSTS must be set" in no_hosts.stderr


@pytest.mark.django_db
def test_every_site_page_carries_the_content_security_policy(client, home):
    policy = client.get("/en/")["Content-Security-Policy"]
    for directive in (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "object-src 'none'",
        "frame-ancestors 'self'",
    ):
        assert directive in policy


SHOW_SERVICES = (
    "from django.conf import settings as s; print(s.DATABASES['default']['ENGINE'], s.CACHES['default']['BACKEND'],"
    " s.SESSION_ENGINE, s.STORAGES['default']['BACKEND'], s.TASKS['default']['BACKEND'], s.STORAGES['staticfiles']['BACKEND'])"
)
SECRETS = {"SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "celik.example.org"}


def test_one_machine_needs_no_service_and_many_take_theirs_from_the_environment():
    alone = manage("shell", "-c", SHOW_SERVICES, **SECRETS)
    assert alone.stdout.splitlines()[-1].split() == [
        "django.db.backends.sqlite3",
        "django.core.cache.backends.db.DatabaseCache",  # shared by every worker process, never per process
        "django.contrib.sessions.backends.db",
        "django.core.files.storage.FileSystemStorage",
        "django_tasks.backends.immediate.ImmediateBackend",
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
    ], alone.stderr
    scaled = manage(
        "shell",
        "-c",
        SHOW_SERVICES,
        **SECRETS,
        DATABASE_URL="postgres://celik@db.internal:5432/celik",
        REDIS_URL="redis://cache.internal:6379/0",
        AWS_STORAGE_BUCKET_NAME="celik-media",
        AWS_S3_ENDPOINT_URL="https://objects.example.org",
        TASKS_BACKEND="database",
    )
    assert scaled.stdout.splitlines()[-1].split() == [
        "django.db.backends.postgresql",
        "cms.redis_cache.ReusingRedisCache",
        "django.contrib.sessions.backends.cached_db",
        "storages.backends.s3.S3Storage",
        "django_tasks_db.DatabaseBackend",
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
    ], scaled.stderr


def test_production_writes_a_json_line_per_request_without_the_query_string():
    """Structured logs: each request is one JSON object on standard output,
    with what an operator needs and nothing a learner typed."""
    result = served_in_production(
        "Client(HTTP_X_REQUEST_ID='lb-1234').get('/healthz?token=SECRET', HTTP_HOST='celik.example.org')"
    )
    lines = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    request = next(line for line in lines if line["logger"] == "celik.requests")
    assert request["path"] == "/healthz" and request["status"] == 200 and request["method"] == "GET"
    assert request["request_id"] == "lb-1234" and request["route"] == "healthz" and request["user_id"] is None
    assert isinstance(request["duration_ms"], float) and request["level"] == "INFO"
    assert "SECRET" not in result.stderr
