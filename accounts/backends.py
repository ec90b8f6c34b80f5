from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth import get_user_model


class LearnerBackend(AuthenticationBackend):
    """allauth's backend (sign in by email), which loads the signed-in user
    together with their learner profile in one query: nearly every page
    reads the profile (display options, the name in the header), and this
    saves each of them a query."""

    def get_user(self, user_id):
        user = get_user_model()._default_manager.select_related("profile").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
