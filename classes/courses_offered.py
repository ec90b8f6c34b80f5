"""The courses a class can follow, and a class's courses with their steps,
in the reader's language where translated."""

from __future__ import annotations

from uuid import UUID

from wagtail.models import Locale

from courses.models import CoursePage
from courses.progress import steps_by_course
from courses.translations import one_per_translation


def live_courses(locale=None) -> dict:
    """{translation_key: CoursePage}: every live course once, in `locale`
    where translated."""
    locale = locale or Locale.get_active()
    pages = CoursePage.objects.live().public().order_by("path")
    return one_per_translation(pages, [locale.id])


def course_choices(locale=None):
    return [(str(key), page.title) for key, page in live_courses(locale).items()]


def class_courses(klass, locale=None) -> list:
    """The class's courses (live ones, in the order chosen), each a CoursePage."""
    wanted = [UUID(key) for key in klass.course_keys]
    pages = CoursePage.objects.live().public().filter(translation_key__in=wanted)
    chosen = one_per_translation(pages, [(locale or Locale.get_active()).id])
    return [chosen[key] for key in wanted if key in chosen]


def class_steps(klass, locale=None):
    """[(course, [CourseStep, ...]), ...] for the class's courses."""
    courses = class_courses(klass, locale)
    steps = steps_by_course(courses)
    return [(course, steps[course.path]) for course in courses]
