from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth import get_user_model

from .learner_cache import LearnerCache

signed_in_accounts = LearnerCache("account")


class LearnerBackend(AuthenticationBackend):
    """allauth's backend (sign in by email), which loads the signed-in user
    together with their learner profile: nearly every page reads the profile
    (display options, the name in the header). Both come from the shared
    cache while unchanged (accounts/signals.py forgets them on every save),
    so a learner's page reads no account row from the database."""

    def get_user(self, user_id):
        user = signed_in_accounts.get(user_id, lambda: self.load_user(user_id))
        return user if user is not None and self.user_can_authenticate(user) else None

    @staticmethod
    def load_user(user_id):
        return get_user_model()._default_manager.select_related("profile").filter(pk=user_id).first()
