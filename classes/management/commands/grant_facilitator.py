from django.core.management.base import BaseCommand, CommandError

from classes import roles
from classes.models import Facilitator


class Command(BaseCommand):
    help = (
        "Makes someone a facilitator (they create classes and follow their learners on the site), "
        "or takes the role away. The person signs up first, like any learner."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--revoke", action="store_true", help="Take the role away")

    def handle(self, email, revoke=False, **options):
        user = roles.account_for(email)
        if user is None:
            raise CommandError(f"Nobody signs in with {email}: they sign up first.")
        if revoke:
            had = roles.revoke(user)
            self.stdout.write(f"{email} is no longer a facilitator." if had else f"{email} was not a facilitator.")
            return
        existed = Facilitator.objects.filter(user=user).exists()
        roles.grant(user)
        if existed:
            self.stdout.write(f"{email} is already a facilitator.")
        else:
            self.stdout.write(f"{email} is now a facilitator: their classes are under “My classes” on the site.")
