from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from stats.suppression import SHOWN, SMALL, min_cell

register = template.Library()


@register.filter
def figure(value, kind="count"):
    """A Figure as a reader sees it, in their language's number format:
    1,234 / 1.234 / 45.5 % / "fewer than 10" / "withheld" / "–" (no data)."""
    if value is None:
        return "–"
    if value.status == SMALL:
        return _("fewer than %(min)s") % {"min": min_cell()}
    if value.status != SHOWN:
        return _("withheld")
    if value.value is None:
        return "–"
    if kind == "percent":
        return _("%(number)s %%") % {"number": number_format(value.value, decimal_pos=1, force_grouping=True)}
    return number_format(value.value, decimal_pos=0, force_grouping=True)


@register.filter
def hidden(value):
    return value is not None and value.status != SHOWN
