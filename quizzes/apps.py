from django.apps import AppConfig


class QuizzesConfig(AppConfig):
    """Quizzes arrive with their own issue; the app exists so the layout is settled."""

    name = "quizzes"
    verbose_name = "Quizzes"
