"""Present mode: a lesson on the room's screen, one teaching block at a time
in large type, while learners follow on their phones. Plain links step
forwards and back (no JavaScript needed); the arrow keys do too where
JavaScript runs."""

from __future__ import annotations

from dataclasses import dataclass

from courses.models import LessonPage
from courses.progress import LESSON

from .courses_offered import class_steps


@dataclass(frozen=True)
class Slide:
    course: object
    lesson: object
    block: object  # one StreamField child, or None for the title slide
    number: int  # 0: the title slide; 1..total: the blocks
    total: int
    previous_lesson: object | None
    next_lesson: object | None

    @property
    def previous_number(self):
        return self.number - 1 if self.number > 0 else None

    @property
    def next_number(self):
        return self.number + 1 if self.number < self.total else None


def class_lessons(klass):
    """[(course, [lesson, ...]), ...]: the lessons a facilitator can present."""
    return [(course, [step.page for step in steps if step.kind == LESSON]) for course, steps in class_steps(klass)]


def slide(klass, lesson_id, number) -> Slide | None:
    """The `number`th block of the lesson (0 is its title), or None when the
    lesson is not one of the class's. A number out of range shows the
    nearest slide."""
    for course, lessons in class_lessons(klass):
        keys = [lesson.pk for lesson in lessons]
        if lesson_id not in keys:
            continue
        index = keys.index(lesson_id)
        lesson = LessonPage.objects.get(pk=lesson_id)
        blocks = list(lesson.body)
        try:
            number = int(number)
        except (TypeError, ValueError):
            number = 0
        number = max(0, min(number, len(blocks)))
        return Slide(
            course=course,
            lesson=lesson,
            block=blocks[number - 1] if number > 0 else None,
            number=number,
            total=len(blocks),
            previous_lesson=lessons[index - 1] if index > 0 else None,
            next_lesson=lessons[index + 1] if index + 1 < len(lessons) else None,
        )
    return None
