from allauth.account.views import LoginView as AllauthLoginView
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from .forms import LearnerProfileForm
from .models import LearnerProfile


@never_cache
@login_required
def profile(request):
    """A learner's own profile; always request.user's, never one from the URL."""
    instance = LearnerProfile.objects.filter(user=request.user).first() or LearnerProfile(
        user=request.user, display_name=request.user.get_username()
    )
    form = LearnerProfileForm(request.POST or None, instance=instance)
    if request.method == "POST":
        if form.is_valid():
            profile = form.save()
            # A new preferred language takes effect at once: the profile
            # reopens in it, and so does the confirmation.
            with translation.override(profile.preferred_language):
                messages.success(request, _("Your profile has been saved."))
                return redirect("profile")
        messages.error(request, _("Please correct the highlighted fields."))
    return render(request, "accounts/profile.html", {"form": form}, status=400 if form.errors else 200)


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
