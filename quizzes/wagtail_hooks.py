from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import ListingButton
from wagtail.admin.widgets.button import HeaderButton

from accounts.personal_data import PERSONAL_DATA_HOOK, PersonalDataSource
from courses.models.pages import COURSE_OFFERS_HOOK
from courses.progress import STEP_SOURCES_HOOK

from . import admin_views, personal_data
from .forms_ab import has_parallel_forms
from .models import QuizPage
from .steps import required_quizzes


@hooks.register(STEP_SOURCES_HOOK)
def required_quizzes_are_steps():
    return required_quizzes


@hooks.register(COURSE_OFFERS_HOOK)
def before_check_offer(request, course):
    """The optional before check, to a signed-in learner who has not started
    the course: its required quiz with parallel forms or self-report
    statements. Not a step of the course. It depends on nothing but being
    signed in and the progress (the page cache shares a course page among
    learners with the same progress): one who already took it is told so
    when they follow the link."""
    if not request.user.is_authenticated:
        return None
    quiz = QuizPage.objects.live().child_of(course).filter(required_for_completion=True).first()
    if quiz is None or not (quiz.self_report.raw_data or has_parallel_forms(quiz.questions.raw_data)):
        return None
    return {
        "url": reverse("quizzes:before_check", args=[quiz.id]),
        "text": _("Before you start: a check of under three minutes shows you later what you have learnt."),
        "link": _("Take the check"),
    }


@hooks.register(PERSONAL_DATA_HOOK)
def quiz_attempts():
    return PersonalDataSource("quiz_attempts", export=personal_data.export, erase=personal_data.erase)


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("quizzes/<int:page_id>/report/", admin_views.QuizReportView.as_view(), name="quiz_report"),
        path("quizzes/<int:page_id>/import/", admin_views.import_questions, name="quiz_import"),
        path("quizzes/import/example.csv", admin_views.example_csv, name="quiz_import_example_csv"),
        path("quizzes/import/example.xlsx", admin_views.example_xlsx, name="quiz_import_example_xlsx"),
        path("quizzes/<int:page_id>/gain/", admin_views.gain, name="quiz_gain"),
    ]


def may_edit_quiz(page, user):
    return isinstance(page.specific_deferred, QuizPage) and page.permissions_for_user(user).can_edit()


# Shown beside the breadcrumbs of the page editor, not in its "…" menu
# (cms/templates/wagtailadmin/shared/headers/page_edit_header.html).
@hooks.register("celik_page_header_visible_buttons")
def quiz_header_buttons(page, user):
    if may_edit_quiz(page, user):
        yield HeaderButton(_("Quiz results"), reverse("quiz_report", args=[page.id]), icon_name="table", priority=10)
        yield HeaderButton(
            _("Import questions"), reverse("quiz_import", args=[page.id]), icon_name="upload", priority=20
        )
        yield HeaderButton(_("Learning gain"), reverse("quiz_gain", args=[page.id]), icon_name="table", priority=30)


@hooks.register("register_page_listing_more_buttons")
def quiz_report_listing_button(page, user, next_url=None):
    if may_edit_quiz(page, user):
        yield ListingButton(_("Quiz results"), reverse("quiz_report", args=[page.id]), icon_name="table", priority=5)
