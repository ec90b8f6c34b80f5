"""Builds the demo site from the data files in cms/demo_content/ through
Wagtail's own APIs: pages are created with add_child / copy_for_translation
and published as revisions, exactly as an educator's would be.

Re-runnable: what already exists is found again (by slug for the source
language, by translation_key for the others) and left as it is, so an
educator's edits to a demo page survive a restart. `refresh=True` rewrites
existing pages from the files instead. Nothing is ever created twice.
"""

from __future__ import annotations

import io
import json
import secrets
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.db import transaction
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from courses.models import Competence, CourseIndexPage, CoursePage, LessonPage, Pillar

from quizzes.models import QuizPage

from .models import HomePage

CONTENT_DIR = Path(__file__).resolve().parent / "demo_content"
SOURCE_LANGUAGE = "en"
DEMO_ADMIN_USERNAME = "admin"
DEMO_ADMIN_EMAIL = "admin@celik.invalid"
# Question and option ids are derived from their place in the data files, the
# same in every language, so answers to one question add up across languages.
ID_NAMESPACE = uuid.UUID("9f2b7f0e-51a4-4c1e-9d0a-6f1c3f7f2b10")


@dataclass
class Report:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    admin_password: str | None = None

    def line(self):
        return f"{len(self.created)} created, {len(self.updated)} updated"


def read_yaml(path: Path):
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


