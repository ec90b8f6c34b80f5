"""Sends the xAPI outbox now (for cron, or after the LRS was down a while)."""

from django.core.management.base import BaseCommand

from interop.sending import send_due_statements


class Command(BaseCommand):
    help = "Sends the xAPI statements waiting in the outbox to the Learning Record Store (XAPI_ENDPOINT)."

    def handle(self, *args, **options):
        report = send_due_statements()
        self.stdout.write(f"sent {report.sent}, failed {report.failed}, waiting {report.waiting}")
