from django.apps import AppConfig


class QuizzesConfig(AppConfig):
    name = "quizzes"
    verbose_name = "Quizzes"

    def ready(self):
        from accounts.personal_data import register_personal_data
        from courses.progress import register_step_source

        from . import personal_data
        from .steps import required_quizzes

        register_step_source(required_quizzes)
        register_personal_data("quiz_attempts", export=personal_data.export, erase=personal_data.erase)
