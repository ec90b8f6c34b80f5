"""Shared start-up of the benchmark scripts: the repository on sys.path, the
development settings (unless DJANGO_SETTINGS_MODULE says otherwise), Django
set up, and a one-line description of the database in use."""

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def setup():
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    import django

    django.setup()


def database_label(connection=None) -> str:
    """ "SQLite 3.46.1 (/tmp/x.sqlite3)" or "PostgreSQL 15.8 (celik_bench on 127.0.0.1:5432)"."""
    from django.db import connection as default

    connection = connection or default
    connection.ensure_connection()
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"SQLite {connection.Database.sqlite_version} ({settings['NAME']})"
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            version = cursor.fetchone()[0].split()[0]
        where = f"{settings['NAME']} on {settings.get('HOST') or 'socket'}:{settings.get('PORT') or 5432}"
        return f"PostgreSQL {version} ({where})"
    return f"{connection.vendor} ({settings['NAME']})"
