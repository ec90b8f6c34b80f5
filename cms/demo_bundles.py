"""The demo content as bundles: an English source written in YAML, and its
translations in gettext PO files, one file per language.

A bundle is what one translator takes on at once: the site (home page,
catalogue, literacy framework, reporting channels) or one course (the course
page, its lessons and its quiz). Each bundle directory holds:

    en.yaml (and quiz.en.yaml, framework.en.yaml, ...)  the English source
    messages.pot   every text to translate, extracted from the source
    <lang>.po      one language's translations of messages.pot

The texts to translate are exactly the segments wagtail-localize extracts
from the English pages (a heading, a paragraph, a list item, a quiz option),
with wagtail-localize's own context paths, so the loader imports them as
wagtail-localize translations (cms/demo.py) and an educator's "Sync
translated pages" and the translation editor work on the result. PO is
wagtail-localize's own exchange format, and what translators' tools (Poedit,
Weblate, Lokalize, OmegaT) open.

Everything here reads files and builds unsaved model instances: no page is
written, so the tests and `manage.py demo_translations` use it freely.
"""

from __future__ import annotations

import json
import re
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import polib
import yaml
from bs4 import BeautifulSoup
from django.conf import settings
from wagtail import blocks
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.strings import StringValue

from courses.models import Competence, CourseIndexPage, CoursePage, LessonPage, Pillar, ReportingChannel
from quizzes.models import QuizPage

from .models import HomePage

CONTENT_DIR = Path(__file__).resolve().parent / "demo_content"
SOURCE_LANGUAGE = "en"
TEMPLATE_NAME = "messages.pot"
# Question, option and block ids are derived from their place in the data
# files, the same in every language: answers to one question add up across
# languages, and a translation's context paths stay the same from one load
# to the next.
ID_NAMESPACE = uuid.UUID("9f2b7f0e-51a4-4c1e-9d0a-6f1c3f7f2b10")
# Pages keep their English slugs in every language (the URL /ms/courses/<slug>/):
# the loader fills the slug segment itself, so translators never see it.
UNTRANSLATED_PATHS = {"slug"}
CONTEXT_SEPARATOR = "|"
# A PO file's header saying who made it: "machine" (the default: drafted by a
# machine or a language model, awaiting review) or "human".
ORIGIN_HEADER = "X-Celik-Origin"


class DemoContentError(Exception):
    """A data file that cannot be loaded as it is; the message says which and why."""


def read_yaml(path: Path):
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def stable_id(text: str) -> str:
    return str(uuid.uuid5(ID_NAMESPACE, text))


# --- StreamField data ------------------------------------------------------------


def _empty_value(block):
    """What the admin's form stores for a child left blank."""
    if isinstance(block, blocks.StructBlock):
        return {name: _empty_value(child) for name, child in block.child_blocks.items()}
    if isinstance(block, blocks.ListBlock):
        return []
    if isinstance(block, blocks.BooleanBlock):
        return False
    if isinstance(block, blocks.ChooserBlock):
        return None
    if isinstance(block, blocks.ChoiceBlock):
        default = block.get_default()
        return "" if default is None else default
    return ""


def _stored_value(block, value, block_id: str, image_for: Callable[[str], int | None]):
    """`value` from a data file as Wagtail stores it: every struct child
    present (blank ones as the admin leaves them), list items with ids, an
    image named in the data file replaced by its image id."""
    if isinstance(block, blocks.StructBlock):
        value = value or {}
        unknown = set(value) - set(block.child_blocks)
        if unknown:
            raise DemoContentError(f"unknown field(s) {sorted(unknown)} in a {block.name or 'struct'} block")
        return {
            name: (
                _stored_value(child, value[name], f"{block_id}/{name}", image_for)
                if value.get(name) is not None
                else _empty_value(child)
            )
            for name, child in block.child_blocks.items()
        }
    if isinstance(block, blocks.ListBlock):
        return [
            {
                "type": "item",
                "id": stable_id(f"{block_id}/{n}"),
                "value": _stored_value(block.child_block, item, f"{block_id}/{n}", image_for),
            }
            for n, item in enumerate(value)
        ]
    if isinstance(block, blocks.ChooserBlock):
        return image_for(value) if isinstance(value, str) else value
    return value


