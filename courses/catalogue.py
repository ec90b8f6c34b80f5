"""What the catalogue lists: the courses in the learner's language, then,
so that no language's catalogue is a dead end, the courses that exist only
in other languages, each offered in the language the learner most likely
reads and with links to every language it has."""

from dataclasses import dataclass, field

from django.conf import settings

# Languages a reader of the key is likely to follow, before English: Malay
# and Indonesian are close enough to read each other's courses, and many
# Lao readers read Thai. Everyone else is offered English (the source) first.
NEAR_LANGUAGES = {"ms": ["id"], "id": ["ms"], "lo": ["th"]}


@dataclass
class Version:
    code: str
    name: str
    page: object  # a CoursePage


@dataclass
class OtherLanguageCourse:
    """A course not yet in the catalogue's language."""

    course: object  # the CoursePage offered first
    versions: list[Version] = field(default_factory=list)  # every language it is in

    @property
    def language_code(self):
        return self.course.locale.language_code


def preference(language: str) -> list[str]:
    """Languages to offer a course in, best first, for a reader of `language`."""
    names = [code for code, _ in settings.LANGUAGES]
    first = [*NEAR_LANGUAGES.get(language, []), settings.LANGUAGE_CODE]
    return first + [code for code in names if code not in first]


def split_catalogue(index, courses, language):
    """(courses of the catalogue page `index`, [OtherLanguageCourse]) from
    `courses`, the live courses of every language in tree order: those in
    the index's language (`language`), then one entry for each course that
    has no version in it."""
    here, elsewhere = [], {}
    for course in courses:
        if course.path.startswith(index.path) and course.depth == index.depth + 1:
            here.append(course)
        elif course.locale_id != index.locale_id:
            elsewhere.setdefault(course.translation_key, []).append(course)
    for course in here:
        elsewhere.pop(course.translation_key, None)
    order = preference(language)
    names = dict(settings.LANGUAGES)
    others = []
    for versions in elsewhere.values():
        versions.sort(key=lambda page: order.index(page.locale.language_code))
        others.append(
            OtherLanguageCourse(
                versions[0],
                [Version(v.locale.language_code, names.get(v.locale.language_code, ""), v) for v in versions],
            )
        )
    # In the order of the source catalogue (English paths), so every language lists them alike.
    source_path = {
        version.page.translation_key: version.page.path
        for item in others
        for version in item.versions
        if version.code == settings.LANGUAGE_CODE
    }
    others.sort(key=lambda item: (source_path.get(item.course.translation_key, "~"), item.course.path))
    return here, others
