"""What the courses app does when something happens elsewhere (connected in
CoursesConfig.ready): a guest's lessons follow them into their account, a
completed course earns its certificate, and the page tree stays true as
pages are translated and published."""

from allauth.account.signals import user_signed_up
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published

from .certificates.issuing import issue_certificate
from .models import in_own_language
from .progress import forget_done_steps_of, merge_guest_progress
from .signals import course_completed
from .translation_workflow import repair_child_count, starts_as_draft


@receiver(user_signed_up)
@receiver(user_logged_in)
def attach_guest_progress(sender, request, user, **kwargs):
    """A guest's lessons follow them into their account, on sign-up or log-in."""
    if request is not None and hasattr(request, "session"):
        merge_guest_progress(request.session, user)


@receiver(course_completed)
def certify_completion(sender, user, course_key, when, **kwargs):
    """A completed course earns its certificate, once."""
    issue_certificate(user, course_key, when)


@receiver(post_delete, sender=get_user_model())
def forget_erased_learner(sender, instance, **kwargs):
    forget_done_steps_of(instance.pk)


@receiver(page_published)
def keep_child_count_true(sender, instance, **kwargs):
    """wagtail-localize #773: see translation_workflow.repair_child_count."""
    repair_child_count(instance)


@receiver(pre_save)
def note_placeholder_becoming_translation(sender, instance, update_fields=None, **kwargs):
    """Wagtail and wagtail-localize turn an alias into an ordinary page by
    saving only its emptied alias_of; when that alias was a placeholder for a
    page of another language, the page is about to hold a translation that
    nobody has published yet (translation_workflow.starts_as_draft)."""
    if not isinstance(instance, Page) or not update_fields or not set(update_fields) <= {"alias_of", "alias_of_id"}:
        return
    if instance.alias_of_id is None and instance.pk:
        # The row still holds the alias being given up.
        instance._was_placeholder = not in_own_language(Page.objects.filter(pk=instance.pk)).exists()


@receiver(post_save)
def placeholder_becomes_a_draft(sender, instance, **kwargs):
    if getattr(instance, "_was_placeholder", False):
        del instance._was_placeholder
        starts_as_draft(instance)
        Page.objects.filter(pk=instance.pk).update(live=False, has_unpublished_changes=True)
