from django.apps import AppConfig


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = "Courses"

    def ready(self):
        from . import signals  # noqa: F401  (attach guest progress on sign-up / log-in)
