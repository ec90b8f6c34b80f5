"""Admin pages for educators that are about courses as a whole."""

from django.conf import settings
from django.shortcuts import render

from .translation_status import STATUS_LABELS, source_root, summary, translation_status


def translation_status_view(request):
    """Per language, which pages are translated and which have fallen behind."""
    languages = [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    codes = [code for code, _ in languages]
    root = source_root()
    rows = translation_status(root, codes) if root else []
    totals = summary(rows, codes)
    return render(
        request,
        "courses/admin/translation_status.html",
        {
            "languages": [(code, name, totals[code]) for code, name in languages],
            "rows": rows,
            "statuses": STATUS_LABELS,
        },
    )
