"""How django-allauth fits Celik's learners."""

from dataclasses import dataclass

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from django.conf import settings
from django.shortcuts import resolve_url
from django.utils import translation
from django.utils.encoding import force_str
from wagtail import hooks

from .middleware import preferred_language
from .tasks import queue_email
from .two_factor import signed_in_moments_ago


@dataclass(frozen=True)
class SiteIdentity:
    """What allauth's emails call the site ("Hello from Celik!"): the site's
    name from settings, never the address the request came in on."""

    name: str
    domain: str


def site_identity(request=None) -> SiteIdentity:
    """The site's name (WAGTAIL_SITE_NAME) and domain (SITE_DOMAIN, else the
    request's host)."""
    domain = settings.SITE_DOMAIN or (request.get_host() if request is not None else "")
    return SiteIdentity(name=settings.WAGTAIL_SITE_NAME, domain=domain)


def context_request():
    return context.request


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        """allauth's emails (confirmation, password reset, notices) are rendered
        here, in the request's language, and sent by a background task. They
        name the site by its name, not by the host it was reached on."""
        context = {**context, "current_site": site_identity(context_request())}
        queue_email(self.render_mail(template_prefix, email, context))

    def format_email_subject(self, subject):
        return f"[{settings.WAGTAIL_SITE_NAME}] {force_str(subject)}"

    def get_login_redirect_url(self, request):
        """After signing in (with no page to go back to), continue in the
        learner's own language, whatever language the sign-in page was in.
        An app may send some people elsewhere with the `after_sign_in_url`
        hook (stats: reviewers land on the statistics)."""
        for destination in hooks.get_hooks("after_sign_in_url"):
            url = destination(request)
            if url:
                return url
        language = preferred_language(request.user)
        if language is None:
            return super().get_login_redirect_url(request)
        with translation.override(language):
            return resolve_url(settings.LOGIN_REDIRECT_URL)

    def is_reauthentication_required(self, *, app, **kwargs):
        """allauth's rule (confirm the password before changing how you sign
        in), except in the minutes right after signing in: a staff member sent
        to set up their authenticator app is not asked for the password they
        have just typed (two_factor.signed_in_moments_ago)."""
        required = super().is_reauthentication_required(app=app, **kwargs)
        request = context.request
        return required and not (request is not None and signed_in_moments_ago(request))
