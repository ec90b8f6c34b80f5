"""Builds the demo site from the data files in cms/demo_content/ (read by
cms/demo_bundles.py) through Wagtail's and wagtail-localize's own APIs.

1. The English source: pages created with add_child and published as
   revisions, snippets saved, exactly as an educator's would be.
2. Every other language, as wagtail-localize translations of that source:
   a TranslationSource for each source page or snippet, a Translation for
   each language, the PO file's texts imported as its string translations
   (marked as machine translations), and the translated page made and
   published by wagtail-localize. So "Sync translated pages", the
   translation editor and Reports > Translation status work on demo pages
   as on any other. Each translated page is recorded as machine-drafted
   and awaiting native review (courses/review/).

A language's bundle (the site, or one course) is loaded only when its PO
file translates every text: a half-translated course is never published.

Re-runnable: what already exists is found again (by slug for source pages,
by code or key for snippets, by translation_key for translations) and left
as it is, so an educator's edits to a demo page survive a restart.
`refresh=True` rewrites the demo pages from the files instead (a
translation's review is kept when its text did not change). Nothing is ever
created twice.
"""

from __future__ import annotations

import io
import secrets
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone
from modelsearch.index import get_indexed_models
from modelsearch.signal_handlers import post_save_signal_handler as index_on_save
from modelsearch.tasks import insert_or_update_object_task
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.tasks import update_reference_index_task
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from courses.models import (
    Competence,
    CourseIndexPage,
    CoursePage,
    Pillar,
    ReportingChannel,
    TranslationReview,
)
from courses.review.status import record_draft

from . import demo_images
from .demo_bundles import (
    CONTENT_DIR,
    SOURCE_LANGUAGE,
    UNTRANSLATED_PATHS,
    Bundle,
    DemoContentError,
    SourceObject,
    Translations,
    course_directories,
    markup_problems,
    read_course,
    read_site,
)
from .models import HomePage

DEMO_ADMIN_USERNAME = "admin"
DEMO_ADMIN_EMAIL = "admin@celik.invalid"
TOOL_NAME = "Celik demo content"


@contextmanager
def indexing_once():
    """While the demo is built, pages are saved several times each (created,
    translated, given a revision, published), and every save would index the
    page for search and for Wagtail's reference index, each a background
    task (run at once in development). Inside this block those are held
    back; the caller indexes each object it touched once, after.

    Signals are process-wide: this is for the load_demo command and the
    tests, never for a process serving the admin at the same time."""
    models = get_indexed_models()
    for model in models:
        post_save.disconnect(index_on_save, sender=model)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in models:
            post_save.connect(index_on_save, sender=model)


def index(objects):
    """Search and reference indexing, once per object (see indexing_once)."""
    indexed = set(get_indexed_models())
    for obj in objects:
        label = (obj._meta.app_label, obj._meta.model_name, str(obj.pk))
        if type(obj) in indexed:
            insert_or_update_object_task.enqueue(*label)
        update_reference_index_task.enqueue(*label)


@dataclass
class Report:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    admin_password: str | None = None

    def line(self):
        return f"{len(self.created)} created, {len(self.updated)} updated"


