"""Where each page of the course tree stands in every interface language.

Educators translate with wagtail-localize: each translated page is made of
segments (the title, each paragraph, each quiz option...) translated one by
one in the translation editor or a PO file. This module answers, for the
whole site in a handful of queries: per page and language, how many segments
are translated out of how many, and which of four states the translation is
in; and the same rolled up per course (the course and all its pages).

The four states, for a page in the source language and one other language:

- not translated: no page in that language (a placeholder copy of the
  source, see translation_workflow.is_placeholder, does not count), or one
  with none of its segments translated yet;
- behind its source: the source page was published after the translation was
  last brought in line with it (wagtail-localize's "Sync translated pages";
  for a page translated by hand in the ordinary editor, after the
  translation was last published);
- in progress: segments still untranslated, or everything translated but
  not published yet (a draft, or waiting in moderation);
- up to date: live, every segment translated, and published since the
  source last changed.

A page translated by hand (not through the translation editor) has no
segments to count: its state comes from the dates alone.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page, WorkflowState
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from .models import CoursePage, in_own_language

NOT_TRANSLATED = "not_translated"
IN_PROGRESS = "in_progress"
BEHIND = "behind"
UP_TO_DATE = "up_to_date"

STATUS_LABELS = {
    NOT_TRANSLATED: _("Not translated"),
    IN_PROGRESS: _("In progress"),
    BEHIND: _("Behind its source"),
    UP_TO_DATE: _("Up to date"),
}


@dataclass
class Cell:
    """One page (or course) in one language."""

    language: str
    status: str
    page: Page | None = None  # the translation, when there is one
    translated: int | None = None  # segments translated; None when not counted (translated by hand)
    total: int | None = None
    live: bool = False
    in_moderation: bool = False
    pages_up_to_date: int = 0  # course roll-ups only
    pages: int = 0

    @property
    def label(self):
        return STATUS_LABELS[self.status]

    @property
    def counted(self):
        return self.total is not None


@dataclass
class Row:
    page: Page
    level: int
    cells: list[Cell] = field(default_factory=list)

    @property
    def indent(self):
        """Shows the page's place in the tree without relying on styles."""
        return "\u2014 " * self.level


@dataclass
class Translated:
    """What is known of one translation before its state is decided."""

    page: Page
    synced_at: object = None  # the translation source's last sync, for a synced translation
    translated: int | None = None
    total: int | None = None
    in_moderation: bool = False


def cell_status(source: Page, translated: Translated | None) -> str:
    """The state of one translation of *source* (see the module's docstring)."""
    if translated is None:
        return NOT_TRANSLATED
    page = translated.page
    counted = translated.total is not None
    if counted and translated.total and not translated.translated:
        return NOT_TRANSLATED
    source_changed = source.last_published_at
    if counted:
        if source_changed and translated.synced_at and source_changed > translated.synced_at:
            return BEHIND
        complete = translated.translated >= translated.total
        published_since_sync = page.live and page.last_published_at and page.last_published_at >= translated.synced_at
        return UP_TO_DATE if complete and published_since_sync else IN_PROGRESS
    if not page.live:
        return IN_PROGRESS
    if source_changed and page.last_published_at and page.last_published_at < source_changed:
        return BEHIND
    return UP_TO_DATE


def source_root() -> Page | None:
    """The home page in the source language, root of everything learners see."""
    locale = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    return Page.objects.filter(depth=2, locale=locale).first() if locale else None


PAGE_FIELDS = (
    "id",
    "title",
    "depth",
    "path",
    "translation_key",
    "locale_id",
    "live",
    "last_published_at",
    "latest_revision_created_at",
    "content_type_id",
)


