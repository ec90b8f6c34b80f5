"""The educator's quiz report in the Wagtail admin, and its CSV and XLSX."""

import csv
import io
import json

import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from quizzes import attempts
from quizzes.models import QuizPage
from quizzes.report import quiz_report
from tests.conftest import make_learner, make_staff, publish, staff_sign_in, translate

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


def test_report_splits_by_language(results):
    report = quiz_report(results)
    by_language = {summary.language: summary for summary in report.languages}
    assert set(by_language) == {"en", "ms"}
    assert (by_language["en"].attempts, by_language["en"].learners, by_language["en"].pass_rate) == (1, 1, 100)
    assert (by_language["ms"].attempts, by_language["ms"].learners, by_language["ms"].pass_rate) == (2, 1, 50)
    true_false = next(stat for stat in report.questions if stat.question_id == "q-tf")
    assert (true_false.tally_in("en").answered, true_false.tally_in("en").percent_correct) == (1, 100)
    assert (true_false.tally_in("ms").answered, true_false.tally_in("ms").percent_correct) == (2, 0)


def test_report_counts_each_option_and_marks_the_most_chosen_wrong_one(results):
    stats = {stat.question_id: stat for stat in quiz_report(results).questions}
    single = {choice.text: choice for choice in stats["q-single"].choices}
    assert {text: (choice.total, choice.right) for text, choice in single.items()} == {
        "Bank staff": (1, False),
        "Nobody": (2, True),
        "Police": (0, False),
    }
    assert single["Bank staff"].chosen == {"ms": 1}
    assert stats["q-single"].highlighted.text == "Bank staff"
    # Multiple choice: every ticked option counts; the wrong one ticked is marked.
    multi = {choice.text: choice.total for choice in stats["q-multi"].choices}
    assert multi == {"Urgency": 2, "A link": 2, "Your name": 1, "Threats": 2}
    assert stats["q-multi"].highlighted.text == "Your name"
    # True or false, in words; "true" was chosen twice, wrongly.
    tf = {choice.text: (choice.total, choice.right) for choice in stats["q-tf"].choices}
    assert tf == {"True": (2, False), "False": (1, True)}
    assert stats["q-tf"].highlighted.text == "True"
    # Real or fake: verdicts by name.
    assert stats["q-rof"].highlighted.text == "Genuine"
    # Put in order: how many put each step in its right place; none right in the reversed order.
    assert stats["q-order"].counts_placement
    assert [choice.total for choice in stats["q-order"].choices] == [2, 2, 2, 2]
    assert stats["q-order"].highlighted is not None
    # A scenario is named by its situation, not its default prompt.
    assert stats["q-scenario"].text.startswith("Your uncle shares a hoax.")


def test_a_question_removed_since_is_still_reported_from_the_attempts(quiz, learner):
    take(learner, quiz, WRONG_ANSWERS)
    quiz.questions = json.dumps([q for q in quiz.questions.raw_data if q["id"] != "q-single"])
    publish(quiz)
    stats = {stat.question_id: stat for stat in quiz_report(quiz).questions}
    removed = stats["q-single"]
    assert removed.number is None and removed.text == "Who may ask for your OTP? (removed from the quiz)"
    assert {choice.text: choice.total for choice in removed.choices}["Bank staff"] == 1
    assert stats["q-multi"].number == 1  # the others keep their place in the quiz


def test_nobody_wrong_nothing_highlighted(quiz, learner):
    take(learner, quiz, RIGHT_ANSWERS)
    assert all(stat.highlighted is None for stat in quiz_report(quiz).questions)


def test_question_types_in_words(results):
    labels = {stat.question_id: stat.type_label for stat in quiz_report(results).questions}
    assert labels == {
        "q-single": "Single choice",
        "q-multi": "Multiple choice",
        "q-tf": "True or false",
        "q-rof": "Real or fake?",
        "q-order": "Put in order",
        "q-scenario": "Scenario",
    }


def test_report_queries_do_not_grow_with_attempts(staff_client, quiz, learner):
    def queries_for_report():
        with CaptureQueriesContext(connection) as queries:
            response = staff_client.get(f"/admin/quizzes/{quiz.id}/report/")
            assert response.status_code == 200
        return len(queries)

    take(learner, quiz, RIGHT_ANSWERS)
    queries_for_report()  # the first request of a session reads what later ones find cached
    few = queries_for_report()
    for number in range(8):
        take(make_learner(f"many{number}@example.com"), quiz, WRONG_ANSWERS if number % 2 else RIGHT_ANSWERS, "ms")
    assert queries_for_report() == few