class DemoLoader:
    def __init__(self, refresh=False, content_dir: Path = CONTENT_DIR, courses=None, languages=None):
        """`courses`: load only these course slugs; `languages`: only these
        languages (English is always loaded). Both default to everything."""
        self.refresh = refresh
        self.content_dir = content_dir
        self.only_courses = set(courses) if courses else None
        self.only_languages = set(languages) | {SOURCE_LANGUAGE} if languages else None
        self.report = Report()
        self._locales = {}
        self._sources = {}
        self._touched = {}

    # --- helpers -----------------------------------------------------------

    def locale(self, code) -> Locale:
        if code not in self._locales:
            self._locales[code] = Locale.objects.get(language_code=code)
        return self._locales[code]

    def _note(self, created, text, instance=None):
        (self.report.created if created else self.report.updated).append(text)
        if instance is not None:
            self._touched[(type(instance), instance.pk)] = instance

    def _save_page(self, page, fields: dict, created: bool):
        """Sets fields and publishes a revision, on creation or when refreshing."""
        if not created and not self.refresh:
            return page
        for name, value in fields.items():
            setattr(page, name, value)
        page.save()
        page.save_revision().publish()
        self._note(created, f"{page.locale.language_code}:{page.url_path}", page)
        return page

    def _source_child(self, parent, model, fields):
        existing = model.objects.child_of(parent).filter(slug=fields["slug"]).first()
        if existing is not None:
            return self._save_page(existing, fields, created=False)
        page = model(locale=parent.locale, **fields)
        parent.add_child(instance=page)
        return self._save_page(page, {}, created=True)

    def _source_snippet(self, model, lookup: dict, fields: dict):
        row = model.objects.filter(locale=self.locale(SOURCE_LANGUAGE), **lookup).first()
        created = row is None
        if created:
            row = model(locale=self.locale(SOURCE_LANGUAGE), **fields)
        elif self.refresh:
            for name, value in fields.items():
                setattr(row, name, value)
        if created or self.refresh:
            row.save()
            self._note(created, f"{model.__name__} {row}", row)
        return row

    def _competences(self, codes, locale):
        return list(Competence.objects.filter(code__in=codes, locale=locale))

    def _wanted(self, language) -> bool:
        return self.only_languages is None or language in self.only_languages

    # --- the English source --------------------------------------------------

    def ensure_locales(self):
        for code, _name in settings.LANGUAGES:
            Locale.objects.get_or_create(language_code=code)

    def load_site_source(self, bundle: Bundle):
        """The framework, the home page, the catalogue and the reporting
        channels, in English. Returns {object key: instance}."""
        made = {}
        for obj in bundle.objects:
            if obj.model is Pillar:
                made[obj.key] = self._source_snippet(Pillar, {"code": obj.fields["code"]}, obj.fields)
            elif obj.model is Competence:
                fields = {**obj.fields, "pillar": made[f"pillar:{obj.links['pillar']}"]}
                made[obj.key] = self._source_snippet(Competence, {"code": obj.fields["code"]}, fields)
            elif obj.model is ReportingChannel:
                key = obj.fields["translation_key"]
                made[obj.key] = self._source_snippet(ReportingChannel, {"translation_key": key}, obj.fields)
            elif obj.model is HomePage:
                made[obj.key] = self._home(obj.fields)
            elif obj.model is CourseIndexPage:
                made[obj.key] = self._source_child(made["home"], CourseIndexPage, obj.fields)
        return made

    def _home(self, fields):
        english = self.locale(SOURCE_LANGUAGE)
        # Wagtail's installer leaves a plain "Welcome" page (slug "home") as the site root.
        Page.objects.filter(depth=2, content_type__model="page", content_type__app_label="wagtailcore").delete()
        home = HomePage.objects.filter(depth=2, locale=english).first()
        if home is None:
            home = HomePage(locale=english, **fields)
            Page.get_first_root_node().add_child(instance=home)
            self._save_page(home, {}, created=True)
        else:
            self._save_page(home, {k: v for k, v in fields.items() if k != "slug"}, created=False)
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Celik")
        elif site.root_page_id != home.id:
            site.root_page, site.site_name = home, "Celik"
            site.save()
        return home

    def load_course_source(self, bundle: Bundle, index) -> dict:
        english = self.locale(SOURCE_LANGUAGE)
        made = {}
        for obj in bundle.objects:
            fields = dict(obj.fields)
            if "competences" in obj.links:
                fields["competences"] = self._competences(obj.links["competences"], english)
            if obj.model is CoursePage:
                fields["cover_image"] = self._cover_image(bundle.name, obj.links.get("cover", {}))
                made[obj.key] = self._source_child(index, CoursePage, fields)
            else:
                made[obj.key] = self._source_child(made["course"], obj.model, fields)
        return made

    # --- translations ----------------------------------------------------------

    def translate_bundle(self, bundle: Bundle, made: dict):
        """Every language the bundle has a complete PO file for."""
        for language in bundle.languages():
            if not self._wanted(language):
                continue
            if not self.refresh and all(made[obj.key].has_translation(self.locale(language)) for obj in bundle.objects):
                continue
            try:
                missing = bundle.missing(language)
                if missing:
                    self.report.skipped.append(
                        f"{bundle.name} in {language}: {len(missing)} of {sum(len(o.texts) for o in bundle.objects)} "
                        f"texts not translated yet in {bundle.po_path(language).relative_to(self.content_dir)}"
                    )
                    continue
                translations = bundle.translations(language)
                plan = self._plan(bundle, made, language, translations)
            except DemoContentError as error:
                # A translator's slip (a broken tag, an unreadable file) costs that language, not the demo.
                self.report.skipped.append(f"{bundle.name} in {language}: {error}")
                continue
            if plan is None:
                continue
            with transaction.atomic():
                for obj, instance, source, wanted in plan:
                    self._apply(obj, instance, source, language, wanted, translations)

    def _plan(self, bundle, made, language, translations):
        """What each object's translation needs, found before anything is
        written, so that a language is loaded whole or not at all."""
        locale = self.locale(language)
        plan, planned_pages = [], set()
        for obj in bundle.objects:
            instance = made[obj.key]
            if isinstance(instance, Page):
                parent = instance.get_parent()
                if parent.depth > 1 and parent.pk not in planned_pages and not parent.has_translation(locale):
                    self.report.skipped.append(f"{bundle.name} in {language}: {obj.key} has no translated parent page")
                    return None
                planned_pages.add(instance.pk)
            if not self.refresh and instance.has_translation(locale):
                continue
            source = self._source(instance)
            # Pages keep their English slug; the home pages, siblings under the root, need one each.
            slug = None
            if isinstance(instance, Page):
                slug = instance.slug if instance.depth > 2 else f"{instance.slug}-{language}"
            wanted, missing = self._strings(source, obj, translations, slug)
            if missing:
                # The English page in the database differs from the data files (an educator edited it).
                self.report.skipped.append(
                    f"{bundle.name} in {language}: the English {obj.key} differs from the data files "
                    f"({len(missing)} texts without a translation); `load_demo --refresh` restores it"
                )
                return None
            plan.append((obj, instance, source, wanted))
        return plan

    def _source(self, instance) -> TranslationSource:
        key = (type(instance).__name__, instance.pk)
        if key not in self._sources:
            self._sources[key], _ = TranslationSource.update_or_create_from_instance(instance)
        return self._sources[key]

    def _strings(self, source, obj: SourceObject, translations: Translations, slug):
        """{(string id, context id): translated text} for every text of
        `source`, and the texts without a translation."""
        wanted, missing = {}, []
        for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
            path, text = segment.context.path, segment.string.data
            value = slug if path in UNTRANSLATED_PATHS else translations.lookup(obj.key, path, text)
            if value is None:
                missing.append(text)
                continue
            problems = markup_problems(text, value, strict=False)
            if problems:
                raise DemoContentError(f"{translations.path}, {obj.context(path)}: {'; '.join(problems)}")
            wanted[(segment.string_id, segment.context_id)] = value
        return wanted, missing

    def _import(self, locale, wanted, translations: Translations) -> bool:
        """Writes the string translations in bulk (wagtail-localize's own
        import_po would take four queries a text). True if any changed."""
        kind = StringTranslation.TRANSLATION_TYPE_MANUAL
        if translations.origin == TranslationReview.Origin.MACHINE:
            kind = StringTranslation.TRANSLATION_TYPE_MACHINE
        tool = f"{TOOL_NAME}: {translations.path.relative_to(self.content_dir)}"
        existing = {
            (row.translation_of_id, row.context_id): row
            for row in StringTranslation.objects.filter(
                locale=locale, context_id__in={context for _string, context in wanted}
            )
        }
        now = timezone.now()
        new, changed = [], []
        for (string_id, context_id), value in wanted.items():
            row = existing.get((string_id, context_id))
            if row is None:
                new.append(
                    StringTranslation(
                        translation_of_id=string_id,
                        locale=locale,
                        context_id=context_id,
                        data=value,
                        translation_type=kind,
                        tool_name=tool,
                        updated_at=now,
                    )
                )
            elif row.data != value or row.has_error:
                row.data, row.has_error, row.field_error = value, False, ""
                row.translation_type, row.tool_name, row.updated_at = kind, tool, now
                changed.append(row)
        StringTranslation.objects.bulk_create(new)
        StringTranslation.objects.bulk_update(
            changed, ["data", "has_error", "field_error", "translation_type", "tool_name", "updated_at"]
        )
        return bool(new or changed)

    def _apply(self, obj, instance, source, language, wanted, translations):
        locale = self.locale(language)
        Translation.objects.update_or_create(source=source, target_locale=locale, defaults={"enabled": True})
        changed = self._import(locale, wanted, translations)
        if isinstance(instance, Page):
            target, created = source.create_or_update_translation(locale, publish=False)
            if "competences" in obj.links:
                target.competences = self._competences(obj.links["competences"], locale)
                revision = target.save_revision()
            else:
                revision = target.get_latest_revision()
            revision.publish()
            record_draft(target, translations.origin, TOOL_NAME, changed=changed or created)
            self._note(created, f"{language}:{target.url_path}", target)
        else:
            target, created = source.create_or_update_translation(locale)
            self._note(created, f"{type(target).__name__} {target} ({language})", target)

    # --- images ------------------------------------------------------------------

    def image_for(self, name: str) -> int:
        """The id of the demo illustration `name` (cms/demo_images.py), drawn once."""
        Image = get_image_model()
        title = f"Example: {name}"
        existing = Image.objects.filter(title=title).first()
        if existing is not None:
            return existing.pk
        image = Image(title=title)
        image.file = ImageFile(io.BytesIO(demo_images.draw(name)), name=f"example-{name}.png")
        image.save()
        self.report.created.append(title)
        return image.pk

    def _cover_image(self, slug, cover):
        """A flat, tiny generated cover (a few KB of PNG), made once per course."""
        Image = get_image_model()
        title = f"Cover: {slug}"
        existing = Image.objects.filter(title=title).first()
        if existing is not None:
            return existing
        canvas = PILImage.new("RGB", (960, 480), cover.get("colour", "#1d4ed8"))
        draw = ImageDraw.Draw(canvas)
        font = ImageFont.load_default(size=220)
        symbol = cover.get("symbol", "")
        box = draw.textbbox((0, 0), symbol, font=font)
        draw.text(
            ((960 - (box[2] - box[0])) / 2 - box[0], (480 - (box[3] - box[1])) / 2 - box[1]),
            symbol,
            font=font,
            fill="white",
        )
        buffer = io.BytesIO()
        canvas.save(buffer, format="PNG", optimize=True)
        image = Image(title=title)
        image.file = ImageFile(buffer, name=f"cover-{slug}.png")
        image.save()
        self.report.created.append(title)
        return image

    # --- the whole run ---------------------------------------------------------------

    def ensure_demo_admin(self):
        """A superuser for the demo, with a password generated on first run and
        printed once. Never a fixed password."""
        User = get_user_model()
        if User.objects.filter(username=DEMO_ADMIN_USERNAME).exists():
            return
        password = secrets.token_urlsafe(12)
        user = User.objects.create_superuser(DEMO_ADMIN_USERNAME, DEMO_ADMIN_EMAIL, password)
        EmailAddress.objects.update_or_create(
            user=user, email=DEMO_ADMIN_EMAIL, defaults={"verified": True, "primary": True}
        )
        self.report.admin_password = password

    def run(self, with_admin=True) -> Report:
        with transaction.atomic():
            with indexing_once():
                self._build(with_admin)
            index(self._touched.values())
        return self.report

    def _build(self, with_admin):
        self.ensure_locales()
        site = read_site(self.content_dir / "site")
        made = self.load_site_source(site)
        self.translate_bundle(site, made)
        for directory in course_directories(self.content_dir):
            if self.only_courses is not None and directory.name not in self.only_courses:
                continue
            bundle = read_course(directory, self.image_for)
            self.translate_bundle(bundle, self.load_course_source(bundle, made["catalogue"]))
        if with_admin:
            self.ensure_demo_admin()


def set_demo_admin_password(password=None) -> str:
    """Gives the demo admin a fresh generated password (for a forgotten one)."""
    User = get_user_model()
    password = password or secrets.token_urlsafe(12)
    user = User.objects.get(username=DEMO_ADMIN_USERNAME)
    user.set_password(password)
    user.save(update_fields=["password"])
    return password
