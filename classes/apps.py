from django.apps import AppConfig


class ClassesConfig(AppConfig):
    name = "classes"
    verbose_name = "Classes"

    def ready(self):
        from allauth.account.signals import email_confirmed, password_changed, password_set
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_delete, post_save

        from .assisted import on_email_added, on_password_changed
        from .groups import forget_cached_my_learning
        from .models import Membership
        from .views import join_pending_class

        # An assisted account becomes the learner's own once they confirm an
        # email or choose a password (classes.assisted.mark_owned).
        email_confirmed.connect(on_email_added, dispatch_uid="classes_owned_by_email")
        password_changed.connect(on_password_changed, dispatch_uid="classes_owned_by_password")
        password_set.connect(on_password_changed, dispatch_uid="classes_owned_by_password_set")
        # A learner who came through a class's QR code joins it on signing in.
        user_logged_in.connect(join_pending_class, dispatch_uid="classes_join_pending")
        # My learning lists the learner's classes: its kept copy goes stale.
        post_save.connect(forget_cached_my_learning, sender=Membership, dispatch_uid="classes_membership_saved")
        post_delete.connect(forget_cached_my_learning, sender=Membership, dispatch_uid="classes_membership_deleted")
