"""Issue 24: the before check (parallel forms A and B, counterbalanced),
self-report statements before and after, and the learner's gain."""

import json
import uuid

import pytest

from courses.models import Enrollment
from courses.progress import DatabaseTracker, progress_for
from quizzes import attempts, forms_ab, gain
from quizzes.attempts import NoBeforeCheck
from quizzes.models import QuizAttempt, QuizPage, SelfReportAnswer
from tests.conftest import make_learner, publish

from .conftest import QUESTIONS, RIGHT_ANSWERS, WRONG_ANSWERS

pytestmark = pytest.mark.django_db

# Competence 1.2 has a question in each form, so does AI.1 / 4.2; the rest are in both.
FORMS = {"q-single": "A", "q-multi": "B", "q-tf": "A", "q-rof": "B"}
STATEMENTS = [
    {
        "type": "statement",
        "id": "st-1",
        "value": {"statement": "I check where a post comes from.", "competence": "1.2"},
    },
    {"type": "statement", "id": "st-2", "value": {"statement": "I can tell an AI picture.", "competence": "AI.1"}},
]


def with_forms():
    questions = json.loads(json.dumps(QUESTIONS))
    for question in questions:
        if question["id"] in FORMS:
            question["value"]["form"] = FORMS[question["id"]]
    questions[3]["value"]["competence"] = "4.2"  # q-rof parallels q-tf
    return questions


@pytest.fixture
def ab_quiz(course):
    course_page, _lessons = course
    quiz = QuizPage(
        title="Check your skills",
        slug="quiz",
        questions=json.dumps(with_forms()),
        self_report=json.dumps(STATEMENTS),
        shuffle_options=False,
    )
    course_page.add_child(instance=quiz)
    return publish(quiz)


def answer_all(attempt, answers):
    for question in attempt.questions:
        attempts.record_answer(attempt, question["id"], answers[question["id"]])


# --- Pure rules ----------------------------------------------------------------------


def test_normalised_gain_is_the_share_of_the_room_to_gain():
    assert gain.normalised_gain(40, 85) == pytest.approx(0.75)
    assert gain.normalised_gain(0, 50) == pytest.approx(0.5)
    assert gain.normalised_gain(50, 50) == 0
    # Already 100 % before: no room to gain, left out (None), whatever the after.
    assert gain.normalised_gain(100, 100) is None
    assert gain.normalised_gain(100, 0) is None
    # A loss larger than the room to gain counts as -1.
    assert gain.normalised_gain(80, 0) == -1
    assert gain.normalised_gain(None, 50) is None


def test_forms_are_stable_and_split_learners_about_half_and_half():
    course_key = uuid.uuid4()
    forms = [forms_ab.forms_for(user_id, course_key) for user_id in range(1, 1001)]
    assert forms == [forms_ab.forms_for(user_id, course_key) for user_id in range(1, 1001)]
    assert set(forms) == {("A", "B"), ("B", "A")}
    assert 440 <= forms.count(("A", "B")) <= 560


def test_before_bank_takes_one_per_competence_first_and_at_most_six():
    bank = [{"id": f"q{i}", "value": {"competence": f"c{i % 8}", "form": "A"}} for i in range(16)] + [
        {"id": "b", "value": {"competence": "c0", "form": "B"}}
    ]
    chosen = forms_ab.before_bank(bank, "A")
    assert len(chosen) == forms_ab.MAX_BEFORE_QUESTIONS == 6
    assert len({q["value"]["competence"] for q in chosen}) == 6
    assert all(q["value"]["form"] == "A" for q in chosen)


# --- Counterbalancing ----------------------------------------------------------------------


