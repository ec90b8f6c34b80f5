"""Issue 21: the quiz for older learners on a cheap phone, through plain form
POSTs (no JavaScript): the verdict first, put-in-order as a list with move
buttons, resuming in the learner's language, checked answers staying final
on the all-on-one-page layout, "Continue" with everything answered, and what
the results and refusal pages say."""

import json

import pytest

from courses.models import Certificate
from quizzes.models import QuestionAnswer, QuizAttempt

from ..conftest import publish, translate
from .conftest import QUESTIONS, RIGHT_ANSWERS, WRONG_ANSWERS
from .test_quiz_views import main_html, question_url, start

pytestmark = pytest.mark.django_db

ORDER_NUMBER = next(n for n, q in enumerate(QUESTIONS, 1) if q["type"] == "ordering")


def answer(client, attempt, number, values):
    question = attempt.questions[number - 1]
    return client.post(question_url(attempt, number), {f"answer-{question['id']}": values})


def test_check_my_answer_lands_on_the_verdict_which_comes_before_the_question(client, learner, quiz):
    client.force_login(learner)
    attempt, _ = start(client, quiz)
    for number, question in enumerate(QUESTIONS, 1):
        response = answer(client, attempt, number, WRONG_ANSWERS[question["id"]])
        assert response.status_code == 302
        assert response["Location"] == question_url(attempt, number) + "#verdict"
        html = main_html(client.get(question_url(attempt, number)))
        verdict = html.index('id="verdict"')
        assert verdict < html.index(f'id="q-{question["id"]}"'), question["type"]  # above the question
        tag = html[html.rindex("<", 0, verdict) : html.index(">", verdict)]
        assert 'role="status"' in tag and 'tabindex="-1"' in tag
        assert "Not quite." in html[verdict:] or "Partly right." in html[verdict:]


def test_the_skip_link_leads_to_the_question_then_to_the_verdict(client, learner, quiz):
    client.force_login(learner)
    attempt, _ = start(client, quiz)
    html = client.get(question_url(attempt, 1)).content.decode()
    assert html.index('class="skip-link" href="#question"') < html.index('class="site-header"')
    assert 'id="question"' in main_html(client.get(question_url(attempt, 1)))
    answer(client, attempt, 1, ["s-b"])
    html = client.get(question_url(attempt, 1)).content.decode()
    assert 'class="skip-link" href="#verdict"' in html
    # Every other page keeps "Skip to content".
    assert 'class="skip-link" href="#main"' in client.get(quiz.url).content.decode()


