"""A course's required quiz as a step of the course (see courses.progress)."""

from django.db.models import Q
from wagtail.models import Page


class RequiredQuizzes:
    def steps_by_course(self, courses):
        from .models import QuizPage

        children = Q()
        for course in courses:
            children |= Q(path__startswith=course.path, depth=course.depth + 1)
        result = {}
        quizzes = QuizPage.objects.live().filter(children, required_for_completion=True).order_by("path")
        for quiz in quizzes.only("id", "title", "summary", "url_path", "translation_key", "path", "depth"):
            result.setdefault(quiz.path[: -Page.steplen], []).append(quiz)
        return result

    def done_keys(self, tracker, keys):
        """Quizzes need an account: a guest has passed none."""
        from .models import QuizAttempt

        user = getattr(tracker, "user", None)
        if user is None:
            return set()
        passed = QuizAttempt.objects.filter(user=user, quiz_key__in=list(keys), passed=True)
        return set(passed.values_list("quiz_key", flat=True).distinct())

    def all_done_keys(self, tracker):
        """Every quiz the learner has passed."""
        from .models import QuizAttempt

        user = getattr(tracker, "user", None)
        if user is None:
            return set()
        return set(QuizAttempt.objects.filter(user=user, passed=True).values_list("quiz_key", flat=True).distinct())


required_quizzes = RequiredQuizzes()
