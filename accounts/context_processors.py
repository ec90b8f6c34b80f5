from django.utils.functional import SimpleLazyObject

from .display import options_for


def display_options(request):
    """The visitor's display options, for the classes on <html> (base.html)."""
    return {"display_options": SimpleLazyObject(lambda: options_for(request))}
