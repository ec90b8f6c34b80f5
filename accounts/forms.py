from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .models import AgeBand, Country, LearnerProfile


class LearnerSignupForm(forms.Form):
    """The extra fields allauth's sign-up form asks for. Plugged in through
    ACCOUNT_SIGNUP_FORM_CLASS; allauth calls `signup()` once the user exists."""

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=60,
        help_text=_("The name shown on your certificates. It need not be your legal name."),
    )
    country = forms.ChoiceField(label=_("Country"), choices=[("", "—")] + list(Country.choices))
    age_band = forms.ChoiceField(
        label=_("Age group"),
        choices=[("", "—")] + list(AgeBand.choices),
        help_text=_("We ask for an age group, never your birth date."),
    )
    preferred_language = forms.ChoiceField(label=_("Language for learning"), choices=settings.LANGUAGES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preferred_language"].initial = get_language()

    def signup(self, request, user):
        LearnerProfile.objects.update_or_create(
            user=user,
            defaults={
                "display_name": self.cleaned_data["display_name"],
                "country": self.cleaned_data["country"],
                "age_band": self.cleaned_data["age_band"],
                "preferred_language": self.cleaned_data["preferred_language"],
            },
        )


class LearnerProfileForm(forms.ModelForm):
    class Meta:
        model = LearnerProfile
        fields = ["display_name", "country", "age_band", "preferred_language"]
