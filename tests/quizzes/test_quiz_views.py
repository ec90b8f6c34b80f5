"""Taking a quiz through the site, with plain form POSTs (no JavaScript)."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

from quizzes import attempts
from quizzes.models import QuestionAnswer, QuizAttempt

from .conftest import QUESTIONS, RIGHT_ANSWERS, SECRETS, WRONG_ANSWERS

pytestmark = pytest.mark.django_db


def start(client, quiz, layout="one"):
    response = client.post(f"/en/learn/quizzes/{quiz.id}/start/", {"layout": layout})
    assert response.status_code == 302, response.content
    return QuizAttempt.objects.latest("started_at"), response["Location"]


def question_url(attempt, number):
    return f"/en/learn/attempts/{attempt.pk}/questions/{number}/"


def main_html(response):
    html = response.content.decode()
    return html.split('<main id="main"')[1].split("</main>")[0]


def test_no_answer_key_or_feedback_reaches_the_browser_before_answering(client, learner, quiz):
    """Renders every question type, on both layouts, and reads the HTML."""
    client.force_login(learner)
    attempt, _ = start(client, quiz)
    for number, question in enumerate(QUESTIONS, 1):
        html = main_html(client.get(question_url(attempt, number)))
        assert question["id"] in html  # the question is really on the page
        for secret in SECRETS:
            assert secret not in html, (question["type"], secret)
    html = main_html(client.get(f"/en/learn/attempts/{attempt.pk}/all/"))
    assert all(q["id"] in html for q in QUESTIONS)
    for secret in SECRETS:
        assert secret not in html
    # ...and after answering question 1, only question 1's feedback appears.
    client.post(question_url(attempt, 1), {"answer-q-single": "s-a"})
    html = main_html(client.get(question_url(attempt, 1)))
    assert "FEEDBACK-s-a" in html and "EXPLANATION-single" in html and "Nobody" in html
    html = main_html(client.get(question_url(attempt, 2)))
    assert "FEEDBACK-" not in html and "EXPLANATION-" not in html


def test_with_feedback_at_end_nothing_shows_until_submitted(client, learner, make_quiz):
    quiz = make_quiz(feedback_mode="end")
    client.force_login(learner)
    attempt, _ = start(client, quiz)
    response = client.post(question_url(attempt, 1), {"answer-q-single": "s-a"})
    assert response["Location"] == question_url(attempt, 2)
    html = main_html(client.get(question_url(attempt, 1)))
    assert "FEEDBACK-" not in html and "EXPLANATION-" not in html
    assert 'value="s-a" checked' in html  # the choice is remembered and can be changed


def test_one_question_per_screen_journey_to_results(client, learner, quiz, competences):
    client.force_login(learner)
    attempt, location = start(client, quiz)
    assert location == question_url(attempt, 1)
    for number, question in enumerate(QUESTIONS, 1):
        response = client.post(
            question_url(attempt, number), {f"answer-{question['id']}": RIGHT_ANSWERS[question["id"]]}
        )
        assert response.status_code == 302
    response = client.post(f"/en/learn/attempts/{attempt.pk}/review/")
    assert response["Location"] == f"/en/learn/attempts/{attempt.pk}/results/"
    html = main_html(client.get(response["Location"]))
    assert "100%" in html and "You passed" in html
    assert "EXPLANATION-order" in html  # every explanation, after submitting
    assert "Evaluating information" in html and "AI literacy" in html  # competences practised


def test_resume_after_reload_or_on_another_device(client, learner, quiz):
    client.force_login(learner)
    attempt, _ = start(client, quiz)
    client.post(question_url(attempt, 1), {"answer-q-single": "s-b"})
    client.post(question_url(attempt, 2), {"answer-q-multi": ["m-a"]})
    from django.test import Client

    other_device = Client()
    other_device.force_login(learner)
    response = other_device.post(f"/en/learn/quizzes/{quiz.id}/start/", {"layout": "one"})
    assert response["Location"] == question_url(attempt, 3)
    assert QuizAttempt.objects.count() == 1


def test_all_on_one_page_submits_everything_at_once(client, learner, quiz):
    client.force_login(learner)
    attempt, location = start(client, quiz, layout="all")
    assert location.endswith(f"/attempts/{attempt.pk}/all/")
    data = {f"answer-{qid}": values for qid, values in WRONG_ANSWERS.items()}
    response = client.post(location, data)
    assert response["Location"].endswith("/results/")
    attempt.refresh_from_db()
    assert attempt.score == 0 and attempt.passed is False
    html = main_html(client.get(response["Location"]))
    assert "Try again" in html


def test_double_submit_yields_one_result(client, learner, quiz):
    client.force_login(learner)
    attempt, location = start(client, quiz, layout="all")
    data = {f"answer-{qid}": values for qid, values in RIGHT_ANSWERS.items()}
    first = client.post(location, data)
    second = client.post(location, data)  # replayed POST
    assert first["Location"] == second["Location"]
    assert QuizAttempt.objects.filter(submitted_at__isnull=False).count() == 1
    assert QuestionAnswer.objects.count() == len(QUESTIONS)


class TestBadInput:
    def test_option_id_not_in_the_question(self, client, learner, quiz):
        client.force_login(learner)
        attempt, _ = start(client, quiz)
        response = client.post(question_url(attempt, 1), {"answer-q-single": "m-a"})
        assert response.status_code == 400
        assert "not one of this question" in response.content.decode()
        assert not QuestionAnswer.objects.exists()

    def test_answers_for_a_question_not_in_this_attempt(self, client, learner, make_quiz):
        quiz = make_quiz(draw_count=2, shuffle_questions=True)
        client.force_login(learner)
        attempt, location = start(client, quiz, layout="all")
        missing = next(q["id"] for q in QUESTIONS if q["id"] not in {s["id"] for s in attempt.questions})
        data = {f"answer-{q['id']}": RIGHT_ANSWERS[q["id"]] for q in attempt.questions}
        data[f"answer-{missing}"] = RIGHT_ANSWERS[missing]
        response = client.post(location, data)
        assert response.status_code == 400
        assert "not part of this attempt" in response.content.decode()
        assert not QuestionAnswer.objects.exists()
        assert QuizAttempt.objects.get(pk=attempt.pk).submitted_at is None

    def test_missing_answer(self, client, learner, quiz):
        client.force_login(learner)
        attempt, location = start(client, quiz, layout="all")
        data = {f"answer-{qid}": values for qid, values in RIGHT_ANSWERS.items() if qid != "q-tf"}
        response = client.post(location, data)
        assert response.status_code == 400
        assert "Still to answer: 3." in response.content.decode()
        assert not QuestionAnswer.objects.exists()  # nothing half-saved
        response = client.post(question_url(attempt, 1), {})
        assert response.status_code == 400 and "Choose an answer" in response.content.decode()

    def test_submitting_an_unfinished_attempt(self, client, learner, quiz):
        client.force_login(learner)
        attempt, _ = start(client, quiz)
        response = client.post(f"/en/learn/attempts/{attempt.pk}/review/")
        assert response.status_code == 400
        assert "Still to answer: 1, 2, 3, 4, 5, 6." in response.content.decode()

    def test_huge_post(self, client, learner, quiz):
        client.force_login(learner)
        attempt, _ = start(client, quiz)
        response = client.post(question_url(attempt, 1), {"answer-q-single": "x" * (3 * 1024 * 1024)})
        assert response.status_code == 400
        assert not QuestionAnswer.objects.exists()

    def test_too_many_fields(self, client, learner, quiz):
        client.force_login(learner)
        attempt, _ = start(client, quiz)
        response = client.post(question_url(attempt, 2), {"answer-q-multi": [f"v{i}" for i in range(2000)]})
        assert response.status_code == 400
        assert not QuestionAnswer.objects.exists()

    def test_another_learners_attempt_is_not_found(self, client, learner, other_learner, quiz):
        mine = attempts.start_attempt(learner, quiz, "en")
        client.force_login(other_learner)
        for url in (
            question_url(mine, 1),
            f"/en/learn/attempts/{mine.pk}/all/",
            f"/en/learn/attempts/{mine.pk}/results/",
        ):
            assert client.get(url).status_code == 404
        response = client.post(question_url(mine, 1), {"answer-q-single": "s-b"})
        assert response.status_code == 404
        assert "could not find that quiz attempt" in response.content.decode()
        assert not QuestionAnswer.objects.exists()

    def test_start_after_the_limit(self, client, learner, make_quiz):
        quiz = make_quiz(max_attempts=1)
        client.force_login(learner)
        attempt, location = start(client, quiz, layout="all")
        client.post(location, {f"answer-{qid}": v for qid, v in WRONG_ANSWERS.items()})
        response = client.post(f"/en/learn/quizzes/{quiz.id}/start/", {"layout": "all"})
        assert response.status_code == 403
        assert "used all 1 attempts" in response.content.decode()
        assert QuizAttempt.objects.count() == 1

    def test_answering_a_submitted_attempt_changes_nothing(self, client, learner, quiz):
        client.force_login(learner)
        attempt, location = start(client, quiz, layout="all")
        client.post(location, {f"answer-{qid}": v for qid, v in RIGHT_ANSWERS.items()})
        response = client.post(question_url(attempt, 1), {"answer-q-single": "s-a"})
        assert response.status_code == 302 and response["Location"].endswith("/results/")
        assert QuestionAnswer.objects.get(question_id="q-single").answer == "s-b"

    def test_question_number_out_of_range(self, client, learner, quiz):
        client.force_login(learner)
        attempt, _ = start(client, quiz)
        assert client.get(question_url(attempt, 99)).status_code == 404

    def test_guest_is_sent_to_sign_in(self, client, quiz):
        response = client.post(f"/en/learn/quizzes/{quiz.id}/start/")
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        html = client.get(quiz.url).content.decode()
        assert "sign in" in html


def test_quiz_page_shows_attempts_and_pass(client, learner, quiz):
    client.force_login(learner)
    attempt, location = start(client, quiz, layout="all")
    client.post(location, {f"answer-{qid}": v for qid, v in RIGHT_ANSWERS.items()})
    html = client.get(quiz.url).content.decode()
    assert "You have passed this quiz." in html
    assert "Attempt 1: 100%" in html


def test_real_or_fake_example_can_be_an_image(client, learner, course):
    import io
    import json

    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images import get_image_model

    from quizzes.models import QuizPage
    from tests.conftest import publish

    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 20), "#7c3aed").save(buffer, format="PNG")
    image = get_image_model()(title="Flood photo")
    image.file = ImageFile(buffer, name="flood.png")
    image.save()
    question = {
        "type": "real_or_fake",
        "id": "q-img",
        "value": {
            "competence": "AI.1",
            "prompt": "Real photo?",
            "example_kind": "image",
            "source_label": "",
            "example_text": "",
            "image": image.id,
            "image_alt_text": "A girl holding a puppy on a rooftop in flood water",
            "answer": "ai_generated",
            "feedback": {k: f"FEEDBACK-{k}" for k in ("genuine", "ai_generated", "manipulated", "scam")},
            "explanation": "<p>EXPLANATION-img</p>",
        },
    }
    quiz = QuizPage(title="Image quiz", slug="image-quiz", questions=json.dumps([question]))
    course[0].add_child(instance=quiz)
    publish(quiz)
    client.force_login(learner)
    attempt, location = start(client, quiz)
    html = main_html(client.get(location))
    assert 'alt="A girl holding a puppy on a rooftop in flood water"' in html and "<img" in html
    assert "FEEDBACK-" not in html and "ai_generated" not in html.replace('value="ai_generated"', "")


def test_no_time_limit_an_attempt_left_for_days_is_finished_as_usual(client, learner, quiz):
    """Older learners may stop mid-quiz and come back days later: nothing
    times out, and no page refreshes or moves on by itself."""
    client.force_login(learner)
    attempt, location = start(client, quiz)
    page = client.get(location).content.decode()
    assert "No time limit" in client.get(quiz.url).content.decode()
    assert 'http-equiv="refresh"' not in page
    # The quiz's script (focus and put-in-order moves) and the site's offline one set
    # no timer and never navigate.
    scripts = re.findall(r'<script[^>]*src="/static/([^"]+)"', page)
    assert sorted(scripts) == ["js/offline.js", "quizzes/quiz.js"] and "<script>" not in page
    for name in scripts:
        script = finders.find(name)
        assert not re.search(
            r"setTimeout|setInterval|location\.(href|assign|replace|reload)|\.submit\(", Path(script).read_text()
        ), name
    QuizAttempt.objects.filter(pk=attempt.pk).update(started_at=attempt.started_at - timedelta(days=9))
    for number, question in enumerate(QUESTIONS, 1):
        response = client.post(
            question_url(attempt, number), {f"answer-{question['id']}": RIGHT_ANSWERS[question["id"]]}
        )
        assert response.status_code == 302
    response = client.post(f"/en/learn/attempts/{attempt.pk}/review/")
    assert "You passed" in main_html(client.get(response["Location"]))
