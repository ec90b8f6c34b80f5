"""quizzes/attempts.py: resume, attempt limit, one result per attempt, snapshots."""

import random
import threading

import pytest
from django.db import connection

from courses.models import Enrollment
from courses.progress import DatabaseTracker, complete_lesson, done_pattern, progress_for
from quizzes import attempts
from quizzes.attempts import AttemptClosed, AttemptLimitReached, Unanswered
from quizzes.models import QuestionAnswer, QuizAttempt

from .conftest import RIGHT_ANSWERS, WRONG_ANSWERS

pytestmark = pytest.mark.django_db


def answer_all(attempt, answers):
    for question in attempt.questions:
        attempts.record_answer(attempt, question["id"], answers[question["id"]])


def test_starting_twice_resumes_the_open_attempt(quiz, learner):
    first = attempts.start_attempt(learner, quiz, "en")
    attempts.record_answer(first, "q-single", ["s-b"])
    again = attempts.start_attempt(learner, quiz, "ms")
    assert again.pk == first.pk
    assert QuizAttempt.objects.count() == 1
    assert set(attempts.answers_by_question(again)) == {"q-single"}


def test_attempt_limit_is_enforced(make_quiz, learner):
    quiz = make_quiz(max_attempts=2)
    for _ in range(2):
        attempt = attempts.start_attempt(learner, quiz, "en")
        answer_all(attempt, WRONG_ANSWERS)
        attempts.submit_attempt(attempt)
    assert attempts.attempts_left(learner, quiz) == 0
    with pytest.raises(AttemptLimitReached):
        attempts.start_attempt(learner, quiz, "en")
    assert QuizAttempt.objects.count() == 2


def test_submitting_twice_grades_once(quiz, learner):
    attempt = attempts.start_attempt(learner, quiz, "en")
    answer_all(attempt, RIGHT_ANSWERS)
    first = attempts.submit_attempt(attempt)
    stamp = first.submitted_at
    second = attempts.submit_attempt(QuizAttempt.objects.get(pk=attempt.pk))
    assert (second.submitted_at, second.score, second.passed) == (stamp, 100, True)
    with pytest.raises(AttemptClosed):
        attempts.record_answer(second, "q-single", ["s-a"])
    assert QuestionAnswer.objects.get(attempt=attempt, question_id="q-single").correct


def test_cannot_submit_with_unanswered_questions(quiz, learner):
    attempt = attempts.start_attempt(learner, quiz, "en")
    attempts.record_answer(attempt, "q-single", ["s-b"])
    with pytest.raises(Unanswered) as missing:
        attempts.submit_attempt(attempt)
    assert missing.value.numbers == [2, 3, 4, 5, 6]
    assert QuizAttempt.objects.get(pk=attempt.pk).submitted_at is None


def test_first_answer_is_final_with_feedback_after_each_question(quiz, learner):
    attempt = attempts.start_attempt(learner, quiz, "en")
    attempts.record_answer(attempt, "q-single", ["s-a"])
    attempts.record_answer(attempt, "q-single", ["s-b"])  # after seeing the right answer
    assert not QuestionAnswer.objects.get(attempt=attempt).correct


def test_answers_can_change_until_submit_with_feedback_at_end(make_quiz, learner):
    quiz = make_quiz(feedback_mode="end")
    attempt = attempts.start_attempt(learner, quiz, "en")
    attempts.record_answer(attempt, "q-single", ["s-a"])
    attempts.record_answer(attempt, "q-single", ["s-b"])
    assert QuestionAnswer.objects.get(attempt=attempt).correct


def test_partial_scores_add_up(quiz, learner):
    attempt = attempts.start_attempt(learner, quiz, "en")
    answers = dict(
        RIGHT_ANSWERS, **{"q-multi": ["m-a", "m-b"], "q-order": ["o-1", "o-2", "o-4", "o-3"], "q-tf": ["true"]}
    )
    answer_all(attempt, answers)
    result = attempts.submit_attempt(attempt)
    # 3 right + 2/3 + 0 + 1/2 of 6 questions = 69.4 %: rounded down, short of the 70 % mark.
    assert result.points == pytest.approx(4.1667, abs=1e-3)
    assert result.score == 69 and result.passed is False


def test_draw_and_shuffle(make_quiz, learner):
    quiz = make_quiz(draw_count=3, shuffle_questions=True, shuffle_options=True)
    attempt = attempts.start_attempt(learner, quiz, "en", rng=random.Random(4))
    assert len(attempt.questions) == 3
    for question in attempt.questions:
        if question["type"] == "ordering":
            assert question["order"] != ["o-1", "o-2", "o-3", "o-4"]  # never shown already solved
        if "options" in question["value"]:
            assert sorted(question["order"]) == sorted(o["id"] for o in question["value"]["options"])


