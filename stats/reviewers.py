"""Giving and taking the ministry reviewer role, and the API tokens that go
with it. Every act leaves an audit record (Wagtail's log_action, shown in
the admin's history and Reports > Site history; action types registered in
stats.wagtail_hooks).

Someone with no account yet is invited: the role waits in a
ReviewerInvitation and applies when they sign up with that email and
confirm it (`apply_invitation`, on allauth's email_confirmed signal). An
unconfirmed email never carries the role: anybody can type an address.
"""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import translation
from wagtail.log_actions import log

from . import tasks
from .models import ApiToken, ReviewerInvitation, ReviewerScope
from .tokens import create_token

GRANTED = "stats.reviewer_granted"
REVOKED = "stats.reviewer_revoked"
INVITED = "stats.reviewer_invited"
TOKEN_CREATED = "stats.token_created"
TOKEN_REVOKED = "stats.token_revoked"


def account_for(email):
    """The account that signs in with `email`, if any."""
    return get_user_model().objects.filter(email__iexact=email).first()


def grant(email, *, countries=(), asean_wide=False, by=None):
    """Gives the role to whoever signs in with `email`, or invites them when
    nobody does yet (the invitation email goes out as a background task).
    Returns the ReviewerScope or the ReviewerInvitation."""
    countries = [] if asean_wide else list(countries)
    user = account_for(email)
    with transaction.atomic():
        if user is None:
            invitation, _created = ReviewerInvitation.objects.update_or_create(
                email=email.lower(), defaults={"asean_wide": asean_wide, "countries": countries, "invited_by": by}
            )
            log(invitation, INVITED, user=by, data={"email": invitation.email, "scope": invitation.scope_label})
        else:
            role, _created = ReviewerScope.objects.update_or_create(
                user=user, defaults={"asean_wide": asean_wide, "countries": countries}
            )
            log(role, GRANTED, user=by, data={"email": user.email, "scope": role.scope_label})
            return role
    tasks.send_reviewer_invitation.enqueue(invitation.pk, translation.get_language() or "en")
    return invitation


def revoke(user, *, by=None) -> bool:
    """Takes the role away, and with it every API token the person made:
    giving the role back later does not bring them back. False when the
    person was not a reviewer."""
    with transaction.atomic():
        role = ReviewerScope.objects.filter(user=user).first()
        for token in ApiToken.objects.filter(owner=user):
            revoke_token(token, by=by)
        if role is None:
            return False
        log(role, REVOKED, user=by, data={"email": user.email, "scope": role.scope_label})
        role.delete()
    return True


def withdraw_invitation(invitation, *, by=None):
    log(invitation, REVOKED, user=by, data={"email": invitation.email, "scope": invitation.scope_label})
    invitation.delete()


def apply_invitation(user, email) -> ReviewerScope | None:
    """Turns a waiting invitation for `email` into the role, once `user` has
    confirmed that email."""
    invitation = ReviewerInvitation.objects.filter(email__iexact=email).first()
    if invitation is None:
        return None
    with transaction.atomic():
        role, _created = ReviewerScope.objects.update_or_create(
            user=user, defaults={"asean_wide": invitation.asean_wide, "countries": invitation.countries}
        )
        log(role, GRANTED, user=invitation.invited_by, data={"email": email, "scope": role.scope_label})
        invitation.delete()
    return role


def on_email_confirmed(sender, request=None, email_address: EmailAddress | None = None, **kwargs):
    """allauth's email_confirmed signal: a confirmed email may carry an invitation."""
    if email_address is not None and email_address.verified:
        apply_invitation(email_address.user, email_address.email)


class TokenNameTaken(Exception):
    """The owner already has a token with that name."""


def create_token_logged(owner, name, *, by=None):
    """A new API token (shown once), with its audit record. Raises
    TokenNameTaken when the owner has a token of that name already, also
    when two requests race to make it (the unique constraint decides)."""
    try:
        with transaction.atomic():
            token, raw = create_token(owner, name)
    except IntegrityError as error:
        raise TokenNameTaken(name) from error
    log(token, TOKEN_CREATED, user=by or owner, data={"name": token.name, "prefix": token.prefix})
    return token, raw


def revoke_token(token, *, by=None):
    log(token, TOKEN_REVOKED, user=by, data={"name": token.name, "prefix": token.prefix})
    token.delete()
