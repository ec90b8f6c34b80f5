"""The forms of the statistics area: the filter (from the query string, for
the dashboard, the CSV and the API alike), API tokens, and the reviewer role."""

import re
from datetime import date
from uuid import UUID

from django import forms
from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import AgeBand, Country

from .periods import MONTH, WEEK
from .queries import Filters, course_titles, language_name

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Celik's first records are from 2020.
FIRST_YEAR = 2020
# The longest range a request may cover, in years: it bounds the work and the
# size of every answer (at most 11 × 53 weekly points).
MOST_YEARS = 10


def date_window(today=None) -> tuple[date, date]:
    """The dates a filter may name: from 1 January ten years back (never
    before 2020) to 31 December next year. Everything outside is a typo or
    an attempt to make the server work for nothing."""
    today = today or timezone.localdate()
    return date(max(FIRST_YEAR, today.year - MOST_YEARS + 1), 1, 1), date(today.year + 1, 12, 31)


class FilterForm(forms.Form):
    """Validates a filter; a bad value is a 400 with this form's message,
    never a 500 and never a silently different selection."""

    course = forms.TypedChoiceField(label=_("Course"), required=False, empty_value=None)
    country = forms.TypedChoiceField(label=_("Country"), required=False, empty_value=None)
    age_band = forms.TypedChoiceField(
        label=_("Age group"),
        required=False,
        empty_value=None,
        choices=[("", _("All age groups")), *AgeBand.choices],
    )
    language = forms.TypedChoiceField(label=_("Language"), required=False, empty_value=None)
    start = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    interval = forms.ChoiceField(
        label=_("Chart by"),
        required=False,
        choices=[(WEEK, _("Week")), (MONTH, _("Month"))],
    )

    def __init__(self, data, *, scope, **kwargs):
        super().__init__(data, **kwargs)
        self.scope = scope
        self.course_titles = course_titles()  # build_report reuses them
        if isinstance(self.fields["course"], forms.ChoiceField):
            self.fields["course"].choices = [
                ("", _("All courses")),
                *sorted(((str(key), title) for key, title in self.course_titles.items()), key=lambda c: c[1]),
            ]
        self.fields["country"].choices = [
            ("", _("All countries in your scope")),
            *[(code, name) for code, name in Country.choices if scope.allows(code)],
        ]
        self.fields["language"].choices = [
            ("", _("All languages")),
            *[(code, language_name(code)) for code, _name in settings.LANGUAGES],
        ]

    def clean_start(self):
        return self._iso_date("start")

    def clean_end(self):
        return self._iso_date("end")

    def _iso_date(self, name):
        """Dates are written YYYY-MM-DD, as the date fields and the API document say."""
        raw = self.data.get(name) or ""
        if raw and not ISO_DATE.fullmatch(raw):
            raise forms.ValidationError(_("Enter a valid date."), code="invalid")
        return self.cleaned_data.get(name)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        first, last = date_window()
        for name in ("start", "end"):
            value = cleaned.get(name)
            if value is not None and not first <= value <= last:
                self.add_error(
                    name,
                    _("Choose a date from %(first)s to %(last)s.")
                    % {"first": formats.date_format(first), "last": formats.date_format(last)},
                )
        if start and end and start > end:
            self.add_error("end", _("The end date is before the start date."))
        return cleaned

    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(
            course=_uuid(data.get("course")),
            country=data.get("country"),
            age_band=data.get("age_band"),
            language=data.get("language"),
            start=data.get("start"),
            end=data.get("end"),
            interval=data.get("interval") or WEEK,
        )

    def error_text(self) -> str:
        return " ".join(str(message) for errors in self.errors.values() for message in errors)


def _uuid(value):
    if not value:
        return None
    return value if isinstance(value, UUID) else UUID(value)


class ApiFilterForm(FilterForm):
    """The filter of the API: a course is any course key (a course that is
    not live, or does not exist, simply has no figures), as its OpenAPI
    document says; everything else as on the dashboard."""

    course = forms.UUIDField(required=False)


def country_outside_scope(data, scope) -> bool:
    """A country asked for that the scope does not cover (a 403, not a 400)."""
    country = data.get("country")
    return bool(country) and country in dict(Country.choices) and not scope.allows(country)


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=80, help_text=_('What will use it, for example "Ministry Power BI".')
    )
