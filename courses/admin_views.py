"""Admin pages for educators that are about courses as a whole."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from wagtail.models import Page

from .models import CoursePage, in_own_language
from .outline import IN_MODERATION, CourseNotReady, move_step, outline, publish_course, submit_course
from .translation_status import STATUS_LABELS, course_rollup, source_root, summary, translation_status
from .translation_workflow import NoModeration, TranslationIncomplete, submit_for_moderation


def translation_status_view(request):
    """Per course and per page, in every language: segments translated out of
    total, and whether the translation is not started, in progress, up to date
    or behind its source."""
    languages = [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    codes = [code for code, _ in languages]
    root = source_root()
    rows = translation_status(root, codes) if root else []
    totals = summary(rows, codes)
    return render(
        request,
        "courses/admin/translation_status.html",
        {
            "languages": [(code, name, totals[code]) for code, name in languages],
            "courses": course_rollup(rows, codes),
            "rows": rows,
            "statuses": STATUS_LABELS,
        },
    )


def incomplete_message(progress):
    """Why a translation was not published or submitted."""
    return ngettext(
        "%(missing)d of %(total)d segments is not translated yet: learners would see it in the source language.",
        "%(missing)d of %(total)d segments are not translated yet: learners would see them in the source language.",
        progress.missing,
    ) % {"missing": progress.missing, "total": progress.total}


@require_POST
def submit_translation_for_moderation(request, page_id):
    """The translation editor's "Submit for moderation"."""
    page = get_object_or_404(Page, id=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    language = page.locale.get_display_name()
    try:
        state = submit_for_moderation(page, request.user)
    except TranslationIncomplete as refusal:
        messages.error(request, _("Not submitted: %(reason)s") % {"reason": incomplete_message(refusal.progress)})
    except NoModeration:
        messages.error(request, _("No moderation applies to this page, or you may not submit it."))
    else:
        messages.success(
            request,
            _("“%(title)s” in %(language)s was submitted to %(workflow)s.")
            % {"title": page.get_admin_display_title(), "language": language, "workflow": state.workflow.name},
        )
    return redirect("wagtailadmin_pages:edit", page.id)


def _course_for(request, course_id):
    course = get_object_or_404(CoursePage, id=course_id)
    if not course.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return course


def course_outline(request, course_id):
    """A course with its lessons and quiz in order: their state, ways to add,
    edit and reorder them, and one button for the whole course."""
    course = _course_for(request, course_id)
    steps = outline(course)
    permissions = course.permissions_for_user(request.user)
    pending = [step for step in steps if step.pending]
    to_submit = [step for step in pending if step.state != IN_MODERATION]
    return render(
        request,
        "courses/admin/course_outline.html",
        {
            "course": course,
            "course_step": steps[0],
            "steps": steps[1:],
            "addable": [
                (model._meta.verbose_name, model._meta.app_label, model._meta.model_name)
                for model in course.specific_class.allowed_subpage_models()
            ],
            "may_add": permissions.can_add_subpage(),
            "may_reorder": permissions.can_reorder_children(),
            "may_publish": permissions.can_publish(),
            "may_submit": course.get_workflow() is not None and permissions.can_submit_for_moderation(),
            "pending": pending,
            "to_submit": to_submit,
            "translations": in_own_language(course.get_translations()).select_related("locale"),
        },
    )


@require_POST
def course_outline_move(request, course_id, page_id):
    """Moves a lesson or quiz up or down in its course (a plain form: no script needed)."""
    course = _course_for(request, course_id)
    page = get_object_or_404(Page.objects.child_of(course), id=page_id)
    direction = request.POST.get("direction")
    if direction not in {"up", "down"}:
        return HttpResponseBadRequest(_("Choose to move the page up or down."))
    if not course.permissions_for_user(request.user).can_reorder_children():
        raise PermissionDenied
    move_step(page, direction, request.user)
    return redirect("course_outline", course.id)


@require_POST
def course_outline_publish(request, course_id):
    """Publishes, or submits for moderation, the course and all its pages."""
    course = _course_for(request, course_id)
    act_on_whole_course(request, course, request.POST.get("action", "publish"))
    return redirect("course_outline", course.id)


def act_on_whole_course(request, course, action):
    """Publishes (or, with action "submit", submits) the whole course and
    says what happened; used by the outline and by the page editor."""
    try:
        if action == "submit":
            done = submit_course(course, request.user)
            message = ngettext(
                "“%(course)s”: %(count)d page was submitted for approval.",
                "“%(course)s”: %(count)d pages were submitted for approval.",
                len(done),
            )
        else:
            done = publish_course(course, request.user)
            message = ngettext(
                "“%(course)s”: %(count)d page was published. The whole course is live.",
                "“%(course)s”: %(count)d pages were published. The whole course is live.",
                len(done),
            )
    except CourseNotReady as refusal:
        messages.error(request, _("Nothing was changed. %(problems)s") % {"problems": problem_list(refusal.problems)})
        return False
    if done:
        messages.success(request, message % {"course": course.title, "count": len(done)})
    else:
        messages.info(request, _("“%(course)s” has nothing waiting to be published.") % {"course": course.title})
    return True


def problem_list(problems):
    return "; ".join(f"“{page.title}”: {reason}" for page, reason in problems) + "."
