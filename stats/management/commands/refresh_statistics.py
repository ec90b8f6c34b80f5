from django.core.management.base import BaseCommand

from stats.refresh import refresh_statistics


class Command(BaseCommand):
    help = "Counts the ministry statistics again from the learner records (run it from cron, hourly say)."

    def handle(self, *args, **options):
        snapshot = refresh_statistics()
        self.stdout.write(f"Counted {snapshot.enrolments} enrolments in {snapshot.seconds} s.")
