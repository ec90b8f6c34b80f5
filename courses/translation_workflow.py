"""Translating pages with wagtail-localize, without anything reaching learners
before a person decides it should.

Educators translate a course with wagtail-localize ("Translate", with its
subtree), work through its segments in the translation editor or a PO file,
and "Sync translated pages" after the source changes. Out of the box that
makes every new translation live at once, still in the source language, and
lets a sync publish every translation with the source language filling the
gaps. These rules change that:

- A new translation starts as a draft (settings:
  WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False). So does a
  placeholder that becomes one (`starts_as_draft`, below).
- A placeholder, the copy of a source page that Wagtail leaves in another
  language's tree where nothing is translated yet (an alias: the course above
  a lesson translated on its own, or every page of a synchronised locale), is
  never served nor listed in that language (`is_placeholder`,
  `courses.models.in_own_language`, cms/wagtail_hooks.py).
- A translation goes live only once every one of its segments is translated:
  "Publish" in the translation editor, submitting it for moderation and
  publishing a whole course all check `untranslated_segments` first, and a
  moderator approves what was submitted (Wagtail's workflow, where one applies
  to the page).
- "Sync translated pages" only brings the new and changed segments in for
  translating (translation_sync_view); it never publishes.

And one repair: wagtail-localize issue #773 leaves a translated parent's stored
child count at 0 when it publishes a subtree, so the page explorer shows the
translated course without its lessons (`repair_child_count`).
"""

from dataclasses import dataclass

from django import forms
from django.db import transaction
from django.utils.text import slugify
from wagtail.actions.publish_page_revision import PublishPageRevisionAction
from wagtail.coreutils import find_available_slug
from wagtail.models import Page
from wagtail_localize.fields import copy_synchronised_fields
from wagtail_localize.models import Translation
from wagtail_localize.segments.ingest import ingest_segments
from wagtail_localize.views.update_translations import UpdateTranslationsForm, UpdateTranslationsView


@dataclass(frozen=True)
class Progress:
    """How much of a translation is done: segments translated out of total."""

    translated: int
    total: int

    @property
    def missing(self):
        return self.total - self.translated

    @property
    def complete(self):
        return self.translated >= self.total


class TranslationIncomplete(Exception):
    """A translation with segments still in the source language may not go live."""

    def __init__(self, progress):
        super().__init__(f"{progress.missing} of {progress.total} segments not translated")
        self.progress = progress


class NoModeration(Exception):
    """No moderation workflow applies to the page, or the person may not submit it."""


def synced_translation(page):
    """The wagtail-localize translation that fills `page` from its source
    (translated segment by segment in the translation editor), or None for a
    source page or one translated by hand in the ordinary editor."""
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .select_related("source", "target_locale")
        .first()
    )


def segment_progress(translation) -> Progress:
    total, translated = translation.get_progress()
    return Progress(translated=translated, total=total)


def untranslated_segments(page) -> Progress | None:
    """The translation progress of `page` when it is a synced translation with
    segments still untranslated; None when nothing stops it going live."""
    translation = synced_translation(page)
    if translation is None:
        return None
    progress = segment_progress(translation)
    return None if progress.complete else progress


def is_placeholder(page) -> bool:
    """True for a copy of a page of another language standing in this
    language's tree (a Wagtail alias made by wagtail-localize or a
    synchronised locale): its content is the source language's."""
    return bool(
        page.alias_of_id and Page.objects.filter(pk=page.alias_of_id).exclude(locale_id=page.locale_id).exists()
    )


def save_translated_draft(translation, user=None):
    """A new draft revision of the translated page made from its current
    translations, leaving what learners see untouched.

    wagtail-localize's own `save_target(publish=False)` writes the translated
    content into the page itself, which for a live page is what learners are
    served; this saves it only as a revision, as Wagtail's "Save draft" does.
    Segments not translated yet keep the source text (the revision cannot go
    live in that state: see `submit_for_moderation`)."""
    source = translation.source
    page = source.get_translated_instance(translation.target_locale)
    original = source.as_instance()
    copy_synchronised_fields(original, page)
    # wagtail-localize's own assembly of a translation from its segments
    # (TranslationSource.create_or_update_translation does the same).
    segments = source._get_segments_for_translation(translation.target_locale, fallback=True)
    ingest_segments(original, page, source.locale, translation.target_locale, segments)
    page.slug = find_available_slug(page.get_parent(), slugify(page.slug), ignore_page_id=page.id)
    return page.save_revision(user=user, log_action=True)


