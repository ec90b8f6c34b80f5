from django import template
from wagtail.images import get_image_model

from ..questions import question_type

register = template.Library()


@register.simple_tag
def example_image(image_id):
    """The image of a real-or-fake example, from the id its attempt snapshot keeps."""
    if not image_id:
        return None
    return get_image_model().objects.filter(id=image_id).first()


@register.filter
def question_template(question):
    """The template that shows a question of this type: {% include q|question_template %}."""
    return question_type(question["type"]).template


@register.filter
def right_answer_is_a_sequence(question):
    return question_type(question["type"]).right_answer_is_a_sequence()


@register.filter
def in_chosen_order(items, chosen):
    """A put-in-order question's steps (from public_question) in the order the
    learner has them (`chosen`, step ids): each once, any missing ones after."""
    by_id = {item["id"]: item for item in items}
    ordered = [by_id[step_id] for step_id in dict.fromkeys(chosen or []) if step_id in by_id]
    return ordered + [item for item in items if item not in ordered]
