"""Learners who have completed a course, the way a learner does it."""

import pytest

from courses.models import Certificate


def complete_course(client, course, lessons, language="en"):
    """Marks every lesson complete through the site's own form, as a learner would."""
    for lesson in lessons:
        response = client.post(f"/{language}/learn/courses/{course.id}/lessons/{lesson.id}/complete/")
        assert response.status_code == 302


@pytest.fixture
def completed(client, learner, course, competences):
    """(certificate, client signed in as its learner) for a course with two competences."""
    course_page, lessons = course
    course_page.competences.set(competences)
    course_page.save_revision().publish()
    client.force_login(learner)
    complete_course(client, course_page, lessons)
    return Certificate.objects.get(user=learner), client
