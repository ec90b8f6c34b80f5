"""What learners have done. Kept apart from the content pages (as Kolibri keeps
content apart from learner logs): records point at a page's translation_key,
so progress made in Malay still counts when the learner switches to English,
and store the language used, so statistics can be split by language."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Enrollment(models.Model):
    """A learner's enrolment in a course, and the anonymous facts statistics
    count. When a learner erases their account, `user` becomes empty and the
    row stays: country and age band (copied here when the learner enrolled),
    language, dates and outcome are all statistics need, and none of them
    says who the learner was."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="enrollments"
    )
    erased_learner = models.UUIDField(
        null=True,
        blank=True,
        editable=False,
        help_text=_("After erasure: a random id shared by the rows of one erased account and linked to nothing else"),
    )
    course_key = models.UUIDField(_("course"), db_index=True, help_text=_("translation_key of the CoursePage"))
    language = models.CharField(_("language used"), max_length=10)
    country = models.CharField(_("country"), max_length=2, blank=True)
    age_band = models.CharField(_("age group"), max_length=5, blank=True)
    started_at = models.DateTimeField(default=timezone.now)
    last_activity_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("enrolment")
        constraints = [
            models.UniqueConstraint(fields=["user", "course_key"], name="one_enrollment_per_learner_and_course"),
        ]
        indexes = [models.Index(fields=["user", "-last_activity_at"])]

    def __str__(self):
        return f"{self.user_id} in {self.course_key}"

    @property
    def is_complete(self):
        return self.completed_at is not None


class LessonProgress(models.Model):
    """One row per lesson a learner has completed; the row's existence is the fact."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lesson_progress")
    course_key = models.UUIDField(db_index=True)
    lesson_key = models.UUIDField(help_text=_("translation_key of the LessonPage"))
    language = models.CharField(_("language used"), max_length=10)
    completed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("lesson progress")
        verbose_name_plural = _("lesson progress")
        constraints = [
            models.UniqueConstraint(fields=["user", "lesson_key"], name="one_completion_per_learner_and_lesson"),
        ]
        indexes = [models.Index(fields=["user", "course_key"])]

    def __str__(self):
        return f"{self.user_id} completed {self.lesson_key}"


class Certificate(models.Model):
    """Proof that a learner completed a course, issued once, verifiable by
    anyone who has its code (courses.certificates). It stores no name: the
    name shown is worked out whenever it is shown (accounts.guardians.
    certificate_name), so a child's name appears only once a guardian has
    agreed, and erasing the account takes the certificate with it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="certificates")
    course_key = models.UUIDField(_("course"), db_index=True, help_text=_("translation_key of the CoursePage"))
    language = models.CharField(_("language used"), max_length=10)
    course_title = models.CharField(
        _("course title"),
        max_length=255,
        help_text=_("As it was when the certificate was issued: the certificate outlives an unpublished course"),
    )
    code = models.CharField(_("code"), max_length=32, unique=True, editable=False)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revocation_reason = models.TextField(_("reason for revoking"), blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("certificate")
        constraints = [
            models.UniqueConstraint(fields=["user", "course_key"], name="one_certificate_per_learner_and_course"),
        ]

    def __str__(self):
        return self.code

    @property
    def is_revoked(self):
        return self.revoked_at is not None
