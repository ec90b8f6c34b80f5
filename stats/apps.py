from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "stats"
    verbose_name = "Statistics"

    def ready(self):
        from allauth.account.signals import email_confirmed

        from .reviewers import on_email_confirmed

        # An invited reviewer gets the role once their email is confirmed.
        email_confirmed.connect(on_email_confirmed, dispatch_uid="stats_reviewer_invitation")
