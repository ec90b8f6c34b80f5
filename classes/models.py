"""Facilitators and the classes they teach: a group of learners in a school,
a youth club or a senior centre, with the courses it follows. Membership
rows name the learner; nothing here ever reaches the statistics (DESIGN.md:
stats never names a class)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Facilitator(models.Model):
    """The facilitator role, given by an administrator (classes.roles). A
    facilitator works on the learner site: no admin access, and no second
    factor unless they are staff for another reason."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="facilitator_role")
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("facilitator")
        verbose_name_plural = _("facilitators")

    def __str__(self):
        return self.user.email or self.user.get_username()


class Class(models.Model):
    """A group of learners and the courses it follows (by translation_key, so
    every language of a course counts)."""

    name = models.CharField(_("name"), max_length=80)
    course_keys = models.JSONField(_("courses"), default=list, blank=True)
    join_code = models.CharField(_("join code"), max_length=12, unique=True)
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="facilitated_classes", verbose_name=_("facilitators")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("class")
        verbose_name_plural = _("classes")
        ordering = ["name", "id"]

    def __str__(self):
        return self.name


class Membership(models.Model):
    klass = models.ForeignKey(Class, on_delete=models.CASCADE, related_name="memberships")
    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="class_memberships")
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("class membership")
        constraints = [models.UniqueConstraint(fields=["klass", "learner"], name="one_membership_per_class")]

    def __str__(self):
        return f"{self.learner_id} in {self.klass_id}"


class AssistedAccount(models.Model):
    """An account a facilitator made for a learner without an email address,
    who signs in with a printed card (a username and a passphrase). The
    passphrase is kept encrypted so the card can be printed again, until the
    learner owns the account (adds an email or chooses a password): then it
    is forgotten and the facilitator can no longer reset it."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assisted_account")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    passphrase = models.TextField(blank=True, help_text="encrypted (accounts.mfa's keys); empty once owned")
    owned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("assisted account")

    def __str__(self):
        return f"assisted account {self.user_id}"

    @property
    def is_owned(self):
        return self.owned_at is not None
