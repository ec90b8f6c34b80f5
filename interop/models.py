"""What interop keeps: the xAPI outbox, and which platform account is which
Celik learner (LTI)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class XapiStatement(models.Model):
    """One xAPI statement waiting for (or already given to) the Learning
    Record Store. Written in the transaction that writes the learner's
    record, so a statement exists exactly when the fact it reports does; sent
    later by interop.tasks.send_xapi_statements."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False, help_text=_("The statement's id"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # What the statement is about, so the same fact never makes two
    # statements (a lesson read twice, an answer sent again from a second tab).
    fact = models.CharField(max_length=200, unique=True)
    statement = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    tries = models.PositiveIntegerField(default=0)
    next_try_at = models.DateTimeField(default=timezone.now)
    last_error = models.CharField(max_length=500, blank=True)

    class Meta:
        indexes = [models.Index(fields=["sent_at", "next_try_at"])]
        verbose_name = _("xAPI statement")
        verbose_name_plural = _("xAPI statements")

    def __str__(self):
        return f"{self.statement.get('verb', {}).get('id', '?')} {self.id}"


class LtiAccount(models.Model):
    """A person on a school's platform (an LTI issuer and their `sub` there)
    is this Celik learner. Nothing else about them is kept: no name, no email."""

    issuer = models.CharField(max_length=255)
    subject = models.CharField(max_length=255)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lti_accounts")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["issuer", "subject"], name="one_celik_learner_per_lti_user")]

    def __str__(self):
        return f"{self.issuer} {self.subject}"


class LtiGradeTarget(models.Model):
    """Where a learner's result for a course goes back to: the line item of
    the platform's gradebook that launched it (Assignment and Grade Services).
    One per learner, course and line item."""

    account = models.ForeignKey(LtiAccount, on_delete=models.CASCADE, related_name="grade_targets")
    registration = models.ForeignKey("lti_tool.LtiRegistration", on_delete=models.CASCADE, related_name="+")
    course_key = models.UUIDField(db_index=True)
    lineitem = models.URLField(max_length=500)
    scopes = models.JSONField(default=list)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["account", "course_key", "lineitem"], name="one_grade_target_per_lineitem")
        ]

    def __str__(self):
        return self.lineitem
