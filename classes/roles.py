"""Giving and taking the facilitator role. Every act leaves an audit record
(Wagtail's log_action; action names in classes.wagtail_hooks).

A facilitator needs an account that signs in by email: the role goes to an
existing account only (the person signs up first, like any learner)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.log_actions import log

from .models import Facilitator

GRANTED = "classes.facilitator_granted"
REVOKED = "classes.facilitator_revoked"


def account_for(email):
    return get_user_model().objects.filter(email__iexact=email).first()


def is_facilitator(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    cached = getattr(user, "_celik_is_facilitator", None)
    if cached is None:
        cached = Facilitator.objects.filter(user=user).exists()
        user._celik_is_facilitator = cached
    return cached


def grant(user, *, by=None) -> Facilitator:
    with transaction.atomic():
        role, created = Facilitator.objects.get_or_create(user=user)
        if created:
            log(role, GRANTED, user=by, data={"account": user.pk})
    return role


def revoke(user, *, by=None) -> bool:
    """Takes the role away: the person's classes stay (with any other
    facilitators), closed to them until the role is given back. False when
    the person was not a facilitator."""
    with transaction.atomic():
        role = Facilitator.objects.filter(user=user).first()
        if role is None:
            return False
        log(role, REVOKED, user=by, data={"account": user.pk})
        role.delete()
    return True
