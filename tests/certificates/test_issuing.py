"""A certificate is issued once when a learner completes a course, found from
My learning and the course page, and only ever opened by its own learner."""

import importlib

import pytest
from django.apps import apps

from accounts.models import User
from courses.certificates.codes import CODE_ALPHABET, CODE_LENGTH, new_code
from courses.certificates.issuing import issue_certificate
from courses.models import Certificate, Enrollment, LessonPage

from ..accounts.test_signup import SIGNUP, signup_data
from ..conftest import lesson_body
from .conftest import complete_course

pytestmark = pytest.mark.django_db


def test_completing_the_last_lesson_issues_one_certificate_linked_from_my_learning_and_the_course(completed, course):
    certificate, client = completed
    assert Certificate.objects.count() == 1
    assert len(certificate.code) == CODE_LENGTH and set(certificate.code) <= set(CODE_ALPHABET)
    enrollment = Enrollment.objects.get(user=certificate.user)
    assert certificate.issued_at == enrollment.completed_at
    assert certificate.course_title == "Check before you share"

    link = f'href="/en/certificates/{certificate.code}/"'
    assert link in client.get("/en/learn/my-learning/").content.decode()
    # The course page is the same for everyone who finished it: its link
    # leads to whoever follows it's own certificate.
    course_link = f'href="/en/learn/courses/{course[0].translation_key}/certificate/"'
    assert course_link in client.get(course[0].url).content.decode()
    followed = client.get(f"/en/learn/courses/{course[0].translation_key}/certificate/")
    assert followed.status_code == 302 and followed["Location"] == f"/en/certificates/{certificate.code}/"
    page = client.get(f"/en/certificates/{certificate.code}/")
    assert page.status_code == 200
    html = page.content.decode()
    for shown in (
        "Aina",
        "Check before you share",
        "1.2",
        "Evaluating information",
        "AI literacy",
        certificate.code[:5],
    ):
        assert shown in html


def test_a_certificate_is_issued_once_however_often_the_course_is_completed(completed, course):
    certificate, client = completed
    course_page, lessons = course
    complete_course(client, course_page, lessons)  # again: a double click, a second tab
    again = issue_certificate(certificate.user, certificate.course_key)
    assert again.pk == certificate.pk and again.code == certificate.code
    assert Certificate.objects.filter(user=certificate.user).count() == 1


def test_an_unfinished_course_has_no_certificate(client, learner, course):
    course_page, lessons = course
    client.force_login(learner)
    complete_course(client, course_page, lessons[:-1])
    assert not Certificate.objects.exists()
    assert "certificates/" not in client.get("/en/learn/my-learning/").content.decode()


def test_a_guest_who_completes_a_course_gets_the_certificate_on_signing_up(client, course):
    course_page, lessons = course
    complete_course(client, course_page, lessons)
    my_learning = client.get("/en/learn/my-learning/").content.decode()
    assert "to get your certificate" in my_learning and not Certificate.objects.exists()

    assert client.post(SIGNUP, signup_data(preferred_language="en")).status_code == 302
    user = User.objects.get(email="siti@example.com")
    certificate = Certificate.objects.get(user=user)
    assert certificate.course_key == course_page.translation_key


def test_codes_are_long_random_and_do_not_repeat():
    codes = {new_code() for _ in range(2000)}
    assert len(codes) == 2000
    assert all(len(code) == 25 and set(code) <= set(CODE_ALPHABET) for code in codes)
    assert not set("01OI") & set(CODE_ALPHABET)  # nothing to misread on paper


@pytest.mark.parametrize("suffix", ["", "certificate-a4.pdf", "certificate-letter.pdf", "credential.json"])
def test_another_learner_cannot_open_a_certificate_or_its_downloads(completed, client, other_learner, suffix):
    certificate, _ = completed
    url = f"/en/certificates/{certificate.code}/{suffix}"
    client.force_login(other_learner)
    response = client.get(url)
    assert response.status_code == 404
    assert "Aina" not in response.content.decode(errors="replace")
    client.logout()
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_learners_who_completed_before_certificates_existed_get_theirs(learner, course):
    course_page, _ = course
    Enrollment.objects.create(
        user=learner, course_key=course_page.translation_key, language="en", completed_at="2026-03-01T10:00:00Z"
    )
    Enrollment.objects.create(
        user=None, course_key=course_page.translation_key, language="en", completed_at="2026-03-01T10:00:00Z"
    )
    migration = importlib.import_module("courses.migrations.0004_certificates_for_past_completions")
    migration.issue_for_past_completions(apps, None)
    migration.issue_for_past_completions(apps, None)  # running twice issues nothing more
    certificate = Certificate.objects.get()
    assert certificate.user == learner and certificate.course_title == course_page.title
    assert certificate.issued_at.isoformat().startswith("2026-03-01T10:00")


def test_the_certificate_stays_in_reach_when_the_course_gains_a_lesson(completed, course):
    certificate, client = completed
    course_page = course[0]
    course_page.refresh_from_db()
    course_page.add_child(instance=LessonPage(title="Lesson 4", slug="lesson-4", body=lesson_body("lesson 4")))
    LessonPage.objects.get(slug="lesson-4").save_revision().publish()
    html = client.get("/en/learn/my-learning/").content.decode()
    assert "In progress" in html and f'href="/en/certificates/{certificate.code}/"' in html


def test_the_course_pages_certificate_link_never_leads_to_anyone_elses(completed, course, client, other_learner):
    certificate, _ = completed
    client.force_login(other_learner)
    response = client.get(f"/en/learn/courses/{course[0].translation_key}/certificate/")
    assert response.status_code == 404 and certificate.code not in response.content.decode()
    assert "no certificate for this course yet" in response.content.decode()
