"""The forms of the statistics area: the filter (from the query string, for
the dashboard, the CSV and the API alike), API tokens, and the reviewer role."""

from uuid import UUID

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from accounts.models import AgeBand, Country

from .models import ReviewerScope
from .periods import MONTH, WEEK
from .queries import Filters, course_titles

# Nobody needs figures from before Celik existed, and a far-off year is a typo.
EARLIEST = "2020-01-01"


class FilterForm(forms.Form):
    """Validates a filter; a bad value is a 400 with this form's message,
    never a 500 and never a silently different selection."""

    course = forms.TypedChoiceField(label=_("Course"), required=False, empty_value=None)
    country = forms.TypedChoiceField(label=_("Country"), required=False, empty_value=None)
    age_band = forms.TypedChoiceField(
        label=_("Age group"), required=False, empty_value=None,
        choices=[("", _("All age groups")), *AgeBand.choices],
    )
    language = forms.TypedChoiceField(label=_("Language"), required=False, empty_value=None)
    start = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    interval = forms.ChoiceField(
        label=_("Chart by"), required=False, choices=[(WEEK, _("Week")), (MONTH, _("Month"))],
    )

    def __init__(self, data, *, scope, **kwargs):
        super().__init__(data, **kwargs)
        self.scope = scope
        self.course_titles = course_titles()  # build_report reuses them
        self.fields["course"].choices = [("", _("All courses")), *sorted(
            ((str(key), title) for key, title in self.course_titles.items()), key=lambda choice: choice[1]
        )]
        self.fields["country"].choices = [
            ("", _("All countries in your scope")),
            *[(code, name) for code, name in Country.choices if scope.allows(code)],
        ]
        self.fields["language"].choices = [("", _("All languages")), *settings.LANGUAGES]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        for name in ("start", "end"):
            value = cleaned.get(name)
            if value is not None and value.isoformat() < EARLIEST:
                self.add_error(name, _("Statistics start in 2020."))
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
    return UUID(value) if value else None


def country_outside_scope(data, scope) -> bool:
    """A country asked for that the scope does not cover (a 403, not a 400)."""
    country = data.get("country")
    return bool(country) and country in dict(Country.choices) and not scope.allows(country)


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=80, help_text=_("What will use it, for example \"Ministry Power BI\"."))


class ReviewerForm(forms.ModelForm):
    """Gives someone the reviewer role, by their sign-in email."""

    email = forms.EmailField(label=_("Email"), help_text=_("The email the person signs in with."))
    countries = forms.MultipleChoiceField(
        label=_("Countries"), required=False, choices=Country.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = ReviewerScope
        fields = ["asean_wide", "countries"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["email"].initial = self.instance.user.email

    def clean_email(self):
        email = self.cleaned_data["email"]
        user = get_user_model().objects.filter(email__iexact=email).first()
        if user is None:
            raise forms.ValidationError(_("Nobody signs in with this email. They need an account first."))
        if ReviewerScope.objects.filter(user=user).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("This person is already a reviewer."))
        self.instance.user = user
        return email

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("asean_wide") and not cleaned.get("countries"):
            raise forms.ValidationError(_("Choose at least one country, or ASEAN-wide."))
        return cleaned
