"""Thin views over accounts' rules (guardians.py, personal_data.py). Every
view works on request.user; the only one reached without signing in is the
guardian's, and it takes a random token, never an account id."""

import json
from dataclasses import asdict

from allauth.account.views import LoginView as AllauthLoginView
from allauth.account.views import email as allauth_email
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from . import guardians
from .display import options_for, remember
from .forms import DisplayOptionsForm, EraseAccountForm, LearnerProfileForm
from .models import GuardianConsent, LearnerProfile
from .personal_data import erase_account, export_personal_data
from .ratelimits import limit
from .two_factor import is_staff_member


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
        raise Http404(_("This consent link is not valid any more. The account may have been erased, or a newer email sent."))
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
            return render(request, "error.html", {"status": 400, "message": _("Choose one of the two buttons.")}, status=400)
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
    back = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        back = ""
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
    login form is never served."""
    query = request.GET.urlencode()
    return redirect(reverse("account_login") + (f"?{query}" if query else ""))
