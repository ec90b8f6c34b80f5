"""A learner's right to take their data away and to be forgotten.

Each app that keeps rows about a learner registers a `PersonalDataSource`
with the `celik_personal_data` hook (in its wagtail_hooks.py): how to export
them and how to erase them. accounts knows nothing of courses or quizzes
(DESIGN.md: dependencies point one way).

Erasure removes everything that says who the learner was. What statistics
need survives as anonymous rows: the enrolments and submitted quiz attempts
lose their `user` and share instead a random `erased_learner` id, which is
stored nowhere else, so per-learner figures (such as competence mastery)
still add up while no one can say whose rows they were.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.db import transaction
from django.utils import timezone
from wagtail import hooks
from wagtail.log_actions import log

from .models import LearnerProfile


@dataclass(frozen=True)
class PersonalDataSource:
    name: str
    export: Callable  # export(user) -> JSON-ready list or dict
    erase: Callable  # erase(user, erased_learner: uuid.UUID) -> None


PERSONAL_DATA_HOOK = "celik_personal_data"
ERASE = "celik.account.erase"  # the audit log's action (label in accounts/wagtail_hooks.py)


def personal_data_sources() -> list[PersonalDataSource]:
    return [register() for register in hooks.get_hooks(PERSONAL_DATA_HOOK)]


def export_personal_data(user):
    """Everything Celik holds about `user`, as one JSON-ready dict."""
    profile = LearnerProfile.objects.filter(user=user).first()
    data = {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "email_addresses": [
                {"email": address.email, "verified": address.verified, "primary": address.primary}
                for address in EmailAddress.objects.filter(user=user).order_by("-primary", "email")
            ],
            "two_factor_methods": sorted(Authenticator.objects.filter(user=user).values_list("type", flat=True)),
        },
        "profile": None,
    }
    if profile is not None:
        data["profile"] = {
            "display_name": profile.display_name,
            "country": profile.country,
            "age_group": profile.age_band,
            "preferred_language": profile.preferred_language,
            "display_options": {
                "text_size": profile.text_size,
                "high_contrast": profile.high_contrast,
                "reduce_motion": profile.reduce_motion,
            },
            "created_at": profile.created_at.isoformat(),
        }
    consent = getattr(user, "guardian_consent", None)
    if consent is not None:
        data["guardian_consent"] = consent.as_export()
    for source in personal_data_sources():
        data[source.name] = source.export(user)
    return data


@transaction.atomic
def erase_account(user, by_guardian=False):
    """Erases a learner: their account, profile, email addresses, sign-in
    methods and learning trail. Statistics keep only anonymous facts (see the
    module docstring). Returns the random id the anonymous rows now share.

    The audit log records that an account was erased, and at whose request,
    under the account's number alone: nothing in it says who the learner was."""
    erased_learner = uuid.uuid4()
    for source in personal_data_sources():
        source.erase(user, erased_learner)
    log(
        user,
        ERASE,
        user=None if by_guardian else user,
        title=f"Account {user.pk}",
        data={"requested_by": "guardian" if by_guardian else "learner"},
    )
    user.delete()  # cascades to the profile, email addresses, authenticators and consent
    return erased_learner
