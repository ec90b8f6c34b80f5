"""Background tasks of the accounts app (django-tasks: run at once in
development, queued in the database for `manage.py db_worker` in
production, so a slow mail server never holds a learner's request)."""

import logging

from django.core.mail import EmailMultiAlternatives
from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def send_email(subject, body, to, from_email=None, html=None):
    """Sends one email, already rendered in the recipient's language. Every
    email the site sends goes through here."""
    message = EmailMultiAlternatives(subject, body, from_email, to)
    if html:
        message.attach_alternative(html, "text/html")
    message.send()
    logger.info("email sent", extra={"subject": subject, "recipients": len(to)})


def queue_email(message):
    """Queues a rendered EmailMessage (or EmailMultiAlternatives) for sending."""
    html = next(
        (content for content, mimetype in getattr(message, "alternatives", []) if mimetype == "text/html"), None
    )
    send_email.enqueue(message.subject, message.body, list(message.to), message.from_email, html)
