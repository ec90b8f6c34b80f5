"""Rate limits for Celik's own actions, counted the way django-allauth counts
its sign-in, sign-up and password-reset limits: in the shared cache, with the
rates in settings.ACCOUNT_RATE_LIMITS. One mechanism, one 429 page."""

from allauth.core import ratelimit


def limit(request, action, **kwargs):
    """Count one `action` for this request. Returns the 429 response to send
    when the limit is reached, or None when the request may go on. Only POSTs
    count: reading a page is never limited."""
    return ratelimit.consume_or_429(request, action=action, **kwargs)