@pytest.mark.parametrize("before", ["A", "B"])
def test_the_after_score_counts_only_the_form_not_seen_before(ab_quiz, course, before):
    """The quiz stays whole (every question, graded as always); the gain's
    "after" leaves out what the learner met in their before check."""
    course_page, _lessons = course
    user = None
    for n in range(50):
        user = make_learner(f"learner-{before}-{n}@example.com")
        if forms_ab.forms_for(user.pk, course_page.translation_key)[0] == before:
            break
    check = attempts.start_before_check(user, ab_quiz, "en")
    assert {FORMS[q["id"]] for q in check.questions} == {before}
    assert len(check.questions) == 2  # one per competence of the form
    answer_all(check, WRONG_ANSWERS)
    attempts.submit_attempt(check)
    quiz_attempt = attempts.start_attempt(user, ab_quiz, "en")
    assert len(quiz_attempt.questions) == len(QUESTIONS)
    # Right on the questions seen before, wrong on the others: no gain shows.
    seen = {q["id"] for q in check.questions}
    answer_all(quiz_attempt, {q: RIGHT_ANSWERS[q] if q in seen else WRONG_ANSWERS[q] for q in RIGHT_ANSWERS})
    attempts.submit_attempt(quiz_attempt)
    learnt = gain.learner_gain(user, ab_quiz.translation_key)
    assert (learnt.course.before, learnt.course.after, learnt.course.gain) == (0, 0, 0)


def test_the_before_check_never_passes_never_counts_and_is_taken_once(ab_quiz, course, learner):
    course_page, _lessons = course
    Enrollment.objects.create(user=learner, course_key=course_page.translation_key, language="en")
    check = attempts.start_before_check(learner, ab_quiz, "en")
    answer_all(check, RIGHT_ANSWERS)
    attempts.submit_attempt(check)
    check.refresh_from_db()
    assert check.score == 100 and check.passed is None
    progress = progress_for(DatabaseTracker(learner), course_page)
    assert progress.completed == 0 and not progress.is_complete
    assert attempts.attempts_left(learner, ab_quiz) is None
    with pytest.raises(NoBeforeCheck):
        attempts.start_before_check(learner, ab_quiz, "en")
    # The quiz's own attempts are numbered from 1 and the report leaves the check out.
    assert attempts.start_attempt(learner, ab_quiz, "en").number == 1


def test_a_quiz_without_parallel_forms_has_no_before_questions(quiz, learner):
    with pytest.raises(NoBeforeCheck):
        attempts.start_before_check(learner, quiz, "en")


# --- The learner's screens -----------------------------------------------------------------


def test_the_course_page_offers_the_check_and_it_can_be_skipped(client, ab_quiz, course, learner):
    course_page, _lessons = course
    client.force_login(learner)
    page = client.get(course_page.url).content.decode()
    check_url = f"/en/learn/quizzes/{ab_quiz.id}/before/"
    assert check_url in page
    screen = client.get(check_url).content.decode()
    assert "I check where a post comes from." in screen
    assert "under three minutes" in screen
    assert f'href="{course_page.url}"' in screen  # skip: straight to the course


def test_a_learner_sees_before_and_after_on_their_results(client, ab_quiz, course, learner):
    course_page, _lessons = course
    client.force_login(learner)
    response = client.post(f"/en/learn/quizzes/{ab_quiz.id}/before/", {"statement-st-1": "2", "statement-st-2": "1"})
    check = QuizAttempt.objects.get(user=learner, purpose="before")
    assert response.url == f"/en/learn/attempts/{check.pk}/questions/1/"
    assert SelfReportAnswer.objects.filter(user=learner, when="before").count() == 2
    for number, question in enumerate(check.questions, 1):
        response = client.post(
            f"/en/learn/attempts/{check.pk}/questions/{number}/",
            {f"answer-{question['id']}": WRONG_ANSWERS[question["id"]]},
        )
    assert response.url == f"/en/learn/attempts/{check.pk}/results/"  # submitted with the last answer
    assert "your answers are saved" in client.get(response.url).content.decode()
    quiz_attempt = attempts.start_attempt(learner, ab_quiz, "en")
    answer_all(quiz_attempt, RIGHT_ANSWERS)
    attempts.submit_attempt(quiz_attempt)
    results = client.get(f"/en/learn/attempts/{quiz_attempt.pk}/results/").content.decode()
    assert "Before 0 %, after 100 %" in results
    assert "I check where a post comes from." in results  # asked again after
    client.post(
        f"/en/learn/quizzes/{ab_quiz.id}/self-report/",
        {"statement-st-1": "5", "statement-st-2": "4", "attempt": quiz_attempt.pk},
    )
    changes = {c.item_id: (c.before, c.after) for c in gain.statement_changes(ab_quiz.translation_key)}
    assert changes == {"st-1": (2, 5), "st-2": (1, 4)}
    # Taken once: following the link again only says so.
    again = client.get(f"/en/learn/quizzes/{ab_quiz.id}/before/")
    assert again.status_code == 200 and "your answers are saved" in again.content.decode()
    assert QuizAttempt.objects.filter(user=learner, purpose="before").count() == 1


