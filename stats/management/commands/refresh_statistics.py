from django.core.management.base import BaseCommand

from stats.refresh import refresh_statistics


class Command(BaseCommand):
    help = (
        "Counts the ministry statistics again from the learner records (run it from cron, hourly say): "
        "only what changed since the last count, unless --full."
    )

    def add_arguments(self, parser):
        parser.add_argument("--full", action="store_true", help="Count every enrolment (e.g. nightly or weekly)")

    def handle(self, *args, full=False, **options):
        snapshot = refresh_statistics(full=True if full else None)
        self.stdout.write(
            f"Counted {snapshot.enrolments} enrolments ({snapshot.kind}, {snapshot.changed} counted again) "
            f"in {snapshot.seconds} s."
        )
