from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
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
