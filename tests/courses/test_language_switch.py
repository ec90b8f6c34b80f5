"""Progress is keyed by translation_key: switching language keeps it (DESIGN.md)."""

import pytest

pytestmark = pytest.mark.django_db


def test_progress_made_in_malay_shows_in_english(client, learner, course, translate_course):
    course_en, lessons_en = course
    course_ms, lessons_ms = translate_course(course_en, lessons_en, "ms")
    assert course_ms.url.startswith("/ms/")
    client.force_login(learner)

    # Two steps done in Malay...
    for lesson in lessons_ms[:2]:
        response = client.post(f"/ms/learn/courses/{course_ms.id}/lessons/{lesson.id}/complete/")
        assert response.status_code == 302

    # ...count in English, and the English course resumes at lesson 3.
    html = client.get(course_en.url).content.decode()
    assert "2 of 3 steps done (67%)" in html
    assert f'class="button" href="{lessons_en[2].url}"' in html
    assert "Continue" in html
    # Completing the last lesson in English completes the one course, in both languages.
    client.post(f"/en/learn/courses/{course_en.id}/lessons/{lessons_en[2].id}/complete/")
    assert '<progress max="3" value="3"' in client.get(course_ms.url).content.decode()


def test_guest_progress_also_follows_the_language_switch(client, course, translate_course):
    course_en, lessons_en = course
    course_vi, lessons_vi = translate_course(course_en, lessons_en, "vi")
    client.post(f"/vi/learn/courses/{course_vi.id}/lessons/{lessons_vi[0].id}/complete/")
    assert "1 of 3 steps done" in client.get(course_en.url).content.decode()


def test_my_learning_shows_course_in_the_active_language(client, learner, course, translate_course):
    course_en, lessons_en = course
    course_ms, lessons_ms = translate_course(course_en, lessons_en, "ms")
    client.force_login(learner)
    client.post(f"/en/learn/courses/{course_en.id}/lessons/{lessons_en[0].id}/complete/")
    html = client.get("/ms/learn/my-learning/").content.decode()
    assert course_ms.title in html
    assert f'href="{course_ms.url}"' in html


def test_language_switcher_links_to_the_same_lesson(client, course, translate_course):
    course_en, lessons_en = course
    course_ms, lessons_ms = translate_course(course_en, lessons_en, "ms")
    html = client.get(lessons_en[1].url).content.decode()
    assert f'href="{lessons_ms[1].url}" lang="ms"' in html
    # Vietnamese has no translation: the link leads to the nearest Vietnamese
    # page (here only the language's prefix) and says so.
    assert 'href="/vi/?untranslated=1" lang="vi"' in html
    assert "not translated yet" in html
