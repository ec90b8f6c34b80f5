"""The rules of progress, tested directly on courses/progress.py."""

import uuid
from types import SimpleNamespace

import pytest

from courses.learning import learning_summary
from courses.models import Enrollment, LessonProgress
from courses.progress import (
    LESSON,
    CourseStep,
    DatabaseTracker,
    SessionTracker,
    complete_lesson,
    course_progress,
    merge_guest_progress,
)


def fake_lessons(n):
    return [SimpleNamespace(id=i, translation_key=uuid.uuid4(), title=f"L{i}") for i in range(1, n + 1)]


def as_steps(lessons):
    return [CourseStep(lesson, LESSON) for lesson in lessons]


class TestCourseProgress:
    def test_nothing_done_resumes_at_first_lesson(self):
        lessons = fake_lessons(3)
        progress = course_progress(as_steps(lessons), set())
        assert progress.completed == 0
        assert progress.percent == 0
        assert not progress.has_started
        assert progress.resume_step is lessons[0]

    def test_resume_point_is_first_unfinished_lesson_even_after_skipping_ahead(self):
        lessons = fake_lessons(4)
        progress = course_progress(as_steps(lessons), {lessons[0].translation_key, lessons[2].translation_key})
        assert progress.resume_step is lessons[1]
        assert progress.completed == 2
        assert progress.percent == 50
        assert not progress.is_complete

    def test_all_done_is_complete_and_resume_goes_back_to_start(self):
        lessons = fake_lessons(2)
        progress = course_progress(as_steps(lessons), {lesson.translation_key for lesson in lessons})
        assert progress.is_complete
        assert progress.next_step is None
        assert progress.resume_step is lessons[0]

    def test_a_course_without_lessons_is_never_complete(self):
        assert not course_progress([], set()).is_complete

    def test_position_gives_previous_and_next(self):
        lessons = fake_lessons(3)
        position = course_progress(as_steps(lessons), set()).position_of(lessons[1])
        assert (position.number, position.total) == (2, 3)
        assert position.previous is lessons[0]
        assert position.next is lessons[2]
        assert course_progress(as_steps(lessons), set()).position_of(SimpleNamespace(id=99)) is None


@pytest.mark.django_db
class TestCompletingLessons:
    def test_completing_twice_records_once(self, course, learner):
        course_page, lessons = course
        tracker = DatabaseTracker(learner)
        first = complete_lesson(tracker, course_page, lessons[0], "en")
        second = complete_lesson(tracker, course_page, lessons[0], "en")
        assert first.newly_recorded and not second.newly_recorded
        assert LessonProgress.objects.filter(user=learner).count() == 1
        assert Enrollment.objects.filter(user=learner).count() == 1

    def test_last_lesson_completes_the_course_once(self, course, learner):
        course_page, lessons = course
        tracker = DatabaseTracker(learner)
        results = [complete_lesson(tracker, course_page, lesson, "en") for lesson in lessons]
        assert [r.course_just_completed for r in results] == [False, False, True]
        enrollment = Enrollment.objects.get(user=learner)
        first_stamp = enrollment.completed_at
        assert first_stamp is not None
        again = complete_lesson(tracker, course_page, lessons[0], "en")
        assert not again.course_just_completed
        enrollment.refresh_from_db()
        assert enrollment.completed_at == first_stamp

    def test_records_store_keys_and_language_used(self, course, learner):
        course_page, lessons = course
        complete_lesson(DatabaseTracker(learner), course_page, lessons[1], "ms")
        row = LessonProgress.objects.get(user=learner)
        assert row.lesson_key == lessons[1].translation_key
        assert row.course_key == course_page.translation_key
        assert row.language == "ms"

    def test_trackers_are_per_learner(self, course, learner, other_learner):
        course_page, lessons = course
        complete_lesson(DatabaseTracker(learner), course_page, lessons[0], "en")
        assert DatabaseTracker(other_learner).done_steps().in_course(course_page.translation_key) == frozenset()


@pytest.mark.django_db
class TestGuestProgress:
    def test_guest_progress_lives_in_the_session(self, course):
        course_page, lessons = course
        session = {}
        tracker = SessionTracker(_Session(session))
        complete_lesson(tracker, course_page, lessons[0], "vi")
        complete_lesson(tracker, course_page, lessons[0], "vi")
        assert tracker.done_steps().in_course(course_page.translation_key) == {lessons[0].translation_key}

    def test_merge_moves_guest_progress_to_account_and_is_idempotent(self, course, learner):
        course_page, lessons = course
        session = _Session({})
        guest = SessionTracker(session)
        complete_lesson(guest, course_page, lessons[0], "ms")
        complete_lesson(guest, course_page, lessons[1], "ms")
        # The learner had already done lesson 1 on another device.
        complete_lesson(DatabaseTracker(learner), course_page, lessons[0], "en")

        assert merge_guest_progress(session, learner) == 1
        assert merge_guest_progress(session, learner) == 0
        keys = DatabaseTracker(learner).done_steps().in_course(course_page.translation_key)
        assert keys == {lessons[0].translation_key, lessons[1].translation_key}
        assert LessonProgress.objects.filter(user=learner).count() == 2

    def test_completed_guest_course_stays_completed_after_merge(self, course, learner):
        course_page, lessons = course
        session = _Session({})
        for lesson in lessons:
            complete_lesson(SessionTracker(session), course_page, lesson, "en")
        merge_guest_progress(session, learner)
        assert Enrollment.objects.get(user=learner).completed_at is not None


@pytest.mark.django_db
def test_learning_summary_splits_in_progress_and_completed(make_course, learner, locales):
    course_a, lessons_a = make_course("course-a", lessons=2)
    course_b, lessons_b = make_course("course-b", lessons=2)
    tracker = DatabaseTracker(learner)
    for lesson in lessons_a:
        complete_lesson(tracker, course_a, lesson, "en")
    complete_lesson(tracker, course_b, lessons_b[0], "en")
    summary = learning_summary(tracker, locales["en"])
    assert [item.course.id for item in summary.in_progress] == [course_b.id]
    assert [item.course.id for item in summary.completed] == [course_a.id]
    assert summary.in_progress[0].progress.percent == 50


class _Session(dict):
    """A dict standing in for request.session (SessionTracker only needs get/set/modified)."""

    modified = False


def test_one_version_per_translation_in_the_most_wanted_language():
    from courses.translations import one_per_translation

    key_a, key_b = uuid.uuid4(), uuid.uuid4()
    rows = [
        SimpleNamespace(translation_key=key_a, locale_id="en", title="A"),
        SimpleNamespace(translation_key=key_a, locale_id="vi", title="A-vi"),
        SimpleNamespace(translation_key=key_b, locale_id="th", title="B-th"),
        SimpleNamespace(translation_key=key_b, locale_id="ms", title="B-ms"),
    ]
    titles = lambda preferred: {k: r.title for k, r in one_per_translation(rows, preferred).items()}  # noqa: E731
    assert titles(["vi", "vi"]) == {key_a: "A-vi", key_b: "B-th"}  # a repeated wish changes nothing
    assert titles(["ms", "vi"]) == {key_a: "A-vi", key_b: "B-ms"}
    assert titles([]) == {key_a: "A", key_b: "B-th"}  # nothing wanted: the first found
