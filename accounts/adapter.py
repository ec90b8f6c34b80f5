"""How django-allauth fits Celik's learners."""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.shortcuts import resolve_url
from django.utils import translation

from .middleware import preferred_language


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request):
        """After signing in (with no page to go back to), continue in the
        learner's own language, whatever language the sign-in page was in."""
        language = preferred_language(request.user)
        if language is None:
            return super().get_login_redirect_url(request)
        with translation.override(language):
            return resolve_url(settings.LOGIN_REDIRECT_URL)