class TestPutInOrder:
    def shown(self, html, attempt):
        """The step texts in the order the list shows them."""
        texts = {item["id"]: item["value"] for item in QUESTIONS[ORDER_NUMBER - 1]["value"]["steps"]}
        found = [(html.index(f'value="{step_id}"'), text) for step_id, text in texts.items()]
        return [text for _position, text in sorted(found)]

    def test_every_step_is_shown_in_full_in_a_list_with_move_buttons(self, client, learner, quiz):
        client.force_login(learner)
        attempt, _ = start(client, quiz)
        html = main_html(client.get(question_url(attempt, ORDER_NUMBER)))
        assert "<select" not in html and '<ol class="order-list"' in html
        shown = attempt.questions[ORDER_NUMBER - 1]["order"]
        texts = {item["id"]: item["value"] for item in QUESTIONS[ORDER_NUMBER - 1]["value"]["steps"]}
        assert self.shown(html, attempt) == [texts[step_id] for step_id in shown]
        assert html.count('data-direction="up"') == 4 and html.count('data-direction="down"') == 4

    def test_move_up_without_javascript_reorders_and_records_nothing(self, client, learner, quiz):
        client.force_login(learner)
        attempt, _ = start(client, quiz)
        url = question_url(attempt, ORDER_NUMBER)
        order = ["o-2", "o-1", "o-4", "o-3"]
        response = client.post(url, {"answer-q-order": order, "move-q-order": "1-up"})
        assert response.status_code == 200
        assert self.shown(main_html(response), attempt) == ["Stop", "Investigate", "Trace", "Find"]
        response = client.post(url, {"answer-q-order": ["o-1", "o-2", "o-4", "o-3"], "move-q-order": "2-down"})
        assert self.shown(main_html(response), attempt) == ["Stop", "Investigate", "Find", "Trace"]
        assert not QuestionAnswer.objects.exists()
        # The moved order is what "Check my answer" then sends.
        response = client.post(url, {"answer-q-order": ["o-1", "o-2", "o-3", "o-4"]})
        assert response.status_code == 302
        assert QuestionAnswer.objects.get().correct

    def test_a_move_past_the_end_or_a_repeated_step_keeps_the_learners_order(self, client, learner, quiz):
        client.force_login(learner)
        attempt, _ = start(client, quiz)
        url = question_url(attempt, ORDER_NUMBER)
        response = client.post(url, {"answer-q-order": ["o-3", "o-1", "o-2", "o-4"], "move-q-order": "0-up"})
        assert response.status_code == 400 and "cannot move" in response.content.decode()
        assert self.shown(main_html(response), attempt) == ["Find", "Stop", "Investigate", "Trace"]
        response = client.post(url, {"answer-q-order": ["o-3", "o-3", "o-2", "o-4"]})
        assert response.status_code == 400 and "exactly once" in response.content.decode()
        shown = self.shown(main_html(response), attempt)
        assert shown[:3] == ["Find", "Investigate", "Trace"] and len(shown) == 4  # kept, the missing step after
        assert not QuestionAnswer.objects.exists()

    def test_moves_on_the_all_on_one_page_layout_keep_every_other_answer(self, client, learner, quiz):
        client.force_login(learner)
        attempt, location = start(client, quiz, layout="all")
        data = {f"answer-{qid}": values for qid, values in RIGHT_ANSWERS.items()}
        data["answer-q-order"] = ["o-2", "o-1", "o-3", "o-4"]
        data["move-q-order"] = "1-up"
        response = client.post(location, data)
        assert response.status_code == 200
        html = main_html(response)
        assert self.shown(html, attempt) == ["Stop", "Investigate", "Find", "Trace"]
        assert 'value="s-b" checked' in html and 'value="c-a" checked' in html
        assert QuizAttempt.objects.get(pk=attempt.pk).submitted_at is None


def test_all_on_one_page_keeps_a_checked_answer_final_and_shows_its_verdict(client, learner, quiz):
    """Feedback after each question: question 1 was checked on its own screen,
    so the all-on-one-page layout shows it answered, with its verdict, and
    submitting without it keeps that answer."""
    client.force_login(learner)
    attempt, _ = start(client, quiz)
    answer(client, attempt, 1, ["s-a"])  # wrong, and the right answer was shown
    _again, location = start(client, quiz, layout="all")
    html = main_html(client.get(location))
    first = html[html.index('id="q-q-single"') : html.index('id="q-q-multi"')]
    assert 'value="s-a" checked disabled' in first and "Not quite." in first
    data = {f"answer-{qid}": values for qid, values in RIGHT_ANSWERS.items() if qid != "q-single"}
    response = client.post(location, data)
    assert response["Location"].endswith("/results/")
    assert QuestionAnswer.objects.get(attempt=attempt, question_id="q-single").answer == "s-a"


def test_continue_with_every_question_answered_opens_check_and_submit(client, learner, make_quiz):
    quiz = make_quiz(feedback_mode="end")
    client.force_login(learner)
    attempt, _ = start(client, quiz)
    for number, question in enumerate(QUESTIONS, 1):
        answer(client, attempt, number, RIGHT_ANSWERS[question["id"]])
    _again, location = start(client, quiz)
    assert location == f"/en/learn/attempts/{attempt.pk}/review/"