def stream_data(stream_block, items, id_for: Callable[[int], str], image_for) -> list[dict]:
    """A StreamField's stored JSON, from a data file's `[{type, value}, ...]`."""
    data = []
    for index, item in enumerate(items):
        block = stream_block.child_blocks.get(item["type"])
        if block is None:
            raise DemoContentError(f"unknown block type {item['type']!r}")
        block_id = id_for(index)
        data.append(
            {"type": item["type"], "id": block_id, "value": _stored_value(block, item["value"], block_id, image_for)}
        )
    return data


def _no_image(name):
    return None


# --- Objects and bundles ---------------------------------------------------------------


@dataclass
class SourceObject:
    """One page or snippet of a bundle, as its English source describes it.

    `fields` are the model fields as stored (text, settings, StreamField
    JSON); `links` what the loader resolves against the database (the
    competences, a course's cover, a competence's pillar)."""

    key: str
    label: str
    model: type
    fields: dict
    links: dict = field(default_factory=dict)

    def instance(self):
        """An unsaved instance, for extracting what there is to translate."""
        instance = self.model(**self.fields)
        if self.model is Competence:
            instance.pillar = Pillar(code=self.links["pillar"], name=self.links["pillar"])
        return instance

    @cached_property
    def texts(self) -> list[tuple[str, str]]:
        """(wagtail-localize context path, source text) of every text to
        translate, in page order, each once."""
        seen, found = set(), []
        for segment in extract_segments(self.instance()):
            if not isinstance(segment, StringSegmentValue) or segment.path in UNTRANSLATED_PATHS:
                continue
            item = (segment.path, segment.string.data)
            if item not in seen:
                seen.add(item)
                found.append(item)
        return found

    def context(self, path: str) -> str:
        return f"{self.key}{CONTEXT_SEPARATOR}{path}"

    def describe(self, path: str) -> str:
        """Where a text is, in words, for the translator's comments."""
        parts = path.split(".")
        stream_name = parts[0]
        data = self.fields.get(stream_name)
        if isinstance(data, str) and data.startswith("["):
            blocks_by_id = {block["id"]: (n, block) for n, block in enumerate(json.loads(data), start=1)}
            if len(parts) > 1 and parts[1] in blocks_by_id:
                number, block = blocks_by_id[parts[1]]
                noun = "question" if stream_name == "questions" else "block"
                where = [f"{noun} {number} ({block['type'].replace('_', ' ')})"]
                value = block["value"]
                for part in parts[2:]:
                    if isinstance(value, dict) and part in value:
                        where.append(part.replace("_", " "))
                        value = value[part]
                    elif isinstance(value, list):
                        ids = [item.get("id") for item in value]
                        if part in ids:
                            where.append(f"item {ids.index(part) + 1}")
                            value = value[ids.index(part)]["value"]
                return f"{self.label}: " + ", ".join(where)
        return f"{self.label}: {path.replace('_', ' ')}"


@dataclass
class Bundle:
    name: str
    directory: Path
    objects: list[SourceObject]
    source: dict = field(default_factory=dict)

    @property
    def template_path(self) -> Path:
        return self.directory / TEMPLATE_NAME

    def po_path(self, language: str) -> Path:
        return self.directory / f"{language}.po"

    def languages(self) -> list[str]:
        """The languages this bundle has a PO file for, in the site's order."""
        return [code for code, _ in settings.LANGUAGES if code != SOURCE_LANGUAGE and self.po_path(code).exists()]

    def object(self, key: str) -> SourceObject:
        return next(obj for obj in self.objects if obj.key == key)

    def template(self) -> polib.POFile:
        """messages.pot as it should be: every text of the English source."""
        pot = polib.POFile(wrapwidth=0)
        pot.metadata = {
            "Project-Id-Version": f"Celik demo content: {self.name}",
            "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8",
            "Content-Transfer-Encoding": "8bit",
        }
        for obj in self.objects:
            for path, text in obj.texts:
                comment = obj.describe(path)
                if "<br/>" in text:
                    comment += ". Keep every <br/>: each starts a new line of the example."
                pot.append(polib.POEntry(msgctxt=obj.context(path), msgid=text, msgstr="", comment=comment))
        return pot

    def translations(self, language: str) -> Translations:
        path = self.po_path(language)
        if not path.exists():
            return Translations(polib.POFile(), path)
        try:
            return Translations(polib.pofile(str(path), wrapwidth=0), path)
        except OSError as error:
            raise DemoContentError(f"{path}: not a readable PO file ({error})") from error

    def coverage(self, language: str) -> tuple[int, int]:
        """(texts translated, texts in all) for one language."""
        translations = self.translations(language)
        total = translated = 0
        for obj in self.objects:
            for path, text in obj.texts:
                total += 1
                translated += translations.lookup(obj.key, path, text) is not None
        return translated, total

    def missing(self, language: str) -> list[tuple[str, str]]:
        translations = self.translations(language)
        return [
            (obj.context(path), text)
            for obj in self.objects
            for path, text in obj.texts
            if translations.lookup(obj.key, path, text) is None
        ]


