"""Request-wide account rules: a signed-in learner's preferred language wins
over the browser's, staff areas need a second factor, and personal pages are
never cached."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language_from_path

from .two_factor import is_staff_area, missing_step


class PreferredLanguageMiddleware:
    """On an address without a language prefix ("/", "/learn/..."), send a
    signed-in learner to their profile's language rather than the one their
    browser asks for.

    Django's LocaleMiddleware picks the language from the browser on the first
    visit and adds the prefix in its response; it reads the active language
    when it does, so activating the learner's here is all it takes. Addresses
    with a prefix are left alone: following a link or the language switcher
    to another language is a choice the learner made.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and get_language_from_path(request.path_info) is None:
            preferred = preferred_language(user)
            if preferred:
                translation.activate(preferred)
                request.LANGUAGE_CODE = preferred
        return self.get_response(request)


def preferred_language(user):
    """The learner's chosen interface language, if it is one the site offers."""
    profile = user.profile if hasattr(user, "profile") else None  # hasattr: a staff user may have none
    language = profile.preferred_language if profile else ""
    return language if language in dict(settings.LANGUAGES) else None


class StaffTwoFactorMiddleware:
    """Staff reach the admin (and the statistics) only with a second factor.

    A staff member without an authenticator app is sent to set one up; one who
    has it but signed in without it this session is asked for a code. Either
    way they come back to the page they asked for.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_staff_area(request.path_info) and request.user.is_authenticated:
            step = missing_step(request)
            if step is not None:
                with translation.override(preferred_language(request.user) or translation.get_language()):
                    target = reverse(step)
                return redirect(f"{target}?{urlencode({REDIRECT_FIELD_NAME: request.get_full_path()})}")
        return self.get_response(request)


class NoStoreForPersonalPagesMiddleware:
    """Pages that carry personal data must never be kept by a browser's back
    cache, a shared computer's disk or a proxy: every page served to a
    signed-in person (their name is in the header, their progress in the
    page) and every account page (sign-in, sign-up, password reset)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        language = get_language_from_path(request.path_info)
        path = request.path_info.removeprefix(f"/{language}") if language else request.path_info
        if (user is not None and user.is_authenticated) or path.startswith("/accounts/"):
            add_never_cache_headers(response)
        return response