class TestResumingInAnotherLanguage:
    def test_the_attempt_continues_in_the_learners_language(self, client, learner, quiz, translate_course, course):
        course_page, lessons = course
        course_ms, _lessons_ms = translate_course(course_page, lessons, "ms")
        quiz_ms = translate(quiz, "ms")
        raw = quiz_ms.questions.raw_data
        raw[0]["value"]["question"] = "Siapa boleh meminta OTP anda?"
        raw[0]["value"]["options"][1]["value"]["text"] = "Tiada sesiapa"
        quiz_ms.questions = json.dumps(list(raw))
        publish(quiz_ms)
        client.force_login(learner)
        attempt, _ = start(client, quiz)  # begun in English
        response = client.post(f"/ms/learn/quizzes/{quiz_ms.id}/start/", {"layout": "one"})
        assert response["Location"] == f"/ms/learn/attempts/{attempt.pk}/questions/1/"
        assert QuizAttempt.objects.count() == 1
        html = main_html(client.get(response["Location"]))
        assert "Siapa boleh meminta OTP anda?" in html and "Tiada sesiapa" in html
        assert "Who may ask" not in html and "This attempt is in" not in html
        # Graded on the attempt's own answer key, the feedback in Malay too.
        client.post(response["Location"], {"answer-q-single": "s-b"})
        assert QuestionAnswer.objects.get().correct
        assert "Tiada sesiapa" in main_html(client.get(response["Location"]))

    def test_without_such_a_translation_a_notice_links_to_the_attempts_language(
        self, client, learner, quiz, translate_course, course
    ):
        course_page, lessons = course
        translate_course(course_page, lessons, "ms")
        quiz_ms = translate(quiz, "ms")
        quiz_ms.questions = json.dumps(list(quiz_ms.questions.raw_data)[1:])  # one question fewer
        publish(quiz_ms)
        client.force_login(learner)
        attempt, _ = start(client, quiz)
        response = client.post(f"/ms/learn/quizzes/{quiz_ms.id}/start/", {"layout": "one"})
        html = main_html(client.get(response["Location"]))
        assert "Who may ask for your OTP?" in html  # the attempt's own questions...
        assert f'href="/en/learn/attempts/{attempt.pk}/questions/1/"' in html  # ...and the way to its language
        assert 'lang="en"' in html


class TestResults:
    def finish(self, client, attempt, answers):
        for number, question in enumerate(attempt.questions, 1):
            answer(client, attempt, number, answers[question["id"]])
        return client.post(f"/en/learn/attempts/{attempt.pk}/review/")

    def test_passing_the_last_step_says_the_course_is_complete_and_links_the_certificate(
        self, client, learner, course, quiz
    ):
        course_page, lessons = course
        client.force_login(learner)
        for lesson in lessons:
            client.post(f"/en/learn/courses/{course_page.id}/lessons/{lesson.id}/complete/")
        attempt, _ = start(client, quiz)
        html = main_html(client.get(self.finish(client, attempt, RIGHT_ANSWERS)["Location"]))
        assert Certificate.objects.filter(user=learner).exists()
        assert "You have completed" in html
        assert f'href="/en/learn/courses/{course_page.translation_key}/certificate/"' in html

    def test_a_failed_retake_after_passing_says_the_pass_stands(self, client, learner, quiz):
        client.force_login(learner)
        first, _ = start(client, quiz)
        self.finish(client, first, RIGHT_ANSWERS)
        retake, _ = start(client, quiz)
        html = main_html(client.get(self.finish(client, retake, WRONG_ANSWERS)["Location"]))
        assert "Not passed yet" not in html and "you passed this quiz in an earlier attempt" in html
        assert "You have completed" not in html  # the lessons are not read

    def test_a_failed_limited_attempt_says_how_many_are_left_and_the_refusal_leads_back(
        self, client, learner, make_quiz, course
    ):
        quiz = make_quiz(max_attempts=2)
        client.force_login(learner)
        first, _ = start(client, quiz)
        html = main_html(client.get(self.finish(client, first, WRONG_ANSWERS)["Location"]))
        assert "1 attempt left" in html and "Try again" in html
        second, _ = start(client, quiz)
        html = main_html(client.get(self.finish(client, second, WRONG_ANSWERS)["Location"]))
        assert "You have used all your attempts" in html and "Try again" not in html
        response = client.post(f"/en/learn/quizzes/{quiz.id}/start/", {"layout": "one"})
        assert response.status_code == 403
        assert f'href="{course[0].url}"' in main_html(response) and "Back to the course" in main_html(response)