class Translations:
    """One PO file's translations, looked up by the object, its context path
    and the English text. A text whose context moved (a block inserted
    before it in the English source) is still found by its English text,
    when that is unambiguous within the object."""

    def __init__(self, po: polib.POFile, path: Path):
        self.path = path
        self.origin = (po.metadata.get(ORIGIN_HEADER) or "machine").strip().lower()
        self.by_context: dict[tuple[str, str], str] = {}
        by_text: dict[tuple[str, str], set[str]] = {}
        for entry in po:
            if entry.obsolete or "fuzzy" in entry.flags or not entry.msgstr or not entry.msgctxt:
                continue
            key, _, path_ = entry.msgctxt.partition(CONTEXT_SEPARATOR)
            self.by_context[(entry.msgctxt, entry.msgid)] = entry.msgstr
            by_text.setdefault((key, entry.msgid), set()).add(entry.msgstr)
        self.by_text = {item: next(iter(values)) for item, values in by_text.items() if len(values) == 1}

    def lookup(self, key: str, path: str, text: str) -> str | None:
        found = self.by_context.get((f"{key}{CONTEXT_SEPARATOR}{path}", text))
        return found if found is not None else self.by_text.get((key, text))

    def __len__(self):
        return len(self.by_context)


# --- Reading the bundles -------------------------------------------------------------


def course_fields(data: dict) -> dict:
    return {
        "title": data["title"],
        "slug": data["slug"],
        "summary": data["summary"],
        "description": data.get("description", ""),
        "audience": data["audience"],
        "level": data["level"],
        "estimated_minutes": data["estimated_minutes"],
    }


def lesson_fields(course_slug: str, lesson: dict, image_for) -> dict:
    prefix = f"{course_slug}/{lesson['slug']}/body"
    body = stream_data(
        LessonPage.body.field.stream_block, lesson["body"], lambda n: stable_id(f"{prefix}/{n}"), image_for
    )
    return {
        "title": lesson["title"],
        "slug": lesson["slug"],
        "summary": lesson.get("summary", ""),
        "estimated_minutes": lesson.get("estimated_minutes", 10),
        "body": json.dumps(body),
    }


def quiz_fields(course_slug: str, quiz: dict, image_for) -> dict:
    questions = stream_data(
        QuizPage.questions.field.stream_block,
        quiz["questions"],
        lambda n: stable_id(f"{course_slug}/quiz/{n}"),
        image_for,
    )
    return {
        "title": quiz["title"],
        "slug": quiz["slug"],
        "summary": quiz.get("summary", ""),
        "intro": quiz.get("intro", ""),
        "pass_mark": quiz.get("pass_mark", 70),
        "max_attempts": quiz.get("max_attempts"),
        "required_for_completion": quiz.get("required", True),
        "questions": json.dumps(questions),
        "self_report": json.dumps(
            stream_data(
                QuizPage.self_report.field.stream_block,
                quiz.get("self_report", []),
                lambda n: stable_id(f"{course_slug}/quiz/self-report/{n}"),
                image_for,
            )
        ),
    }


def read_course(directory: Path, image_for=_no_image) -> Bundle:
    source = read_yaml(directory / f"{SOURCE_LANGUAGE}.yaml")
    slug = source["slug"]
    if slug != directory.name:
        raise DemoContentError(f"{directory}: the course's slug is {slug!r}, its folder must have the same name")
    objects = [
        SourceObject(
            "course",
            f"Course “{source['title']}”",
            CoursePage,
            course_fields(source),
            {"competences": source.get("competences", []), "cover": source.get("cover", {})},
        )
    ]
    for number, lesson in enumerate(source["lessons"], start=1):
        objects.append(
            SourceObject(
                f"lesson:{lesson['slug']}",
                f"Lesson {number} “{lesson['title']}”",
                LessonPage,
                lesson_fields(slug, lesson, image_for),
                {"competences": lesson.get("competences", [])},
            )
        )
    quiz_path = directory / f"quiz.{SOURCE_LANGUAGE}.yaml"
    if quiz_path.exists():
        quiz = read_yaml(quiz_path)
        objects.append(SourceObject("quiz", f"Quiz “{quiz['title']}”", QuizPage, quiz_fields(slug, quiz, image_for)))
    return Bundle(slug, directory, objects, source)


