"""A lesson page costs a fixed number of queries, whatever the course size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses.progress import DatabaseTracker

pytestmark = pytest.mark.django_db

# Measured: 24 = Wagtail routing (site, locale, 6 tree steps, alias and view-restriction
# checks), session + user, the course, its lessons and its required quiz, the learner's
# progress, competences, the language switcher, and the admin userbar's permission check.
LESSON_PAGE_QUERY_BUDGET = 24


def queries_for(client, url):
    client.get(url)  # warm caches that are per-process, not per-request (site root paths)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_logged_in_lesson_page_queries_do_not_grow_with_course_size(client, learner, make_course, competences):
    small, small_lessons = make_course("small", lessons=3)
    large, large_lessons = make_course("large", lessons=30)
    for lesson in (small_lessons[1], large_lessons[1]):
        lesson.competences.set(competences)
        lesson.save_revision().publish()
    tracker = DatabaseTracker(learner)
    for course, lessons in ((small, small_lessons), (large, large_lessons)):
        for lesson in lessons[:2]:
            tracker.record_lesson(course.translation_key, lesson.translation_key, "en")
    client.force_login(learner)

    small_count = queries_for(client, small_lessons[1].url)
    large_count = queries_for(client, large_lessons[1].url)
    print(f"\nlesson page queries: 3 lessons -> {small_count}, 30 lessons -> {large_count}")
    assert small_count == large_count
    assert large_count <= LESSON_PAGE_QUERY_BUDGET


def test_lesson_page_within_budget(client, learner, django_assert_max_num_queries, make_course):
    _, lessons = make_course("budget", lessons=30)
    client.force_login(learner)
    client.get(lessons[5].url)
    with django_assert_max_num_queries(LESSON_PAGE_QUERY_BUDGET):
        assert client.get(lessons[5].url).status_code == 200


def test_course_page_queries_do_not_grow_with_course_size(client, learner, make_course):
    small, _ = make_course("small", lessons=3)
    large, _ = make_course("large", lessons=30)
    client.force_login(learner)
    assert queries_for(client, small.url) == queries_for(client, large.url)
