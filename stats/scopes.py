"""Who may see which countries' statistics.

A `Scope` is what every statistics query starts from (stats.queries takes
one and filters by it before anything else), so a reviewer for Malaysia can
never read another country's figures, whatever a template or a URL asks.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied

from accounts.models import Country


@dataclass(frozen=True)
class Scope:
    """The countries a reviewer may see; `countries` is None for ASEAN-wide."""

    countries: frozenset[str] | None

    @property
    def is_asean_wide(self) -> bool:
        return self.countries is None

    def allows(self, country: str) -> bool:
        return self.countries is None or country in self.countries

    def visible_countries(self) -> list[str]:
        """Country codes this scope sees, in the order of the country list."""
        return [code for code, _ in Country.choices if self.allows(code)]


ASEAN_WIDE = Scope(countries=None)


def scope_of(role) -> Scope:
    """The scope a ReviewerScope row grants."""
    if role.asean_wide:
        return ASEAN_WIDE
    return Scope(countries=frozenset(role.countries))


def reviewer_role(user):
    """The user's ReviewerScope row, or None (Django remembers the answer on
    the user object, so asking twice costs one query)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    try:
        return user.reviewer_scope
    except ObjectDoesNotExist:
        return None


def is_reviewer(user) -> bool:
    """A ministry reviewer: someone given a scope of at least one country."""
    role = reviewer_role(user)
    return role is not None and (role.asean_wide or bool(role.countries))


def scope_for(user) -> Scope:
    """The scope of a signed-in reviewer. Anyone else (learners, educators,
    administrators not given the role) is refused with a 403."""
    if not is_reviewer(user):
        raise PermissionDenied("Only ministry reviewers can see the statistics.")
    return scope_of(reviewer_role(user))
