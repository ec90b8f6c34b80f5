"""The literacy framework: the Kuala Lumpur Declaration's digital-literacy
pillar, broken into competences mapped to DigComp 2.2 codes (plus AI literacy).
Both are translatable snippets: one row per language, linked by translation_key."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Locale, TranslatableMixin
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField


class Pillar(TranslatableMixin, models.Model):
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("code"), FieldPanel("name"), FieldPanel("description")]
    # The code names the pillar in every language: copied, never translated.
    override_translatable_fields = [SynchronizedField("code", overridable=False)]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("pillar")
        verbose_name_plural = _("pillars")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["code", "locale"], name="unique_pillar_code_per_locale"),
        ]

    def __str__(self):
        return self.name


class Competence(TranslatableMixin, models.Model):
    pillar = models.ForeignKey(Pillar, on_delete=models.PROTECT, related_name="competences", verbose_name=_("pillar"))
    code = models.CharField(
        _("code"), max_length=20, help_text=_("DigComp 2.2 code such as 1.2, or AI.1 for AI literacy.")
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("pillar"), FieldPanel("code"), FieldPanel("name"), FieldPanel("description")]
    override_translatable_fields = [SynchronizedField("code", overridable=False)]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("competence")
        verbose_name_plural = _("competences")
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


def competences_in(locale):
    """The framework's competences in one language, by pillar then code:
    what an educator chooses from for a page in that language."""
    return Competence.objects.filter(locale=locale).select_related("pillar").order_by("pillar__code", "code")


def same_competences_in(competences, locale):
    """The given competences as rows of `locale` (matched by translation key;
    one not translated into it yet is left out)."""
    keys = [competence.translation_key for competence in competences]
    return list(Competence.objects.filter(translation_key__in=keys, locale=locale))


def competence_choices(language):
    """Every competence of the framework as (code, "code name") choices,
    named in `language` where translated (else in the site's source
    language) and grouped under their pillar's name in the same way:
    [(pillar name, [(code, label), ...]), ...], pillars and competences in
    code order.

    For choosing a competence by its code, which is the same in every
    language (quiz questions store it). Two queries."""
    languages = {language, settings.LANGUAGE_CODE}

    def preferred(rows):
        chosen = {}
        for row in rows:
            if row.code not in chosen or row.locale.language_code == language:
                chosen[row.code] = row
        return chosen

    pillars = preferred(Pillar.objects.filter(locale__language_code__in=languages).select_related("locale"))
    competences = preferred(
        Competence.objects.filter(locale__language_code__in=languages).select_related("pillar", "locale")
    )
    groups = {}
    for row in sorted(competences.values(), key=lambda row: (row.pillar.code, row.code)):
        pillar = pillars.get(row.pillar.code, row.pillar)
        groups.setdefault(pillar.name, []).append((row.code, str(row)))
    return list(groups.items())