def test_a_self_report_off_the_scale_is_refused(client, ab_quiz, learner):
    client.force_login(learner)
    response = client.post(f"/en/learn/quizzes/{ab_quiz.id}/before/", {"statement-st-1": "9"})
    assert response.status_code == 400
    assert "from 1 to 5" in response.content.decode()
    response = client.post(f"/en/learn/quizzes/{ab_quiz.id}/before/", {"statement-nope": "3"})
    assert response.status_code == 400
    assert not SelfReportAnswer.objects.exists()


# --- The educator's figures -----------------------------------------------------------------


def test_gain_report_per_course_competence_and_question(ab_quiz, course):
    """Two learners: one gets every before question wrong and every quiz question
    right (g = 1), the other right before and half right after on 1.2."""
    first, second = make_learner("g1@example.com"), make_learner("g2@example.com")
    check = attempts.start_before_check(first, ab_quiz, "en")
    answer_all(check, WRONG_ANSWERS)
    attempts.submit_attempt(check)
    attempt = attempts.start_attempt(first, ab_quiz, "en")
    answer_all(attempt, RIGHT_ANSWERS)
    attempts.submit_attempt(attempt)
    check = attempts.start_before_check(second, ab_quiz, "en")
    answer_all(check, {**RIGHT_ANSWERS, "q-single": WRONG_ANSWERS["q-single"], "q-multi": WRONG_ANSWERS["q-multi"]})
    attempts.submit_attempt(check)
    attempt = attempts.start_attempt(second, ab_quiz, "en")
    answer_all(attempt, {**RIGHT_ANSWERS, "q-scenario": WRONG_ANSWERS["q-scenario"]})
    attempts.submit_attempt(attempt)

    report = gain.gain_report(ab_quiz)
    mine = gain.learner_gain(second, ab_quiz.translation_key)
    # second: before 1.2 wrong (0 %), 4.2 right (100 %): 50 % overall.
    # After, only the competences asked before: 1.2 (two questions, right) and 4.2 (right): 100 %.
    assert (mine.course.before, mine.course.after, mine.course.gain) == (50, 100, 1)
    assert {g.competence: g.gain for g in mine.competences} == {"1.2": 1.0, "4.2": None}
    assert report.course.learners == 2 and report.course.gain == pytest.approx(1.0)
    assert report.course.before == pytest.approx(25)
    by_code = {g.label: g for g in report.competences}
    assert by_code["1.2"].learners == 2 and by_code["1.2"].gain == pytest.approx(1)
    assert by_code["4.2"].learners == 1  # the second learner had 100 % before: no gain
    questions = {q.question_id: q for q in report.questions}
    assert questions["q-scenario"].after_answered == 2 and questions["q-scenario"].after_right == 50
    assert questions["q-scenario"].before_answered == 0


def test_the_educator_sees_gain_per_competence_question_and_statement(staff_client, ab_quiz, learner):
    check = attempts.start_before_check(learner, ab_quiz, "en")
    answer_all(check, WRONG_ANSWERS)
    attempts.submit_attempt(check)
    attempt = attempts.start_attempt(learner, ab_quiz, "en")
    answer_all(attempt, RIGHT_ANSWERS)
    attempts.submit_attempt(attempt)
    gain.record_self_report(learner, ab_quiz, "before", {"st-1": "2"}, "en")
    gain.record_self_report(learner, ab_quiz, "after", {"st-1": "4"}, "en")
    html = staff_client.get(f"/admin/quizzes/{ab_quiz.id}/gain/").content.decode()
    assert "<td>1</td><td>0</td><td>100</td><td>1.00</td>" in html  # one learner, 0 % -> 100 %, g = 1
    assert "Who may ask for your OTP?" in html or "Which are warning signs?" in html
    assert "I check where a post comes from." in html and "2.0 (1)" in html and "4.0 (1)" in html
    edit = staff_client.get(f"/admin/pages/{ab_quiz.id}/edit/").content.decode()
    assert f"/admin/quizzes/{ab_quiz.id}/gain/" in edit
