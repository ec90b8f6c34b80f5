"""Where each page of the course tree stands in every interface language.

Educators translate with wagtail-localize (translate a subtree, sync after the
source changes, PO files for outside translators). This module answers the
question that workflow leaves open: across the whole site, which pages are
translated into which language, and which translations have fallen behind
their source.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

UP_TO_DATE = "up_to_date"
OUTDATED = "outdated"
DRAFT = "draft"
MISSING = "missing"

STATUS_LABELS = {
    UP_TO_DATE: _("Up to date"),
    OUTDATED: _("Needs updating"),
    DRAFT: _("Draft"),
    MISSING: _("Not translated"),
}


@dataclass
class Cell:
    language: str
    status: str
    page: Page | None = None

    @property
    def label(self):
        return STATUS_LABELS[self.status]


@dataclass
class Row:
    page: Page
    level: int
    cells: list[Cell] = field(default_factory=list)

    @property
    def indent(self):
        """Shows the page's place in the tree without relying on styles."""
        return "\u2014 " * self.level


def _changed_at(page):
    return page.last_published_at or page.latest_revision_created_at


def cell_status(source: Page, translation: Page | None) -> str:
    """The state of one translation of *source*.

    A translation is up to date when it was published after the source was
    last published: syncing and publishing it (wagtail-localize's "Sync
    translated pages") brings it back up to date.
    """
    if translation is None:
        return MISSING
    if not translation.live:
        return DRAFT
    source_changed, translation_published = _changed_at(source), translation.last_published_at
    if source_changed and translation_published and translation_published < source_changed:
        return OUTDATED
    return UP_TO_DATE


def source_root() -> Page | None:
    """The home page in the source language, root of everything learners see."""
    locale = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    return Page.objects.filter(depth=2, locale=locale).first() if locale else None


def translation_status(root: Page, languages: list[str]) -> list[Row]:
    """One row per page in *root*'s subtree (tree order), one cell per language.

    Two queries whatever the size of the tree.
    """
    fields = ("id", "title", "depth", "path", "translation_key", "locale_id", "live",
              "last_published_at", "latest_revision_created_at")
    sources = list(root.get_descendants(inclusive=True).only(*fields).order_by("path"))
    translated = {}
    candidates = (
        Page.objects.filter(translation_key__in=[p.translation_key for p in sources])
        .exclude(locale_id=root.locale_id)
        .select_related("locale")
        .only(*fields, "locale__language_code")
    )
    for page in candidates:
        translated[(page.translation_key, page.locale.language_code)] = page
    rows = []
    for source in sources:
        row = Row(page=source, level=source.depth - root.depth)
        for language in languages:
            translation = translated.get((source.translation_key, language))
            row.cells.append(Cell(language, cell_status(source, translation), translation))
        rows.append(row)
    return rows


def summary(rows: list[Row], languages: list[str]) -> dict[str, dict[str, int]]:
    """Per language, how many pages are in each state (for the header of the report)."""
    totals = {language: {status: 0 for status in STATUS_LABELS} for language in languages}
    for row in rows:
        for cell in row.cells:
            totals[cell.language][cell.status] += 1
    return totals
