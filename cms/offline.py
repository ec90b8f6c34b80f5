"""Learning offline: the installable web app and "Save for offline".

The service worker (cms/static/sw.js) and the page script (cms/static/js/
offline.js) do the work in the browser; this module gives them what only the
server knows: the list of files a saved course needs, with their sizes (so the
learner sees the size before saving), the offline pages in the learner's
language, the manifest, and a `Celik-Learner` header that tells the service
worker whose page a response is (it keeps only the signed-in learner's own).

Nothing here is needed without JavaScript: every page works as before.
"""

import hashlib
import hmac
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from wagtail.images import get_image_model

from courses.models import CoursePage
from courses.progress import course_steps
from quizzes import attempts
from quizzes.models import QuizPage

# The renditions the lesson and question templates use: what a phone downloads.
LESSON_IMAGE_SPECS = {"image": "max-800x600", "real_or_fake": "max-600x600"}
QUESTION_IMAGE_SPEC = "max-600x600"
# What a question page weighs, for the size shown before saving (they are made
# per attempt, so they are not rendered to measure them).
QUESTION_PAGE_BYTES = 14_000

# The web fonts site.css declares, by the language whose script they draw. Latin
# script (Vietnamese too) comes from the phone's own fonts, so a Latin-script
# course saves none: the noto-sans-latin* files are for certificate PDFs only.
SCRIPT_FONTS = {
    "th": "thai-looped-thai",
    "km": "khmer-khmer",
    "lo": "lao-looped-lao",
    "my": "myanmar-myanmar",
}


def learner_key(user) -> str:
    """An opaque name for a signed-in learner, the same on every response: the
    service worker names its caches with it and empties them when it changes."""
    digest = hmac.new(settings.SECRET_KEY.encode(), f"offline-learner:{user.pk}".encode(), hashlib.sha256)
    return digest.hexdigest()[:20]


class LearnerHeaderMiddleware:
    """Marks every response made for a signed-in learner with their key."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response["Celik-Learner"] = learner_key(user)
        return response


@dataclass(frozen=True)
class SavedFile:
    url: str
    bytes: int


def _static_file(name: str) -> SavedFile:
    path = finders.find(name)
    return SavedFile(static(name), Path(path).stat().st_size if path else 0)


def _fonts(language: str) -> list[SavedFile]:
    """The regular and bold font of the language's script, if the site has its own."""
    if language not in SCRIPT_FONTS:
        return []
    return [_static_file(f"fonts/noto-sans-{SCRIPT_FONTS[language]}-{weight}-normal.woff2") for weight in (400, 700)]


def _rendition(image, spec: str) -> SavedFile | None:
    try:
        rendition = image.get_rendition(spec)
        return SavedFile(rendition.url, rendition.file.size)
    except (OSError, ValueError):  # a missing original: the page shows its alt text
        return None


def _lesson_images(lesson) -> list[SavedFile]:
    found = []
    for block in getattr(lesson, "body", None) or []:
        spec = LESSON_IMAGE_SPECS.get(block.block_type)
        image = block.value.get("image") if spec and hasattr(block.value, "get") else None
        if image is not None:
            found.append(_rendition(image, spec))
    return [item for item in found if item]


def _page_bytes(page, request) -> int:
    """What the page weighs for this learner: it is rendered as they would see it."""
    response = page.serve(request)
    if hasattr(response, "render"):
        response.render()
    return len(response.content)


