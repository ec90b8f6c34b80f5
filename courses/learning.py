"""My learning: every course a learner has started, read from the one read
path of progress (courses.progress)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .certificates.codes import certificate_codes_by_course
from .models.pages import CoursePage
from .progress import CourseProgress, course_progress, steps_by_course
from .translations import one_per_translation


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

    A fixed number of queries whatever the number of courses: courses and
    their steps are each fetched in one go, and the learner's done steps come
    from the cache.
    """
    keys = tracker.course_keys_by_recent_activity()
    if not keys:
        return LearningSummary()
    candidates = CoursePage.objects.live().filter(translation_key__in=keys).select_related("cover_image")
    chosen = one_per_translation(candidates, [locale.id])
    steps = steps_by_course(chosen.values())
    done = tracker.done_steps()
    certificates = certificate_codes_by_course(tracker.user) if tracker.user is not None else {}
    summary = LearningSummary()
    for key in keys:
        course = chosen.get(key)
        if course is None:  # unpublished since the learner started it
            continue
        progress = course_progress(steps[course.path], done.in_course(key), key)
        bucket = summary.completed if progress.is_complete else summary.in_progress
        bucket.append(CourseSummary(course=course, progress=progress, certificate_code=certificates.get(key)))
    return summary
