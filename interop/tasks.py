"""interop's background task (django-tasks): inline in development, queued
in the database for `manage.py db_worker` in production."""

from __future__ import annotations

import logging

from django.conf import settings
from django_tasks import default_task_backend, task

from .sending import send_due_statements

logger = logging.getLogger(__name__)


@task()
def send_xapi_statements() -> dict:
    """Sends the xAPI outbox (interop.sending). When some statements must
    wait (the LRS is down), queues itself again for when the first is due,
    where the task backend can wait (the database worker); otherwise the next
    statement written, or `manage.py send_xapi_statements`, picks them up."""
    report = send_due_statements()
    retry_at = report.next_try_at if report.failed else None
    if retry_at is not None and default_task_backend.supports_defer:
        send_xapi_statements.using(run_after=retry_at).enqueue()
    return {"sent": report.sent, "failed": report.failed, "waiting": report.waiting}


def queue_sending():
    """Asks for the outbox to be sent (after a commit that added to it)."""
    if not settings.XAPI_ENDPOINT:
        return
    try:
        send_xapi_statements.enqueue()
    except Exception:  # the statements are safe in the outbox; the next try sends them
        logger.exception("xAPI: could not queue sending")
