from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from accounts.models import Country
from stats import reviewers
from stats.models import ReviewerInvitation, ReviewerScope
from stats.tasks import dashboard_url


class Command(BaseCommand):
    help = (
        "Makes someone a ministry reviewer for some countries (or ASEAN-wide), or takes the role away. "
        "An email with no account yet gets an invitation; the role applies when they sign up with it."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--countries", help="Comma-separated ISO codes, e.g. MY,SG")
        group.add_argument("--asean", action="store_true", help="Every country")
        group.add_argument("--revoke", action="store_true", help="Take the role away (and the person's API tokens)")
        parser.add_argument("--language", default="en", help="Language of the invitation email and address (en, ms…)")

    def handle(self, email, countries=None, asean=False, revoke=False, language="en", **options):
        if revoke:
            self._revoke(email)
            return
        codes = []
        if countries:
            codes = [code.strip().upper() for code in countries.split(",") if code.strip()]
            unknown = [code for code in codes if code not in dict(Country.choices)]
            if unknown:
                raise CommandError(
                    f"Unknown country codes: {', '.join(unknown)}. Known: {', '.join(dict(Country.choices))}."
                )
        if not asean and not codes:
            raise CommandError("Give at least one country (--countries MY) or --asean.")
        with translation.override(language):
            result = reviewers.grant(email, countries=codes, asean_wide=asean)
            where = dashboard_url(language)
        if isinstance(result, ReviewerInvitation):
            self.stdout.write(
                f"Nobody signs in with {email} yet: an invitation has been emailed. "
                f"Once they sign up with that email and confirm it, they review: {result.scope_label}."
            )
        else:
            self.stdout.write(
                f"{email} reviews: {result.scope_label}. They will set up two-factor sign-in on first visit."
            )
        self.stdout.write(f"The statistics: {where}")

    def _revoke(self, email):
        user = reviewers.account_for(email)
        invitation = ReviewerInvitation.objects.filter(email__iexact=email).first()
        if invitation is not None:
            reviewers.withdraw_invitation(invitation)
            self.stdout.write(f"The invitation for {email} is withdrawn.")
        if user is None:
            if invitation is None:
                raise CommandError(f"Nobody signs in with {email}, and no invitation waits for it.")
            return
        had_role = ReviewerScope.objects.filter(user=user).exists()
        reviewers.revoke(user)
        self.stdout.write(
            f"{email} is no longer a reviewer; their API tokens no longer work."
            if had_role
            else f"{email} was not a reviewer."
        )
