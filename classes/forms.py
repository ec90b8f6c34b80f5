from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.forms import LearnerSignupForm
from accounts.models import AgeBand, Country

from . import groups
from .codes import JOIN_CODE_LENGTH, normalise_join_code
from .courses_offered import course_choices


class ClassForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the class"), max_length=80, help_text=_("For example “Year 8 B” or “Tuesday group”.")
    )
    courses = forms.MultipleChoiceField(
        label=_("Courses"), widget=forms.CheckboxSelectMultiple, required=False, help_text=_("What the class learns.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["courses"].choices = course_choices()


def join_code_field(required=True):
    return forms.CharField(
        label=_("Class join code"),
        required=required,
        max_length=20,
        help_text=_("The code your teacher or facilitator gave you, for example K7MQ4X."),
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off", "spellcheck": "false"}),
    )


def check_join_code(value):
    """The class a typed code opens, or a ValidationError saying so."""
    code = normalise_join_code(value)
    klass = groups.class_for_code(code) if len(code) == JOIN_CODE_LENGTH else None
    if klass is None:
        raise forms.ValidationError(_("No class has this code. Check it with your facilitator."))
    return klass


class JoinForm(forms.Form):
    code = join_code_field()

    def clean_code(self):
        self.klass = check_join_code(self.cleaned_data["code"])
        return self.cleaned_data["code"]


class ClassSignupForm(LearnerSignupForm):
    """The learner's sign-up form, with an optional class join code
    (settings.ACCOUNT_SIGNUP_FORM_CLASS)."""

    join_code = join_code_field(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["join_code"].help_text = _("If a class gave you a code, type it here. You can also join later.")

    def clean_join_code(self):
        value = self.cleaned_data.get("join_code", "")
        self.klass = check_join_code(value) if normalise_join_code(value) else None
        return value

    def signup(self, request, user):
        super().signup(request, user)
        if getattr(self, "klass", None) is not None:
            groups.join(user, self.klass)


class AddLearnersForm(forms.Form):
    names = forms.CharField(
        label=_("Names"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One learner a line, as they want it on their certificate. Or choose a CSV file below."),
    )
    csv_file = forms.FileField(
        label=_("Or a CSV file"),
        required=False,
        help_text=_(
            "A name in the first column; an age group in the second if they differ (u13, 13-17, 18-24, 25-59, 60+)."
        ),
    )
    age_band = forms.ChoiceField(label=_("Age group"), choices=AgeBand.choices)
    country = forms.ChoiceField(label=_("Country"), choices=Country.choices)
    language = forms.ChoiceField(label=_("Language for learning"), choices=settings.LANGUAGES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = get_language()

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("names") or "").strip() and not cleaned.get("csv_file"):
            raise forms.ValidationError(_("Type at least one name, or choose a CSV file."))
        return cleaned


class CardSignInForm(forms.Form):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        widget=forms.TextInput(
            attrs={"autocapitalize": "none", "autocomplete": "username", "autocorrect": "off", "spellcheck": "false"}
        ),
    )
    passphrase = forms.CharField(
        label=_("Passphrase"),
        max_length=200,
        help_text=_("The words and number on your card, with spaces between them."),
        widget=forms.TextInput(
            attrs={
                "autocapitalize": "none",
                "autocomplete": "current-password",
                "autocorrect": "off",
                "spellcheck": "false",
            }
        ),
    )
