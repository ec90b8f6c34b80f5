"""Every learner page costs a fixed number of SQL queries: the same for a
3-lesson course with a 6-question quiz and no other learners as for a
30-lesson course with a 24-question quiz that 25 other learners have taken,
and never more than its budget.

A page whose queries grow with the course (one per lesson, one per question)
or with the learners (one per learner) is fast on the demo and falls over in a
national campaign; these tests catch that before it ships. Each page is
fetched once untimed, so that what is cached across requests (Wagtail's site
root paths, the lesson-body fragments) is warm, as it is in production."""

import copy
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.progress import DatabaseTracker, complete_lesson
from quizzes import attempts
from quizzes.models import FeedbackMode, QuizPage
from tests.conftest import make_learner, publish
from tests.quizzes.conftest import QUESTIONS, RIGHT_ANSWERS

pytestmark = pytest.mark.django_db

# Measured on SQLite and PostgreSQL alike, with database sessions (with
# REDIS_URL, sessions are read from Redis: one query fewer). The signed-in
# learner's account and profile come from the shared cache on every page
# (accounts/learner_cache.py), and learners skip the user bar's permission
# queries (only staff get a user bar; cms/templatetags/celik.py).
#
# A lesson or a course page comes from the page cache once anyone with the
# same progress has seen it (cms/page_cache.py), and My learning once the
# learner has seen it since their last step: the session and, when they
# changed since last read, the learner's done steps (lessons, passed
# quizzes): 3 queries at most.
#
# Made fresh (the first learner with that progress, or a link with a query
# string such as a campaign's), 13: the session; Wagtail's site, locale,
# root translation and routing (HomePage.route: 2); view restrictions and
# alias checks (3); the course, its lessons and its quiz; the learner's
# progress and passed quizzes; the lesson's competences with their
# pillars. The language switcher's links and the catalogue address come
# from the shared cache.
SIGNED_IN_BUDGETS = {
    "home": 9,
    "catalogue": 10,
    "course": 3,  # the shared copy for their progress (13 made fresh, as a lesson)
    "lesson": 3,
    "lesson, made fresh": 13,
    "quiz": 12,
    "quiz question": 3,
    "quiz question with feedback": 3,  # the answers read once (issue 21)
    "quiz review": 3,
    "quiz results": 10,  # + is the course complete: its certificate linked (issue 21)
    "my learning": 3,  # their own copy until their next step (8 made fresh)
}
GUEST_BUDGETS = {  # a guest with a session: their progress lives in it
    "home": 9,
    "catalogue": 10,
    "course": 1,  # the session; the shared copy for their progress
    "lesson": 1,
    "lesson, made fresh": 13,
    "my learning": 6,
}


def quiz_questions(copies):
    """The quiz conftest's six questions (one of each type), `copies` times over
    with distinct ids; and the right answers to them."""
    questions, answers = [], {}
    for n in range(copies):
        for question in copy.deepcopy(QUESTIONS):
            original = question["id"]
            question["id"] = f"{original}-{n}"
            questions.append(question)
            answers[question["id"]] = RIGHT_ANSWERS[original]
    return questions, answers


def take_quiz(user, quiz, answers):
    """Starts, answers and submits an attempt, as the quiz views do."""
    attempt = attempts.start_attempt(user, quiz, "en")
    attempts.record_all(attempt, answers)
    return attempts.submit_attempt(attempt)


def build_course(make_course, slug, lessons, quiz_copies, other_learners, learner, competences):
    """A course with `lessons` lessons (each teaching `competences`) and a quiz
    of 6 × `quiz_copies` questions, completed by `other_learners` learners;
    `learner` has done every lesson but
    the last, has passed the quiz once and has a second attempt open with its
    first question answered. Returns the learner's URLs, by page type."""
    course, lesson_pages = make_course(slug, lessons=lessons)
    for lesson in lesson_pages:
        lesson.competences.set(competences)
        publish(lesson)
    questions, answers = quiz_questions(quiz_copies)
    quiz = QuizPage(
        title="Check your skills",
        slug="quiz",
        questions=json.dumps(questions),
        feedback_mode=FeedbackMode.EACH_QUESTION,
        shuffle_options=False,
    )
    course.add_child(instance=quiz)
    publish(quiz)

    def do_lessons(user, pages):
        tracker = DatabaseTracker(user)
        for page in pages:
            complete_lesson(tracker, course, page, "en")

    for n in range(other_learners):
        other = make_learner(f"{slug}-{n}@example.com")
        do_lessons(other, lesson_pages)
        take_quiz(other, quiz, answers)

    do_lessons(learner, lesson_pages[:-1])
    passed = take_quiz(learner, quiz, answers)
    open_attempt = attempts.start_attempt(learner, quiz, "en")
    first = open_attempt.questions[0]["id"]
    attempts.record_answer(open_attempt, first, answers[first])
    question_url = reverse("quizzes:question", args=[open_attempt.pk, 2])
    return {
        "home": "/en/",
        "catalogue": course.get_parent().url,
        "course": course.url,
        "lesson": lesson_pages[1].url,
        "lesson, made fresh": lesson_pages[1].url + "?from=sms",  # a query string: never from the cache
        "quiz": quiz.url,
        "quiz question": question_url,
        "quiz question with feedback": reverse("quizzes:question", args=[open_attempt.pk, 1]),
        "quiz review": reverse("quizzes:review", args=[open_attempt.pk]),
        "quiz results": reverse("quizzes:results", args=[passed.pk]),
        "my learning": reverse("courses:my_learning"),
    }


