"""Template tags for Celik's additions to the Wagtail admin's own pages."""

from django import template
from wagtail import hooks

register = template.Library()

VISIBLE_PAGE_HEADER_BUTTONS_HOOK = "celik_page_header_visible_buttons"


@register.simple_tag
def page_header_visible_buttons(page, user):
    """The buttons the page editor's header shows beside the breadcrumbs:
    each `celik_page_header_visible_buttons` hook takes (page, user) and
    yields HeaderButtons (Wagtail's own `register_page_header_buttons` ends
    in the "…" menu)."""
    buttons = []
    for hook in hooks.get_hooks(VISIBLE_PAGE_HEADER_BUTTONS_HOOK):
        buttons.extend(hook(page=page, user=user))
    return sorted(buttons)
