"""Where a learner can report online harm, per country: a translatable
snippet an administrator fills in (Snippets > Reporting channels).

Official channels change and differ from country to country, so they are
data, not lesson text: a lesson places a "Where to report" block and each
learner sees the channels of their own country (courses/reporting.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.models import TranslatableMixin
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField, TranslatableField

from accounts.models import Country


class ReportingChannel(TranslatableMixin, models.Model):
    country = models.CharField(
        _("country"),
        max_length=2,
        choices=[choice for choice in Country.choices if choice[0] != Country.OTHER],
        help_text=_("Learners who gave this country in their profile see this channel."),
    )
    name = models.CharField(
        _("name"), max_length=200, help_text=_("The organisation or service, as learners would search for it.")
    )
    what_to_report = models.TextField(
        _("what to report here"), help_text=_("One or two plain sentences: which harms this channel deals with.")
    )
    how_to_report = models.TextField(
        _("how to report"),
        blank=True,
        help_text=_("How to reach it: a web form, an app, a hotline, opening hours. Check it before publishing."),
    )
    url = models.URLField(_("web address"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    sort_order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Lower numbers are shown first within a country.")
    )

    panels = [
        HelpPanel(
            content=_(
                "Official places where learners can report online harm, such as sexual images shared without "
                "consent, sextortion, threats, hate speech and scams. The demo content fills in only what its "
                "source news names (for Malaysia, the MCMC): add and check your own country's channels, and "
                "translate each one (Translate, in the snippet listing), before learners rely on them."
            )
        ),
        FieldPanel("country"),
        FieldPanel("name"),
        FieldPanel("what_to_report"),
        FieldPanel("how_to_report"),
        FieldPanel("url"),
        FieldPanel("phone"),
        FieldPanel("sort_order"),
    ]
    # wagtail-localize: the text is translated; where to reach the channel is the same in every language.
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("what_to_report"),
        TranslatableField("how_to_report"),
        SynchronizedField("country", overridable=False),
        SynchronizedField("url"),
        SynchronizedField("phone", overridable=False),
        SynchronizedField("sort_order", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("reporting channel")
        verbose_name_plural = _("reporting channels")
        ordering = ["country", "sort_order", "name"]

    def __str__(self):
        return f"{self.get_country_display()}: {self.name}"


register_snippet(ReportingChannel)
