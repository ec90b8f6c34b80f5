"""Thin views: find the pages, ask progress.py, redirect or render."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail import hooks
from wagtail.models import Locale

from .learning import learning_summary
from .models import CoursePage
from .progress import complete_lesson, shows_only_own_progress, tracker_for, when_done_offline

MY_LEARNING_SECTION_HOOK = "celik_my_learning_section"


def _method_not_allowed(request, message):
    response = render(request, "error.html", {"status": 405, "message": message}, status=405)
    response["Allow"] = "POST"
    return response


@require_http_methods(["GET", "POST"])
def complete_lesson_view(request, course_id, lesson_id):
    """POST-only "Mark complete and continue". A GET (a bookmarked or crawled
    link) gets a clear 405 instead of silently changing anything."""
    if request.method != "POST":
        return _method_not_allowed(request, _("Use the “Mark complete” button on the lesson page."))
    course = CoursePage.objects.live().public().filter(id=course_id).first()
    if course is None:
        raise Http404(_("This course does not exist or is not published."))
    lesson = course.lessons().public().filter(id=lesson_id).first()
    if lesson is None:
        raise Http404(_("This lesson is not part of this course, or is not published."))

    # Posted again by the service worker when it was pressed offline: dated then.
    when = when_done_offline(request.POST["offline_at"]) if "offline_at" in request.POST else None
    result = complete_lesson(tracker_for(request), course, lesson, when=when)
    if result.course_just_completed:
        messages.success(request, _("Well done! You have completed “%(course)s”.") % {"course": course.title})
        return redirect(course.url)
    position = result.progress.position_of(lesson)
    if position and position.next is not None:
        return redirect(position.next.url)
    return redirect(course.url)


@shows_only_own_progress
def my_learning(request):
    """Courses the learner has started, for signed-in learners and guests alike."""
    summary = learning_summary(tracker_for(request), Locale.get_active())
    # Other apps add a section (classes: the learner's classes and a join
    # form) with the `celik_my_learning_section` hook: f(request) -> HTML or "".
    sections = [section(request) for section in hooks.get_hooks(MY_LEARNING_SECTION_HOOK)]
    return render(
        request, "courses/my_learning.html", {"summary": summary, "sections": [html for html in sections if html]}
    )
