from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "stats"
    verbose_name = "Statistics"

    def ready(self):
        from accounts.two_factor import register_staff_role

        from .scopes import is_reviewer

        # Reviewers are staff: the statistics area asks them for a second factor.
        register_staff_role(is_reviewer)
