"""A course's required quiz as a step of the course (see courses.progress),
registered with the `celik_course_steps` hook in wagtail_hooks.py."""

from courses.models import in_own_language
from courses.progress import children_of

from .models.pages import QuizPage
from .models.records import QuizAttempt

QUIZ = "quiz"


class RequiredQuizzes:
    kind = QUIZ

    def pages_by_course(self, courses):
        quizzes = QuizPage.objects.live().filter(children_of(courses), required_for_completion=True)
        quizzes = in_own_language(quizzes).order_by("path")
        found = {}
        for quiz in quizzes.only("id", "title", "summary", "url_path", "translation_key", "path", "depth"):
            found.setdefault(quiz.path[: -QuizPage.steplen], []).append(quiz)
        return found

    def done_by_course(self, user):
        found = {}
        passed = QuizAttempt.objects.filter(user=user, passed=True).order_by().values_list("course_key", "quiz_key")
        passed = passed.distinct()
        for course_key, quiz_key in passed:
            found.setdefault(course_key, set()).add(quiz_key)
        return found

    def record(self, tracker, course_key, step_key, language, when):
        """The passed attempt is the record (quizzes.attempts wrote it in this
        transaction): the step is new when it is the learner's first pass."""
        if tracker.user is None:
            return False  # quizzes need an account
        return QuizAttempt.objects.filter(user=tracker.user, quiz_key=step_key, passed=True).count() == 1


required_quizzes = RequiredQuizzes()
