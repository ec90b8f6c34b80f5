"""The rules of the LTI 1.3 tool (django-lti, on pylti1p3): who the
launching person is on Celik, which course they land on and in what
language, which courses a teacher may pick, and where results go back to.

Views (lti_views.py) only pass requests through here.
"""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone
from lti_tool.models import Key

from courses.models import CoursePage

from .models import LtiAccount, LtiGradeTarget

CUSTOM_COURSE = "celik_course"  # the custom parameter a deep link sets: the course's translation_key
AGS_CLAIM = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"
PRESENTATION_CLAIM = "https://purl.imsglobal.org/spec/lti/claim/launch_presentation"
SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score"
NONCE_SECONDS = 3600  # pylti1p3 keeps a nonce this long; a used one is remembered as long


class LaunchRefused(Exception):
    """A launch that must not go on; the message is for the person."""


def ensure_key() -> Key:
    """The tool's signing key: made on first need, rotated with
    `manage.py rotate_keys` (django-lti)."""
    key = Key.objects.active().order_by("-datetime_created").first()
    return key or Key.objects.generate()


def jwks() -> dict:
    ensure_key()
    return Key.objects.as_jwks()


def refuse_replay(issuer: str, nonce: str | None) -> None:
    """Each launch message is used once: a second POST of the same id_token
    (a replayed nonce) is refused. pylti1p3 checks that the nonce was issued
    by our login step, not that it was not used before; this does."""
    if not nonce:
        raise LaunchRefused("missing nonce")
    if not cache.add(f"lti-nonce-used:{issuer}:{nonce}", 1, timeout=NONCE_SECONDS):
        raise LaunchRefused("replayed nonce")


@transaction.atomic
def learner_for(issuer: str, subject: str):
    """The Celik account of the platform's user `subject` at `issuer`: made
    on first launch (no email, no name, no password: they always come
    through their school's platform), the same one every time after."""
    account = LtiAccount.objects.select_related("user").filter(issuer=issuer, subject=subject).first()
    if account is not None:
        return account.user, account
    user = get_user_model().objects.create_user(username=f"lti-{secrets.token_hex(8)}", email="")
    user.set_unusable_password()
    user.save(update_fields=["password"])
    try:
        with transaction.atomic():
            account = LtiAccount.objects.create(issuer=issuer, subject=subject, user=user)
    except IntegrityError:  # two first launches at once: the other made it
        user.delete()
        account = LtiAccount.objects.select_related("user").get(issuer=issuer, subject=subject)
    return account.user, account


def language_of(launch_data: dict, default: str | None = None) -> str:
    """The learner's language: the platform's locale for this launch (ms-MY ->
    ms) when Celik speaks it, else `default`, else the site's language."""
    codes = {code for code, _ in settings.LANGUAGES}
    locale = ((launch_data.get(PRESENTATION_CLAIM) or {}).get("locale") or "").replace("_", "-").lower()
    for candidate in (locale, locale.split("-")[0]):
        if candidate in codes:
            return candidate
    return default if default in codes else settings.LANGUAGE_CODE


def as_uuid(value) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value or ""))
    except ValueError:
        return None


def course_key_of(launch_data: dict) -> uuid.UUID | None:
    """The course a launch is for: the custom parameter its deep link set."""
    custom = launch_data.get("https://purl.imsglobal.org/spec/lti/claim/custom") or {}
    return as_uuid(custom.get(CUSTOM_COURSE))


def course_in(course_key, language) -> CoursePage | None:
    """The live course in `language`, else in English, else in any language."""
    pages = CoursePage.objects.live().filter(translation_key=course_key).select_related("locale")
    by_language = {page.locale.language_code: page for page in pages}
    return by_language.get(language) or by_language.get("en") or next(iter(by_language.values()), None)


def courses_to_pick(language) -> list[CoursePage]:
    """Every live course, once, in `language` where it has it (else English,
    else its first language), by title: what a teacher picks from."""
    chosen = {}
    preference = {language: 0, "en": 1}
    for page in CoursePage.objects.live().select_related("locale").order_by("pk"):
        rank = preference.get(page.locale.language_code, 2)
        current = chosen.get(page.translation_key)
        if current is None or rank < current[0]:
            chosen[page.translation_key] = (rank, page)
    return sorted((page for _, page in chosen.values()), key=lambda page: page.title.lower())


def remember_grade_target(account, registration, course_key, launch_data) -> LtiGradeTarget | None:
    """Keeps where this learner's results for the course go, when the
    platform gave a line item and lets the tool post scores to it."""
    ags = launch_data.get(AGS_CLAIM) or {}
    lineitem = ags.get("lineitem")
    scopes = ags.get("scope") or []
    if not lineitem or SCORE_SCOPE not in scopes:
        return None
    target, _ = LtiGradeTarget.objects.update_or_create(
        account=account,
        course_key=course_key,
        lineitem=lineitem,
        defaults={"registration": registration, "scopes": scopes, "updated_at": timezone.now()},
    )
    return target
