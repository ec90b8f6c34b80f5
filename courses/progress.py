"""The rules of progress and completion, as plain functions.

A course is a sequence of steps: its lessons, then any step another app adds
through `register_step_source` (the quizzes app adds a course's required quiz;
courses never imports quizzes). A learner's progress is the set of step keys
(translation_keys) they have done, per course key. Two trackers keep it: `DatabaseTracker` for a signed-in learner,
`SessionTracker` for a guest, whose progress moves to the database when they
sign up or log in (`merge_guest_progress`). Views and page contexts ask
`tracker_for(request)` and never care which one they got.

Keys, not page ids, are what is stored: the Malay and English versions of a
lesson share a translation_key, so switching language keeps progress.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from wagtail.models import Page

from accounts.learner_cache import LearnerCache
from accounts.models import statistical_facts

from .models.records import Enrollment, LessonProgress

SESSION_KEY = "celik_guest_progress"


# --- What progress looks like ------------------------------------------------


@dataclass(frozen=True)
class Step:
    page: object  # a LessonPage, or a page another app registered (a required quiz)
    done: bool

    @property
    def is_lesson(self):
        return is_lesson(self.page)


@dataclass(frozen=True)
class LessonPosition:
    """Where a step sits in its course: for "Lesson 2 of 4" and previous/next."""

    number: int
    total: int
    previous: object | None
    next: object | None
    done: bool


@dataclass(frozen=True)
class CourseProgress:
    steps: tuple[Step, ...]

    @property
    def total(self) -> int:
        return len(self.steps)

    @property
    def completed(self) -> int:
        return sum(1 for step in self.steps if step.done)

    @property
    def percent(self) -> int:
        return round(100 * self.completed / self.total) if self.total else 0

    @property
    def has_started(self) -> bool:
        return self.completed > 0

    @property
    def is_complete(self) -> bool:
        """A course is complete when every one of its steps is done: every lesson
        read and its required quiz passed. (A course with no steps yet is never
        complete: there is nothing to have learnt.)"""
        return self.total > 0 and self.completed == self.total

    @property
    def next_step(self):
        """The first step not yet done, in course order; None when all are done."""
        return next((step.page for step in self.steps if not step.done), None)

    @property
    def resume_step(self):
        """Where "Start" / "Continue" leads: the first unfinished step, or the
        first lesson to review once everything is done."""
        if self.next_step is not None:
            return self.next_step
        return self.steps[0].page if self.steps else None

    @property
    def lesson_count(self) -> int:
        return sum(1 for step in self.steps if step.is_lesson)

    @property
    def pattern(self) -> str:
        """One character per step, "1" for done and "0" for to do (see done_pattern)."""
        return "".join("1" if step.done else "0" for step in self.steps)

    def position_of(self, page) -> LessonPosition | None:
        ids = [step.page.id for step in self.steps]
        if page.id not in ids:
            return None
        index = ids.index(page.id)
        return LessonPosition(
            number=index + 1,
            total=self.total,
            previous=self.steps[index - 1].page if index > 0 else None,
            next=self.steps[index + 1].page if index + 1 < self.total else None,
            done=self.steps[index].done,
        )


@dataclass(frozen=True)
class ProgressScope:
    """The part of a learner's progress a page shows: which steps of one
    course they have done. A page that shows nothing else of theirs can be
    kept in the shared cache once per pattern of done steps (cms/page_cache.py),
    and this is what the cache needs, without the page, to tell which pattern
    a learner has: the course's key and its steps' keys in order, each marked
    as a lesson or another app's step."""

    course_key: UUID
    steps: tuple[tuple[UUID, bool], ...]  # (translation_key, is a lesson)

    @classmethod
    def of(cls, course, progress):
        return cls(course.translation_key, tuple((step.page.translation_key, step.is_lesson) for step in progress.steps))


@dataclass(frozen=True)
class DoneSteps:
    """Every step a learner has done: lessons by the course they were done
    in (as `completed_lesson_keys` counts them), and the other steps
    (passed quizzes), which count in whichever course holds them."""

    lessons_by_course: dict
    others: frozenset


