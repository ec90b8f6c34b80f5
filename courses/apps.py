from django.apps import AppConfig


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = "Courses"

    def ready(self):
        from . import receivers, segment_labels  # noqa: F401  (receivers: connect them)

        segment_labels.install()
