"""The rules of progress and completion, as plain functions.

A course is a sequence of steps, in the order the educator arranged its
pages: its lessons, and whatever other apps add through the
`celik_course_steps` hook (the courses app registers lessons there, the
quizzes app a course's required quiz; courses never imports quizzes).

What a learner has done is read one way and written one way:

- **read**: `tracker.done_steps()`, every step key the learner has done per
  course key. For a signed-in learner it comes from the shared cache, under a
  version that every write moves on (accounts.learner_cache), so a page that
  shows progress costs no query while nothing changed; for a guest it is
  their session. Everything that shows progress (course and lesson pages, My
  learning, the page cache's choice of copy) derives from it.
- **write**: `record_step_done`, in one transaction: the step's own record,
  the enrolment, the new cache version, and completion, which sends
  `courses.signals.course_completed` (the certificate is issued by its
  receiver, in the same transaction).

Keys, not page ids, are what is stored: the Malay and English versions of a
lesson share a translation_key, so switching language keeps progress.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol
from uuid import UUID

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from wagtail import hooks
from wagtail.models import Page

from accounts.learner_cache import LearnerCache
from accounts.models import statistical_facts

from .models.records import Enrollment, LessonProgress
from .signals import course_completed, step_done

SESSION_KEY = "celik_guest_progress"
STEP_SOURCES_HOOK = "celik_course_steps"
LESSON = "lesson"


# --- Where steps come from ------------------------------------------------------


class StepSource(Protocol):
    """What an app registers with the `celik_course_steps` hook (a function
    returning the source) to add steps to courses."""

    kind: str  # "lesson", "quiz": what the steps are, for the words around them

    def pages_by_course(self, courses) -> dict[str, list]:
        """{course.path: [live page, ...]} of the given courses' steps of this
        kind, in a fixed number of queries however many courses."""

    def done_by_course(self, user) -> dict[UUID, set[UUID]]:
        """{course key: {step key, ...}} the signed-in learner has done."""

    def record(self, tracker, course_key, step_key, language, when) -> bool:
        """Writes that the learner did the step; True when it is new. A source
        whose app keeps its own record (a passed quiz attempt) writes it
        before `record_step_done`, in the same transaction, and answers here
        whether that record exists."""


def step_sources() -> list[StepSource]:
    return [register() for register in hooks.get_hooks(STEP_SOURCES_HOOK)]


def children_of(courses) -> Q:
    """A filter for the pages directly under any of `courses`."""
    children = Q()
    for course in courses:
        children |= Q(path__startswith=course.path, depth=course.depth + 1)
    return children


@dataclass(frozen=True)
class CourseStep:
    """One step of a course: its page, and the kind of step its source calls it."""

    page: object
    kind: str

    @property
    def key(self) -> UUID:
        return self.page.translation_key


def steps_by_course(courses) -> dict[str, list[CourseStep]]:
    """Every course's steps in the order of the page tree, from every source.
    A fixed number of queries however many courses and steps."""
    courses = list(courses)
    found = {course.path: [] for course in courses}
    if not courses:
        return found
    for source in step_sources():
        for path, pages in source.pages_by_course(courses).items():
            found[path].extend(CourseStep(page, source.kind) for page in pages)
    for steps in found.values():
        steps.sort(key=lambda step: step.page.path)
    return found


def course_steps(course) -> list[CourseStep]:
    return steps_by_course([course])[course.path]


# --- What progress looks like ------------------------------------------------------


@dataclass(frozen=True)
class Step:
    page: object  # a LessonPage, or a page another app registered (a required quiz)
    kind: str
    done: bool

    @property
    def is_lesson(self):
        return self.kind == LESSON


@dataclass(frozen=True)
class LessonPosition:
    """Where a step sits in its course: for "Lesson 2 of 4" and previous/next."""

    number: int
    total: int
    previous: object | None
    next: object | None
    done: bool


@dataclass(frozen=True)
class ProgressScope:
    """The part of a learner's progress a page shows: which steps of one
    course they have done. The page cache (cms/page_cache.py) keeps a page
    that shows nothing else of its reader once per pattern of done steps, and
    this is what it needs, without the page, to tell which pattern a learner
    has."""

    course_key: UUID
    step_keys: tuple[UUID, ...]


@dataclass(frozen=True)
class CourseProgress:
    course_key: UUID | None
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

    @property
    def scope(self) -> ProgressScope:
        return ProgressScope(self.course_key, tuple(step.page.translation_key for step in self.steps))

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


def course_progress(steps, done_keys, course_key=None) -> CourseProgress:
    """Progress through `steps` (CourseStep, in order) given the step keys done."""
    return CourseProgress(course_key, tuple(Step(step.page, step.kind, step.key in done_keys) for step in steps))


@dataclass(frozen=True)
class DoneSteps:
    """Every step a learner has done: {course key: frozenset of step keys}."""

    by_course: dict

    def in_course(self, course_key) -> frozenset:
        return self.by_course.get(course_key, frozenset())


def progress_for(tracker, course, steps=None) -> CourseProgress:
    """One learner's progress through one course (`steps` if already looked up)."""
    if steps is None:
        steps = course_steps(course)
    done = tracker.done_steps().in_course(course.translation_key)
    return course_progress(steps, done, course.translation_key)