def done_pattern(tracker, scope, found=None) -> str:
    """Which of the scope's steps the tracked learner has done, as one
    character per step: "1101" has the third step to do. Equal to
    `CourseProgress.pattern` of the same course and learner, from
    `tracker.done_steps()`: for a signed-in learner one read of the shared
    cache, no query while nothing changed. `found`: what a read of
    `tracker.done_steps_cache_keys()` along with other keys already brought."""
    done = tracker.done_steps(found)
    lessons = done.lessons_by_course.get(scope.course_key, frozenset())
    return "".join(
        "1" if key in (lessons if is_a_lesson else done.others) else "0" for key, is_a_lesson in scope.steps
    )


def course_progress(pages, done_keys) -> CourseProgress:
    """Progress through `pages` (the course's steps, in order) given the keys done."""
    return CourseProgress(tuple(Step(page, page.translation_key in done_keys) for page in pages))


# --- Where progress is kept --------------------------------------------------


_done_steps_cache = LearnerCache("done-steps")


def forget_done_steps(user):
    """Call after recording that `user` did a step (a lesson, a passed quiz),
    or erasing their records: their DoneSteps in the shared cache are stale."""
    _done_steps_cache.forget(user.pk)


class DatabaseTracker:
    """Progress of a signed-in learner. Every query goes through `self.user`,
    so no learner can ever read or write another learner's rows."""

    def __init__(self, user):
        self.user = user

    def done_steps(self, found=None) -> DoneSteps:
        """From the shared cache while unchanged (forget_done_steps)."""
        return _done_steps_cache.get(self.user.pk, self._load_done_steps, found)

    def done_steps_cache_keys(self):
        return list(_done_steps_cache.keys(self.user.pk))

    def _load_done_steps(self) -> DoneSteps:
        lessons = {}
        for course_key, lesson_key in LessonProgress.objects.filter(user=self.user).values_list("course_key", "lesson_key"):
            lessons.setdefault(course_key, set()).add(lesson_key)
        others = set()
        for source in _step_sources:
            others |= source.all_done_keys(self)
        return DoneSteps({key: frozenset(keys) for key, keys in lessons.items()}, frozenset(others))

    def completed_lesson_keys(self, course_key) -> frozenset[UUID]:
        return frozenset(
            LessonProgress.objects.filter(user=self.user, course_key=course_key).values_list("lesson_key", flat=True)
        )

    def completed_keys_by_course(self, course_keys) -> dict[UUID, set[UUID]]:
        result = {key: set() for key in course_keys}
        rows = LessonProgress.objects.filter(user=self.user, course_key__in=list(course_keys))
        for course_key, lesson_key in rows.values_list("course_key", "lesson_key"):
            result.setdefault(course_key, set()).add(lesson_key)
        return result

    def course_keys_by_recent_activity(self) -> list[UUID]:
        return list(
            Enrollment.objects.filter(user=self.user).order_by("-last_activity_at").values_list("course_key", flat=True)
        )

    def record_lesson(self, course_key, lesson_key, language, when=None) -> bool:
        """Records a completed lesson. Idempotent: a second call (a double click,
        two tabs, a replayed POST) changes nothing and returns False."""
        when = when or timezone.now()
        enrollment, _ = Enrollment.objects.get_or_create(
            user=self.user,
            course_key=course_key,
            defaults={"language": language, "started_at": when, **statistical_facts(self.user)},
        )
        Enrollment.objects.filter(pk=enrollment.pk).update(last_activity_at=when, language=language)
        try:
            with transaction.atomic():
                _, created = LessonProgress.objects.get_or_create(
                    user=self.user,
                    lesson_key=lesson_key,
                    defaults={"course_key": course_key, "language": language, "completed_at": when},
                )
        except IntegrityError:  # lost a race with a concurrent request: it recorded the same fact
            created = False
        if created:
            forget_done_steps(self.user)
        return created

    def record_course_complete(self, course_key, when=None):
        """Stamps the enrolment complete once (later calls keep the first date)
        and issues the learner's certificate, once."""
        from .certificates.issuing import issue_certificate  # it reads the page models, which use this module

        when = when or timezone.now()
        Enrollment.objects.filter(user=self.user, course_key=course_key, completed_at__isnull=True).update(
            completed_at=when
        )
        issue_certificate(self.user, course_key, when)

    def certificate_codes_by_course(self) -> dict:
        from .certificates.issuing import certificate_codes_by_course

        return certificate_codes_by_course(self.user)


