"""The statistics area, in every interface language: no interface string
left in English on the dashboard, its error page, the API tokens page or in
the CSV export's headers (issue 6: reviewers see numbers and labels in their
own language)."""

import re

import pytest
from wagtail.models import Locale

from courses.models import Competence, Pillar
from stats.refresh import refresh_statistics
from tests.conftest import staff_sign_in
from tests.stats.conftest import NOW, Dataset, make_reviewer  # noqa: F401  (fixture)

from .test_learner_pages import ALWAYS_ALLOWED, NON_LATIN, TRANSLATED, english_interface_strings, visible_texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def statistics(make_course, locales, make_reviewer):
    """Neutral content (codes, not English words) with figures to show, some withheld."""
    pillar = Pillar.objects.create(code="P-1", name="P-1", locale=locales["en"])
    Competence.objects.create(pillar=pillar, code="1.2", name="C-12", locale=locales["en"])
    course, _ = make_course("c-1", lessons=1, title="C-1")
    data = Dataset()
    data.group(
        30,
        course=course.translation_key,
        country="MY",
        age_band="25-59",
        language="ms",
        started="2026-03-02",
        completed="2026-03-04",
        completed_first=12,
        quiz=[(90, True, {"1.2": (5, 5)})] * 12,
    )
    data.group(4, course=course.translation_key, country="MY", age_band="60+", language="ms", started="2026-03-02")
    refresh_statistics(now=NOW)
    return make_reviewer(countries=("MY",))


def english_in(html, patterns, language):
    pieces = visible_texts(html)
    text = " ".join(pieces)
    problems = []
    for english, pattern in patterns:
        if (pattern.fullmatch(english) and english in pieces) if " " not in english else pattern.search(text):
            problems.append(english)
    if language in NON_LATIN:
        stripped = text
        for allowed in ALWAYS_ALLOWED | {"CSV", "API", "OpenAPI", "JSON", "BI", "Power BI", "Authorization: Bearer"}:
            stripped = stripped.replace(allowed, " ")
        problems += re.findall(r"[A-Za-z]{2,}(?:[ ,.'’]+[A-Za-z]{2,}){2,}", stripped)
    return problems


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_statistics_area_speaks_the_language(client, statistics, language):
    staff_sign_in(client, statistics)
    client.get("/en/")  # reads the (English) "signed in" message the sign-in left
    Locale.objects.get_or_create(language_code=language)
    patterns = english_interface_strings(language)
    prefix = f"/{language}/stats"
    pages = [
        ("dashboard", client.get(f"{prefix}/")),
        ("dashboard by month", client.get(f"{prefix}/?interval=month&age_band=60%2B")),
        ("dashboard errors", client.get(f"{prefix}/?start=2026-03-10&end=2026-03-01")),
        ("tokens", client.get(f"{prefix}/tokens/")),
        ("new token", client.post(f"{prefix}/tokens/", {"name": "T-1"})),
        ("token errors", client.post(f"{prefix}/tokens/", {"name": ""})),
    ]
    problems = []
    for name, response in pages:
        assert response.status_code in {200, 400}, (name, response.status_code)
        html = response.content.decode()
        assert f'<html lang="{language}"' in html, name
        problems += [f"{name}: {english!r}" for english in english_in(html, patterns, language)]
    csv_text = b"".join(client.get(f"{prefix}/export.csv").streaming_content).decode("utf-8-sig")
    headers = " ".join(
        cell for line in csv_text.splitlines() for cell in line.split(",") if not re.fullmatch(r"[\d.\-: ]*", cell)
    )
    for english in (
        "Enrolments",
        "Active learners",
        "Completion rate",
        "Quiz pass rate",
        "Average score",
        "Competence",
        "By age group",
        "Week starting",
        "Empty cells",
    ):
        if english in headers:
            problems.append(f"CSV: {english!r}")
    assert not problems, "\n".join(sorted(set(problems)))
