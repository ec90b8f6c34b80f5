"""Template tags for the educators' admin pages. Display only: they look
things up, the templates show them."""

from django import template

from courses.outline import outline

register = template.Library()


@register.inclusion_tag("courses/admin/includes/translation_moderation.html", takes_context=True)
def translation_moderation(context, page):
    """Where a translated page stands in moderation, and the way to submit it
    (the translation editor has no such button of its own)."""
    request = context["request"]
    workflow = page.get_workflow()
    state = page.current_workflow_state if workflow else None
    return {
        "page": page,
        "workflow": workflow,
        "state": state,
        "task": state.current_task_state.task if state and state.current_task_state else None,
        "may_submit": workflow is not None and page.permissions_for_user(request.user).can_submit_for_moderation(),
        "language": page.locale.get_display_name(),
        "csrf_token": context.get("csrf_token"),
    }


@register.simple_tag
def course_steps(course):
    """The lessons and quizzes of a saved course, in order, as the outline shows them."""
    return outline(course)[1:] if course.pk else []
