from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts.models import Country
from stats.models import ReviewerScope


class Command(BaseCommand):
    help = "Makes someone a ministry reviewer for some countries (or ASEAN-wide), or takes the role away."

    def add_arguments(self, parser):
        parser.add_argument("email")
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--countries", help="Comma-separated ISO codes, e.g. MY,SG")
        group.add_argument("--asean", action="store_true", help="Every country")
        group.add_argument("--revoke", action="store_true", help="Take the role away")

    def handle(self, email, countries=None, asean=False, revoke=False, **options):
        user = get_user_model().objects.filter(email__iexact=email).first()
        if user is None:
            raise CommandError(f"Nobody signs in with {email}.")
        if revoke:
            deleted, _ = ReviewerScope.objects.filter(user=user).delete()
            self.stdout.write(f"{email} is no longer a reviewer." if deleted else f"{email} was not a reviewer.")
            return
        codes = []
        if countries:
            codes = [code.strip().upper() for code in countries.split(",") if code.strip()]
            unknown = [code for code in codes if code not in dict(Country.choices)]
            if unknown:
                raise CommandError(f"Unknown country codes: {', '.join(unknown)}. Known: {', '.join(dict(Country.choices))}.")
        role, _ = ReviewerScope.objects.update_or_create(user=user, defaults={"asean_wide": asean, "countries": codes})
        self.stdout.write(f"{email} reviews: {role.scope_label}. They will set up two-factor sign-in on first visit.")
