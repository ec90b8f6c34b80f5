"""A course as one piece of work: its outline, its order, its publication.

A course is a CoursePage whose child pages (lessons and quizzes) are its
steps, in the order learners take them. Wagtail edits, orders and publishes
each page on its own; these rules let an educator see the whole course
(`outline`), put its steps in order (`move_step`, which the course's
translations follow), and publish or submit the course and all its pages in
one action (`publish_course`, `submit_course`). Both are all or nothing: a
course goes live whole, or stays as it was with the reasons said.

Quizzes are pages like the rest here: courses never imports the quizzes app.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.actions.move_page import MovePageAction
from wagtail.log_actions import log
from wagtail.models import Page
from wagtail_localize.models import StringTranslation

from .models import CoursePage, in_own_language
from .translation_workflow import (
    Progress,
    publish_latest_revision,
    segment_progress,
    submit_for_moderation,
    synced_translation,
)

LIVE = "live"
LIVE_WITH_CHANGES = "live_with_changes"
DRAFT = "draft"
IN_MODERATION = "in_moderation"

STATE_LABELS = {
    LIVE: _("Live"),
    LIVE_WITH_CHANGES: _("Live, with changes not published"),
    DRAFT: _("Draft"),
    IN_MODERATION: _("Waiting for approval"),
}


@dataclass
class Step:
    """The course, or one of its lessons or quizzes, as the outline shows it."""

    page: Page
    state: str
    pending: bool  # has something that is not live yet
    translation: Progress | None = None  # for a page translated in the translation editor

    @property
    def state_label(self):
        return STATE_LABELS[self.state]

    @property
    def kind(self):
        return self.page.specific_class._meta.verbose_name


class CourseNotReady(Exception):
    """Some page of the course cannot be published or submitted: `problems`
    lists (page, reason) for each, and nothing was changed."""

    def __init__(self, problems):
        super().__init__("; ".join(f"{page.title}: {reason}" for page, reason in problems))
        self.problems = problems


def course_of(page):
    """The course a course page, lesson or quiz belongs to, or None."""
    if isinstance(page.specific_deferred, CoursePage):
        return page.specific
    return CoursePage.objects.ancestor_of(page).first()


def _has_translated_since(translation, page):
    """True when the translation editor holds work newer than what learners
    see: translations made, or the source synced, since `page` was published."""
    published = page.last_published_at
    if published is None:
        return True
    if translation.source.last_updated_at > published:
        return True
    return StringTranslation.objects.filter(
        translation_of__segments__source=translation.source,
        context_id__in=translation.source.stringsegment_set.values("context_id"),
        locale_id=translation.target_locale_id,
        updated_at__gt=published,
    ).exists()


def step_of(page):
    page = page.specific
    translation = synced_translation(page)
    if translation is not None:
        pending = not page.live or page.has_unpublished_changes or _has_translated_since(translation, page)
    else:
        pending = not page.live or page.has_unpublished_changes
    if page.workflow_in_progress:
        state = IN_MODERATION
    elif not page.live:
        state = DRAFT
    else:
        state = LIVE_WITH_CHANGES if pending else LIVE
    return Step(page, state, pending, segment_progress(translation) if translation else None)


def outline(course):
    """The course, then its lessons and quizzes in the order learners take them."""
    children = in_own_language(Page.objects.child_of(course)).order_by("path").specific()
    return [step_of(course), *(step_of(child) for child in children)]


def _problems_before(steps, user, check):
    problems = []
    for step in steps:
        reason = check(step, step.page.permissions_for_user(user))
        if reason:
            problems.append((step.page, reason))
    return problems


def _untranslated(step):
    progress = step.translation
    if progress is not None and not progress.complete:
        return _("%(missing)d of %(total)d segments are not translated yet") % {
            "missing": progress.missing,
            "total": progress.total,
        }
    return None


@transaction.atomic
def publish_course(course, user):
    """Publishes the course and each of its pages that has something not yet
    live, in order (what waits in moderation included: publishing replaces
    it). Returns the pages published. Raises CourseNotReady, changing nothing,
    when `user` may not publish one of them or a translation is unfinished."""
    pending = [step for step in outline(course) if step.pending]

    def check(step, permissions):
        if not permissions.can_publish():
            return _("you may not publish this page")
        return _untranslated(step)

    problems = _problems_before(pending, user, check)
    if problems:
        raise CourseNotReady(problems)
    for step in pending:
        translation = synced_translation(step.page)
        if translation is not None:
            if step.page.workflow_in_progress:
                step.page.current_workflow_state.cancel(user=user)
            translation.save_target(user=user, publish=True)
        else:
            publish_latest_revision(step.page, user)
    log(course, "courses.publish_course", user=user, data={"pages": [step.page.id for step in pending]})
    return [step.page for step in pending]


@transaction.atomic
def submit_course(course, user):
    """Sends the course and each of its pages with something not yet live to
    the moderation workflow that applies to it (the pages already waiting
    stay as they are). Returns the pages submitted. Raises CourseNotReady,
    changing nothing, when one of them cannot be submitted."""
    pending = [step for step in outline(course) if step.pending and step.state != IN_MODERATION]

    def check(step, permissions):
        if step.page.get_workflow() is None:
            return _("no moderation applies to this page")
        if not permissions.can_submit_for_moderation():
            return _("you may not submit this page")
        return _untranslated(step)

    problems = _problems_before(pending, user, check)
    if problems:
        raise CourseNotReady(problems)
    for step in pending:
        if synced_translation(step.page) is not None:
            submit_for_moderation(step.page, user)
        else:
            step.page.get_workflow().start(step.page, user)
    log(course, "courses.submit_course", user=user, data={"pages": [step.page.id for step in pending]})
    return [step.page for step in pending]


def move_step(page, direction, user):
    """Moves a lesson or quiz one place earlier ("up") or later ("down") in
    its course, then puts the course's translations in the same order.
    Returns False when it is already first or last. Wagtail's move checks
    permission (PermissionDenied) and logs it."""
    course = page.get_parent()
    siblings = list(Page.objects.child_of(course).order_by("path"))
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == page.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(siblings):
        return False
    position = "left" if direction == "up" else "right"
    MovePageAction(page, siblings[other], pos=position, user=user).execute()
    follow_source_order(course, user)
    return True


def follow_source_order(course, user):
    """Puts each translation of `course` in the course's order (a page
    without a counterpart keeps its place after the others), where `user`
    may reorder it. Returns how many translations were put in order."""
    order = {
        key: i
        for i, key in enumerate(
            Page.objects.child_of(course).order_by("path").values_list("translation_key", flat=True)
        )
    }
    followed = 0
    for translation in in_own_language(
        Page.objects.filter(translation_key=course.translation_key).exclude(pk=course.pk)
    ):
        children = list(Page.objects.child_of(translation).order_by("path"))
        wanted = sorted(children, key=lambda child: order.get(child.translation_key, len(order)))
        if wanted == children or not translation.permissions_for_user(user).can_reorder_children():
            continue
        for child in wanted:
            MovePageAction(child, translation, pos="last-child", user=user).execute()
        followed += 1
    return followed
