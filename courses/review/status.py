"""The rules of translation review (see courses/review/__init__.py)."""

from django.db.models import Count
from django.utils import timezone
from wagtail.log_actions import log

from ..models import TranslationReview

REVIEWED_ACTION = "courses.translation_reviewed"
REOPENED_ACTION = "courses.translation_review_reopened"


def record_draft(page, origin=TranslationReview.Origin.MACHINE, drafted_with="", changed=True) -> TranslationReview:
    """Records that `page` holds a translation nobody has checked yet, made
    by `origin` from `drafted_with`. A page already reviewed keeps its review
    unless its text `changed`: a reviewer's work is not thrown away by
    loading the same translation again."""
    now = timezone.now()
    review, created = TranslationReview.objects.get_or_create(
        page=page, defaults={"origin": origin, "drafted_with": drafted_with, "drafted_at": now}
    )
    if not created and changed:
        review.origin, review.drafted_with, review.drafted_at = origin, drafted_with, now
        review.status, review.reviewed_by, review.reviewed_at = TranslationReview.Status.AWAITING, None, None
        review.save()
    return review


def may_review(user, page) -> bool:
    """Whoever may edit a page may vouch for its translation."""
    return page.permissions_for_user(user).can_edit()


def mark_reviewed(page, user) -> TranslationReview:
    """A native speaker has checked the page: recorded, with an entry in the
    page's history (Wagtail's audit log). Marking twice changes nothing."""
    review = TranslationReview.objects.select_for_update().get(page=page)
    if review.status != TranslationReview.Status.REVIEWED:
        review.status, review.reviewed_by, review.reviewed_at = TranslationReview.Status.REVIEWED, user, timezone.now()
        review.save(update_fields=["status", "reviewed_by", "reviewed_at"])
        log(page, REVIEWED_ACTION, user=user, data={"origin": review.origin, "drafted_with": review.drafted_with})
    return review


def reopen_review(page, user) -> TranslationReview:
    """Undo a review given by mistake: the page awaits review again (logged)."""
    review = TranslationReview.objects.select_for_update().get(page=page)
    if review.status != TranslationReview.Status.AWAITING:
        review.status, review.reviewed_by, review.reviewed_at = TranslationReview.Status.AWAITING, None, None
        review.save(update_fields=["status", "reviewed_by", "reviewed_at"])
        log(page, REOPENED_ACTION, user=user)
    return review


def review_for(page) -> TranslationReview | None:
    return TranslationReview.objects.filter(page_id=page.pk).first()


def reviews(language=None, status=TranslationReview.Status.AWAITING):
    """Translation reviews in `status` (all when None), optionally of one
    language, with their pages, in tree order: a course's pages together."""
    rows = TranslationReview.objects.select_related("page", "page__locale", "reviewed_by").order_by(
        "page__locale__language_code", "page__path"
    )
    if status:
        rows = rows.filter(status=status)
    if language:
        rows = rows.filter(page__locale__language_code=language)
    return rows


def counts_by_language() -> dict[str, dict[str, int]]:
    """{language: {status: count}} for the listing's summary."""
    totals: dict[str, dict[str, int]] = {}
    for row in TranslationReview.objects.values("page__locale__language_code", "status").annotate(n=Count("id")):
        totals.setdefault(row["page__locale__language_code"], {})[row["status"]] = row["n"]
    return totals
