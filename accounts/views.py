"""Thin views over accounts' rules (guardians.py, personal_data.py). Every
view works on request.user; the only one reached without signing in is the
guardian's, and it takes a random token, never an account id."""

import json
from dataclasses import asdict
from urllib.parse import urlencode

from allauth.account import app_settings as allauth_settings
from allauth.account.models import EmailAddress, EmailConfirmation
from allauth.account.utils import get_next_redirect_url
from allauth.account.views import ConfirmEmailView
from allauth.account.views import LoginView as AllauthLoginView
from allauth.account.views import email as allauth_email
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.views import ViewRecoveryCodesView
from allauth.mfa.totp.views import ActivateTOTPView
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME, logout
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from . import guardians
from .addresses import local_path
from .display import options_for, remember
from .forms import DisplayOptionsForm, EraseAccountForm, LearnerProfileForm
from .models import GuardianConsent, LearnerProfile
from .personal_data import erase_account, export_personal_data
from .ratelimits import limit
from .two_factor import is_staff_member, note_second_factor_set_up


@never_cache
@login_required
def profile(request):
    """A learner's own profile; always request.user's, never one from the URL."""
    instance = LearnerProfile.objects.filter(user=request.user).first() or LearnerProfile(
        user=request.user, display_name=request.user.get_username()
    )
    form = LearnerProfileForm(request.POST or None, instance=instance, request=request)
    if request.method == "POST":
        if form.is_valid():
            profile = form.save()
            # A new preferred language takes effect at once: the profile
            # reopens in it, and so does the confirmation.
            with translation.override(profile.preferred_language):
                messages.success(request, _("Your profile has been saved."))
                return redirect("profile")
        messages.error(request, _("Please correct the highlighted fields."))
    context = {
        "form": form,
        "awaiting_consent": form.locked_for_consent,
        "consent": GuardianConsent.objects.filter(child=request.user).first(),
        "is_staff_member": is_staff_member(request.user),  # reviewers too: they manage their second factor here
    }
    return render(request, "accounts/profile.html", context, status=400 if form.errors else 200)


@require_POST
@login_required
def resend_guardian_email(request):
    """The child asks for the consent email to be sent again (a fresh link)."""
    consent = GuardianConsent.objects.filter(child=request.user, given_at__isnull=True).first()
    if consent is None:
        return redirect("profile")
    blocked = limit(request, "guardian_email")
    if blocked is not None:
        return blocked
    guardians.request_consent(request, request.user, consent.guardian_email)
    messages.success(request, _("We have sent the email to your parent or guardian again."))
    return redirect("profile")


@never_cache
@require_http_methods(["GET", "POST"])
def guardian_consent(request, token):
    """The page a guardian's email links to: give consent, or refuse or
    withdraw it, which erases the child's personal data."""
    consent = guardians.consent_for_token(token)
    if consent is None:
        raise Http404(
            _("This consent link is not valid any more. The account may have been erased, or a newer email sent.")
        )
    child_name = consent.child.profile.display_name if hasattr(consent.child, "profile") else ""
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "give":
            guardians.give_consent(consent)
            messages.success(request, _("Thank you. Your consent is recorded."))
            return redirect("guardian_consent", token=token)
        if action == "withdraw" and request.POST.get("confirm") == "yes":
            guardians.withdraw_consent(consent)
            return render(request, "accounts/guardian_erased.html", {"child_name": child_name})
        if action == "withdraw":
            messages.error(request, _("Tick the box to confirm that the account and its data should be erased."))
        else:
            return render(
                request, "error.html", {"status": 400, "message": _("Choose one of the two buttons.")}, status=400
            )
    return render(request, "accounts/guardian_consent.html", {"consent": consent, "child_name": child_name})


