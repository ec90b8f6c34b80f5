from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from accounts.two_factor import is_staff_session
from stats.disclosure import SHOWN, SMALL, min_cell
from stats.scopes import is_reviewer

register = template.Library()


@register.filter
def figure(value, kind="count"):
    """A Figure as a reader sees it, in their language's number format:
    1,234 / 1.234 / 45.5 % / 0.42 (decimal) / "fewer than 10" / "–" (no data)."""
    if value is None:
        return "–"
    if value.status == SMALL:
        return _("fewer than %(min)s") % {"min": min_cell()}
    if value.value is None:
        return "–"
    if kind == "decimal":
        return number_format(value.value, decimal_pos=2, force_grouping=True)
    if kind == "percent":
        return _("%(number)s %%") % {"number": number_format(value.value, decimal_pos=1, force_grouping=True)}
    return number_format(value.value, decimal_pos=0, force_grouping=True)


@register.filter
def hidden(value):
    return value is not None and value.status != SHOWN


@register.filter
def reviews_statistics(request):
    """Whether the header links to the statistics: for a signed-in reviewer.
    Learners cost no query (their session already says they are not staff)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not is_staff_session(request):
        return False
    return is_reviewer(user)