class SessionTracker:
    """Progress of a guest, kept in their session as plain JSON:
    {course_key: {"language": "ms", "lessons": [lesson_key, ...], "last": iso, "completed": iso|None}}"""

    def __init__(self, session):
        self.session = session

    def _data(self) -> dict:
        return self.session.get(SESSION_KEY, {})

    def _save(self, data):
        self.session[SESSION_KEY] = data
        self.session.modified = True

    def completed_lesson_keys(self, course_key) -> frozenset[UUID]:
        entry = self._data().get(str(course_key), {})
        return frozenset(UUID(key) for key in entry.get("lessons", []))

    def completed_keys_by_course(self, course_keys) -> dict[UUID, set[UUID]]:
        return {UUID(str(key)): set(self.completed_lesson_keys(key)) for key in course_keys}

    def done_steps_cache_keys(self):
        return []  # a guest's steps are in their session

    def done_steps(self, found=None) -> DoneSteps:
        lessons = {UUID(key): self.completed_lesson_keys(key) for key in self._data()}
        return DoneSteps(lessons, frozenset())  # quizzes need an account

    def course_keys_by_recent_activity(self) -> list[UUID]:
        entries = sorted(self._data().items(), key=lambda item: item[1].get("last", ""), reverse=True)
        return [UUID(key) for key, _ in entries]

    def record_lesson(self, course_key, lesson_key, language, when=None) -> bool:
        when = when or timezone.now()
        data = self._data()
        entry = data.setdefault(str(course_key), {"language": language, "lessons": [], "completed": None})
        entry["language"] = language
        entry["last"] = when.isoformat()
        created = str(lesson_key) not in entry["lessons"]
        if created:
            entry["lessons"].append(str(lesson_key))
        self._save(data)
        return created

    def certificate_codes_by_course(self) -> dict:
        return {}  # certificates are for accounts: a guest gets theirs on signing up

    def record_course_complete(self, course_key, when=None):
        data = self._data()
        entry = data.get(str(course_key))
        if entry is not None and not entry.get("completed"):
            entry["completed"] = (when or timezone.now()).isoformat()
            self._save(data)


def tracker_for(request):
    """The tracker for whoever made the request, built once per request."""
    tracker = getattr(request, "_celik_tracker", None)
    if tracker is None:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            tracker = DatabaseTracker(user)
        else:
            tracker = SessionTracker(request.session)
        request._celik_tracker = tracker
    return tracker


# --- Steps other apps add -------------------------------------------------------

_step_sources = []


def register_step_source(source):
    """Lets another app add required steps to courses, without courses knowing it.

    `source.steps_by_course(courses)` returns {course.path: [page, ...]}, in one
    query for all the given courses; `source.done_keys(tracker, keys)` returns
    which of those step keys the tracked learner has done, and
    `source.all_done_keys(tracker)` every step of theirs they have done. The
    quizzes app registers its required quizzes this way, and calls
    `forget_done_steps` when a learner passes one.
    """
    if source not in _step_sources:
        _step_sources.append(source)


def steps_by_course(courses) -> dict[str, list]:
    """Every course's steps in order: its live lessons, then registered steps.
    A fixed number of queries however many courses and lessons."""
    from .models.pages import LessonPage  # the page models themselves use this module

    courses = list(courses)
    steps = {course.path: [] for course in courses}
    if not courses:
        return steps
    children = Q()
    for course in courses:
        children |= Q(path__startswith=course.path, depth=course.depth + 1)
    lessons = LessonPage.objects.live().filter(children).order_by("path")
    for lesson in lessons.only("id", "title", "slug", "summary", "url_path", "translation_key", "path", "depth"):
        steps[lesson.path[: -Page.steplen]].append(lesson)
    for source in _step_sources:
        for path, pages in source.steps_by_course(courses).items():
            steps[path].extend(pages)
    return steps


def done_keys_by_course(tracker, course_keys, steps) -> dict[UUID, set[UUID]]:
    """Which steps the learner has done: lessons from the tracker, the rest from
    the sources that registered them."""
    done = tracker.completed_keys_by_course(course_keys)
    extra_keys = {page.translation_key for pages in steps for page in pages if not is_lesson(page)}
    if extra_keys:
        extra_done = set()
        for source in _step_sources:
            extra_done |= source.done_keys(tracker, extra_keys)
        for key in done:
            done[key] |= extra_done
    return done