def done_pattern(tracker, scope: ProgressScope, found=None) -> str:
    """Which of the scope's steps the tracked learner has done, as one
    character per step: "1101" has the third step to do. The same as
    `CourseProgress.pattern`, from the same read; `found`: what a read of
    `tracker.done_steps_cache_keys()` along with other keys already brought."""
    done = tracker.done_steps(found).in_course(scope.course_key)
    return "".join("1" if key in done else "0" for key in scope.step_keys)


class ShowsOnlyProgress:
    """A page type that shows nothing of its reader but their progress through
    one course (the `progress` in its context, a CourseProgress). The page
    cache keeps such a page once per pattern of done steps, for everyone who
    has that pattern, instead of once per reader."""

    def shows_only_progress(self) -> bool:
        """Whether this page does (a type may except some of its pages)."""
        return True


def shows_only_own_progress(view):
    """Marks a view whose page shows a signed-in reader nothing but their own
    progress and certificates (My learning): the page cache keeps their copy
    until their done steps move to a new version (`done_steps_version_key`)."""
    view.shows_only_own_progress = True
    return view


def done_steps_version_key(user_pk):
    """Where the version of a learner's done steps is kept: it moves on with
    every step they record, so whatever is kept under it is never stale."""
    return _done_steps_cache.keys(user_pk)[0]


# --- Where progress is kept ----------------------------------------------------------


_done_steps_cache = LearnerCache("done-steps")


