"""A quiz with one question of every type, whose answer key the tests know."""

import json

import pytest

from quizzes.models import QuizPage
from tests.conftest import publish


def item(item_id, value):
    return {"type": "item", "id": item_id, "value": value}


def option(item_id, text, correct, feedback):
    return item(item_id, {"text": text, "correct": correct, "feedback": feedback})


EXPLAIN = "<p>EXPLANATION-{}</p>"

QUESTIONS = [
    {
        "type": "single_choice",
        "id": "q-single",
        "value": {
            "competence": "1.2",
            "question": "Who may ask for your OTP?",
            "options": [
                option("s-a", "Bank staff", False, "FEEDBACK-s-a"),
                option("s-b", "Nobody", True, "FEEDBACK-s-b"),
                option("s-c", "Police", False, "FEEDBACK-s-c"),
            ],
            "explanation": EXPLAIN.format("single"),
        },
    },
    {
        "type": "multiple_choice",
        "id": "q-multi",
        "value": {
            "competence": "1.2",
            "question": "Which are warning signs?",
            "scoring": "partial",
            "options": [
                option("m-a", "Urgency", True, "FEEDBACK-m-a"),
                option("m-b", "A link", True, "FEEDBACK-m-b"),
                option("m-c", "Your name", False, "FEEDBACK-m-c"),
                option("m-d", "Threats", True, "FEEDBACK-m-d"),
            ],
            "explanation": EXPLAIN.format("multi"),
        },
    },
    {
        "type": "true_false",
        "id": "q-tf",
        "value": {
            "competence": "4.2",
            "statement": "A caller who knows your IC number must be real.",
            "answer": False,
            "feedback_true": "FEEDBACK-tf-true",
            "feedback_false": "FEEDBACK-tf-false",
            "explanation": EXPLAIN.format("tf"),
        },
    },
    {
        "type": "real_or_fake",
        "id": "q-rof",
        "value": {
            "competence": "AI.1",
            "prompt": "Is this real?",
            "example_kind": "sms",
            "source_label": "BANK",
            "example_text": "Your account is locked, click here",
            "answer": "scam",
            "feedback": {
                "genuine": "FEEDBACK-rof-genuine",
                "ai_generated": "FEEDBACK-rof-ai",
                "manipulated": "FEEDBACK-rof-manip",
                "scam": "FEEDBACK-rof-scam",
            },
            "explanation": EXPLAIN.format("rof"),
        },
    },
    {
        "type": "ordering",
        "id": "q-order",
        "value": {
            "competence": "1.2",
            "question": "Put SIFT in order.",
            "steps": [item("o-1", "Stop"), item("o-2", "Investigate"), item("o-3", "Find"), item("o-4", "Trace")],
            "explanation": EXPLAIN.format("order"),
        },
    },
    {
        "type": "scenario",
        "id": "q-scenario",
        "value": {
            "competence": "4.3",
            "situation": "Your uncle shares a hoax.",
            "question": "What do you do?",
            "options": [
                option("c-a", "Message him kindly", True, "FEEDBACK-c-a"),
                option("c-b", "Mock him in the group", False, "FEEDBACK-c-b"),
            ],
            "explanation": EXPLAIN.format("scenario"),
        },
    },
]

RIGHT_ANSWERS = {
    "q-single": ["s-b"],
    "q-multi": ["m-a", "m-b", "m-d"],
    "q-tf": ["false"],
    "q-rof": ["scam"],
    "q-order": ["o-1", "o-2", "o-3", "o-4"],
    "q-scenario": ["c-a"],
}
WRONG_ANSWERS = {
    "q-single": ["s-a"],
    "q-multi": ["m-c"],
    "q-tf": ["true"],
    "q-rof": ["genuine"],
    "q-order": ["o-4", "o-3", "o-2", "o-1"],
    "q-scenario": ["c-b"],
}
SECRETS = ["FEEDBACK-", "EXPLANATION-", '"correct"', "correct", "answer_key"]


@pytest.fixture
def make_quiz(course):
    """make_quiz(**settings) -> QuizPage, published as the course's required quiz."""
    course_page, _lessons = course

    def make(slug="quiz", **settings):
        quiz = QuizPage(title="Check your skills", slug=slug, questions=json.dumps(QUESTIONS), **settings)
        course_page.add_child(instance=quiz)
        return publish(quiz)

    return make


@pytest.fixture
def quiz(make_quiz):
    return make_quiz(shuffle_options=False)


@pytest.fixture
def snapshot():
    return {q["id"]: q for q in json.loads(json.dumps(QUESTIONS))}
