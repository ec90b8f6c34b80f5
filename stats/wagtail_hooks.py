"""In the Wagtail admin: administrators give and take the reviewer role
(Settings > Ministry reviewers), and the admin menu links to the statistics
area for anyone who has the role."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from .forms import ReviewerForm
from .models import ReviewerScope
from .scopes import is_reviewer


class SuperuserOnly(ModelPermissionPolicy):
    """Who may see whose statistics is an administrator's decision."""

    def user_has_permission(self, user, action):
        return user.is_active and user.is_superuser

    def user_has_any_permission(self, user, actions):
        return user.is_active and user.is_superuser


class ReviewerViewSet(ModelViewSet):
    model = ReviewerScope
    form_class = ReviewerForm
    icon = "view"
    menu_label = _("Ministry reviewers")
    add_to_settings_menu = True
    list_display = ["user", "scope_label", "created_at"]
    permission_policy = SuperuserOnly(ReviewerScope)

    def get_form_class(self, for_update=False):
        return ReviewerForm


@hooks.register("register_admin_viewset")
def register_reviewer_viewset():
    return ReviewerViewSet("ministry_reviewers")


class StatisticsMenuItem(MenuItem):
    def is_shown(self, request):
        return is_reviewer(request.user)


@hooks.register("register_admin_menu_item")
def register_statistics_menu_item():
    return StatisticsMenuItem(_("Statistics"), reverse("stats:dashboard"), icon_name="table", order=10000)
