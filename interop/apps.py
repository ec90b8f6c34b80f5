from django.apps import AppConfig


class InteropConfig(AppConfig):
    name = "interop"
    verbose_name = "LTI and xAPI"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import receivers  # noqa: F401  (connect them)
