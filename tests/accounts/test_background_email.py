"""Every email is sent by a background task (django-tasks): at once in
development, queued in the database in production for `manage.py db_worker`,
so a slow mail server never holds a learner's request."""

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

pytestmark = pytest.mark.django_db

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def sign_up(client):
    return client.post(
        "/en/accounts/signup/",
        {
            "email": "siti@example.com",
            "password1": "Kuala-Lumpur-2026!",
            "password2": "Kuala-Lumpur-2026!",
            "display_name": "Siti",
            "country": "MY",
            "age_band": "25-59",
            "preferred_language": "ms",
        },
    )


@pytest.mark.django_db(transaction=True)  # the worker closes its connection when done, as a real one does
def test_the_confirmation_email_waits_in_the_database_queue_until_the_worker_sends_it(client, settings):
    settings.TASKS = DATABASE_QUEUE
    assert sign_up(client).status_code == 302
    assert mail.outbox == []  # the learner's request did not wait for the mail server
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "accounts.tasks.send_email" and queued.status == "READY"

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL"
    assert [message.to for message in mail.outbox] == [["siti@example.com"]]
    assert "/accounts/confirm-email/" in mail.outbox[0].body


def test_in_development_the_email_goes_at_once(client):
    sign_up(client)
    assert [message.to for message in mail.outbox] == [["siti@example.com"]]
    assert not DBTaskResult.objects.exists()
