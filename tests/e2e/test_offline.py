"""A learner takes a course offline on a phone: saves it, loses the connection,
reads every lesson, marks them complete, answers the quiz, and comes back
online; the server then has every record, dated when it happened, and the
quiz graded. Chromium's own offline mode (context.set_offline) cuts the
network for the page and its service worker alike."""

import json
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from courses.models import Enrollment, LessonProgress
from quizzes.models import QuizAttempt, QuizPage
from tests.conftest import make_learner, publish
from tests.e2e.conftest import save_screenshot
from tests.e2e.tour import sign_in
from tests.quizzes.conftest import QUESTIONS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def signed_in_context(browser, live_server, user, language="en-GB"):
    """A phone whose browser is signed in as `user` (a session made here, as
    the sign-in form would make it)."""
    context = browser.new_context(viewport=PHONE, locale=language, service_workers="allow")
    sign_in(context, live_server, user)
    return context


def wait_for_the_service_worker(page):
    page.wait_for_function("() => !!(navigator.serviceWorker && navigator.serviceWorker.controller)", timeout=60_000)


def test_a_course_saved_for_offline_is_read_and_practised_without_a_connection(live_server, browser, make_course):
    course, lessons = make_course("check-before-you-share", lessons=2)
    questions = [q for q in QUESTIONS if q["id"] in ("q-single", "q-tf")]
    quiz = QuizPage(title="Check your skills", slug="quiz", questions=json.dumps(questions), shuffle_options=False)
    course.add_child(instance=quiz)
    publish(quiz)
    learner = make_learner("lan@example.com", name="Lan")
    context = signed_in_context(browser, live_server, learner)
    page = context.new_page()
    problems = []
    page.on(
        "console",
        lambda message: message.type == "error" and problems.append(f"{message.text} ({message.location.get('url')})"),
    )

    # Online: the quiz is started (one question per screen), then the course saved.
    page.goto(live_server.url + quiz.url)
    page.get_by_role("button", name="Start the quiz").click()
    expect(page).to_have_url(re.compile(r"/attempts/\d+/questions/1/$"))
    attempt = QuizAttempt.objects.get(user=learner)
    page.goto(live_server.url + course.url)
    wait_for_the_service_worker(page)
    page.reload()  # now controlled: the save box appears (it needs the service worker)
    save = page.get_by_role("region", name="Take this course offline")
    expect(save.get_by_role("button", name="Save on this phone")).to_be_hidden()  # the size comes first
    save.get_by_role("button", name="Save for offline").click()
    expect(save.get_by_role("status")).to_contain_text(
        re.compile(r"This course needs about [\d.]+ (KB|MB) on your phone")
    )
    save.get_by_role("button", name="Save on this phone").click()
    expect(save.get_by_role("status")).to_contain_text("Saved on this phone", timeout=30_000)
    save_screenshot(page, "offline-course-saved-en")

    page.goto(live_server.url + "/en/learn/saved/")
    saved = page.get_by_role("main")
    expect(saved.get_by_role("link", name=course.title)).to_be_visible()
    expect(saved.get_by_text(re.compile(r"In all: [\d.]+ (KB|MB) on this phone"))).to_be_visible()

    # Offline: every lesson opens and is marked complete; nothing reaches the server yet.
    context.set_offline(True)
    before_going_online = timezone.now()
    page.goto(live_server.url + lessons[0].url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Lesson 1")
    page.get_by_role("button", name="Mark complete and continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Saved on this phone")
    expect(page.get_by_text("This lesson will be marked complete when you are back online")).to_be_visible()
    save_screenshot(page, "offline-lesson-queued-en")
    page.get_by_role("link", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lesson 2")
    page.get_by_role("button", name="Mark complete and continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Saved on this phone")
    page.get_by_role("link", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your skills")  # the quiz comes next

    # The quiz started online is answered offline.
    page.goto(live_server.url + f"/en/learn/attempts/{attempt.pk}/questions/1/")
    page.get_by_role("radio", name="Nobody", exact=True).check()
    page.get_by_role("button", name="Check my answer").click()
    expect(page.get_by_text("will be checked when you are back online")).to_be_visible()
    page.get_by_role("link", name="Continue").click()
    expect(page).to_have_url(re.compile(r"/questions/2/$"))
    page.get_by_role("radio", name="False", exact=True).check()
    page.get_by_role("button", name="Check my answer").click()
    page.get_by_role("link", name="Continue").click()
    expect(page).to_have_url(re.compile(r"/review/$"))
    page.get_by_role("button", name="Submit the quiz").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Saved on this phone")
    # A page that was never saved: the offline page, not the browser's error.
    page.goto(live_server.url + "/en/privacy/")
    expect(page.get_by_role("heading", level=1)).to_have_text("You are offline")
    # The home-screen icon (the manifest's start_url) opens the saved courses.
    page.goto(live_server.url + "/?source=home-screen")
    expect(page.get_by_role("heading", level=1)).to_have_text("Saved courses")
    page.get_by_role("main").get_by_role("link", name=course.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(course.title)
    assert not LessonProgress.objects.filter(user=learner).exists()
    assert not QuizAttempt.objects.get(pk=attempt.pk).is_submitted

    # Back online: everything is sent, in order, and the learner is told.
    back_online = timezone.now()
    context.set_offline(False)
    page.goto(live_server.url + "/en/learn/my-learning/")
    notice = page.locator("[data-offline-sent]")
    expect(notice).to_contain_text("what you did offline has been sent", timeout=30_000)
    done = list(LessonProgress.objects.filter(user=learner).order_by("completed_at"))
    assert [row.lesson_key for row in done] == [lesson.translation_key for lesson in lessons]
    # Dated when "Mark complete" was pressed offline, not when it reached the server.
    assert all(before_going_online < row.completed_at < back_online for row in done)
    attempt.refresh_from_db()
    assert attempt.is_submitted and attempt.score == 100
    assert Enrollment.objects.get(user=learner).completed_at is not None
    notice.get_by_role("link", name="See your quiz results").click()
    expect(page).to_have_url(re.compile(rf"/attempts/{attempt.pk}/results/$"))
    save_screenshot(page, "offline-back-online-results-en")
    assert not [p for p in problems if "ERR_INTERNET_DISCONNECTED" not in p], problems
    context.close()


def test_signing_out_empties_what_the_phone_kept(live_server, browser, make_course, translate_course):
    course_en, lessons_en = make_course("check-before-you-share", lessons=1)
    course, _lessons = translate_course(course_en, lessons_en, "th")
    learner = make_learner("somchai@example.com", name="Somchai")
    context = signed_in_context(browser, live_server, learner, language="th-TH")
    page = context.new_page()
    page.goto(live_server.url + course.url)
    wait_for_the_service_worker(page)
    page.reload()
    page.locator("[data-offline-save] [data-action=ask]").click()
    page.locator("[data-offline-save] [data-action=save]").click()
    expect(page.locator("[data-offline-save] [data-status]")).to_contain_text("บันทึกไว้ในโทรศัพท์เครื่องนี้แล้ว", timeout=30_000)
    expect(page.locator("[data-offline-save] [data-action=save]")).to_be_hidden()
    expect(page.locator("[data-offline-save] [data-action=delete]")).to_be_visible()
    saved = page.evaluate("caches.keys().then(names => names.filter(n => n.startsWith('celik-course-')))")
    assert len(saved) == 1
    save_screenshot(page, "offline-course-saved-th")

    page.goto(live_server.url + "/th/accounts/logout/")
    page.get_by_role("main").locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/th/"))
    assert page.evaluate("caches.keys().then(names => names.filter(n => n.startsWith('celik-course-')))") == []
    context.close()