class DemoLoader:
    def __init__(self, refresh=False, content_dir: Path = CONTENT_DIR):
        self.refresh = refresh
        self.content_dir = content_dir
        self.report = Report()
        self.languages = [code for code, _ in settings.LANGUAGES]

    # --- helpers -----------------------------------------------------------

    def locale(self, code) -> Locale:
        return Locale.objects.get(language_code=code)

    def _save_page(self, page, fields: dict, created: bool):
        """Sets fields and publishes a revision, on creation or when refreshing."""
        if not created and not self.refresh:
            return page
        for name, value in fields.items():
            setattr(page, name, value)
        page.save()
        page.save_revision().publish()
        (self.report.created if created else self.report.updated).append(f"{page.locale.language_code}:{page.url_path}")
        return page

    def _source_child(self, parent, model, slug, fields):
        existing = model.objects.child_of(parent).filter(slug=slug).first()
        if existing is not None:
            return self._save_page(existing, fields, created=False)
        page = model(slug=slug, locale=parent.locale)
        for name, value in fields.items():
            setattr(page, name, value)
        parent.add_child(instance=page)
        return self._save_page(page, {}, created=True)

    def _translation(self, source, language, fields):
        locale = self.locale(language)
        existing = source.get_translation_or_none(locale)
        if existing is not None:
            return self._save_page(existing.specific, fields, created=False)
        page = source.copy_for_translation(locale).specific
        return self._save_page(page, fields, created=True)

    # --- the steps -----------------------------------------------------------

    def ensure_locales(self):
        for code in self.languages:
            Locale.objects.get_or_create(language_code=code)

    def load_framework(self):
        data = read_yaml(self.content_dir / "framework.yaml")
        for item in data["pillars"]:
            self._translatable_snippet(Pillar, item, lambda row, code: {})
        for item in data["competences"]:
            self._translatable_snippet(
                Competence,
                item,
                lambda row, code, pillar=item["pillar"]: {
                    "pillar": Pillar.objects.get(code=pillar, locale__language_code=code)
                },
            )

    def _translatable_snippet(self, model, item, extra):
        source = None
        for code in self.languages:
            if code not in item["name"]:
                continue
            values = {"name": item["name"][code], "description": item.get("description", {}).get(code, "")}
            row = model.objects.filter(code=item["code"], locale__language_code=code).first()
            if row is None:
                if source is None:
                    row = model(code=item["code"], locale=self.locale(code))
                else:
                    row = source.copy_for_translation(self.locale(code))
                created = True
            else:
                created = False
            if created or self.refresh:
                for name, value in {**values, **extra(row, code)}.items():
                    setattr(row, name, value)
                row.save()
                (self.report.created if created else self.report.updated).append(f"{model.__name__} {item['code']} {code}")
            if code == SOURCE_LANGUAGE:
                source = row

    def load_site(self):
        data = read_yaml(self.content_dir / "site.yaml")
        root = Page.get_first_root_node()
        en = self.locale(SOURCE_LANGUAGE)
        # Wagtail's installer leaves a plain "Welcome" page (slug "home") as the site root.
        Page.objects.filter(depth=2, content_type__model="page", content_type__app_label="wagtailcore").delete()
        home = HomePage.objects.filter(depth=2, locale=en).first()
        home_fields = {k: v for k, v in data["home"][SOURCE_LANGUAGE].items() if k != "slug"}
        if home is None:
            home = HomePage(slug="home", locale=en, **home_fields)
            root.add_child(instance=home)
            self._save_page(home, {}, created=True)
        else:
            self._save_page(home, home_fields, created=False)
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Celik")
        elif site.root_page_id != home.id:
            site.root_page = home
            site.site_name = "Celik"
            site.save()
        for code in self.languages:
            if code != SOURCE_LANGUAGE and code in data["home"]:
                self._translation(home, code, data["home"][code])

        index_data = data["course_index"]
        index_fields = {k: v for k, v in index_data[SOURCE_LANGUAGE].items() if k != "slug"}
        index = self._source_child(home, CourseIndexPage, index_data[SOURCE_LANGUAGE]["slug"], index_fields)
        for code in self.languages:
            if code != SOURCE_LANGUAGE and code in index_data:
                fields = dict(index_data[code])
                self._translation(index, code, fields)
        return index

    def load_courses(self, index):
        for course_dir in sorted(p for p in (self.content_dir / "courses").iterdir() if p.is_dir()):
            source = read_yaml(course_dir / f"{SOURCE_LANGUAGE}.yaml")
            course = self._source_child(index, CoursePage, source["slug"], self._course_fields(source, source, SOURCE_LANGUAGE))
            lessons = {}
            for lesson_data in source["lessons"]:
                fields = self._lesson_fields(lesson_data, lesson_data, SOURCE_LANGUAGE)
                lessons[lesson_data["slug"]] = (self._source_child(course, LessonPage, lesson_data["slug"], fields), lesson_data)
            for code in self.languages:
                path = course_dir / f"{code}.yaml"
                if code == SOURCE_LANGUAGE or not path.exists():
                    continue
                data = read_yaml(path)
                self._translation(course, code, self._course_fields(data, source, code))
                for lesson_data in data["lessons"]:
                    source_lesson, source_lesson_data = lessons[lesson_data["slug"]]
                    self._translation(source_lesson, code, self._lesson_fields(lesson_data, source_lesson_data, code))
            self.load_quiz(course_dir, course, source["slug"])

    def load_quiz(self, course_dir, course, course_slug):
        source_path = course_dir / f"quiz.{SOURCE_LANGUAGE}.yaml"
        if not source_path.exists():
            return
        source = read_yaml(source_path)
        quiz = self._source_child(course, QuizPage, source["slug"], self._quiz_fields(source, source, course_slug))
        for code in self.languages:
            path = course_dir / f"quiz.{code}.yaml"
            if code != SOURCE_LANGUAGE and path.exists():
                self._translation(quiz, code, self._quiz_fields(read_yaml(path), source, course_slug))

    def _quiz_fields(self, data, source, course_slug):
        return {
            "title": data["title"],
            "summary": data.get("summary", ""),
            "intro": data.get("intro", ""),
            "pass_mark": source.get("pass_mark", 70),
            "max_attempts": source.get("max_attempts"),
            "required_for_completion": source.get("required", True),
            "questions": json.dumps(
                [self._question(course_slug, index, question) for index, question in enumerate(data["questions"])]
            ),
        }

    def _question(self, course_slug, index, question):
        question_id = str(uuid.uuid5(ID_NAMESPACE, f"{course_slug}/quiz/{index}"))
        value = dict(question["value"])
        for list_name in ("options", "steps"):
            if list_name in value:
                value[list_name] = [
                    {"type": "item", "id": str(uuid.uuid5(ID_NAMESPACE, f"{question_id}/{list_name}/{n}")), "value": item}
                    for n, item in enumerate(value[list_name])
                ]
        return {"type": question["type"], "id": question_id, "value": value}

    def _course_fields(self, data, source, language):
        """Text from the language's own file; the rest from the English source."""
        return {
            "title": data["title"],
            "summary": data["summary"],
            "description": data.get("description", ""),
            "audience": source["audience"],
            "level": source["level"],
            "estimated_minutes": source["estimated_minutes"],
            "cover_image": self._cover_image(source["slug"], source.get("cover", {})),
            "competences": self._competences(source.get("competences", []), language),
        }

    def _lesson_fields(self, data, source, language):
        return {
            "title": data["title"],
            "summary": data.get("summary", ""),
            "estimated_minutes": source.get("estimated_minutes", 10),
            "competences": self._competences(source.get("competences", []), language),
            "body": json.dumps([{"type": block["type"], "value": block["value"]} for block in data["body"]]),
        }

    def _competences(self, codes, language):
        return list(Competence.objects.filter(code__in=codes, locale__language_code=language))

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
        draw.text(((960 - (box[2] - box[0])) / 2 - box[0], (480 - (box[3] - box[1])) / 2 - box[1]), symbol, font=font, fill="white")
        buffer = io.BytesIO()
        canvas.save(buffer, format="PNG", optimize=True)
        image = Image(title=title)
        image.file = ImageFile(buffer, name=f"cover-{slug}.png")
        image.save()
        self.report.created.append(title)
        return image

    def ensure_demo_admin(self):
        """A superuser for the demo, with a password generated on first run and
        printed once. Never a fixed password."""
        User = get_user_model()
        if User.objects.filter(username=DEMO_ADMIN_USERNAME).exists():
            return
        password = secrets.token_urlsafe(12)
        user = User.objects.create_superuser(DEMO_ADMIN_USERNAME, DEMO_ADMIN_EMAIL, password)
        from allauth.account.models import EmailAddress

        EmailAddress.objects.update_or_create(
            user=user, email=DEMO_ADMIN_EMAIL, defaults={"verified": True, "primary": True}
        )
        self.report.admin_password = password

    def run(self, with_admin=True) -> Report:
        with transaction.atomic():
            self.ensure_locales()
            self.load_framework()
            index = self.load_site()
            self.load_courses(index)
            if with_admin:
                self.ensure_demo_admin()
        return self.report


def set_demo_admin_password(password=None) -> str:
    """Gives the demo admin a fresh generated password (for a forgotten one)."""
    User = get_user_model()
    password = password or secrets.token_urlsafe(12)
    user = User.objects.get(username=DEMO_ADMIN_USERNAME)
    user.set_password(password)
    user.save(update_fields=["password"])
    return password
