"""Children: the age of digital consent and a guardian's consent.

Each country has an age of digital consent (settings.DIGITAL_CONSENT_AGES,
default settings.DIGITAL_CONSENT_AGE_DEFAULT = 13). A learner below it gives a
parent's or guardian's email when signing up; the guardian gets a link to
give consent. Until they do, the child can learn, but no certificate shows
the child's name and the child cannot change their contact details (their
email addresses), nor the country and age group that decided all this.
The guardian can withdraw consent through the same link at any time, which
erases the child's personal data (accounts.personal_data.erase_account).

Celik asks for an age group, never a birth date (DESIGN.md). Where a
country's age of consent falls inside an age group (16 inside 13-17), the
whole group asks for consent: without a birth date that is the only safe
reading.
"""

import hashlib
import secrets

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.log_actions import log

from .models import AgeBand, GuardianConsent, LearnerProfile
from .personal_data import erase_account
from .tasks import send_email

# Audit log actions (labels in accounts/wagtail_hooks.py).
CONSENT_REQUESTED = "celik.guardian_consent.request"
CONSENT_GIVEN = "celik.guardian_consent.give"
CONSENT_WITHDRAWN = "celik.guardian_consent.withdraw"
CONSENT_ON_PAPER = "celik.guardian_consent.paper"

# The youngest age in each age group.
YOUNGEST_AGE = {
    AgeBand.UNDER_13: 0,
    AgeBand.TEEN: 13,
    AgeBand.YOUNG_ADULT: 18,
    AgeBand.ADULT: 25,
    AgeBand.OLDER_ADULT: 60,
}


def consent_age(country):
    """The age of digital consent in `country` (an ISO 3166 code)."""
    return settings.DIGITAL_CONSENT_AGES.get(country, settings.DIGITAL_CONSENT_AGE_DEFAULT)


def needs_guardian_consent(country, age_band):
    """True when a learner of this age group in this country may be younger
    than the age of digital consent there."""
    if age_band not in YOUNGEST_AGE:
        return False
    return YOUNGEST_AGE[age_band] < consent_age(country)


def _awaiting_consent(user, profile):
    if profile is None or not needs_guardian_consent(profile.country, profile.age_band):
        return False
    return not GuardianConsent.objects.filter(child=user, given_at__isnull=False).exists()


def awaiting_consent(user):
    """True for a child whose guardian has not (yet) given consent."""
    return _awaiting_consent(user, LearnerProfile.objects.filter(user=user).first())


def certificate_name(user):
    """The name a certificate may show: the display name, or nothing at all
    for a child whose guardian has not given consent."""
    profile = LearnerProfile.objects.filter(user=user).first()
    if profile is None or _awaiting_consent(user, profile):
        return ""
    return profile.display_name


def hash_token(token):
    """What is stored of a consent link's token: its SHA-256, never the token."""
    return hashlib.sha256(token.encode()).hexdigest()


def _log(consent, action, user=None):
    """An audit record under the child's account number alone (no name, no email)."""
    log(consent, action, user=user, title=f"Guardian consent for account {consent.child_id}")


@transaction.atomic
def request_consent(request, child, guardian_email):
    """Records who the guardian is and emails them a consent link, in the
    child's language. Asking again sends a fresh link; the old one stops
    working."""
    token = secrets.token_urlsafe(32)
    consent, _ = GuardianConsent.objects.update_or_create(
        child=child, defaults={"guardian_email": guardian_email, "token_hash": hash_token(token)}
    )
    send_consent_email(request, consent, token)
    _log(consent, CONSENT_REQUESTED, user=child)
    return consent


def send_consent_email(request, consent, token):
    profile = LearnerProfile.objects.filter(user=consent.child).first()
    language = profile.preferred_language if profile else translation.get_language()
    with translation.override(language):
        context = {
            "child_name": profile.display_name if profile else "",
            "consent_url": request.build_absolute_uri(reverse("guardian_consent", args=[token])),
            "privacy_url": request.build_absolute_uri(reverse("privacy")),
            "site_name": settings.WAGTAIL_SITE_NAME,
        }
        subject = render_to_string("accounts/email/guardian_consent_subject.txt", context).strip()
        body = render_to_string("accounts/email/guardian_consent_message.txt", context)
    send_email.enqueue(subject, body, [consent.guardian_email])
    GuardianConsent.objects.filter(pk=consent.pk).update(email_sent_at=timezone.now())


def consent_for_token(token):
    """The consent a link's token belongs to, or None (a wrong or old link, or
    an account already erased)."""
    if not token:
        return None
    return GuardianConsent.objects.select_related("child__profile").filter(token_hash=hash_token(token)).first()


@transaction.atomic
def give_consent(consent):
    if consent.given_at is None:
        consent.given_at = timezone.now()
        consent.save(update_fields=["given_at"])
        _log(consent, CONSENT_GIVEN)


@transaction.atomic
def record_paper_consent(child, *, recorded_by):
    """Someone who teaches the child (a class's facilitator) received a
    consent form signed on paper: consent is given from now, and the audit
    record says who recorded it and when. No guardian email is needed; a
    consent link sent earlier keeps working for withdrawal."""
    consent = GuardianConsent.objects.select_for_update().filter(child=child).first()
    if consent is None:
        consent = GuardianConsent.objects.create(
            child=child, guardian_email="", token_hash=hash_token(secrets.token_urlsafe(32))
        )
    if consent.given_at is not None:
        return consent
    consent.given_at = timezone.now()
    consent.save(update_fields=["given_at"])
    log(
        consent,
        CONSENT_ON_PAPER,
        user=recorded_by,
        title=f"Guardian consent for account {consent.child_id}",
        data={"form": "paper", "recorded_by": recorded_by.pk if recorded_by else None},
    )
    return consent


@transaction.atomic
def withdraw_consent(consent):
    """The guardian says no, or no longer: the child's personal data is erased
    (anonymous statistics facts stay, as for any erased account)."""
    _log(consent, CONSENT_WITHDRAWN)
    erase_account(consent.child, by_guardian=True)
