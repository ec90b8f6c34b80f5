from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages as admin_messages
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import Button, ListingButton

from accounts.personal_data import PERSONAL_DATA_HOOK, PersonalDataSource

from . import admin_views, personal_data
from .certificates import admin_views as certificate_admin_views
from .certificates.issuing import REINSTATE, REVOKE
from .models import CourseIndexPage, CoursePage, in_own_language
from .outline import course_of
from .progress import STEP_SOURCES_HOOK
from .review import admin_views as review_admin_views
from .review.status import REOPENED_ACTION, REVIEWED_ACTION, may_review, review_for
from .steps import lessons
from .translation_workflow import (
    TranslationIncomplete,
    make_ready_to_publish,
    synced_translation,
    translation_sync_view,
)


@hooks.register(STEP_SOURCES_HOOK, order=0)
def lessons_are_steps():
    return lessons


@hooks.register(PERSONAL_DATA_HOOK)
def learning_records():
    return PersonalDataSource("learning", export=personal_data.export, erase=personal_data.erase)


@hooks.register("register_log_actions")
def certificate_actions(actions):
    actions.register_action(REVOKE, _("Revoke certificate"), _("Certificate revoked"))
    actions.register_action(REINSTATE, _("Reinstate certificate"), _("Certificate reinstated"))


@hooks.register("register_admin_urls")
def register_translation_status_url():
    return [
        path("translation-status/", admin_views.translation_status_view, name="translation_status"),
        path(
            "translations/<int:page_id>/submit/",
            admin_views.submit_translation_for_moderation,
            name="submit_translation_for_moderation",
        ),
        # In place of wagtail-localize's "Sync translated pages" (the same
        # address, matched first): the sync without "Publish immediately".
        path("localize/update/<int:translation_source_id>/", translation_sync_view, name="translation_sync"),
        path("courses/<int:course_id>/outline/", admin_views.course_outline, name="course_outline"),
        path(
            "courses/<int:course_id>/outline/move/<int:page_id>/",
            admin_views.course_outline_move,
            name="course_outline_move",
        ),
        path(
            "courses/<int:course_id>/outline/publish/",
            admin_views.course_outline_publish,
            name="course_outline_publish",
        ),
    ]


@hooks.register("before_edit_page", order=-10)
def publish_only_finished_translations(request, page):
    """The translation editor's "Publish in <language>" (a POST to the page's
    edit address, which wagtail-localize answers) goes ahead only for a
    translation with every segment translated; what waits in moderation is
    withdrawn, as this publication replaces it."""
    if request.method != "POST" or request.POST.get("action") != "publish" or synced_translation(page) is None:
        return None
    try:
        make_ready_to_publish(page, request.user)
    except TranslationIncomplete as refusal:
        messages.error(
            request, _("Not published: %(reason)s") % {"reason": admin_views.incomplete_message(refusal.progress)}
        )
        return redirect(request.path)
    return None


@hooks.register("register_reports_menu_item")
def register_translation_status_menu_item():
    return MenuItem(_("Translation status"), reverse("translation_status"), icon_name="globe", order=900)


@hooks.register("register_admin_urls")
def register_certificate_urls():
    return [
        path("certificates/", certificate_admin_views.certificate_search, name="certificates_admin"),
        path(
            "certificates/<int:certificate_id>/revoke/",
            certificate_admin_views.certificate_revoke,
            name="certificate_revoke",
        ),
    ]


class CertificatesMenuItem(MenuItem):
    def is_shown(self, request):
        return certificate_admin_views.may_revoke(request.user)


@hooks.register("register_admin_menu_item")
def register_certificates_menu_item():
    return CertificatesMenuItem(_("Certificates"), reverse("certificates_admin"), icon_name="tick-inverse", order=9000)


# --- Translation review (courses/review/) ---------------------------------------


@hooks.register("register_admin_urls")
def register_translation_review_urls():
    return [
        path("translation-review/", review_admin_views.review_listing, name="translation_review"),
        path("translation-review/<int:page_id>/", review_admin_views.review_page, name="translation_review_page"),
    ]


@hooks.register("register_reports_menu_item")
def register_translation_review_menu_item():
    return MenuItem(_("Translations to review"), reverse("translation_review"), icon_name="tick", order=901)


@hooks.register("register_log_actions")
def register_translation_review_actions(actions):
    actions.register_action(
        REVIEWED_ACTION, _("Translation reviewed"), _("Marked the translation as reviewed by a native speaker")
    )
    actions.register_action(
        REOPENED_ACTION, _("Translation review reopened"), _("Marked the translation as awaiting review again")
    )


@hooks.register("register_page_header_buttons")
def translation_review_header_button(page, user, view_name=None, next_url=None):
    """On a machine-drafted translation, whoever may edit it can mark it reviewed."""
    review = review_for(page)
    if review is not None and review.awaiting and may_review(user, page):
        yield Button(
            _("Mark translation as reviewed"),
            reverse("translation_review_page", args=[page.id]),
            icon_name="tick",
            priority=5,
        )


