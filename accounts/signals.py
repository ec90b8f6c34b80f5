"""What a sign-in sets up in the session, and what a change to an account
makes the shared cache forget."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .backends import signed_in_accounts
from .models import LearnerProfile
from .two_factor import remember_staff_session


@receiver(user_logged_in)
def note_whether_staff(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        remember_staff_session(request.session, user)


@receiver(post_save, sender=get_user_model())
@receiver(post_delete, sender=get_user_model())
def forget_cached_account(sender, instance, **kwargs):
    """A new password, email, name or deactivation shows on the next page."""
    signed_in_accounts.forget(instance.pk)


@receiver(post_save, sender=LearnerProfile)
@receiver(post_delete, sender=LearnerProfile)
def forget_cached_profile(sender, instance, **kwargs):
    signed_in_accounts.forget(instance.user_id)
