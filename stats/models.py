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
        return scope_label(self.asean_wide, self.countries)


def scope_label(asean_wide, countries) -> str:
    """ "ASEAN-wide", or the countries' names, in the reader's language."""
    if asean_wide:
        return str(_("ASEAN-wide"))
    names = dict(Country.choices)
    return ", ".join(str(names.get(code, code)) for code in countries)


class ReviewerInvitation(models.Model):
    """The reviewer role promised to an email that has no account yet: it
    becomes a ReviewerScope when someone signs up with that email and
    confirms it (stats.reviewers.apply_invitation)."""

    email = models.EmailField(_("email"), unique=True)
    asean_wide = models.BooleanField(_("ASEAN-wide"), default=False)
    countries = models.JSONField(_("countries"), default=list, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reviewer invitation")

    def __str__(self):
        return f"invitation for {self.email}"

    @property
    def scope_label(self):
        return scope_label(self.asean_wide, self.countries)


class ApiToken(models.Model):
    """A reviewer's token for a BI tool. Only its SHA-256 is stored; the token
    reads with its owner's scope, as it is on the day of reading, so taking
    the role away silences every token at once."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="stats_api_tokens")
    name = models.CharField(_("name"), max_length=80, help_text=_('What uses it, for example "Ministry Power BI".'))
    prefix = models.CharField(max_length=8, help_text=_("The first characters, to tell tokens apart."))
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        ordering = ["-created_at"]
        # A double click on "Make a token" makes one token, not two with one name
        # (revoking deletes the row, so the name is free again).
        constraints = [models.UniqueConstraint(fields=["owner", "name"], name="one_api_token_per_name")]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"


class Snapshot(models.Model):
    """One count of the figures: when (the moment counted as "now"), how long
    it took, and whether it counted everything or only what changed."""

    FULL = "full"
    INCREMENTAL = "incremental"

    refreshed_at = models.DateTimeField()
    seconds = models.FloatField()
    enrolments = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=12, default=FULL)
    changed = models.PositiveBigIntegerField(default=0, help_text="enrolments counted again (incremental)")
    cell_key_version = models.CharField(max_length=64, default="", help_text="what the alterations were made with")

    class Meta:
        get_latest_by = "refreshed_at"

    def __str__(self):
        return f"figures counted at {self.refreshed_at:%Y-%m-%d %H:%M}"


class Recount(models.Model):
    """A recount asked for ("Count again now", cron): queued, then running,
    then done or failed. The dashboard shows the latest one's state."""

    QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
    STATES = [(QUEUED, "queued"), (RUNNING, "running"), (DONE, "done"), (FAILED, "failed")]

    state = models.CharField(max_length=10, choices=STATES, default=QUEUED)
    full = models.BooleanField(default=False)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    queued_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    snapshot = models.ForeignKey(Snapshot, null=True, blank=True, on_delete=models.SET_NULL)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-queued_at"]

    def __str__(self):
        return f"recount {self.pk} ({self.state})"


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

    def __str__(self):
        return f"{self.period} {self.course_key} {self.country} {self.age_band} {self.language}"


class StatsCell(_Cell):
    """The enrolments that began in `period` (a cohort) and what has become of
    them: the true counts (never shown), their cell keys (stats.disclosure),
    and the published, altered values every figure is added up from."""

    enrolments = models.PositiveIntegerField(default=0)
    active = models.PositiveIntegerField(default=0, help_text="of them, active in the 30 days before the count")
    completed = models.PositiveIntegerField(default=0, help_text="of them, completed the course")
    quiz_takers = models.PositiveIntegerField(default=0, help_text="of them, submitted at least one quiz")
    quiz_passers = models.PositiveIntegerField(default=0, help_text="of the takers, passed every quiz they took")
    score_sum = models.FloatField(default=0, help_text="sum over takers of their average best score")
    gain_learners = models.PositiveIntegerField(default=0, help_text="of the takers, those with a learning gain")
    before_sum = models.FloatField(default=0, help_text="sum over them of their before-check score")
    after_sum = models.FloatField(default=0, help_text="sum over them of their after score")
    gain_sum = models.FloatField(default=0, help_text="sum over them of their normalised gain x 100")
    gain_sq_sum = models.FloatField(default=0, help_text="sum over them of the square of that")
    key_enrolments = models.PositiveSmallIntegerField(default=0)
    key_active = models.PositiveSmallIntegerField(default=0)
    key_completed = models.PositiveSmallIntegerField(default=0)
    key_quiz_takers = models.PositiveSmallIntegerField(default=0)
    key_quiz_passers = models.PositiveSmallIntegerField(default=0)
    key_gain_learners = models.PositiveSmallIntegerField(default=0)
    published_enrolments = models.PositiveIntegerField(default=0)
    published_active = models.PositiveIntegerField(default=0)
    published_completed = models.PositiveIntegerField(default=0)
    published_quiz_takers = models.PositiveIntegerField(default=0)
    published_quiz_passers = models.PositiveIntegerField(default=0)
    published_score_sum = models.FloatField(default=0)
    published_gain_learners = models.PositiveIntegerField(default=0)
    published_before_sum = models.FloatField(default=0)
    published_after_sum = models.FloatField(default=0)
    published_gain_sum = models.FloatField(default=0)
    published_gain_sq_sum = models.FloatField(default=0)

    class Meta:
        indexes = [
            models.Index(fields=["period"]),
            models.Index(fields=["country", "period"]),
            models.Index(fields=["course_key", "period"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "course_key", "country", "age_band", "language"], name="one_stats_cell_per_group"
            )
        ]


class CompetenceCell(_Cell):
    """Of the enrolments that began in `period`, how many answered questions of
    `competence` and how many answered at least 80 % of them correctly."""

    competence = models.CharField(max_length=20)
    learners = models.PositiveIntegerField(default=0)
    mastered = models.PositiveIntegerField(default=0)
    key_learners = models.PositiveSmallIntegerField(default=0)
    key_mastered = models.PositiveSmallIntegerField(default=0)
    published_learners = models.PositiveIntegerField(default=0)
    published_mastered = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [
            models.Index(fields=["period"]),
            models.Index(fields=["country", "period"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["period", "course_key", "country", "age_band", "language", "competence"],
                name="one_competence_cell_per_group",
            )
        ]


class CountedEnrolment(models.Model):
    """What one enrolment added to the cells at the last count, so the next
    count can take back exactly that and add what it adds now (an incremental
    recount reads only the enrolments that changed). Holds no learner: the
    enrolment's id, its cell and its contribution."""

    enrolment_id = models.BigIntegerField(primary_key=True)
    period = models.DateField()
    course_key = models.UUIDField()
    country = models.CharField(max_length=2)
    age_band = models.CharField(max_length=5)
    language = models.CharField(max_length=10)
    record_key = models.PositiveSmallIntegerField()
    active = models.BooleanField(default=False)
    completed = models.BooleanField(default=False)
    quiz_taker = models.BooleanField(default=False)
    quiz_passer = models.BooleanField(default=False)
    score = models.FloatField(default=0)
    competences = models.CharField(max_length=400, blank=True, help_text="code=1 (mastered) or code=0, comma-separated")
    gain_taker = models.BooleanField(default=False)
    before = models.FloatField(default=0)
    after = models.FloatField(default=0)
    gain = models.FloatField(default=0, help_text="normalised gain x 100")

    class Meta:
        indexes = [models.Index(fields=["active"], condition=models.Q(active=True), name="counted_active")]

    def __str__(self):
        return f"enrolment {self.enrolment_id} as counted"