def channel_key(channel: dict) -> str:
    return f"channel:{channel['country']}:{channel['key']}"


def read_site(directory: Path) -> Bundle:
    site = read_yaml(directory / f"{SOURCE_LANGUAGE}.yaml")
    framework = read_yaml(directory / f"framework.{SOURCE_LANGUAGE}.yaml")
    channels = read_yaml(directory / f"reporting_channels.{SOURCE_LANGUAGE}.yaml")
    objects = []
    for pillar in framework["pillars"]:
        objects.append(
            SourceObject(
                f"pillar:{pillar['code']}",
                f"Pillar {pillar['code']}",
                Pillar,
                {"code": pillar["code"], "name": pillar["name"], "description": pillar.get("description", "")},
            )
        )
    for competence in framework["competences"]:
        objects.append(
            SourceObject(
                f"competence:{competence['code']}",
                f"Competence {competence['code']}",
                Competence,
                {
                    "code": competence["code"],
                    "name": competence["name"],
                    "description": competence.get("description", ""),
                },
                {"pillar": competence["pillar"]},
            )
        )
    home = site["home"]
    objects.append(
        SourceObject(
            "home",
            "Home page",
            HomePage,
            {
                "title": home["title"],
                "slug": "home",
                "hero_heading": home.get("hero_heading", ""),
                "hero_text": home.get("hero_text", ""),
                "intro": home.get("intro", ""),
            },
        )
    )
    catalogue = site["course_index"]
    objects.append(
        SourceObject(
            "catalogue",
            "Course catalogue",
            CourseIndexPage,
            {"title": catalogue["title"], "slug": catalogue["slug"], "intro": catalogue.get("intro", "")},
        )
    )
    for channel in channels["channels"]:
        objects.append(
            SourceObject(
                channel_key(channel),
                f"Reporting channel in {channel['country']}, {channel['name']}",
                ReportingChannel,
                {
                    "country": channel["country"],
                    "name": channel["name"],
                    "what_to_report": channel["what_to_report"],
                    "how_to_report": channel.get("how_to_report", ""),
                    "url": channel.get("url", ""),
                    "phone": channel.get("phone", ""),
                    "sort_order": channel.get("sort_order", 0),
                    "translation_key": uuid.UUID(stable_id(channel_key(channel))),
                },
            )
        )
    return Bundle("site", directory, objects, site)


def course_directories(content_dir: Path = CONTENT_DIR) -> list[Path]:
    """Every course folder, in the catalogue's order (site/en.yaml `courses`),
    then any course not listed there, by name."""
    order = read_yaml(content_dir / "site" / f"{SOURCE_LANGUAGE}.yaml").get("courses", [])
    found = {p.name: p for p in (content_dir / "courses").iterdir() if (p / f"{SOURCE_LANGUAGE}.yaml").exists()}
    return [found[name] for name in order if name in found] + [found[name] for name in sorted(set(found) - set(order))]


def all_bundles(content_dir: Path = CONTENT_DIR, image_for=_no_image) -> list[Bundle]:
    return [read_site(content_dir / "site")] + [read_course(d, image_for) for d in course_directories(content_dir)]


# --- Checks on one translated text ---------------------------------------------------

PLACEHOLDER = re.compile(r"%\([^)]+\)[sd]|%[sd]|\{[a-zA-Z0-9_]*\}")
# The site part of a web address (a path, such as /flood-warning, may be translated).
WEB_ADDRESS = re.compile(
    r"\b(?P<site>(?:[a-z0-9-]+\.)+(?:com|net|org|info|my|gov|edu|io|ly|co|id|vn|th|ph|kh|la|mm|tl|sg|bn)(?:\.[a-z]{2})?)\b",
    re.I,
)
FORMATTING_TAGS = ("b", "i", "strong", "em", "code")


