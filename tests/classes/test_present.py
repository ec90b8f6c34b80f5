"""Present mode: a lesson on the room's screen, block by block."""

import pytest

pytestmark = pytest.mark.django_db


def test_steps_through_a_lesson_block_by_block(facilitator_client, klass, course):
    _course, lessons = course
    url = f"/en/classes/{klass.pk}/present/{lessons[0].pk}/"
    title = facilitator_client.get(url).content.decode()
    assert "Lesson 1" in title and 'href="?block=1"' in title and "0 / 2" in title
    first = facilitator_client.get(url + "?block=1").content.decode()
    assert "About lesson 1" in first and "Teaching text of lesson 1" not in first
    assert 'href="?block=0"' in first and 'href="?block=2"' in first
    last = facilitator_client.get(url + "?block=2").content.decode()
    assert "Teaching text of lesson 1" in last and "About lesson 1" not in last
    assert f"/en/classes/{klass.pk}/present/{lessons[1].pk}/" in last  # on to the next lesson
    assert 'data-key="ArrowRight"' in last and "classes/present.js" in last
    assert facilitator_client.get(url + "?block=99").status_code == 200  # the nearest slide
    assert facilitator_client.get(url + "?block=abc").status_code == 200


def test_a_lesson_outside_the_class_is_404(facilitator_client, klass, make_course):
    _other, lessons = make_course("another-course", lessons=1)
    assert facilitator_client.get(f"/en/classes/{klass.pk}/present/{lessons[0].pk}/").status_code == 404


def test_the_class_page_links_each_lesson_to_present(facilitator_client, klass, course):
    _course, lessons = course
    html = facilitator_client.get(f"/en/classes/{klass.pk}/").content.decode()
    for lesson in lessons:
        assert f"/en/classes/{klass.pk}/present/{lesson.pk}/" in html
