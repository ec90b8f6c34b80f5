from django.core.management.base import BaseCommand

from cms.demo import DEMO_ADMIN_EMAIL, DEMO_ADMIN_USERNAME, DemoLoader, set_demo_admin_password


class Command(BaseCommand):
    help = "Loads the demo site, its courses and their translations from cms/demo_content/. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--refresh", action="store_true", help="Rewrite existing demo pages from the data files.")
        parser.add_argument("--no-admin", action="store_true", help="Do not create the demo admin account.")
        parser.add_argument("--reset-admin-password", action="store_true", help="Give the demo admin a new password.")
        parser.add_argument("--no-learners", action="store_true", help="Do not add the synthetic demo learners.")

    def handle(self, *args, refresh=False, no_admin=False, reset_admin_password=False, no_learners=False, **options):
        if reset_admin_password:
            from django.contrib.auth import get_user_model
            from django.core.management.base import CommandError

            if not get_user_model().objects.filter(username=DEMO_ADMIN_USERNAME).exists():
                raise CommandError("There is no demo admin yet: `make run` (or `manage.py load_demo`) creates one.")
            password = set_demo_admin_password()
            self._print_admin(password)
            return
        report = DemoLoader(refresh=refresh).run(with_admin=not no_admin)
        self.stdout.write(self.style.SUCCESS(f"Demo content: {report.line()}."))
        for reason in report.skipped:
            self.stdout.write(self.style.WARNING(f"Not loaded: {reason}."))
        if not no_learners:
            self._classes(with_admin=not no_admin)
            self._statistics(with_admin=not no_admin)
        if report.admin_password:
            self._print_admin(report.admin_password)
        elif not no_admin:
            self.stdout.write(
                f"Demo admin: {DEMO_ADMIN_EMAIL} at /admin/ (password shown when it was created; "
                "`make admin-password` sets a new one)."
            )

    def _statistics(self, with_admin):
        """Synthetic learners so the statistics have something to show, counted;
        the demo admin reviews every country."""
        from django.contrib.auth import get_user_model

        from cms.demo import DEMO_ADMIN_USERNAME
        from stats.models import ReviewerScope
        from stats.refresh import refresh_statistics
        from stats.sample_data import seed_demo_learners

        added = seed_demo_learners()
        snapshot = refresh_statistics()
        self.stdout.write(f"Demo learners: {added} added; statistics counted ({snapshot.enrolments} enrolments).")
        admin = get_user_model().objects.filter(username=DEMO_ADMIN_USERNAME).first()
        if with_admin and admin is not None:
            ReviewerScope.objects.get_or_create(user=admin, defaults={"asean_wide": True})
            self.stdout.write("Statistics: http://127.0.0.1:8000/en/stats/ (the demo admin reviews every country).")

    def _classes(self, with_admin):
        """A school class and a senior centre's group with learners on sign-in
        cards and some progress; the demo admin facilitates both."""
        from django.contrib.auth import get_user_model

        from classes.demo import seed_demo_classes

        admin = get_user_model().objects.filter(username=DEMO_ADMIN_USERNAME).first()
        if not with_admin or admin is None:
            return
        added = seed_demo_classes(admin)
        self.stdout.write(
            f"Demo classes: {added} added. The demo admin facilitates them: http://127.0.0.1:8000/en/classes/"
        )

    def _print_admin(self, password):
        bar = "=" * 64
        self.stdout.write(self.style.WARNING(bar))
        self.stdout.write(self.style.WARNING("  Wagtail admin: http://127.0.0.1:8000/admin/"))
        self.stdout.write(self.style.WARNING(f"  sign in with: {DEMO_ADMIN_EMAIL}   (username {DEMO_ADMIN_USERNAME})"))
        self.stdout.write(self.style.WARNING(f"  password: {password}"))
        self.stdout.write(self.style.WARNING("  Staff need two-factor sign-in: the first visit sets up an"))
        self.stdout.write(self.style.WARNING("  authenticator app (TOTP) and shows recovery codes."))
        self.stdout.write(self.style.WARNING("  Shown once. Run `make admin-password` for a new one."))
        self.stdout.write(self.style.WARNING(bar))