@require_POST
@login_required
def download_my_data(request):
    """Everything Celik holds about the learner, as a JSON file."""
    blocked = limit(request, "data_export")
    if blocked is not None:
        return blocked
    data = export_personal_data(request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    filename = f"celik-my-data-{timezone.now():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def erase_my_account(request):
    """Asks for the password, then erases the account for good."""
    form = EraseAccountForm(request.POST or None, user=request.user)
    if request.method == "POST":
        blocked = limit(request, "reauthenticate")  # password guesses are limited as on allauth's own forms
        if blocked is not None:
            return blocked
        if form.is_valid():
            erase_account(request.user)
            logout(request)
            messages.success(request, _("Your account and your personal data have been erased."))
            return redirect("/")
    return render(request, "accounts/erase.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def email_addresses(request):
    """allauth's email page, except for a child awaiting a guardian's consent,
    who cannot change their contact details until then."""
    if guardians.awaiting_consent(request.user):
        return render(request, "accounts/contact_locked.html", status=403)
    return allauth_email(request)


def confirmed_address(key):
    """The already-confirmed email address a confirmation key was made for,
    or None (a key that is forged, expired, or for an address not yet confirmed)."""
    try:
        pk = signing.loads(
            key, max_age=60 * 60 * 24 * allauth_settings.EMAIL_CONFIRMATION_EXPIRE_DAYS, salt=allauth_settings.SALT
        )
    except signing.BadSignature:  # also SignatureExpired
        confirmation = EmailConfirmation.objects.filter(key=key.lower()).select_related("email_address").first()
        address = confirmation.email_address if confirmation else None
        return address if address is not None and address.verified else None
    return EmailAddress.objects.filter(pk=pk, verified=True).first()


class ConfirmEmail(ConfirmEmailView):
    """allauth's confirmation page, except that opening the link again, once
    the address is confirmed, says so (allauth would call it expired or invalid)."""

    def get(self, *args, **kwargs):
        address = confirmed_address(self.kwargs["key"])
        if address is not None:
            return render(self.request, "accounts/email_already_confirmed.html", {"address": address})
        return super().get(*args, **kwargs)


confirm_email = ConfirmEmail.as_view()


@never_cache
def privacy(request):
    """The privacy notice, in every interface language."""
    return render(
        request,
        "accounts/privacy.html",
        {"consent_age": settings.DIGITAL_CONSENT_AGE_DEFAULT, "min_cell": settings.STATS_MIN_CELL},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def display_options(request):
    """Text size, contrast and motion, for guests and learners alike. Saving
    returns to the page the visitor came from."""
    back = local_path(request.POST.get("next") or request.GET.get("next"), request)
    form = DisplayOptionsForm(request.POST or None, initial=asdict(options_for(request)))
    if request.method == "POST" and form.is_valid():
        response = redirect(back or "display_options")
        remember(request, response, form.options())
        messages.success(request, _("Your display options have been saved."))
        return response
    context = {"form": form, "back": back, "in_profile": hasattr(request.user, "profile")}
    return render(request, "accounts/display_options.html", context, status=400 if form.errors else 200)


class LoginView(AllauthLoginView):
    """allauth's sign-in, answering 429 Too Many Requests (with its clear
    message on the form) once too many failed attempts were made for an
    address; allauth itself answers 200 there."""

    def form_invalid(self, form):
        response = super().form_invalid(form)
        codes = {error.code for error in form.non_field_errors().as_data()}
        if "too_many_login_attempts" in codes:
            response.status_code = 429
        return response


login = LoginView.as_view()


def admin_login(request):
    """Staff sign in through the same door as everyone (allauth's), which has
    the rate limits and the second-factor step; Wagtail's own password-only
    login form is never served.

    Wagtail sends here anyone the admin turns away, signed in or not. Someone
    signed in who may not use the admin (a learner, a ministry reviewer) is
    told so, in their language, instead of being sent to sign in again, which
    would send them back to the admin, and so on for ever."""
    if request.user.is_authenticated:
        list(messages.get_messages(request))  # Wagtail's own note (in English), used up: this page says it
        message = _(
            "Your account cannot open the course editors' area. If you write or translate courses, "
            "ask an administrator to give your account access."
        )
        return render(request, "error.html", {"status": 403, "message": message, "messages": []}, status=403)
    query = request.GET.urlencode()
    return redirect(reverse("account_login") + (f"?{query}" if query else ""))


def _continue_to(request):
    """The page the person was on their way to (a safe `next` address), or ''."""
    return get_next_redirect_url(request) or ""


class ActivateAuthenticatorAppView(ActivateTOTPView):
    """allauth's set-up of an authenticator app, which then shows the recovery
    codes: the codes page keeps the address the person was on their way to
    (`?next=/admin/`), so it can lead them on. The app's first code, typed to
    set it up, is this session's second factor (two_factor.note_second_factor_set_up)."""

    def form_valid(self, form):
        response = super().form_valid(form)
        app = Authenticator.objects.get(user=self.request.user, type=Authenticator.Type.TOTP)
        note_second_factor_set_up(self.request, app)
        return response

    def get_success_url(self):
        url = super().get_success_url()
        onward = _continue_to(self.request)
        return f"{url}?{urlencode({REDIRECT_FIELD_NAME: onward})}" if onward else url


class RecoveryCodesView(ViewRecoveryCodesView):
    """allauth's recovery codes, with a way on to where the person was going."""

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "continue_url": _continue_to(self.request)}


activate_authenticator_app = ActivateAuthenticatorAppView.as_view()
view_recovery_codes = RecoveryCodesView.as_view()
