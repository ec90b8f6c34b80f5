"""In the Wagtail admin: school platforms (LTI registrations) under
Settings, and what interop holds about a learner for export and erasure."""

from django import forms
from django.utils.translation import gettext_lazy as _
from lti_tool.models import LtiDeployment, LtiRegistration
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.viewsets.model import ModelViewSet

from accounts.personal_data import PERSONAL_DATA_HOOK, PersonalDataSource

from . import personal_data


@hooks.register(PERSONAL_DATA_HOOK)
def interop_records():
    return PersonalDataSource("interop", export=personal_data.export, erase=personal_data.erase)


class RegistrationForm(WagtailAdminModelForm):
    """A school platform: what its administrator gives (issuer, client id,
    deployment ids, addresses) and nothing Celik makes itself."""

    auth_url = forms.URLField(label=_("Authentication request URL"), assume_scheme="https", max_length=200)
    token_url = forms.URLField(label=_("Access token URL"), assume_scheme="https", max_length=200)
    keyset_url = forms.URLField(label=_("Public keyset URL"), assume_scheme="https", max_length=200)
    deployment_ids = forms.CharField(
        label=_("Deployment ids"),
        help_text=_("One per line, as the platform shows them. Launches from any other deployment are refused."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    class Meta:
        model = LtiRegistration
        fields = ["name", "issuer", "client_id", "auth_url", "token_url", "keyset_url", "is_active"]
        labels = {
            "name": _("Name"),
            "issuer": _("Issuer (platform ID)"),
            "client_id": _("Client ID"),
            "is_active": _("Active"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["deployment_ids"] = "\n".join(
                LtiDeployment.objects.filter(registration=self.instance, is_active=True).values_list(
                    "deployment_id", flat=True
                )
            )

    def clean_deployment_ids(self):
        ids = [line.strip() for line in self.cleaned_data["deployment_ids"].splitlines() if line.strip()]
        if not ids:
            raise forms.ValidationError(_("Give at least one deployment id."))
        return ids

    def save(self, commit=True):
        registration = super().save(commit=commit)
        if commit:
            set_deployments(registration, self.cleaned_data["deployment_ids"])
        return registration


def set_deployments(registration, deployment_ids):
    """The registration's active deployments become exactly `deployment_ids`."""
    for deployment_id in deployment_ids:
        LtiDeployment.objects.update_or_create(
            registration=registration, deployment_id=deployment_id, defaults={"is_active": True}
        )
    LtiDeployment.objects.filter(registration=registration).exclude(deployment_id__in=deployment_ids).update(
        is_active=False
    )


class RegistrationViewSet(ModelViewSet):
    model = LtiRegistration
    form_fields = ["name", "issuer", "client_id", "auth_url", "token_url", "keyset_url", "is_active"]
    list_display = ["name", "issuer", "client_id", "is_active"]
    icon = "link"
    menu_label = _("School platforms (LTI)")
    add_to_settings_menu = True
    name = "lti_platforms"

    def get_form_class(self, for_update=False):
        return RegistrationForm


@hooks.register("register_admin_viewset")
def register_lti_platforms():
    return RegistrationViewSet()
