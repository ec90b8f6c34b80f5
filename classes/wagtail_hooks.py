"""In the Wagtail admin: administrators give and take the facilitator role
(Settings > Facilitators); the audit records of classes are named for the
admin's history. Facilitators are not staff: they work on the learner site
and need no second factor for it (no celik_staff_role hook here)."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.generic.models import CreateView, DeleteView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from accounts.personal_data import PERSONAL_DATA_HOOK, PersonalDataSource

from . import assisted, groups, personal_data, roles
from .forms import JoinForm
from .models import Facilitator


class SuperuserOnly(ModelPermissionPolicy):
    """Who may run classes is an administrator's decision."""

    def user_has_permission(self, user, action):
        return action != "change" and user.is_active and user.is_superuser

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class FacilitatorForm(forms.ModelForm):
    email = forms.EmailField(
        label=_("Email"), help_text=_("The email the person signs in with. They sign up first, like any learner.")
    )

    class Meta:
        model = Facilitator
        fields = []

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)

    def clean_email(self):
        email = self.cleaned_data["email"]
        user = roles.account_for(email)
        if user is None:
            raise forms.ValidationError(_("Nobody signs in with this email yet: ask them to sign up first."))
        if Facilitator.objects.filter(user=user).exists():
            raise forms.ValidationError(_("This person is already a facilitator."))
        self.account = user
        return email


class GrantFacilitatorView(CreateView):
    def form_valid(self, form):
        roles.grant(form.account, by=self.request.user)
        messages.success(
            self.request, str(_("%(email)s is now a facilitator.")) % {"email": form.cleaned_data["email"]}
        )
        return redirect(self.get_success_url())


class RevokeFacilitatorView(DeleteView):
    def delete_action(self):
        roles.revoke(self.object.user, by=self.request.user)


class FacilitatorViewSet(ModelViewSet):
    model = Facilitator
    form_class = FacilitatorForm
    add_view_class = GrantFacilitatorView
    delete_view_class = RevokeFacilitatorView
    icon = "group"
    menu_label = _("Facilitators")
    add_to_settings_menu = True
    list_display = ["user", "granted_at"]
    permission_policy = SuperuserOnly(Facilitator)

    def get_form_class(self, for_update=False):
        return FacilitatorForm


@hooks.register("register_admin_viewset")
def register_facilitator_viewset():
    return FacilitatorViewSet("facilitators")


@hooks.register("register_log_actions")
def register_class_log_actions(actions):
    actions.register_action(roles.GRANTED, _("Give the facilitator role"), _("Facilitator role given"))
    actions.register_action(roles.REVOKED, _("Take the facilitator role away"), _("Facilitator role taken away"))
    actions.register_action(groups.CREATED, _("Create a class"), _("Class created"))
    actions.register_action(groups.LEARNER_REMOVED, _("Remove a learner from a class"), _("Learner removed"))
    actions.register_action(assisted.ADDED, _("Add learners without email"), _("Learners added"))
    actions.register_action(assisted.RESET, _("Print a new sign-in card"), _("Sign-in card reset"))


@hooks.register(PERSONAL_DATA_HOOK)
def classes_personal_data():
    return PersonalDataSource(name="classes", export=personal_data.export, erase=personal_data.erase)


@hooks.register("celik_my_learning_section")
def my_classes_section(request):
    """On My learning: the learner's classes (with a way to leave), a form to
    join one with its code, and for facilitators a link to their classes."""
    if not request.user.is_authenticated:
        return ""
    context = {
        "memberships": groups.memberships_of(request.user),
        "form": JoinForm(),
        "is_facilitator": roles.is_facilitator(request.user),
    }
    return render_to_string("classes/includes/my_learning_section.html", context, request=request)


@hooks.register("after_sign_in_url")
def facilitators_land_on_their_classes(request):
    if roles.is_facilitator(request.user):
        return reverse("classes:mine")
    return None
