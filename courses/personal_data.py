"""What the courses app holds about a learner, for export and erasure
(registered with the celik_personal_data hook in wagtail_hooks.py)."""

from wagtail.models import Page

from .models.records import Certificate, Enrollment, LessonProgress
from .translations import one_per_translation


def _titles(keys):
    """Page titles by translation_key, in English where the page has it
    (exports are read by the learner and by anyone they hand the file to)."""
    rows = Page.objects.filter(translation_key__in=set(keys)).values_list(
        "translation_key", "locale__language_code", "title"
    )
    chosen = one_per_translation(rows, ["en"], language_of=lambda row: row[1], key_of=lambda row: row[0])
    return {key: title for key, (_key, _language, title) in chosen.items()}


def export(user):
    enrollments = list(Enrollment.objects.filter(user=user).order_by("started_at"))
    lessons = list(LessonProgress.objects.filter(user=user).order_by("completed_at"))
    certificates = list(Certificate.objects.filter(user=user).order_by("issued_at"))
    titles = _titles(
        [e.course_key for e in enrollments] + [p.lesson_key for p in lessons] + [c.course_key for c in certificates]
    )
    return {
        "enrolments": [
            {
                "course": titles.get(e.course_key, str(e.course_key)),
                "language": e.language,
                "started_at": e.started_at.isoformat(),
                "last_activity_at": e.last_activity_at.isoformat(),
                "completed_at": e.completed_at.isoformat() if e.completed_at else None,
            }
            for e in enrollments
        ],
        "lessons_completed": [
            {
                "lesson": titles.get(p.lesson_key, str(p.lesson_key)),
                "language": p.language,
                "completed_at": p.completed_at.isoformat(),
            }
            for p in lessons
        ],
        "certificates": [
            {
                "code": c.code,
                "course": titles.get(c.course_key, c.course_title),
                "issued_at": c.issued_at.isoformat(),
                "revoked_at": c.revoked_at.isoformat() if c.revoked_at else None,
                "revocation_reason": c.revocation_reason,
            }
            for c in certificates
        ],
    }


def erase(user, erased_learner):
    """The lesson-by-lesson trail and the certificates go (their codes then
    verify as unknown); enrolments stay, anonymous."""
    LessonProgress.objects.filter(user=user).delete()
    Certificate.objects.filter(user=user).delete()
    Enrollment.objects.filter(user=user).update(user=None, erased_learner=erased_learner)
