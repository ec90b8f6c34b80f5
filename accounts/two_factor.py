"""Who must sign in with a second factor, and what they still have to do.

Staff accounts can publish to a whole nation or read its statistics, so a
stolen password alone must not be enough. django-allauth's MFA does the work
(TOTP authenticator apps and recovery codes); these rules decide when a
signed-in person is sent to it before a staff area opens.
"""

import time

from allauth.account import app_settings as allauth_account_settings
from allauth.account.authentication import get_authentication_records
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.utils.translation import get_language_from_path
from wagtail import hooks

# An app to the right of accounts declares a staff role of its own (stats:
# ministry reviewers) with this hook, returning a check `is_role(user)`,
# without accounts importing it.
STAFF_ROLE_HOOK = "celik_staff_role"


def is_staff_member(user):
    """Educators, reviewers and administrators: anyone who can open the Wagtail
    admin or the statistics area. Learners are not."""
    if not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser or user.has_perm("wagtailadmin.access_admin"):
        return True
    return any(register()(user) for register in hooks.get_hooks(STAFF_ROLE_HOOK))


STAFF_SESSION_KEY = "celik_staff_member"


def is_staff_session(request):
    """is_staff_member() for the signed-in person, worked out once per
    session and kept in it (with whose session it is): the learner pages
    ask on every request, and the answer costs two permission queries.

    A role given or taken away during a session shows in the answer from the
    next sign-in; what it guards is only which copy of a public page someone
    gets (staff get theirs made fresh, with Wagtail's user bar), never access:
    the admin and the statistics check permissions on every request."""
    user = request.user
    if not user.is_authenticated:
        return False
    kept = request.session.get(STAFF_SESSION_KEY)
    if isinstance(kept, list) and len(kept) == 2 and kept[0] == user.pk:
        return kept[1]
    return remember_staff_session(request.session, user)


def remember_staff_session(session, user):
    """Works out and keeps is_staff_session's answer; run on every sign-in,
    so a learner's first page is already one the cache may keep."""
    answer = is_staff_member(user)
    session[STAFF_SESSION_KEY] = [user.pk, answer]
    return answer


def is_staff_area(path):
    """The admin and the statistics are staff areas (settings.STAFF_AREA_PREFIXES),
    with or without a language prefix (/ms/stats/ as well as /stats/)."""
    language = get_language_from_path(path)
    if language:
        path = path[len(language) + 1 :]
    return any(path.startswith(prefix) for prefix in settings.STAFF_AREA_PREFIXES)


def has_authenticator_app(user):
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def signed_in_with_second_factor(request):
    """True when this session's sign-in (or a later check) included a TOTP or
    recovery code; allauth keeps that record in the session."""
    records = get_authentication_records(request, request.user)
    return any(record.get("method") == "mfa" for record in records)


def missing_step(request):
    """The allauth URL name of the step a staff member still owes before a staff
    area opens: set up an authenticator app, or give this session its code.
    None when nothing is missing (or the person is not staff)."""
    if not is_staff_member(request.user):
        return None
    if not has_authenticator_app(request.user):
        return "mfa_activate_totp"
    if not signed_in_with_second_factor(request):
        return "mfa_reauthenticate"
    return None


def signed_in_moments_ago(request):
    """True when this session's sign-in (the password, or the code after it)
    was given less than allauth's reauthentication timeout ago (5 minutes).

    allauth asks for the password again ("Confirm access") before anyone sets
    up or changes their second factor, and counts only an explicit
    re-confirmation for it; a staff member sent to set up an authenticator app
    straight after signing in would type the same password twice in a minute.
    The sign-in itself is as fresh a proof, so it counts for the same time."""
    if not request.user.is_authenticated:
        return False
    records = get_authentication_records(request, request.user)
    latest = max((record.get("at", 0) for record in records), default=0)
    return time.time() - latest < allauth_account_settings.REAUTHENTICATION_TIMEOUT


def note_second_factor_set_up(request, authenticator):
    """Typing the app's first code to set it up is giving the second factor:
    this session counts as signed in with it, so the admin opens at once
    instead of asking for another code (allauth's own record of an "mfa" step,
    which signed_in_with_second_factor reads)."""
    record_authentication(request, authenticator.user, "mfa", type=authenticator.type, id=authenticator.pk)
