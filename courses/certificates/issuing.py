"""The rules of certificates, as plain functions.

A certificate is issued the moment a signed-in learner completes a course
(the `course_completed` signal, sent by courses.progress.record_step_done
inside its transaction), once per learner and course: completing again, two
tabs, a guest's progress merged on sign-up, all find the certificate already
there. A guest gets theirs when they sign up, because their lessons move to
the account then. Revoking and reinstating leave an audit record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from wagtail.log_actions import log
from wagtail.models import Locale, Page

from accounts.guardians import certificate_name

from ..models.framework import localized_competences
from ..models.pages import CoursePage
from ..models.records import Certificate, Enrollment
from ..translations import one_per_translation
from .codes import display_code, new_code

# Audit log actions (labels registered in courses/wagtail_hooks.py).
REVOKE = "celik.certificate.revoke"
REINSTATE = "celik.certificate.reinstate"


def _course_page(course_key, language_codes):
    """The live course in the first of `language_codes` it is published in,
    else in any language; None once it is unpublished everywhere."""
    pages = CoursePage.objects.live().filter(translation_key=course_key).select_related("locale")
    chosen = one_per_translation(pages, list(language_codes), language_of=lambda page: page.locale.language_code)
    return chosen.get(course_key)


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
    title = (
        course.title
        if course
        else Page.objects.filter(translation_key=course_key).values_list("title", flat=True).first()
    )
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


@transaction.atomic
def revoke_certificate(certificate, reason, revoked_by) -> Certificate:
    """Withdraws a certificate: verification says so from now on, with the
    reason. Revoking again keeps the first date but takes the new reason.
    The audit log records who did it and why."""
    certificate.revocation_reason = reason.strip()
    certificate.revoked_by = revoked_by
    certificate.revoked_at = certificate.revoked_at or timezone.now()
    certificate.save(update_fields=["revocation_reason", "revoked_by", "revoked_at"])
    log(certificate, REVOKE, user=revoked_by, data={"reason": certificate.revocation_reason})
    return certificate


@transaction.atomic
def reinstate_certificate(certificate, reinstated_by) -> Certificate:
    """Undoes a revocation made in error; the audit log records who did."""
    certificate.revoked_at = None
    certificate.revocation_reason = ""
    certificate.revoked_by = None
    certificate.save(update_fields=["revocation_reason", "revoked_by", "revoked_at"])
    log(certificate, REINSTATE, user=reinstated_by)
    return certificate


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
