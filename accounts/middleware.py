"""A signed-in learner's preferred language wins over the browser's."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import get_language_from_path


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
