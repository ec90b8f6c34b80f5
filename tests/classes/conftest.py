"""A facilitator, a class on the course (three lessons and the quiz of
tests/quizzes), and helpers to take that quiz."""

import pytest

from classes import groups, roles
from quizzes import attempts
from tests.conftest import make_learner
from tests.quizzes.conftest import QUESTIONS, RIGHT_ANSWERS, WRONG_ANSWERS, make_quiz, quiz  # noqa: F401


def take(user, quiz, answers, language="en"):
    attempt = attempts.start_attempt(user, quiz, language)
    for question in attempt.questions:
        attempts.record_answer(attempt, question["id"], answers[question["id"]])
    return attempts.submit_attempt(attempt)


def make_facilitator(email="teacher@example.com", name="Cikgu Lina"):
    user = make_learner(email, name)
    roles.grant(user)
    return user


@pytest.fixture
def facilitator(db):
    return make_facilitator()


@pytest.fixture
def other_facilitator(db):
    return make_facilitator("other.teacher@example.com", "Pak Budi")


@pytest.fixture
def klass(facilitator, course):
    course_page, _lessons = course
    return groups.create_class(facilitator, "Year 8 B", [course_page.translation_key])


@pytest.fixture
def facilitator_client(client, facilitator):
    client.force_login(facilitator)
    return client


__all__ = ["QUESTIONS", "RIGHT_ANSWERS", "WRONG_ANSWERS", "take"]