class DatabaseTracker:
    """Progress of a signed-in learner. Every query goes through `self.user`,
    so no learner can ever read or write another learner's rows."""

    def __init__(self, user):
        self.user = user

    def done_steps(self, found=None) -> DoneSteps:
        """From the shared cache while unchanged; computed from every source's
        records when a write moved the version on."""
        return _done_steps_cache.get(self.user.pk, self._load_done_steps, found)

    def done_steps_cache_keys(self):
        return list(_done_steps_cache.keys(self.user.pk))

    def _load_done_steps(self) -> DoneSteps:
        by_course = {}
        for source in step_sources():
            for course_key, keys in source.done_by_course(self.user).items():
                by_course.setdefault(course_key, set()).update(keys)
        return DoneSteps({key: frozenset(keys) for key, keys in by_course.items()})

    def course_keys_by_recent_activity(self) -> list[UUID]:
        return list(
            Enrollment.objects.filter(user=self.user).order_by("-last_activity_at").values_list("course_key", flat=True)
        )

    # Writes: only record_step_done and the step sources call these.

    def _record_lesson(self, course_key, lesson_key, language, when) -> bool:
        try:
            with transaction.atomic():
                LessonProgress.objects.create(
                    user=self.user, lesson_key=lesson_key, course_key=course_key, language=language, completed_at=when
                )
        except IntegrityError:  # done before, or by a concurrent request: the same fact
            return False
        return True

    def _touch_enrolment(self, course_key, language, when):
        """Notes the activity; the first step of a course begins the enrolment."""
        enrolment = Enrollment.objects.filter(user=self.user, course_key=course_key)
        if enrolment.update(last_activity_at=when, language=language):
            return
        try:
            with transaction.atomic():
                Enrollment.objects.create(
                    user=self.user,
                    course_key=course_key,
                    language=language,
                    started_at=when,
                    last_activity_at=when,
                    **statistical_facts(self.user),
                )
        except IntegrityError:  # a concurrent request began it
            enrolment.update(last_activity_at=when, language=language)

    def _stamp_complete(self, course_key, when):
        """Keeps the first completion's date."""
        Enrollment.objects.filter(user=self.user, course_key=course_key, completed_at__isnull=True).update(
            completed_at=when
        )

    def _forget_done_steps(self):
        _done_steps_cache.forget(self.user.pk)


class SessionTracker:
    """Progress of a guest, kept in their session as plain JSON:
    {course_key: {"language": "ms", "lessons": [lesson_key, ...], "last": iso, "completed": iso|None}}.
    Guests read lessons; other steps (quizzes) need an account."""

    user = None

    def __init__(self, session):
        self.session = session

    def _data(self) -> dict:
        return self.session.get(SESSION_KEY, {})

    def _save(self, data):
        self.session[SESSION_KEY] = data
        self.session.modified = True

    def done_steps(self, found=None) -> DoneSteps:
        return DoneSteps(
            {
                UUID(key): frozenset(UUID(lesson) for lesson in entry.get("lessons", []))
                for key, entry in self._data().items()
            }
        )

    def done_steps_cache_keys(self):
        return []  # a guest's steps are in their session

    def course_keys_by_recent_activity(self) -> list[UUID]:
        entries = sorted(self._data().items(), key=lambda item: item[1].get("last", ""), reverse=True)
        return [UUID(key) for key, _ in entries]

    def _record_lesson(self, course_key, lesson_key, language, when) -> bool:
        data = self._data()
        entry = data.setdefault(str(course_key), {"language": language, "lessons": [], "completed": None})
        created = str(lesson_key) not in entry["lessons"]
        if created:
            entry["lessons"].append(str(lesson_key))
        self._save(data)
        return created

    def _touch_enrolment(self, course_key, language, when):
        data = self._data()
        entry = data.setdefault(str(course_key), {"language": language, "lessons": [], "completed": None})
        entry["language"] = language
        entry["last"] = when.isoformat()
        self._save(data)

    def _stamp_complete(self, course_key, when):
        data = self._data()
        entry = data.get(str(course_key))
        if entry is not None and not entry.get("completed"):
            entry["completed"] = when.isoformat()
            self._save(data)

    def _forget_done_steps(self):
        pass  # nothing kept outside the session


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


def forget_done_steps_of(user_pk):
    """A learner's cached done steps are stale (their account is gone)."""
    _done_steps_cache.forget(user_pk)


# --- The one way progress changes --------------------------------------------------------


@dataclass(frozen=True)
class CompletionResult:
    newly_recorded: bool
    progress: CourseProgress
    course_just_completed: bool = False


