"""Question types are one class each, in one registry (quizzes.questions):
the editor's blocks, grading, the quiz screens and the report all come from
it, so a new type is one module and one template."""

import random
from pathlib import Path

import pytest
from django.template.loader import render_to_string
from django.test import override_settings
from wagtail import blocks

from quizzes import grading
from quizzes.blocks import QuestionBlocks
from quizzes.models import QuizAttempt
from quizzes.questions import Grade, InvalidAnswer, QuestionType, base, question_type, question_types
from quizzes.report import QuestionStat

from .conftest import QUESTIONS, SECRETS

TEST_TEMPLATES = Path(__file__).parent / "templates"


def test_the_six_types_in_the_editors_order():
    assert [kind.key for kind in question_types()] == [
        "single_choice",
        "multiple_choice",
        "true_false",
        "real_or_fake",
        "ordering",
        "scenario",
    ]
    assert list(QuestionBlocks().child_blocks) == [kind.key for kind in question_types()]
    assert [str(kind.label) for kind in question_types()] == [
        "Single choice",
        "Multiple choice",
        "True or false",
        "Real or fake?",
        "Put in order",
        "Scenario",
    ]


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q["type"])
def test_each_types_template_shows_the_question_and_no_answer(question):
    order = grading.shown_order(question, random.Random(1), shuffle=True)
    public = grading.public_question(question, order)
    html = render_to_string(question_type(question["type"]).template, {"q": public, "number": 3, "chosen": []})
    assert f'name="answer-{question["id"]}"' in html
    assert "3. " in html and public.get("question", public.get("statement", public.get("prompt")))[:20] in html
    assert not any(secret in html for secret in SECRETS)
    wording = render_to_string(
        question_type(question["type"]).template, {"q": public, "number": 3, "wording_only": True}
    )
    assert "answer-" not in wording


def test_an_unknown_type_is_a_clear_refusal_not_a_crash():
    ghost = {"id": "q-ghost", "type": "crossword", "value": {}}
    with pytest.raises(InvalidAnswer):
        grading.parse_answer(ghost, ["x"])
    assert QuestionStat("q-ghost", number=1, text="text", type="crossword", competence="").type_label == "crossword"


class EstimateBlock(blocks.StructBlock):
    competence = blocks.CharBlock()
    question = blocks.CharBlock()
    answer = blocks.IntegerBlock()

    class Meta:
        label = "Estimate"


@pytest.fixture
def estimate_type():
    """A seventh type, written as a new module would be: one class (here)
    and one template (tests/quizzes/templates/quizzes/questions/estimate.html)."""

    class Estimate(QuestionType):
        key = "estimate"
        block_class = EstimateBlock
        position = 70

        def public(self, question, order=None):
            return {**super().public(question), "question": question["value"]["question"]}

        def parse(self, question, values):
            if len(values) != 1 or not values[0].lstrip("-").isdigit():
                raise InvalidAnswer("Type a whole number.")
            return int(values[0])

        def grade(self, question, answer):
            right = question["value"]["answer"]
            points = max(0.0, 1 - abs(answer - right) / max(abs(right), 1))
            return Grade(points=round(points, 4), correct=answer == right, feedback=[])

        def right_answer_values(self, question):
            return [str(question["value"]["answer"])]

    yield Estimate
    base._registry.pop("estimate")


ESTIMATE = {
    "type": "estimate",
    "id": "q-estimate",
    "value": {"competence": "1.2", "question": "How many shares did the hoax get?", "answer": 100},
}


def test_a_seventh_type_needs_only_its_class_and_template(estimate_type, make_quiz, learner, client):
    assert [kind.key for kind in question_types()][-1] == "estimate"
    assert "estimate" in QuestionBlocks().child_blocks
    assert grading.grade(ESTIMATE, grading.parse_answer(ESTIMATE, ["90"])).points == 0.9
    with pytest.raises(InvalidAnswer):
        grading.parse_answer(ESTIMATE, ["lots"])

    # A quiz that asks it, taken through the learner's screens.
    with override_settings(
        TEMPLATES=[
            {
                "BACKEND": "django.template.backends.django.DjangoTemplates",
                "DIRS": [TEST_TEMPLATES],
                "APP_DIRS": True,
                "OPTIONS": {"context_processors": _context_processors()},
            }
        ]
    ):
        quiz = make_quiz(slug="estimates")
        attempt = QuizAttempt.objects.create(
            user=learner,
            quiz_key=quiz.translation_key,
            course_key=quiz.get_course().translation_key,
            language="en",
            quiz_page=quiz,
            number=1,
            questions=[ESTIMATE],
            pass_mark=50,
            feedback_mode="end",
        )
        client.force_login(learner)
        page = client.get(f"/en/learn/attempts/{attempt.pk}/questions/1/").content.decode()
        assert 'type="number" name="answer-q-estimate"' in page and "How many shares" in page
        response = client.post(f"/en/learn/attempts/{attempt.pk}/questions/1/", {"answer-q-estimate": "100"})
        assert response.status_code == 302
        client.post(f"/en/learn/attempts/{attempt.pk}/review/")
    attempt.refresh_from_db()
    assert attempt.passed and attempt.score == 100


def _context_processors():
    from django.conf import settings

    return settings.TEMPLATES[0]["OPTIONS"]["context_processors"]


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q["type"])
def test_every_type_answers_its_own_questions_validly(question):
    """What benchmarks and generated tests send is always a valid answer,
    and the type's right answer earns full marks."""
    rng = random.Random(7)
    for _ in range(20):
        grading.grade(question, grading.parse_answer(question, grading.some_answer_values(question, rng)))
    right = grading.grade(question, grading.parse_answer(question, grading.right_answer_values(question)))
    assert right.correct and right.points == 1.0
    assert question_type(question["type"]).partial_credit == (question["type"] in {"multiple_choice", "ordering"})
