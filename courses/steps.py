"""A course's lessons as its steps (see courses.progress), registered with
the `celik_course_steps` hook in wagtail_hooks.py like any other app's."""

from .models.pages import LessonPage, in_own_language
from .models.records import LessonProgress
from .progress import LESSON, children_of


class Lessons:
    kind = LESSON

    def pages_by_course(self, courses):
        lessons = in_own_language(LessonPage.objects.live().filter(children_of(courses))).order_by("path")
        found = {}
        for lesson in lessons.only("id", "title", "slug", "summary", "url_path", "translation_key", "path", "depth"):
            found.setdefault(lesson.path[: -LessonPage.steplen], []).append(lesson)
        return found

    def done_by_course(self, user):
        found = {}
        for course_key, lesson_key in LessonProgress.objects.filter(user=user).values_list("course_key", "lesson_key"):
            found.setdefault(course_key, set()).add(lesson_key)
        return found

    def record(self, tracker, course_key, step_key, language, when):
        return tracker._record_lesson(course_key, step_key, language, when)


lessons = Lessons()
