"""The rules of certificates, as plain functions.

A certificate is issued the moment a signed-in learner's course is stamped
complete (progress.DatabaseTracker.record_course_complete), once per learner
and course: completing again, two tabs, a guest's progress merged on
sign-up, all find the certificate already there. A guest gets theirs when
they sign up, because their completion moves to the account then.

A certificate's code is 25 characters from a 32-letter alphabet without
look-alikes (0/O, 1/I): 125 random bits. Nobody can guess or enumerate one,
and the verification page is rate-limited besides. People read codes off
paper, so lookups forgive case, spaces and dashes.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from wagtail.models import Locale, Page

from accounts.guardians import certificate_name

from ..models.framework import localized_competences
from ..models.records import Certificate, Enrollment

CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_LENGTH = 25
CODE_GROUP = 5


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text) -> str | None:
    """The code as stored, from what a person typed or scanned ("k7qxm-…"),
    or None when it cannot be a code at all."""
    code = "".join(str(text or "").split()).replace("-", "").upper()
    if len(code) != CODE_LENGTH or any(character not in CODE_ALPHABET for character in code):
        return None
    return code


def display_code(code) -> str:
    """The code in groups of five, as printed: K7QXM-2HD9P-…"""
    return "-".join(code[i : i + CODE_GROUP] for i in range(0, len(code), CODE_GROUP))


def _course_page(course_key, language_codes):
    """The live course in the first of `language_codes` it is published in,
    else in any language; None once it is unpublished everywhere."""
    from ..models.pages import CoursePage  # the page models use progress.py, which uses this module

    pages = list(CoursePage.objects.live().filter(translation_key=course_key).select_related("locale"))
    for code in language_codes:
        for page in pages:
            if page.locale.language_code == code:
                return page
    return pages[0] if pages else None


def issue_certificate(user, course_key, when=None) -> Certificate:
    """The learner's certificate for the course, issued now if they have none.
    Idempotent: a second call returns the first certificate unchanged (and a
    revoked certificate stays revoked)."""
    existing = Certificate.objects.filter(user=user, course_key=course_key).first()
    if existing is not None:
        return existing
    enrollment = Enrollment.objects.filter(user=user, course_key=course_key).first()
    language = enrollment.language if enrollment else "en"
    course = _course_page(course_key, [language])
    title = course.title if course else Page.objects.filter(translation_key=course_key).values_list("title", flat=True).first()
    # Dated by the completion it proves (the first, when there were several).
    issued_at = enrollment.completed_at if enrollment and enrollment.completed_at else (when or timezone.now())
    try:
        with transaction.atomic():
            return Certificate.objects.create(
                user=user,
                course_key=course_key,
                language=language,
                course_title=title or "",
                code=new_code(),
                issued_at=issued_at,
            )
    except IntegrityError:  # a concurrent request issued it first
        return Certificate.objects.get(user=user, course_key=course_key)


def revoke_certificate(certificate, reason, revoked_by) -> Certificate:
    """Withdraws a certificate: verification says so from now on, with the
    reason. Revoking again keeps the first date but takes the new reason."""
    certificate.revocation_reason = reason.strip()
    certificate.revoked_by = revoked_by
    certificate.revoked_at = certificate.revoked_at or timezone.now()
    certificate.save(update_fields=["revocation_reason", "revoked_by", "revoked_at"])
    return certificate


def reinstate_certificate(certificate) -> Certificate:
    """Undoes a revocation made in error."""
    certificate.revoked_at = None
    certificate.revocation_reason = ""
    certificate.revoked_by = None
    certificate.save(update_fields=["revocation_reason", "revoked_by", "revoked_at"])
    return certificate


def certificate_by_code(text) -> Certificate | None:
    """The certificate a typed or scanned code belongs to, or None."""
    code = normalise_code(text)
    if code is None:
        return None
    return Certificate.objects.filter(code=code).first()


def own_certificate(user, text) -> Certificate | None:
    """One of `user`'s own certificates by code; None for anybody else's, so a
    learner can never open another learner's certificate."""
    code = normalise_code(text)
    if code is None or not user.is_authenticated:
        return None
    return Certificate.objects.filter(user=user, code=code).first()


def certificate_codes_by_course(user) -> dict:
    """{course_key: code} of the learner's certificates, in one query."""
    return dict(Certificate.objects.filter(user=user).values_list("course_key", "code"))


# --- What a certificate shows ----------------------------------------------------


@dataclass(frozen=True)
class CertificateContent:
    """Everything a certificate shows, in one language, the same on the page,
    in the PDF, on the verification page and in the Open Badges credential."""

    code: str
    name: str  # "" for a child without a guardian's consent: no name at all
    course_title: str
    course_summary: str
    competences: list = field(default_factory=list)  # Competence rows in the shown language
    issued_at: datetime | None = None
    language: str = "en"

    @property
    def display_code(self):
        return display_code(self.code)


def certificate_content(certificate, language=None) -> CertificateContent:
    """What `certificate` shows in `language` (default: the active one): the
    course and its competences in that language where translated, else in
    the language the learner completed it in, else as it was issued."""
    language = language or Locale.get_active().language_code
    course = _course_page(certificate.course_key, [language, certificate.language])
    with translation.override(language):
        competences = localized_competences(course.competences.all()) if course else []
    return CertificateContent(
        code=certificate.code,
        name=certificate_name(certificate.user),
        course_title=course.title if course else certificate.course_title,
        course_summary=course.summary if course else "",
        competences=competences,
        issued_at=certificate.issued_at,
        language=language,
    )
