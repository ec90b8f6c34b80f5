"""What the statistics area stores: who may see which countries, the API
tokens of BI tools, and the figures themselves, pre-counted.

The figures live in two small tables (`StatsCell`, `CompetenceCell`) built
from the learner records by `stats.refresh`. A cell holds counts for one
period, course, country, age group and language, never a learner: the
dashboard adds cells up, so it reads thousands of rows however many
millions of enrolments there are, and nothing in these tables can point
back to a person.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import Country


class ReviewerScope(models.Model):
    """The ministry reviewer role: a person who may read the statistics of
    the countries listed here (or of every country, when ASEAN-wide)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviewer_scope")
    asean_wide = models.BooleanField(_("ASEAN-wide"), default=False, help_text=_("Sees every country."))
    countries = models.JSONField(_("countries"), default=list, blank=True, help_text=_("ISO 3166 country codes"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ministry reviewer")
        verbose_name_plural = _("ministry reviewers")

    def __str__(self):
        return f"{self.user.email or self.user.get_username()}: {self.scope_label}"

    @property
    def scope_label(self):
        if self.asean_wide:
            return str(_("ASEAN-wide"))
        names = dict(Country.choices)
        return ", ".join(str(names.get(code, code)) for code in self.countries)


class ApiToken(models.Model):
    """A reviewer's token for a BI tool. Only its SHA-256 is stored; the token
    reads with its owner's scope, as it is on the day of reading, so taking
    the role away silences every token at once."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="stats_api_tokens")
    name = models.CharField(_("name"), max_length=80, help_text=_("What uses it, for example \"Ministry Power BI\"."))
    prefix = models.CharField(max_length=8, help_text=_("The first characters, to tell tokens apart."))
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"


class Snapshot(models.Model):
    """When the figures were last counted, and how long it took."""

    refreshed_at = models.DateTimeField()
    seconds = models.FloatField()
    enrolments = models.PositiveBigIntegerField()

    class Meta:
        get_latest_by = "refreshed_at"


class _Cell(models.Model):
    """The dimensions every figure can be sliced by. `period` is the first
    day of a week, cut at month boundaries, so both weekly and monthly
    figures add up exactly (see stats.periods)."""

    period = models.DateField()
    course_key = models.UUIDField()
    country = models.CharField(max_length=2)
    age_band = models.CharField(max_length=5)
    language = models.CharField(max_length=10)

    class Meta:
        abstract = True


class StatsCell(_Cell):
    """Counts of enrolments that began in `period` (a cohort), what has become
    of them since, and the completions that happened in `period`."""

    enrolments = models.PositiveIntegerField(default=0)
    active = models.PositiveIntegerField(default=0, help_text="of them, active in the 30 days before the refresh")
    completed = models.PositiveIntegerField(default=0, help_text="of them, completed the course")
    quiz_takers = models.PositiveIntegerField(default=0, help_text="of them, submitted at least one quiz")
    quiz_passers = models.PositiveIntegerField(default=0, help_text="of the takers, passed every quiz they took")
    score_sum = models.FloatField(default=0, help_text="sum over takers of their average best score")
    completions_in_period = models.PositiveIntegerField(default=0, help_text="completions that happened in `period`")

    class Meta:
        indexes = [
            models.Index(fields=["period"]),
            models.Index(fields=["country", "period"]),
            models.Index(fields=["course_key", "period"]),
        ]


class CompetenceCell(_Cell):
    """Of the enrolments that began in `period`, how many answered questions of
    `competence` and how many answered at least 80 % of them correctly."""

    competence = models.CharField(max_length=20)
    learners = models.PositiveIntegerField(default=0)
    mastered = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [
            models.Index(fields=["period"]),
            models.Index(fields=["country", "period"]),
        ]