@transaction.atomic
def submit_for_moderation(page, user):
    """Sends a translated page to the moderation workflow that applies to it,
    as Wagtail's "Submit for moderation" does for a page written by hand:
    its current translations become a draft revision, which a moderator then
    approves (and so publishes) or sends back. Returns the workflow state.

    Raises NoModeration when no workflow applies or `user` may not submit the
    page, and TranslationIncomplete while segments remain untranslated."""
    page = page.specific
    workflow = page.get_workflow()
    if workflow is None or not page.permissions_for_user(user).can_submit_for_moderation():
        raise NoModeration
    translation = synced_translation(page)
    if translation is not None:
        progress = segment_progress(translation)
        if not progress.complete:
            raise TranslationIncomplete(progress)
        save_translated_draft(translation, user)
        page.refresh_from_db()
    if page.workflow_in_progress:
        page.current_workflow_state.cancel(user=user)  # the newer draft replaces what was waiting
    return workflow.start(page, user)


def make_ready_to_publish(page, user):
    """Before a person publishes a translation from the translation editor:
    refuses (TranslationIncomplete) while segments remain untranslated, and
    withdraws what is waiting in moderation, which this publication replaces
    (Wagtail's own editor does the same when a publisher publishes)."""
    progress = untranslated_segments(page)
    if progress is not None:
        raise TranslationIncomplete(progress)
    if page.workflow_in_progress:
        page.current_workflow_state.cancel(user=user)


def publish_latest_revision(page, user):
    """Publishes what a page written by hand has in its latest revision."""
    revision = page.get_latest_revision()
    if page.workflow_in_progress:
        page.current_workflow_state.cancel(user=user)
    PublishPageRevisionAction(revision, user=user).execute()


def starts_as_draft(page):
    """Called as a placeholder becomes a real translation (wagtail-localize
    sets its alias_of to None, then fills it from the source): the page stops
    being served until a person publishes it, like any new translation.
    Without this, the placeholder's live status would carry over and the
    page, now an ordinary page still holding the source language's text,
    would be served in the other language."""
    page.live = False
    page.has_unpublished_changes = True


def repair_child_count(page):
    """Sets `page.numchild` to the number of pages really below it.

    wagtail-localize issue #773: translating a page with its subtree and
    publishing it saves the page from a copy taken before its children were
    made, so its stored child count stays 0; treebeard and Wagtail's page
    explorer then show it with no children at all. Run after every
    publication (courses/signals.py): one query, and a second only when the
    count was wrong. `manage.py fixtree` repairs a whole existing tree."""
    actual = Page.objects.filter(path__startswith=page.path, depth=page.depth + 1).count()
    if actual != page.numchild:
        Page.objects.filter(pk=page.pk).update(numchild=actual)
        page.numchild = actual
    return actual


class SyncWithoutPublishingForm(UpdateTranslationsForm):
    """wagtail-localize's "Sync translated pages" form without its "Publish
    immediately", which would publish every translation at once, with the
    source language in place of whatever is not yet translated."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["publish_translations"].widget = forms.HiddenInput()

    def clean(self):
        cleaned = super().clean()
        cleaned["publish_translations"] = False  # whatever was posted
        return cleaned


class SyncTranslationsView(UpdateTranslationsView):
    """Brings a source page's new and changed segments into its translations,
    to be translated and then published (or submitted) one by one."""

    def get_form(self):
        return SyncWithoutPublishingForm(self.request.POST if self.request.method == "POST" else None)


translation_sync_view = SyncTranslationsView.as_view()
