from django.apps import AppConfig


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = "Courses"

    def ready(self):
        from accounts.personal_data import register_personal_data

        from . import personal_data, signals  # noqa: F401  (signals: attach guest progress on sign-up / log-in)

        register_personal_data("learning", export=personal_data.export, erase=personal_data.erase)
