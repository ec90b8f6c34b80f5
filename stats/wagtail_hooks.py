"""In the Wagtail admin: administrators give and take the reviewer role
(Settings > Ministry reviewers), by email, inviting people who have no
account yet; the admin menu links to the statistics for anyone who has the
role; reviewers land on the statistics after signing in; and the audit
records of the statistics area are named for the admin's history."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.models import CreateView, DeleteView, EditView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from accounts.models import Country
from accounts.two_factor import STAFF_ROLE_HOOK

from . import reviewers
from .models import ReviewerInvitation, ReviewerScope
from .scopes import is_reviewer
from .tasks import dashboard_url


@hooks.register(STAFF_ROLE_HOOK)
def reviewers_are_staff():
    """Reviewers are staff: the statistics area asks them for a second factor."""
    return is_reviewer


class SuperuserOnly(ModelPermissionPolicy):
    """Who may see whose statistics is an administrator's decision."""

    def user_has_permission(self, user, action):
        return user.is_active and user.is_superuser

    def user_has_any_permission(self, user, actions):
        return user.is_active and user.is_superuser


class ReviewerForm(forms.ModelForm):
    """Gives someone the reviewer role by their sign-in email, or invites
    them when that email has no account yet."""

    email = forms.EmailField(
        label=_("Email"),
        help_text=_("The email the person signs in with. Nobody yet? They get an invitation to sign up with it."),
    )
    countries = forms.MultipleChoiceField(
        label=_("Countries"), required=False, choices=Country.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = ReviewerScope
        fields = ["asean_wide", "countries"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["email"].initial = self.instance.user.email
            self.fields["email"].disabled = True

    def clean_email(self):
        email = self.cleaned_data["email"]
        if self.instance.pk:
            return self.instance.user.email
        user = reviewers.account_for(email)
        if user is not None and ReviewerScope.objects.filter(user=user).exists():
            raise forms.ValidationError(_("This person is already a reviewer."))
        return email

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("asean_wide") and not cleaned.get("countries"):
            raise forms.ValidationError(_("Choose at least one country, or ASEAN-wide."))
        return cleaned


class GrantReviewerView(CreateView):
    def form_valid(self, form):
        data = form.cleaned_data
        result = reviewers.grant(
            data["email"], countries=data["countries"], asean_wide=data["asean_wide"], by=self.request.user
        )
        if isinstance(result, ReviewerInvitation):
            message = _("Nobody signs in with %(email)s yet: an invitation to sign up has been emailed.")
        else:
            message = _("%(email)s is now a reviewer.")
        messages.success(
            self.request,
            str(message) % {"email": data["email"]}
            + " "
            + str(_("The statistics: %(url)s")) % {"url": dashboard_url(self.request.LANGUAGE_CODE)},
        )
        return redirect(self.get_success_url())


class ChangeReviewerView(EditView):
    def save_instance(self):
        data = self.form.cleaned_data
        return reviewers.grant(
            self.object.user.email, countries=data["countries"], asean_wide=data["asean_wide"], by=self.request.user
        )


class RevokeReviewerView(DeleteView):
    def delete_action(self):
        reviewers.revoke(self.object.user, by=self.request.user)


class ReviewerViewSet(ModelViewSet):
    model = ReviewerScope
    form_class = ReviewerForm
    add_view_class = GrantReviewerView
    edit_view_class = ChangeReviewerView
    delete_view_class = RevokeReviewerView
    icon = "view"
    menu_label = _("Ministry reviewers")
    add_to_settings_menu = True
    list_display = ["user", "scope_label", "created_at"]
    permission_policy = SuperuserOnly(ReviewerScope)

    def get_form_class(self, for_update=False):
        return ReviewerForm


class ListAndWithdrawOnly(SuperuserOnly):
    """Invitations are made through Ministry reviewers; here they are only
    listed and withdrawn."""

    def user_has_permission(self, user, action):
        return action in ("view", "delete") and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class WithdrawInvitationView(DeleteView):
    def delete_action(self):
        reviewers.withdraw_invitation(self.object, by=self.request.user)


class InvitationViewSet(ModelViewSet):
    """Invitations still waiting for a sign-up; deleting one withdraws it."""

    model = ReviewerInvitation
    icon = "mail"
    menu_label = _("Reviewer invitations")
    add_to_settings_menu = True
    list_display = ["email", "scope_label", "created_at"]
    form_fields = ["asean_wide"]
    delete_view_class = WithdrawInvitationView
    permission_policy = ListAndWithdrawOnly(ReviewerInvitation)


@hooks.register("register_admin_viewset")
def register_reviewer_viewset():
    return ReviewerViewSet("ministry_reviewers")


@hooks.register("register_admin_viewset")
def register_invitation_viewset():
    return InvitationViewSet("reviewer_invitations")


class StatisticsMenuItem(MenuItem):
    def is_shown(self, request):
        return is_reviewer(request.user)


@hooks.register("register_admin_menu_item")
def register_statistics_menu_item():
    return StatisticsMenuItem(_("Statistics"), reverse("stats:dashboard"), icon_name="table", order=10000)


@hooks.register("after_sign_in_url")
def reviewers_land_on_the_statistics(request):
    """Where a reviewer lands after signing in (when no page asked for it)."""
    if is_reviewer(request.user):
        return reverse("stats:dashboard")
    return None


@hooks.register("register_log_actions")
def register_statistics_log_actions(actions):
    actions.register_action(reviewers.GRANTED, _("Give the reviewer role"), _("Reviewer role given"))
    actions.register_action(reviewers.REVOKED, _("Take the reviewer role away"), _("Reviewer role taken away"))
    actions.register_action(reviewers.INVITED, _("Invite a reviewer"), _("Reviewer invited"))
    actions.register_action(reviewers.TOKEN_CREATED, _("Make an API token"), _("API token made"))
    actions.register_action(reviewers.TOKEN_REVOKED, _("Revoke an API token"), _("API token revoked"))