# Before wagtail-localize's own hook, which replaces the editor of a translated page.
@hooks.register("before_edit_page", order=-1)
def warn_translation_awaits_review(request, page):
    """Says on the page editor (and wagtail-localize's translation editor)
    that this translation was drafted by a machine and no native speaker has
    checked it yet."""
    if request.method != "GET":
        return None
    review = review_for(page)
    if review is not None and review.awaiting:
        if review.origin == review.Origin.MACHINE:
            text = gettext(
                "Machine-drafted translation, awaiting review by a native speaker. Mark it reviewed once someone "
                "who speaks the language has checked it."
            )
        else:
            text = gettext(
                "This translation awaits review by a second native speaker. Mark it reviewed once someone who "
                "speaks the language has checked it."
            )
        # A button in the message itself: wagtail-localize's translation editor has no actions menu.
        url = reverse("translation_review_page", args=[page.id]) + "?" + urlencode({"next": request.get_full_path()})
        admin_messages.warning(
            request, text, buttons=[admin_messages.button(url, gettext("Mark translation as reviewed"))]
        )
    return None


# --- The course outline: from any page of a course to the whole of it ---------


@hooks.register("register_page_header_buttons")
def course_outline_header_button(page, user, view_name, next_url=None):
    course = course_of(page) if page.depth > 3 else None
    if course is not None and course.permissions_for_user(user).can_edit():
        yield Button(_("Course outline"), reverse("course_outline", args=[course.id]), icon_name="list-ol", priority=4)


@hooks.register("register_page_listing_more_buttons")
def course_outline_listing_button(page, user, next_url=None):
    if isinstance(page.specific_deferred, CoursePage) and page.permissions_for_user(user).can_edit():
        yield ListingButton(
            _("Course outline"), reverse("course_outline", args=[page.id]), icon_name="list-ol", priority=4
        )


class CourseActionMenuItem(ActionMenuItem):
    """An action of the page editor's footer, on a course and its lessons and
    quizzes: it saves the page as "Save draft" does, then does its part
    (after_save_go_on, below)."""

    def is_in_a_course(self, context):
        if context["view"] == "create":
            parent = context["parent_page"].specific_deferred
            return isinstance(parent, CourseIndexPage | CoursePage)
        return context["view"] == "edit" and course_of(context["page"]) is not None


class SaveAndAddMenuItem(CourseActionMenuItem):
    def __init__(self, app_label, model_name, label, order):
        super().__init__(order=order)
        self.label = label
        self.name = f"action-celik-add-{app_label}.{model_name}"

    def is_shown(self, context):
        return super().is_shown(context) and self.is_in_a_course(context)


class WholeCourseMenuItem(CourseActionMenuItem):
    name = "action-celik-whole-course"

    def is_shown(self, context):
        if not super().is_shown(context) or not self.is_in_a_course(context):
            return False
        return self.may_publish(context) or self.may_submit(context)

    def may_publish(self, context):
        user = context["request"].user
        if context["view"] == "create":
            return context["parent_page"].permissions_for_user(user).can_publish_subpage()
        return context["page"].permissions_for_user(user).can_publish()

    def may_submit(self, context):
        page = context.get("page") or context["parent_page"]
        return page.get_workflow() is not None

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["label"] = (
            _("Publish the whole course") if self.may_publish(parent_context) else _("Submit the whole course")
        )
        return context


@hooks.register("register_page_action_menu_item")
def save_and_add_lesson_menu_item():
    return SaveAndAddMenuItem("courses", "lessonpage", _("Save and add a lesson"), order=30)


@hooks.register("register_page_action_menu_item")
def save_and_add_quiz_menu_item():
    # Named by string: courses never imports the quizzes app.
    return SaveAndAddMenuItem("quizzes", "quizpage", _("Save and add a quiz"), order=31)


@hooks.register("register_page_action_menu_item")
def whole_course_menu_item():
    return WholeCourseMenuItem(order=32)


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def after_save_go_on(request, page):
    """The page is saved (as a draft); the course actions above go on from
    there: to a new lesson or quiz in the same course, or to publishing or
    submitting the whole course, then its outline."""
    if request.method != "POST":
        return None
    adding = next((key for key in request.POST if key.startswith("action-celik-add-")), None)
    whole = WholeCourseMenuItem.name in request.POST
    if not adding and not whole:
        return None
    course = course_of(page)
    if course is None:
        return None
    if adding:
        app_label, model_name = adding.removeprefix("action-celik-add-").split(".")
        return redirect("wagtailadmin_pages:add", app_label, model_name, course.id)
    may_publish = course.permissions_for_user(request.user).can_publish()
    admin_views.act_on_whole_course(request, course, "publish" if may_publish else "submit")
    return redirect("course_outline", course.id)


class CoursesPanel(Component):
    """The dashboard's courses: each with its outline, and a new one."""

    name = "celik_courses"
    template_name = "courses/admin/includes/courses_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        catalogue = in_own_language(
            CourseIndexPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        ).first()
        courses = CoursePage.objects.child_of(catalogue).order_by("path") if catalogue else CoursePage.objects.none()
        return {
            "catalogue": catalogue,
            "courses": courses,
            "may_add": catalogue is not None and catalogue.permissions_for_user(request.user).can_add_subpage(),
            "request": request,
        }


@hooks.register("construct_homepage_panels")
def add_courses_panel(request, panels):
    panels.append(CoursesPanel())


@hooks.register("register_log_actions")
def register_course_log_actions(actions):
    actions.register_action("courses.publish_course", _("Publish the whole course"), _("Published the whole course"))
    actions.register_action("courses.submit_course", _("Submit the whole course"), _("Submitted the whole course"))
