from django.apps import AppConfig


class QuizzesConfig(AppConfig):
    name = "quizzes"
    verbose_name = "Quizzes"

    def ready(self):
        from courses.progress import register_step_source

        from .steps import required_quizzes

        register_step_source(required_quizzes)
