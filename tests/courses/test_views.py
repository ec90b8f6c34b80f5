"""What a learner sees and can do through the site's URLs."""

import pytest
from django.urls import reverse

from courses.models import LessonProgress
from courses.progress import DatabaseTracker, complete_lesson

pytestmark = pytest.mark.django_db


def complete_url(course, lesson, language="en"):
    return f"/{language}/learn/courses/{course.id}/lessons/{lesson.id}/complete/"


class TestPagesRender:
    def test_home_catalogue_course_and_lesson_pages(self, client, course, catalogue, home):
        course_page, lessons = course
        for url in (home.url, catalogue.url, course_page.url, lessons[0].url):
            response = client.get(url)
            assert response.status_code == 200, url
        assert course_page.title in client.get(catalogue.url).content.decode()

    def test_root_redirects_to_a_language(self, client, home):
        response = client.get("/", HTTP_ACCEPT_LANGUAGE="vi")
        assert response.status_code == 302
        assert response["Location"] == "/vi/"

    def test_course_page_lists_lessons_and_offers_start(self, client, course):
        course_page, lessons = course
        html = client.get(course_page.url).content.decode()
        for lesson in lessons:
            assert lesson.title in html
        assert "Start the course" in html
        assert f'href="{lessons[0].url}"' in html

    def test_lesson_page_has_previous_next_and_position(self, client, course):
        _, lessons = course
        html = client.get(lessons[1].url).content.decode()
        assert "Lesson 2 of 3" in html
        assert f'rel="prev" href="{lessons[0].url}"' in html
        assert f'rel="next" href="{lessons[2].url}"' in html


class TestCompletingALesson:
    def test_mark_complete_goes_to_next_lesson_and_course_shows_continue(self, client, learner, course):
        course_page, lessons = course
        client.force_login(learner)
        response = client.post(complete_url(course_page, lessons[0]))
        assert response.status_code == 302
        assert response["Location"] == lessons[1].url
        html = client.get(course_page.url).content.decode()
        assert "1 of 3 steps done (33%)" in html
        assert "Continue" in html
        assert f'class="button" href="{lessons[1].url}"' in html

    def test_double_post_is_a_no_op(self, client, learner, course):
        course_page, lessons = course
        client.force_login(learner)
        client.post(complete_url(course_page, lessons[0]))
        client.post(complete_url(course_page, lessons[0]))
        assert LessonProgress.objects.filter(user=learner).count() == 1

    def test_last_lesson_completes_course_and_says_so(self, client, learner, course):
        course_page, lessons = course
        client.force_login(learner)
        for lesson in lessons:
            response = client.post(complete_url(course_page, lesson), follow=True)
        html = response.content.decode()
        assert "You have completed this course." in html
        assert "Well done!" in html
        my = client.get(reverse("courses:my_learning")).content.decode()
        assert "Completed" in my and course_page.title in my

    def test_guest_can_complete_and_see_progress(self, client, course):
        course_page, lessons = course
        client.post(complete_url(course_page, lessons[0]))
        html = client.get(course_page.url).content.decode()
        assert "1 of 3 steps done" in html
        my = client.get("/en/learn/my-learning/").content.decode()
        assert course_page.title in my
        assert "kept in this browser only" in my


class TestLearnersAreKeptApart:
    def test_a_learner_never_sees_another_learners_progress(self, client, learner, other_learner, course):
        course_page, lessons = course
        complete_lesson(DatabaseTracker(learner), course_page, lessons[0], "en")
        client.force_login(other_learner)
        assert "0 of 3 steps done" in client.get(course_page.url).content.decode()
        assert course_page.title not in client.get("/en/learn/my-learning/").content.decode()

    def test_completing_changes_only_the_signed_in_learners_progress(self, client, learner, other_learner, course):
        course_page, lessons = course
        client.force_login(other_learner)
        client.post(complete_url(course_page, lessons[0]))
        assert not LessonProgress.objects.filter(user=learner).exists()
        assert LessonProgress.objects.filter(user=other_learner).count() == 1

    def test_no_url_takes_a_learner_id(self):
        from courses.urls import urlpatterns

        for pattern in urlpatterns:
            assert "user" not in str(pattern.pattern) and "learner" not in str(pattern.pattern)


class TestBadInput:
    def test_unknown_lesson_is_404_with_a_message(self, client, course):
        course_page, _ = course
        response = client.get(course_page.url + "no-such-lesson/")
        assert response.status_code == 404
        assert "We could not find that page" in response.content.decode()

    def test_draft_lesson_is_404_and_cannot_be_completed(self, client, learner, course):
        course_page, lessons = course
        lessons[2].unpublish()
        assert client.get(lessons[2].url_path.replace("/celik-home", "/en", 1)).status_code == 404
        client.force_login(learner)
        response = client.post(complete_url(course_page, lessons[2]))
        assert response.status_code == 404
        assert "not part of this course, or is not published" in response.content.decode()
        assert not LessonProgress.objects.exists()

    def test_lesson_through_another_courses_url_is_404(self, client, learner, make_course):
        course_a, lessons_a = make_course("course-a")
        course_b, _ = make_course("course-b")
        client.force_login(learner)
        response = client.post(complete_url(course_b, lessons_a[0]))
        assert response.status_code == 404
        assert "not part of this course" in response.content.decode()
        assert not LessonProgress.objects.exists()

    def test_unknown_course_is_404(self, client, course):
        _, lessons = course
        response = client.post(f"/en/learn/courses/999999/lessons/{lessons[0].id}/complete/")
        assert response.status_code == 404
        assert "This course does not exist" in response.content.decode()

    def test_get_on_the_complete_url_is_405_and_changes_nothing(self, client, learner, course):
        course_page, lessons = course
        client.force_login(learner)
        response = client.get(complete_url(course_page, lessons[0]))
        assert response.status_code == 405
        assert "Mark complete" in response.content.decode()
        assert not LessonProgress.objects.exists()

    def test_malformed_ids_are_404(self, client, course):
        response = client.post("/en/learn/courses/abc/lessons/%27;drop/complete/")
        assert response.status_code == 404

    def test_post_without_csrf_token_is_403_with_explanation(self, learner, course):
        from django.test import Client

        course_page, lessons = course
        client = Client(enforce_csrf_checks=True)
        client.force_login(learner)
        response = client.post(
            complete_url(course_page, lessons[0]), data="garbage=\x00\xff", content_type="text/plain"
        )
        assert response.status_code == 403
        assert "nothing was saved" in response.content.decode()
        assert not LessonProgress.objects.exists()
