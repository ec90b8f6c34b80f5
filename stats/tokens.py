"""API tokens for BI tools: made by a reviewer, shown once, stored hashed."""

import hashlib
import secrets

from django.utils import timezone

from .models import ApiToken
from .scopes import Scope, is_reviewer, scope_of

PREFIX = "celik_"


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def create_token(owner, name) -> tuple[ApiToken, str]:
    """A new token for `owner`; the raw value is returned once and never stored."""
    raw = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        owner=owner, name=name, prefix=raw[len(PREFIX) : len(PREFIX) + 6], token_hash=_hash(raw)
    )
    return token, raw


def scope_for_token(raw: str) -> Scope | None:
    """The scope a presented token reads with: its owner's, today. None when
    the token is unknown or its owner is no longer an active reviewer."""
    if not raw or not raw.startswith(PREFIX) or len(raw) > 100:
        return None
    token = ApiToken.objects.select_related("owner", "owner__reviewer_scope").filter(token_hash=_hash(raw)).first()
    if token is None or not is_reviewer(token.owner):
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return scope_of(token.owner.reviewer_scope)