def _translations(sources, languages):
    """{(translation_key, language): Translated} for every translation of
    `sources` into `languages`. Five queries, whatever the size of the tree."""
    keys = [page.translation_key for page in sources]
    pages = (
        in_own_language(Page.objects.filter(translation_key__in=keys, locale__language_code__in=languages))
        .select_related("locale")
        .only(*PAGE_FIELDS, "alias_of_id", "locale__language_code")
    )
    found = {(page.translation_key, page.locale.language_code): Translated(page) for page in pages}
    if not found:
        return found

    synced = (
        Translation.objects.filter(source__object_id__in=keys, target_locale__language_code__in=languages, enabled=True)
        .exclude(source__locale_id=F("target_locale_id"))
        .values(
            "source_id",
            "source__object_id",
            "source__last_updated_at",
            "target_locale_id",
            "target_locale__language_code",
        )
    )
    synced = [row for row in synced if (row["source__object_id"], row["target_locale__language_code"]) in found]
    source_ids = {row["source_id"] for row in synced}
    totals = dict(
        StringSegment.objects.filter(source_id__in=source_ids)
        .values("source_id")
        .annotate(count=Count("id"))
        .values_list("source_id", "count")
    )
    # A segment is translated into a language when a translation of its
    # string, in its context, exists there without an error.
    done = {
        (row["translation_of__segments__source_id"], row["locale_id"]): row["count"]
        for row in StringTranslation.objects.filter(
            translation_of__segments__source_id__in=source_ids,
            translation_of__segments__context_id=F("context_id"),
            locale_id__in={row["target_locale_id"] for row in synced},
            has_error=False,
        )
        .values("translation_of__segments__source_id", "locale_id")
        .annotate(count=Count("translation_of__segments__id", distinct=True))
    }
    for row in synced:
        item = found[(row["source__object_id"], row["target_locale__language_code"])]
        item.synced_at = row["source__last_updated_at"]
        item.total = totals.get(row["source_id"], 0)
        item.translated = done.get((row["source_id"], row["target_locale_id"]), 0)

    waiting = set(
        WorkflowState.objects.filter(
            status=WorkflowState.STATUS_IN_PROGRESS,
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id__in=[str(item.page.pk) for item in found.values()],
        ).values_list("object_id", flat=True)
    )
    for item in found.values():
        item.in_moderation = str(item.page.pk) in waiting
    return found


def translation_status(root: Page, languages: list[str]) -> list[Row]:
    """One row per page in *root*'s subtree (tree order), one cell per language."""
    sources = list(
        in_own_language(root.get_descendants(inclusive=True)).only(*PAGE_FIELDS, "alias_of_id").order_by("path")
    )
    translations = _translations(sources, languages)
    rows = []
    for source in sources:
        row = Row(page=source, level=source.depth - root.depth)
        for language in languages:
            translated = translations.get((source.translation_key, language))
            status = cell_status(source, translated)
            cell = Cell(language, status)
            if translated is not None:
                cell.page = translated.page
                cell.translated, cell.total = translated.translated, translated.total
                cell.live, cell.in_moderation = translated.page.live, translated.in_moderation
            row.cells.append(cell)
        rows.append(row)
    return rows


def course_rollup(rows: list[Row], languages: list[str]) -> list[Row]:
    """One row per course: per language, the course and all its pages taken
    together. Segments add up over the pages that have them counted; the
    state is up to date only when every page is, not translated when no page
    is translated at all, behind its source when any page is, and otherwise
    in progress."""
    course_type = ContentType.objects.get_for_model(CoursePage).id
    courses = [row for row in rows if row.page.content_type_id == course_type]
    rollups = []
    for course_row in courses:
        members = [row for row in rows if row.page.path.startswith(course_row.page.path)]
        rollup = Row(page=course_row.page, level=0)
        for index, language in enumerate(languages):
            cells = [row.cells[index] for row in members]
            statuses = {cell.status for cell in cells}
            if statuses == {UP_TO_DATE}:
                status = UP_TO_DATE
            elif statuses == {NOT_TRANSLATED}:
                status = NOT_TRANSLATED
            elif BEHIND in statuses:
                status = BEHIND
            else:
                status = IN_PROGRESS
            counted = [cell for cell in cells if cell.counted]
            rollup.cells.append(
                Cell(
                    language,
                    status,
                    page=course_row.cells[index].page,
                    translated=sum(cell.translated for cell in counted) if counted else None,
                    total=sum(cell.total for cell in counted) if counted else None,
                    pages_up_to_date=sum(1 for cell in cells if cell.status == UP_TO_DATE),
                    pages=len(cells),
                )
            )
        rollups.append(rollup)
    return rollups


def summary(rows: list[Row], languages: list[str]) -> dict[str, dict[str, int]]:
    """Per language, how many pages are in each state (for the header of the report)."""
    totals = defaultdict(lambda: dict.fromkeys(STATUS_LABELS, 0))
    for row in rows:
        for cell in row.cells:
            totals[cell.language][cell.status] += 1
    return {language: totals[language] for language in languages}