def queries_for(client, url):
    """SQL queries of one request to `url`, after one untimed request."""
    assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def measure(client, urls, budgets):
    return {page_type: queries_for(client, urls[page_type]) for page_type in budgets}


def report(label, small, large):
    print(f"\n{label}: page type, small course -> large course (queries)")
    for page_type in small:
        print(f"  {page_type:28} {small[page_type]:3} -> {large[page_type]:3}")


def test_signed_in_learner_pages_cost_the_same_for_any_course_size_and_crowd(client, learner, make_course, competences):
    small_urls = build_course(
        make_course, "small", lessons=3, quiz_copies=1, other_learners=0, learner=learner, competences=competences
    )
    client.force_login(learner)
    small = measure(client, small_urls, SIGNED_IN_BUDGETS)

    large_urls = build_course(
        make_course, "large", lessons=30, quiz_copies=4, other_learners=25, learner=learner, competences=competences
    )
    large = measure(client, large_urls, SIGNED_IN_BUDGETS)
    report("signed-in learner", small, large)

    assert large == small
    over = {page: (count, SIGNED_IN_BUDGETS[page]) for page, count in large.items() if count > SIGNED_IN_BUDGETS[page]}
    assert not over, f"over budget (queries, budget): {over}"


def test_guest_pages_cost_the_same_for_any_course_size_and_crowd(client, learner, make_course, competences):
    small_urls = build_course(
        make_course, "small", lessons=3, quiz_copies=1, other_learners=0, learner=learner, competences=competences
    )
    large_urls = build_course(
        make_course, "large", lessons=30, quiz_copies=4, other_learners=25, learner=learner, competences=competences
    )
    # The guest has done the first lesson of each course: their progress is in
    # their session, which also keeps them out of the shared first-visit cache.
    for urls in (small_urls, large_urls):
        lesson_url = urls["course"] + "lesson-1/"
        response = client.get(lesson_url)
        complete = reverse("courses:complete_lesson", args=[response.context["course"].pk, response.context["page"].pk])
        assert client.post(complete).status_code == 302

    small = measure(client, small_urls, GUEST_BUDGETS)
    large = measure(client, large_urls, GUEST_BUDGETS)
    report("guest with progress", small, large)

    assert large == small
    over = {page: (count, GUEST_BUDGETS[page]) for page, count in large.items() if count > GUEST_BUDGETS[page]}
    assert not over, f"over budget (queries, budget): {over}"


def test_submitting_a_whole_quiz_costs_a_fixed_number_of_statements(client, learner, make_course, competences):
    """All on one page: the attempt, every answer in one statement and the
    graded attempt in the same transaction (the score comes from the rows
    just stored, never read back); and for a pass, the course's steps and
    completion (record_step_done). It was 60 statements for seven questions,
    one get-or-create per answer, then 17 with the answers read back."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    build_course(
        make_course, "large", lessons=30, quiz_copies=4, other_learners=0, learner=learner, competences=competences
    )
    client.force_login(learner)
    quiz = QuizPage.objects.get(slug="quiz", url_path__contains="large")
    attempt = attempts.start_attempt(learner, quiz, "en")
    answers = {f"answer-{question}": values for question, values in quiz_questions(4)[1].items()}
    with CaptureQueriesContext(connection) as captured:
        response = client.post(reverse("quizzes:all_questions", args=[attempt.pk]), answers)
    assert response.status_code == 302
    statements = [q["sql"] for q in captured.captured_queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))]
    assert len(statements) <= 16, "\n".join(sql[:120] for sql in statements)
    assert sum(sql.startswith("INSERT") and "quizzes_questionanswer" in sql for sql in statements) == 1, statements
    stored = next(n for n, sql in enumerate(statements) if sql.startswith("INSERT") and "quizzes_questionanswer" in sql)
    read_back = [
        sql for sql in statements[stored:] if sql.startswith("SELECT") and 'FROM "quizzes_questionanswer"' in sql
    ]
    assert not read_back
