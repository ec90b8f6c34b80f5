"""The statistics area's background tasks (django-tasks), and the functions
that queue them: inline in development and the tests, `manage.py db_worker`
in production (TASKS_BACKEND=database)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from . import recounts
from .models import Recount, ReviewerInvitation


def request_recount(requested_by=None, full=False) -> tuple[Recount, bool]:
    """Queues a recount unless one is already queued or running.
    Returns (the recount, whether it is new)."""
    with transaction.atomic():
        waiting = recounts.pending_recount()
        if waiting is not None:
            return waiting, False
        recount = Recount.objects.create(requested_by=requested_by, full=full)
    recount_statistics.enqueue(recount.pk)
    recount.refresh_from_db()
    return recount, True


@task()
def recount_statistics(recount_id: int) -> int:
    """Counts the figures again (see stats.recounts). Returns the snapshot's id."""
    recount = recounts.run_recount(recount_id)
    return recount.snapshot_id or 0


def site_url(path: str) -> str:
    """An absolute address on this site, for emails and the command line."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def dashboard_url(language: str) -> str:
    with translation.override(language):
        return site_url(reverse("stats:dashboard"))


@task()
def send_reviewer_invitation(invitation_id: int, language: str) -> bool:
    """Emails someone with no account yet the invitation to become a
    reviewer: where to sign up (with this email), and where the statistics
    are once they have. False when the invitation was withdrawn meanwhile."""
    invitation = ReviewerInvitation.objects.filter(pk=invitation_id).first()
    if invitation is None:
        return False
    with translation.override(language):
        body = _(
            "You have been given the ministry reviewer role on Celik: completion and competence "
            "statistics for %(scope)s.\n\n"
            "1. Sign up with this email address (%(email)s): %(signup)s\n"
            "2. Confirm your email, then set up two-factor sign-in when asked.\n"
            "3. The statistics are here: %(dashboard)s\n\n"
            "If you did not expect this, ignore this email."
        ) % {
            "scope": invitation.scope_label,
            "email": invitation.email,
            "signup": site_url(reverse("account_signup")),
            "dashboard": dashboard_url(language),
        }
        send_mail(_("Celik: your reviewer invitation"), body, None, [invitation.email])
    return True