def test_a_past_attempt_survives_edits_to_the_quiz(quiz, learner, client):
    attempt = attempts.start_attempt(learner, quiz, "en")
    answer_all(attempt, RIGHT_ANSWERS)
    attempts.submit_attempt(attempt)
    # The educator reorders the questions, rewords one and changes its answer key.
    raw = list(reversed(quiz.questions.raw_data))
    for question in raw:
        if question["id"] == "q-single":
            question["value"]["question"] = "Reworded"
            for option in question["value"]["options"]:
                option["value"]["correct"] = option["id"] == "s-a"
    quiz.questions = raw
    quiz.save_revision().publish()

    client.force_login(learner)
    html = client.get(f"/en/learn/attempts/{attempt.pk}/results/").content.decode()
    assert "100%" in html
    assert "Who may ask for your OTP?" in html and "Reworded" not in html
    quiz.refresh_from_db()
    assert QuizAttempt.objects.get(pk=attempt.pk).revision_id != quiz.live_revision_id


def test_passing_the_required_quiz_completes_the_course(quiz, learner, course):
    course_page, lessons = course
    tracker = DatabaseTracker(learner)
    for lesson in lessons:
        complete_lesson(tracker, course_page, lesson, "en")
    progress = progress_for(tracker, course_page)
    assert not progress.is_complete and progress.next_step.id == quiz.id
    assert Enrollment.objects.get(user=learner).completed_at is None

    failed = attempts.start_attempt(learner, quiz, "en")
    answer_all(failed, WRONG_ANSWERS)
    attempts.submit_attempt(failed)
    assert Enrollment.objects.get(user=learner).completed_at is None

    passed = attempts.start_attempt(learner, quiz, "en")
    answer_all(passed, RIGHT_ANSWERS)
    attempts.submit_attempt(passed)
    assert progress_for(tracker, course_page).is_complete
    assert Enrollment.objects.get(user=learner).completed_at is not None


def test_the_page_caches_pattern_of_done_steps_follows_lessons_and_the_quiz(
    quiz, learner, other_learner, course, client
):
    """done_pattern (what the page cache reads to pick a learner's copy of a
    lesson) agrees with the progress the page shows, the quiz step included."""
    course_page, lessons = course
    tracker = DatabaseTracker(learner)
    scope = progress_for(tracker, course_page).scope
    seen = []
    for step in [*lessons, quiz]:
        if step is quiz:
            passed = attempts.start_attempt(learner, quiz, "en")
            answer_all(passed, RIGHT_ANSWERS)
            attempts.submit_attempt(passed)
        else:
            complete_lesson(tracker, course_page, step, "en")
        pattern = done_pattern(tracker, scope)
        assert pattern == progress_for(tracker, course_page).pattern
        seen.append(pattern)
    assert seen == ["1000", "1100", "1110", "1111"]
    assert done_pattern(DatabaseTracker(other_learner), scope) == "0000"

    # On the lesson page: the copy for a finished course, once the quiz is passed.
    client.force_login(learner)
    client.get(lessons[2].url)
    response = client.get(lessons[2].url)
    assert response["X-Page-Cache"] == "hit" and "4 of 4 steps done" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_submissions_produce_one_result(quiz, learner):
    """Two requests submit the same attempt at the same moment (two tabs)."""
    attempt = attempts.start_attempt(learner, quiz, "en")
    answer_all(attempt, RIGHT_ANSWERS)
    barrier = threading.Barrier(2)
    results, errors = [], []

    def submit():
        try:
            copy = QuizAttempt.objects.get(pk=attempt.pk)  # each thread read it before the other wrote
            barrier.wait()
            results.append(attempts.submit_attempt(copy).submitted_at)
        except Exception as error:  # noqa: BLE001 - the test reports any failure below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(results) == 2 and results[0] == results[1]
    assert QuizAttempt.objects.filter(submitted_at__isnull=False).count() == 1


def test_an_answer_never_lands_after_the_attempt_was_submitted(quiz, learner):
    """A second tab still holds the attempt as it was before the first tab
    submitted it: its late answer is refused, and the graded answers stay."""
    attempt = attempts.start_attempt(learner, quiz, "en")
    stale = QuizAttempt.objects.get(pk=attempt.pk)
    answer_all(attempt, RIGHT_ANSWERS)
    attempts.submit_attempt(attempt)
    with pytest.raises(AttemptClosed):
        attempts.record_answer(stale, "q-single", ["s-a"])
    with pytest.raises(AttemptClosed):
        attempts.record_all(stale, WRONG_ANSWERS)
    assert QuestionAnswer.objects.get(attempt=attempt, question_id="q-single").correct
    assert QuizAttempt.objects.get(pk=attempt.pk).score == 100
