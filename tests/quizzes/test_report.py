"""The educator's quiz report in the Wagtail admin, and its CSV."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError

from quizzes import attempts
from quizzes.models import QuizPage
from quizzes.report import quiz_report
from tests.conftest import make_learner, translate

from .conftest import RIGHT_ANSWERS, WRONG_ANSWERS

pytestmark = pytest.mark.django_db


def take(user, quiz, answers, language="en"):
    attempt = attempts.start_attempt(user, quiz, language)
    for question in attempt.questions:
        attempts.record_answer(attempt, question["id"], answers[question["id"]])
    return attempts.submit_attempt(attempt)


@pytest.fixture
def results(quiz, learner, other_learner, translate_course, course):
    """Three submitted attempts: one pass in English, a fail then a pass in Malay."""
    course_page, lessons = course
    translate_course(course_page, lessons, "ms")
    quiz_ms = translate(quiz, "ms")
    take(learner, quiz, RIGHT_ANSWERS)
    mostly_right = dict(RIGHT_ANSWERS, **{"q-tf": ["true"]})
    take(other_learner, quiz_ms, WRONG_ANSWERS, "ms")
    take(other_learner, quiz_ms, mostly_right, "ms")
    attempts.start_attempt(make_learner("third@example.com"), quiz, "en")  # open, not counted
    return quiz


def test_report_figures_add_up_across_languages(results):
    report = quiz_report(results)
    assert (report.attempts, report.learners, report.passed, report.pass_rate) == (3, 2, 2, 67)
    assert report.average_score == pytest.approx((100 + 0 + 83) / 3, abs=0.1)
    first = report.questions[0]
    assert first.question_id == "q-tf"  # most missed: right only once in three
    assert (first.answered, first.correct, first.percent_correct) == (3, 1, 33)
    assert [s.percent_correct for s in report.questions] == sorted(s.percent_correct for s in report.questions)


def test_admin_page_and_csv(staff_client, results):
    client = staff_client
    html = client.get(f"/admin/quizzes/{results.id}/report/").content.decode()
    assert "Pass rate" in html and "67%" in html
    assert "A caller who knows your IC number must be real." in html
    edit = client.get(f"/admin/pages/{results.id}/edit/").content.decode()
    assert f"/admin/quizzes/{results.id}/report/" in edit  # the button beside the quiz

    response = client.get(f"/admin/quizzes/{results.id}/report.csv")
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert ["Submitted attempts", "3"] in rows
    header = rows.index(["Question", "Type", "Competence", "Answered", "Answered correctly", "Correct (%)"])
    assert rows[header + 1][:2] == ["A caller who knows your IC number must be real.", "true_false"]
    assert rows[header + 1][3:] == ["3", "1", "33"]
    assert "aina" not in text and "binh" not in text  # no learner named


def test_report_needs_edit_permission(client, learner, quiz):
    client.force_login(learner)
    assert client.get(f"/admin/quizzes/{quiz.id}/report/").status_code in (302, 403)


def test_a_course_has_at_most_one_required_quiz(make_quiz, quiz):
    second = QuizPage(title="Another", slug="another", questions=quiz.questions.raw_data, required_for_completion=True)
    quiz.get_parent().add_child(instance=QuizPage(title="Optional", slug="optional", questions=quiz.questions.raw_data,
                                                   required_for_completion=False))
    with pytest.raises(ValidationError) as error:
        quiz.get_parent().add_child(instance=second)
    assert "already has a required quiz" in str(error.value)


def test_admin_form_says_so_before_saving(staff_client, quiz):
    client = staff_client
    course = quiz.get_parent()
    response = client.post(f"/admin/pages/add/quizzes/quizpage/{course.id}/", {
        "title": "Second quiz", "slug": "second-quiz", "pass_mark": 70, "feedback_mode": "each",
        "required_for_completion": "on", "questions-count": 0,
    })
    assert response.status_code == 200
    assert "This course already has a required quiz." in response.content.decode()
    assert QuizPage.objects.count() == 1


def test_draw_count_cannot_exceed_the_bank(make_quiz):
    with pytest.raises(ValidationError) as error:
        make_quiz(draw_count=50, required_for_completion=False)
    assert "only 6 questions" in str(error.value)
