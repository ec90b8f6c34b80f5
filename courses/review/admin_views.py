"""Admin pages of translation review: the listing (Reports > Translations to
review) and one page's review, where an educator marks it reviewed."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.models import Page

from ..models import TranslationReview
from .status import counts_by_language, mark_reviewed, may_review, reopen_review, review_for, reviews

STATUS_FILTERS = {
    "awaiting": TranslationReview.Status.AWAITING,
    "reviewed": TranslationReview.Status.REVIEWED,
    "all": None,
}


def _course_titles(pages):
    """{page id: title of the course it belongs to}, in one query."""
    parent_paths = {page.path[: -Page.steplen] for page in pages}
    parents = {p.path: p for p in Page.objects.filter(path__in=parent_paths).only("path", "title", "content_type")}
    titles = {}
    for page in pages:
        if page.specific_class and page.specific_class.__name__ == "CoursePage":
            titles[page.id] = page.title
        else:
            parent = parents.get(page.path[: -Page.steplen])
            titles[page.id] = parent.title if parent is not None and page.depth > 4 else ""
    return titles


def review_listing(request):
    """Translated pages and their review, filtered by language and status."""
    languages = [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    language = request.GET.get("language", "")
    if language not in dict(languages):
        language = ""
    status = request.GET.get("status", "awaiting")
    if status not in STATUS_FILTERS:
        status = "awaiting"
    page_of_rows = Paginator(reviews(language or None, STATUS_FILTERS[status]), 100).get_page(request.GET.get("p"))
    rows = list(page_of_rows)
    titles = _course_titles([row.page for row in rows])
    totals = counts_by_language()
    return render(
        request,
        "courses/admin/translation_review.html",
        {
            "rows": [(row, titles.get(row.page_id, ""), may_review(request.user, row.page)) for row in rows],
            "paginator_page": page_of_rows,
            "languages": [
                (code, name, totals.get(code, {}).get("awaiting", 0), totals.get(code, {}).get("reviewed", 0))
                for code, name in languages
            ],
            "language": language,
            "status": status,
        },
    )


@require_http_methods(["GET", "POST"])
def review_page(request, page_id):
    """GET: the page's review, with the button; POST: mark reviewed (or reopen)."""
    page = get_object_or_404(Page, pk=page_id)
    review = review_for(page)
    if review is None:
        raise Http404(_("This page has no translation to review."))
    if not may_review(request.user, page):
        raise PermissionDenied
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, require_https=request.is_secure()):
        next_url = ""
    if request.method == "POST":
        action = request.POST.get("action")
        if action not in ("reviewed", "reopen"):
            messages.error(request, _("Choose whether the translation is reviewed."))
            context = {"page": page, "review": review, "next": next_url}
            return render(request, "courses/admin/translation_review_page.html", context, status=400)
        with transaction.atomic():
            if action == "reviewed":
                mark_reviewed(page, request.user)
                messages.success(request, _("“%(title)s” is marked as reviewed.") % {"title": page.title})
            else:
                reopen_review(page, request.user)
                messages.success(request, _("“%(title)s” awaits review again.") % {"title": page.title})
        return redirect(next_url or reverse("translation_review"))
    return render(
        request, "courses/admin/translation_review_page.html", {"page": page, "review": review, "next": next_url}
    )
