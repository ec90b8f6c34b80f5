"""A guest's lessons follow them into their account, on sign-up or log-in."""

from allauth.account.signals import user_signed_up
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .progress import merge_guest_progress


@receiver(user_signed_up)
@receiver(user_logged_in)
def attach_guest_progress(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        merge_guest_progress(request.session, user)
