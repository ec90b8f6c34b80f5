"""The class report: per learner, per question, per competence, and its CSV;
its number of queries does not grow with the class."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from classes import groups
from classes.report import class_report
from courses.progress import DatabaseTracker, complete_lesson
from quizzes import attempts
from tests.conftest import make_learner
from tests.quizzes.test_before_check import ab_quiz, answer_all  # noqa: F401  (a fixture)

from .conftest import RIGHT_ANSWERS, WRONG_ANSWERS, take

pytestmark = pytest.mark.django_db


def fill(klass, course, quiz, size, offset=0):
    """`size` learners: all did lesson 1; even ones took the quiz right, odd ones wrong."""
    course_page, lessons = course
    learners = []
    for number in range(offset, offset + size):
        learner = make_learner(f"pupil{number}@example.com", f"Pupil {number:02d}")
        groups.join(learner, klass)
        complete_lesson(DatabaseTracker(learner), course_page, lessons[0])
        take(learner, quiz, RIGHT_ANSWERS if number % 2 == 0 else WRONG_ANSWERS)
        learners.append(learner)
    return learners


def test_report_per_learner_question_and_competence(klass, course, quiz):
    fill(klass, course, quiz, 3)
    outsider = make_learner("outsider@example.com", "Outsider")
    take(outsider, quiz, WRONG_ANSWERS)  # not in the class: not counted
    report = class_report(klass)
    assert [row.name for row in report.learners] == ["Pupil 00", "Pupil 01", "Pupil 02"]
    assert [row.lessons_done for row in report.learners] == [1, 1, 1] and report.lessons_total == 3
    assert [row.quiz_scores for row in report.learners] == [[100], [0], [100]]
    assert all(row.last_active is not None for row in report.learners)
    single = next(q for q in report.questions if q.question_id == "q-single")
    assert (single.answered, single.correct, single.percent_correct) == (3, 2, 67)
    assert single.top_wrong_answer == "Bank staff" and single.top_wrong_count == 1
    mastery = {row.code: (row.learners, row.mastered) for row in report.competences}
    assert mastery["1.2"] == (3, 2) and mastery["AI.1"] == (3, 2)


def test_report_page_and_csv(facilitator_client, klass, course, quiz):
    fill(klass, course, quiz, 2)
    html = facilitator_client.get(f"/en/classes/{klass.pk}/report/").content.decode()
    assert "Pupil 00" in html and "Bank staff" in html and "100 %" in html
    response = facilitator_client.get(f"/en/classes/{klass.pk}/report.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Learner", "Lessons done", "Check your skills", "Last active"]
    assert rows[1][:3] == ["Pupil 00", "1/3", "100"] and rows[2][:3] == ["Pupil 01", "1/3", "0"]


def count_queries(call):
    with CaptureQueriesContext(connection) as queries:
        call()
    return len(queries)


def test_report_queries_do_not_grow_with_the_class(facilitator_client, klass, course, quiz):
    fill(klass, course, quiz, 3)
    for path in ["report/", "report.csv", ""]:  # the first request warms the session and caches
        facilitator_client.get(f"/en/classes/{klass.pk}/{path}")
    small = count_queries(lambda: class_report(klass))
    small_page = count_queries(lambda: facilitator_client.get(f"/en/classes/{klass.pk}/report/"))
    small_csv = count_queries(lambda: facilitator_client.get(f"/en/classes/{klass.pk}/report.csv"))
    small_class = count_queries(lambda: facilitator_client.get(f"/en/classes/{klass.pk}/"))
    fill(klass, course, quiz, 27, offset=3)
    assert count_queries(lambda: class_report(klass)) == small
    assert count_queries(lambda: facilitator_client.get(f"/en/classes/{klass.pk}/report/")) == small_page
    assert count_queries(lambda: facilitator_client.get(f"/en/classes/{klass.pk}/report.csv")) == small_csv
    assert count_queries(lambda: facilitator_client.get(f"/en/classes/{klass.pk}/")) == small_class
    assert len(class_report(klass).learners) == 30
    print(f"class report: {small} queries for 3 learners and for 30; page {small_page}, CSV {small_csv}")


def test_the_class_report_shows_the_classs_learning_gain(facilitator_client, klass, ab_quiz):  # noqa: F811
    """Issue 24 in the class report: per competence and question, for the
    class's learners only; a before check's answers are never a quiz score."""
    quiz = ab_quiz
    pupil, outsider = make_learner("pupil@example.com", "Pupil"), make_learner("out@example.com", "Outsider")
    groups.join(pupil, klass)
    for learner in (pupil, outsider):
        check = attempts.start_before_check(learner, quiz, "en")
        answer_all(check, WRONG_ANSWERS)
        attempts.submit_attempt(check)
        attempt = attempts.start_attempt(learner, quiz, "en")
        answer_all(attempt, RIGHT_ANSWERS)
        attempts.submit_attempt(attempt)

    report = class_report(klass)
    assert [row.quiz_scores for row in report.learners] == [[100]]  # the before check (0 %) is not a score
    ((gained_quiz, gain),) = report.gains
    assert gained_quiz.pk == quiz.pk and gain.course.learners == 1 and gain.course.gain == pytest.approx(1)
    page = facilitator_client.get(f"/en/classes/{klass.pk}/report/").content.decode()
    assert "Learning gain" in page and "1.00" in page
