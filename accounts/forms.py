from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .display import DisplayOptions, guest_choice
from .guardians import awaiting_consent, consent_age, needs_guardian_consent, request_consent
from .models import AgeBand, Country, GuardianConsent, LearnerProfile, TextSize


def guardian_email_field():
    return forms.EmailField(
        label=_("Parent's or guardian's email"),
        required=False,
        help_text=_(
            "Only for children younger than the age of digital consent in their country (13 in most): "
            "we ask a parent or guardian to agree."
        ),
    )


def check_guardian_email(form, learner_email=""):
    """Adds an error when the country and age group chosen need a guardian's
    consent and no (usable) guardian email was given."""
    data = form.cleaned_data
    if not needs_guardian_consent(data.get("country"), data.get("age_band")):
        return
    guardian_email = (data.get("guardian_email") or "").strip().lower()
    if not guardian_email:
        form.add_error(
            "guardian_email",
            _(
                "Learners younger than %(age)s in this country need a parent's or guardian's consent: please give their email."
            )
            % {"age": consent_age(data.get("country"))},
        )
    elif guardian_email == (learner_email or "").strip().lower():
        form.add_error("guardian_email", _("This must be your parent's or guardian's email, not your own."))


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
    guardian_email = guardian_email_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preferred_language"].initial = get_language()

    def clean(self):
        cleaned = super().clean()
        check_guardian_email(self, self.data.get("email", ""))
        return cleaned

    def signup(self, request, user):
        profile, _ = LearnerProfile.objects.update_or_create(
            user=user,
            defaults={
                "display_name": self.cleaned_data["display_name"],
                "country": self.cleaned_data["country"],
                "age_band": self.cleaned_data["age_band"],
                "preferred_language": self.cleaned_data["preferred_language"],
                **guest_choice(request),
            },
        )
        if needs_guardian_consent(profile.country, profile.age_band):
            request_consent(request, user, self.cleaned_data["guardian_email"])


class LearnerProfileForm(forms.ModelForm):
    """The learner's own profile. A child awaiting a guardian's consent cannot
    change the country and age group that made consent necessary; a learner
    who moves into an age group that needs consent names a guardian."""

    guardian_email = guardian_email_field()

    class Meta:
        model = LearnerProfile
        fields = ["display_name", "country", "age_band", "preferred_language"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        user = self.instance.user
        self.locked_for_consent = bool(self.instance.pk) and awaiting_consent(user)
        if self.locked_for_consent:
            for name in ("country", "age_band"):
                self.fields[name].disabled = True
        if self.locked_for_consent or GuardianConsent.objects.filter(child=user, given_at__isnull=False).exists():
            del self.fields["guardian_email"]  # already named (and not the child's to change)

    def clean(self):
        cleaned = super().clean()
        if "guardian_email" in self.fields:
            check_guardian_email(self, self.instance.user.email)
        return cleaned

    def save(self, commit=True):
        profile = super().save(commit)
        if (
            commit
            and self.cleaned_data.get("guardian_email")
            and needs_guardian_consent(profile.country, profile.age_band)
        ):
            request_consent(self.request, profile.user, self.cleaned_data["guardian_email"])
        return profile


class EraseAccountForm(forms.Form):
    """Erasing cannot be undone: the learner confirms with their password."""

    password = forms.CharField(
        label=_("Your password"), widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."))
        return password


class DisplayOptionsForm(forms.Form):
    """Text size, contrast and motion (accounts.display keeps the choice)."""

    text_size = forms.ChoiceField(label=_("Text size"), choices=TextSize.choices, widget=forms.RadioSelect)
    high_contrast = forms.BooleanField(
        label=_("High contrast"),
        required=False,
        help_text=_("Black text on white, underlined links and strong outlines."),
    )
    reduce_motion = forms.BooleanField(
        label=_("Reduce motion"), required=False, help_text=_("No animations and no smooth scrolling.")
    )

    def options(self):
        return DisplayOptions(**self.cleaned_data)
