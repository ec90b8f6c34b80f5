from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from . import admin_views
from .models import QuizPage


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("quizzes/<int:page_id>/report/", admin_views.report, name="quiz_report"),
        path("quizzes/<int:page_id>/report.csv", admin_views.report_csv, name="quiz_report_csv"),
    ]


@hooks.register("register_page_header_buttons")
def quiz_report_button(page, user, view_name, next_url=None):
    if isinstance(page.specific_deferred, QuizPage) and page.permissions_for_user(user).can_edit():
        yield Button(_("Quiz results"), reverse("quiz_report", args=[page.id]), icon_name="table", priority=5)