def test_admin_page(staff_client, results):
    html = staff_client.get(f"/admin/quizzes/{results.id}/report/").content.decode()
    assert "Pass rate" in html and "67%" in html
    assert "A caller who knows your IC number must be real." in html
    assert "True or false" in html and "true_false" not in html
    assert "Malay" in html  # split by language
    assert html.count('class="most-chosen-wrong"') == 6  # one per question: everyone got something wrong
    assert "aina" not in html and "binh" not in html  # no learner named


def test_visible_header_button_on_the_quiz_editor(staff_client, results, course):
    edit = staff_client.get(f"/admin/pages/{results.id}/edit/").content.decode()
    header = edit[edit.index("w-slim-header") : edit.index("</header>")]
    more_menu = header.find("dots-horizontal")
    button = header.index(f"/admin/quizzes/{results.id}/report/")
    assert more_menu == -1 or button < more_menu  # beside the breadcrumbs, not in the "…" menu
    course_page, _lessons = course
    other = staff_client.get(f"/admin/pages/{course_page.id}/edit/").content.decode()
    assert "/report/" not in other  # only on quizzes


def test_csv_export(staff_client, results):
    response = staff_client.get(f"/admin/quizzes/{results.id}/report/?export=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "quiz-quiz-en-results.csv" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert "Chosen, Malay" in rows[0] and "Answered correctly (%), English" in rows[0]
    tf = [row for row in rows if row["Question"] == "A caller who knows your IC number must be real."]
    assert [(row["Answer"], row["Right answer"], row["Chosen (or put in its right place)"]) for row in tf] == [
        ("True", "No", "2"),
        ("False", "Yes", "1"),
    ]
    assert tf[0]["Type"] == "True or false" and tf[0]["Answered correctly (%)"] == "33"
    assert tf[0]["Most chosen wrong answer"] == "Yes" and tf[0]["Chosen, Malay"] == "2"
    assert tf[0]["Answered correctly (%), English"] == "100"
    assert "aina" not in text and "binh" not in text  # no learner named


def test_xlsx_export(staff_client, results):
    response = staff_client.get(f"/admin/quizzes/{results.id}/report/?export=xlsx")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    single = [dict(zip(header, row, strict=True)) for row in rows[1:] if row[1] == "Who may ask for your OTP?"]
    assert [(row["Answer"], row["Chosen (or put in its right place)"]) for row in single] == [
        ("Bank staff", 1),
        ("Nobody", 2),
        ("Police", 0),
    ]


def test_report_needs_edit_permission(client, learner, quiz):
    client.force_login(learner)
    assert client.get(f"/admin/quizzes/{quiz.id}/report/").status_code in (302, 403)


def test_an_editor_without_permission_on_the_quiz_gets_403(client, quiz):
    outsider = make_staff("outsider@example.com", superuser=False)
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    staff_sign_in(client, outsider)
    assert client.get("/admin/").status_code == 200
    assert client.get(f"/admin/quizzes/{quiz.id}/report/").status_code == 403
    assert client.get(f"/admin/quizzes/{quiz.id}/report/?export=csv").status_code == 403
    assert client.get(f"/admin/quizzes/{quiz.get_parent().id}/report/", follow=True).status_code == 404  # not a quiz


def test_a_course_has_at_most_one_required_quiz(make_quiz, quiz):
    second = QuizPage(title="Another", slug="another", questions=quiz.questions.raw_data, required_for_completion=True)
    quiz.get_parent().add_child(
        instance=QuizPage(
            title="Optional", slug="optional", questions=quiz.questions.raw_data, required_for_completion=False
        )
    )
    with pytest.raises(ValidationError) as error:
        quiz.get_parent().add_child(instance=second)
    assert "already has a required quiz" in str(error.value)


def test_admin_form_says_so_before_saving(staff_client, quiz):
    client = staff_client
    course = quiz.get_parent()
    response = client.post(
        f"/admin/pages/add/quizzes/quizpage/{course.id}/",
        {
            "title": "Second quiz",
            "slug": "second-quiz",
            "pass_mark": 70,
            "feedback_mode": "each",
            "required_for_completion": "on",
            "questions-count": 0,
            "self_report-count": 0,
        },
    )
    assert response.status_code == 200
    assert "This course already has a required quiz." in response.content.decode()
    assert QuizPage.objects.count() == 1


def test_draw_count_cannot_exceed_the_bank(make_quiz):
    with pytest.raises(ValidationError) as error:
        make_quiz(draw_count=50, required_for_completion=False)
    assert "only 6 questions" in str(error.value)