def _quiz_files(quiz, request) -> list[SavedFile]:
    """A quiz started online can be answered offline: its open attempt's question
    pages (never an answer key: they are the pages the learner sees) and review page."""
    attempt = attempts.open_attempt(request.user, quiz.translation_key)
    if attempt is None:
        return []
    files = [
        SavedFile(reverse("quizzes:question", args=[attempt.pk, number]), QUESTION_PAGE_BYTES)
        for number in range(1, len(attempt.questions) + 1)
    ]
    files.append(SavedFile(reverse("quizzes:review", args=[attempt.pk]), QUESTION_PAGE_BYTES // 2))
    image_ids = [q["value"].get("image") for q in attempt.questions if q.get("value", {}).get("image")]
    for image in get_image_model().objects.filter(pk__in=image_ids):
        rendition = _rendition(image, QUESTION_IMAGE_SPEC)
        if rendition:
            files.append(rendition)
    return files


def bundle_version(course, steps, request) -> str:
    """Changes when anything saved would change: a published revision, the
    language, the learner's open attempt."""
    parts = [get_language(), course.live_revision_id]
    for step in steps:
        parts.append(step.page.live_revision_id)
        if isinstance(step.page.specific, QuizPage):
            attempt = attempts.open_attempt(request.user, step.page.translation_key)
            parts.append(attempt.pk if attempt else None)
    return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()[:16]


def course_bundle(course, request, steps=None) -> list[SavedFile]:
    """Everything the learner's phone needs to take `course` offline
    (`steps`: the course's, when the caller has them already)."""
    steps = course_steps(course) if steps is None else steps
    files = [SavedFile(course.url, _page_bytes(course, request))]
    for step in steps:
        page = step.page.specific
        files.append(SavedFile(page.url, _page_bytes(page, request)))
        files.extend(_lesson_images(page))
        if isinstance(page, QuizPage):
            files.extend(_quiz_files(page, request))
    # The "sent when you are back online" page, and Saved courses (where the
    # home-screen icon leads when there is no connection).
    files.append(SavedFile(reverse("offline_saved"), 6_000))
    files.append(SavedFile(reverse("saved_courses"), 6_000))
    files.append(_static_file("css/site.css"))
    files.append(_static_file("js/offline.js"))
    files.extend(_fonts(get_language()))
    unique = {}
    for item in files:
        unique.setdefault(item.url, item)
    return list(unique.values())


@never_cache
@login_required
def course_bundle_view(request, course_id):
    """The files of a course to save, with their sizes, as JSON. `?have=<version>`
    answers only whether the saved copy is still current."""
    course = CoursePage.objects.live().public().filter(pk=course_id).first()
    if course is None:
        raise Http404(_("This course does not exist or is not published."))
    steps = course_steps(course)
    version = bundle_version(course, steps, request)
    if request.GET.get("have") == version:
        return JsonResponse({"version": version, "unchanged": True})
    files = course_bundle(course, request, steps)
    return JsonResponse(
        {
            "course": course.pk,
            "learner": learner_key(request.user),
            "title": course.title,
            "url": course.url,
            "version": version,
            "bytes": sum(item.bytes for item in files),
            "files": [{"url": item.url, "bytes": item.bytes} for item in files],
        }
    )


@cache
def _service_worker_source() -> bytes:
    return Path(finders.find("sw.js")).read_bytes()


@cache_control(no_cache=True)
def service_worker(request):
    """At the site's root, so that it may look after every page."""
    response = HttpResponse(_service_worker_source(), content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    return response


@cache_control(max_age=86400)
def manifest(request):
    """The web app manifest: what a phone needs to install Celik on its home screen."""
    icon = "img/icon-{}.png"
    data = {
        "name": settings.WAGTAIL_SITE_NAME,
        "short_name": settings.WAGTAIL_SITE_NAME,
        "description": _("Learn to spot false news, AI-made media and scams."),
        "start_url": "/?source=home-screen",
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#1e3a8a",
        "icons": [
            {"src": staticfiles_storage.url(icon.format(192)), "sizes": "192x192", "type": "image/png"},
            {"src": staticfiles_storage.url(icon.format(512)), "sizes": "512x512", "type": "image/png"},
            {
                "src": staticfiles_storage.url(icon.format("maskable-512")),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
    }
    return JsonResponse(data, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False})


def offline_page(request):
    """Shown by the service worker for a page that was not saved, when offline."""
    return render(request, "cms/offline.html")


def offline_saved(request):
    """Saved with each course: what the learner sees after "Mark complete" or an
    answer while offline. The service worker fills in the link onwards (__NEXT__)."""
    return render(request, "cms/offline_saved.html")


@never_cache
def saved_courses(request):
    """The courses saved on this phone: listed by the page script from the
    browser's own storage (the server does not know what a phone keeps)."""
    learner = learner_key(request.user) if request.user.is_authenticated else ""
    return render(request, "cms/saved_courses.html", {"learner": learner})