def is_lesson(page) -> bool:
    from .models.pages import LessonPage  # the page models themselves use this module

    return isinstance(page, LessonPage)


def progress_for(tracker, course, steps=None) -> CourseProgress:
    """One learner's progress through one course (`steps` if already looked up)."""
    if steps is None:
        steps = steps_by_course([course])[course.path]
    done = done_keys_by_course(tracker, [course.translation_key], [steps])
    return course_progress(steps, done.get(course.translation_key, set()))


# --- The rules -----------------------------------------------------------------


@dataclass(frozen=True)
class CompletionResult:
    newly_recorded: bool
    progress: CourseProgress
    course_just_completed: bool = False


def complete_lesson(tracker, course, lesson, language=None) -> CompletionResult:
    """Marks `lesson` of `course` complete for whoever `tracker` tracks.

    The caller has checked that the lesson is a live child of the course.
    Idempotent: completing a lesson twice records it once. When this completes
    the last step, the course is stamped complete (once).
    """
    language = language or get_language()
    steps = steps_by_course([course])[course.path]  # looked up once, used before and after
    already_complete = progress_for(tracker, course, steps).is_complete
    created = tracker.record_lesson(course.translation_key, lesson.translation_key, language)
    result = check_course_completion(tracker, course, already_complete, steps)
    return CompletionResult(created, result.progress, result.course_just_completed)


def check_course_completion(tracker, course, was_complete=False, steps=None) -> CompletionResult:
    """Stamps the course complete if every step is now done. Other apps call this
    after a learner finishes a step of theirs (a quiz passed)."""
    progress = progress_for(tracker, course, steps)
    if progress.is_complete:
        tracker.record_course_complete(course.translation_key)
    return CompletionResult(False, progress, progress.is_complete and not was_complete)


def merge_guest_progress(session, user) -> int:
    """Moves a guest's session progress onto their account, on sign-up or log-in.

    Safe to run more than once and for a learner who already has progress:
    lessons done on either side count, nothing is duplicated. Returns how many
    lessons were newly recorded, and empties the session's record.
    """
    guest = SessionTracker(session)
    data = guest._data()
    if not data:
        return 0
    account = DatabaseTracker(user)
    recorded = 0
    for course_key, entry in data.items():
        last = _parse_time(entry.get("last"))
        for lesson_key in entry.get("lessons", []):
            recorded += account.record_lesson(UUID(course_key), UUID(lesson_key), entry.get("language", "en"), last)
        if entry.get("completed"):
            account.record_course_complete(UUID(course_key), _parse_time(entry["completed"]))
    session.pop(SESSION_KEY, None)
    return recorded


def _parse_time(value) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


# --- My learning -----------------------------------------------------------------


@dataclass
class CourseSummary:
    course: object  # a CoursePage, in the active language where translated
    progress: CourseProgress
    certificate_code: str | None = None


@dataclass
class LearningSummary:
    in_progress: list[CourseSummary] = field(default_factory=list)
    completed: list[CourseSummary] = field(default_factory=list)

    @property
    def is_empty(self):
        return not (self.in_progress or self.completed)


def learning_summary(tracker, locale) -> LearningSummary:
    """Every course the learner has started, most recent first, split into in
    progress and completed, shown in `locale` where the course is translated.

    A fixed number of queries whatever the number of courses: courses, their
    steps, and the learner's completions are each fetched in one go.
    """
    from .models.pages import CoursePage  # the page models themselves use this module

    keys = tracker.course_keys_by_recent_activity()
    if not keys:
        return LearningSummary()
    candidates = CoursePage.objects.live().filter(translation_key__in=keys).select_related("cover_image")
    chosen = {}
    for course in candidates:
        current = chosen.get(course.translation_key)
        if current is None or course.locale_id == locale.id:
            chosen[course.translation_key] = course
    steps = steps_by_course(chosen.values())
    done = done_keys_by_course(tracker, list(chosen.keys()), steps.values())
    summary = LearningSummary()
    certificates = tracker.certificate_codes_by_course()
    for key in keys:
        course = chosen.get(key)
        if course is None:  # unpublished since the learner started it
            continue
        progress = course_progress(steps[course.path], done.get(key, set()))
        bucket = summary.completed if progress.is_complete else summary.in_progress
        bucket.append(CourseSummary(course=course, progress=progress, certificate_code=certificates.get(key)))
    return summary