def record_step_done(tracker, course, step_page, language=None, when=None, steps=None) -> CompletionResult:
    """Records that the tracked learner did `step_page`, a step of `course`,
    and everything that follows from it, in one transaction:

    1. the step's own record, written by the source its kind belongs to (a
       lesson: a LessonProgress row, or the guest's session; a quiz: its app
       wrote the passed attempt just before, in this same transaction);
    2. the enrolment: begun with the first step, its last activity and language;
    3. the learner's cached done steps move to a new version;
    4. when this step completes the course: the enrolment is stamped complete
       (the first date is kept) and `course_completed` is sent; its receivers
       (the certificate) run in this transaction too.

    A failure anywhere undoes all of it, so a retry does the whole work.
    Idempotent: recording a step again changes nothing and completes nothing.
    A page that is not a live step of the course (a practice quiz, a page
    unpublished meanwhile) records nothing.
    """
    language = language or get_language()
    when = when or timezone.now()
    steps = course_steps(course) if steps is None else steps
    step = next((s for s in steps if s.page.pk == step_page.pk), None)
    if step is None:
        return CompletionResult(False, progress_for(tracker, course, steps))
    source = next(source for source in step_sources() if source.kind == step.kind)
    course_key = course.translation_key
    with transaction.atomic():
        newly = source.record(tracker, course_key, step.key, language, when)
        tracker._touch_enrolment(course_key, language, when)
        tracker._forget_done_steps()  # even when not new: the courses' order by latest activity moved
        if newly and tracker.user is not None:
            step_done.send(
                sender=type(tracker),
                user=tracker.user,
                course_key=course_key,
                step_key=step.key,
                kind=step.kind,
                language=language,
                when=when,
            )
        progress = progress_for(tracker, course, steps)
        just_completed = newly and progress.is_complete
        if just_completed:
            tracker._stamp_complete(course_key, when)
            if tracker.user is not None:  # a guest's completion counts once they sign up
                course_completed.send(
                    sender=type(tracker), user=tracker.user, course_key=course_key, language=language, when=when
                )
    return CompletionResult(newly, progress, just_completed)


OFFLINE_DAYS_KEPT = 30


def when_done_offline(milliseconds, now=None):
    """The moment a learner pressed "Mark complete" offline, as their phone sent
    it (milliseconds since 1970) when the connection came back. A time in the
    future, older than OFFLINE_DAYS_KEPT days or not a number counts as now: a
    phone's clock may be wrong, and a record is never dated where it could not be."""
    now = now or timezone.now()
    try:
        moment = datetime.fromtimestamp(int(milliseconds) / 1000, tz=UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return now
    if moment > now or moment < now - timedelta(days=OFFLINE_DAYS_KEPT):
        return now
    return moment


def complete_lesson(tracker, course, lesson, language=None, when=None) -> CompletionResult:
    """ "Mark complete" on a lesson: `record_step_done` for a lesson step."""
    return record_step_done(tracker, course, lesson, language, when=when)


def merge_guest_progress(session, user) -> int:
    """Moves a guest's session progress onto their account, on sign-up or log-in.

    Safe to run more than once and for a learner who already has progress:
    lessons done on either side count, nothing is duplicated, and a course
    the guest completed is completed (with its certificate) on the account.
    Returns how many lessons were newly recorded, and empties the session's
    record. Each lesson goes through `record_step_done`, in the language and
    at the time the guest used."""
    data = SessionTracker(session)._data()
    if not data:
        return 0
    account = DatabaseTracker(user)
    recorded = 0
    courses = {page.translation_key: page for page in Page.objects.filter(translation_key__in=list(data)).live()}
    for course_key, entry in data.items():
        course = courses.get(UUID(course_key))
        if course is None:  # unpublished since the guest read it
            continue
        steps = course_steps(course)
        by_key = {str(step.key): step.page for step in steps}
        when = _parse_time(entry.get("last"))
        for lesson_key in entry.get("lessons", []):
            if lesson_key in by_key:
                result = record_step_done(account, course, by_key[lesson_key], entry.get("language", "en"), when, steps)
                recorded += result.newly_recorded
    session.pop(SESSION_KEY, None)
    return recorded


def _parse_time(value) -> datetime | None:
    return datetime.fromisoformat(value) if value else None
