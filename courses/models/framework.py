"""The literacy framework: the Kuala Lumpur Declaration's digital-literacy
pillar, broken into competences mapped to DigComp 2.2 codes (plus AI literacy).
Both are translatable snippets: one row per language, linked by translation_key."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Locale, TranslatableMixin
from wagtail.snippets.models import register_snippet


class Pillar(TranslatableMixin, models.Model):
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("code"), FieldPanel("name"), FieldPanel("description")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("pillar")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["code", "locale"], name="unique_pillar_code_per_locale"),
        ]

    def __str__(self):
        return self.name


class Competence(TranslatableMixin, models.Model):
    pillar = models.ForeignKey(Pillar, on_delete=models.PROTECT, related_name="competences")
    code = models.CharField(
        _("code"), max_length=20, help_text=_("DigComp 2.2 code such as 1.2, or AI.1 for AI literacy.")
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("pillar"), FieldPanel("code"), FieldPanel("name"), FieldPanel("description")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("competence")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["code", "locale"], name="unique_competence_code_per_locale"),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"


register_snippet(Pillar)
register_snippet(Competence)


def localized_competences(competences):
    """The given competences in the active language, in one query.

    Pages link to competence rows of whichever language they were authored in;
    `snippet.localized` would cost one query per competence, so this resolves
    the whole list at once and falls back to the linked row where no
    translation exists yet.
    """
    competences = list(competences)
    if not competences:
        return []
    locale = Locale.get_active()
    keys = [c.translation_key for c in competences if c.locale_id != locale.id]
    translated = {}
    if keys:
        translated = {
            c.translation_key: c for c in Competence.objects.filter(Q(translation_key__in=keys) & Q(locale=locale))
        }
    resolved = [translated.get(c.translation_key, c) for c in competences]
    return sorted(resolved, key=lambda c: c.code)
