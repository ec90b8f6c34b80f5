"""Error pages that tell a learner what happened, in their language, inside the
site's own layout. Our views raise Http404 with a message meant to be read."""

from django.core.exceptions import SuspiciousOperation
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def _error(request, status, message):
    return render(request, "error.html", {"status": status, "message": message}, status=status)


def _message_from(exception, default):
    # Only messages we wrote are shown; Django's generic ones ("No X matches
    # the given query") are not meant for learners.
    message = exception.args[0] if exception is not None and exception.args else ""
    return message if isinstance(message, str) and message and "matches the given query" not in message else default


def bad_request(request, exception=None):
    """Django calls this for requests it refused before the site's middleware
    ran (an address not served here, a form too large to read): a page of its
    own, as the site's layout needs what those requests never got."""
    message = _message_from(exception, _("The request could not be understood. Please try again."))
    if isinstance(exception, SuspiciousOperation):
        message = _("The request could not be understood. Please try again.")  # Django's own words are not for learners
    return render(request, "400.html", {"message": message}, status=400)


def permission_denied(request, exception=None):
    return _error(request, 403, _message_from(exception, _("You do not have permission to see this page.")))


def page_not_found(request, exception=None):
    return _error(
        request,
        404,
        _message_from(exception, _("We could not find that page. It may have moved or not be published yet.")),
    )


def server_error(request):
    return render(request, "500.html", status=500)


def healthz(request):
    """For the load balancer: this process is up and serving Django. Touches
    no database or cache, so one slow service does not take every app server
    out of rotation at once; the benchmark uses it as the cheapest request."""
    return HttpResponse("ok\n", content_type="text/plain")