def markup_problems(source: str, translation: str, strict=True, addresses=None) -> list[str]:
    """What a translation lost or broke of its source's markup: HTML it may
    not hold and links (<a id="a1">), which would break the page; and, when
    `strict` (the tests), formatting, line breaks, placeholders and the
    sites named in web addresses, which must come through too (`addresses`:
    a language's own versions of the examples' made-up addresses)."""
    problems = []
    try:
        StringValue.from_translated_html(translation)
    except ValueError as error:
        return [str(error)]

    def tags(html):
        soup = BeautifulSoup(html, "html.parser")
        return soup, Counter(tag.name for tag in soup.find_all(True))

    source_soup, source_tags = tags(source)
    translated_soup, translated_tags = tags(translation)
    source_links = sorted(a.get("id", "") for a in source_soup.find_all("a"))
    translated_links = sorted(a.get("id", "") for a in translated_soup.find_all("a"))
    if source_links != translated_links:
        problems.append(f"links {source_links} became {translated_links}")
    if not strict:
        return problems
    for tag in FORMATTING_TAGS:
        if source_tags[tag] and not translated_tags[tag]:
            problems.append(f"the English has <{tag}>, this translation none")
    if source_tags["br"] != translated_tags["br"]:
        problems.append(f"{source_tags['br']} line break(s) <br/> in the English, {translated_tags['br']} here")
    if Counter(PLACEHOLDER.findall(source)) != Counter(PLACEHOLDER.findall(translation)):
        problems.append(f"placeholders {PLACEHOLDER.findall(source)} became {PLACEHOLDER.findall(translation)}")
    for match in WEB_ADDRESS.finditer(source):
        site = match.group("site")
        expected = (addresses or {}).get(site.lower(), site)
        if expected.lower() not in translation.lower():
            problems.append(f"the web address {site} is missing or changed")
    return problems


# --- Keeping the PO files in step with the English ----------------------------------------

PO_HEADER = (
    "{language_name} translation of the Celik demo content: {bundle}.\n"
    "Translate each msgstr; keep HTML tags, <br/> line breaks and web addresses.\n"
    "See cms/demo_content/README.md. {origin_note}"
)
ORIGIN_NOTES = {
    "machine": "Machine-drafted: awaiting review by a native speaker.",
    "human": "Translated by a person: awaiting review by a second native speaker.",
}


def language_name(code: str) -> str:
    return dict(settings.LANGUAGES).get(code, code)


def new_po(bundle: Bundle, language: str, origin="machine") -> polib.POFile:
    """An empty PO file for `language`: messages.pot with a header."""
    pot = bundle.template()
    po = polib.POFile(wrapwidth=0)
    po.header = PO_HEADER.format(
        language_name=language_name(language), bundle=bundle.name, origin_note=ORIGIN_NOTES.get(origin, "")
    )
    po.metadata = {**pot.metadata, "Language": language, ORIGIN_HEADER: origin}
    for entry in pot:
        po.append(entry)
    return po


def merged_po(bundle: Bundle, language: str) -> polib.POFile:
    """The language's PO file brought in step with messages.pot, as gettext's
    msgmerge would: every text of the English source in order, with its
    translation kept where the English is unchanged (even if it moved);
    a new or changed English text is left to translate, and a translation
    no longer used is kept at the end as obsolete (#~), for reference."""
    path = bundle.po_path(language)
    old = polib.pofile(str(path), wrapwidth=0)
    translations = Translations(old, path)
    po = new_po(bundle, language, translations.origin)
    po.header = old.header or po.header
    po.metadata = {**old.metadata, "Project-Id-Version": po.metadata["Project-Id-Version"]}
    old_entries = {(entry.msgctxt, entry.msgid): entry for entry in old if not entry.obsolete}
    used = set()
    for entry in po:
        key, _, context_path = entry.msgctxt.partition(CONTEXT_SEPARATOR)
        entry.msgstr = translations.lookup(key, context_path, entry.msgid) or ""
        previous = old_entries.get((entry.msgctxt, entry.msgid))
        if previous is not None:
            entry.tcomment, entry.flags = previous.tcomment, list(previous.flags)
        used.update(
            (e.msgctxt, e.msgid) for e in old_entries.values() if e.msgid == entry.msgid and e.msgstr == entry.msgstr
        )
    for item, previous in old_entries.items():
        if previous.msgstr and item not in used:
            previous.obsolete = True
            po.append(previous)
    return po
