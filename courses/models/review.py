"""Whether a translated page has been checked by someone who speaks its
language. Pages made by the demo loader (or any other machine-drafted
translation) get a row saying so; an educator marks the page reviewed in
the admin (courses/review/). A page without a row was written or translated
by people in the admin and needs no flag."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TranslationReview(models.Model):
    class Origin(models.TextChoices):
        MACHINE = "machine", _("Machine-drafted")
        HUMAN = "human", _("Translated by a person")

    class Status(models.TextChoices):
        AWAITING = "awaiting", _("Awaiting native review")
        REVIEWED = "reviewed", _("Reviewed by a native speaker")

    page = models.OneToOneField("wagtailcore.Page", on_delete=models.CASCADE, related_name="translation_review")
    origin = models.CharField(_("made by"), max_length=10, choices=Origin.choices, default=Origin.MACHINE)
    drafted_with = models.CharField(
        _("drafted with"), max_length=200, blank=True, help_text=_("The tool or file the translation came from.")
    )
    drafted_at = models.DateTimeField(_("drafted"))
    status = models.CharField(_("review"), max_length=10, choices=Status.choices, default=Status.AWAITING)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)

    class Meta:
        verbose_name = _("translation review")
        indexes = [models.Index(fields=["status"])]

    def __str__(self):
        return f"{self.page_id}: {self.status}"

    @property
    def awaiting(self):
        return self.status == self.Status.AWAITING
