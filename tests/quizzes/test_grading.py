"""quizzes/grading.py: every question type, partial credit, and bad answers."""

import pytest

from quizzes import grading
from quizzes.grading import InvalidAnswer

from .conftest import RIGHT_ANSWERS, SECRETS, WRONG_ANSWERS


def graded(snapshot, question_id, values):
    question = snapshot[question_id]
    return grading.grade(question, grading.parse_answer(question, values))


@pytest.mark.parametrize("question_id", list(RIGHT_ANSWERS))
def test_right_answers_get_full_marks(snapshot, question_id):
    result = graded(snapshot, question_id, RIGHT_ANSWERS[question_id])
    assert result.correct and result.points == 1.0


@pytest.mark.parametrize("question_id", list(WRONG_ANSWERS))
def test_wrong_answers_get_no_marks(snapshot, question_id):
    result = graded(snapshot, question_id, WRONG_ANSWERS[question_id])
    assert not result.correct and result.points == 0.0


def test_each_option_carries_its_own_feedback(snapshot):
    assert graded(snapshot, "q-single", ["s-a"]).feedback == ["FEEDBACK-s-a"]
    assert graded(snapshot, "q-tf", ["true"]).feedback == ["FEEDBACK-tf-true"]
    assert graded(snapshot, "q-rof", ["manipulated"]).feedback == ["FEEDBACK-rof-manip"]
    assert graded(snapshot, "q-scenario", ["c-b"]).feedback == ["FEEDBACK-c-b"]


class TestMultipleChoice:
    def test_partial_credit_per_right_option(self, snapshot):
        result = graded(snapshot, "q-multi", ["m-a", "m-b"])
        assert result.points == pytest.approx(2 / 3, abs=1e-4)
        assert not result.correct
        assert result.feedback == ["FEEDBACK-m-a", "FEEDBACK-m-b"]

    def test_a_wrong_pick_cancels_a_right_one(self, snapshot):
        assert graded(snapshot, "q-multi", ["m-a", "m-b", "m-c"]).points == pytest.approx(1 / 3, abs=1e-4)

    def test_ticking_everything_earns_nothing_extra(self, snapshot):
        result = graded(snapshot, "q-multi", ["m-a", "m-b", "m-c", "m-d"])
        assert result.points == pytest.approx(2 / 3, abs=1e-4) and not result.correct
        assert graded(snapshot, "q-multi", ["m-c"]).points == 0.0  # never below zero

    def test_all_or_nothing(self, snapshot):
        question = snapshot["q-multi"]
        question["value"]["scoring"] = "all_or_nothing"
        assert grading.grade(question, ["m-a", "m-b"]).points == 0.0
        assert grading.grade(question, ["m-a", "m-b", "m-d"]).points == 1.0


def test_ordering_gives_credit_per_step_in_place(snapshot):
    result = graded(snapshot, "q-order", ["o-1", "o-2", "o-4", "o-3"])
    assert result.points == 0.5 and not result.correct


class TestBadAnswers:
    @pytest.mark.parametrize(
        "question_id, values, message",
        [
            ("q-single", ["not-an-option"], "not one of this question"),
            ("q-single", ["m-a"], "not one of this question"),  # an option of another question
            ("q-single", ["s-a", "s-b"], "not one of this question"),
            ("q-multi", ["m-a", "zzz"], "not one of this question"),
            ("q-tf", ["maybe"], "true or false"),
            ("q-rof", ["fake"], "not one of this question"),
            ("q-order", ["o-1", "o-1", "o-2", "o-3"], "exactly once"),
            ("q-order", ["o-1", "o-2", "o-3"], "exactly once"),
            ("q-single", [], "Choose an answer"),
            ("q-single", ["  "], "Choose an answer"),
            ("q-multi", [f"m-{i}" for i in range(50)], "too many"),
        ],
    )
    def test_rejected_with_a_clear_message(self, snapshot, question_id, values, message):
        with pytest.raises(InvalidAnswer, match=message):
            grading.parse_answer(snapshot[question_id], values)


def test_score_rounds_down_so_a_near_miss_does_not_pass():
    grades = [grading.Grade(points=p, correct=p == 1.0) for p in (1, 1, 1, 1, 1, 1, 0.9, 0, 0, 0)]
    score = grading.total_score(grades)
    assert score.percent == 69
    assert not score.passes(70)
    assert grading.total_score([grading.Grade(1, True)] * 7 + [grading.Grade(0, False)] * 3).passes(70)


@pytest.mark.parametrize("question_id", list(RIGHT_ANSWERS))
def test_public_question_holds_no_answer_key_or_feedback(snapshot, question_id):
    public = repr(grading.public_question(snapshot[question_id]))
    for secret in SECRETS:
        assert secret not in public
    assert "'answer'" not in public


def test_right_and_given_answers_in_words(snapshot):
    assert grading.right_answer_texts(snapshot["q-multi"]) == ["Urgency", "A link", "Threats"]
    assert grading.answer_texts(snapshot["q-order"], ["o-2", "o-1", "o-3", "o-4"]) == [
        "Investigate",
        "Stop",
        "Find",
        "Trace",
    ]
    assert grading.right_answer_texts(snapshot["q-tf"]) == ["False"]
