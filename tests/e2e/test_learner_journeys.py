"""Whole learner journeys on a phone, in Chromium, the way a person goes
through them: pick a language, sign up (with the real email verification),
read every lesson, pass the quiz, and find the course on My learning; and a
guest whose lesson follows them into the account they then make."""

import json
import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from accounts.models import User
from courses.models import LessonProgress
from quizzes.models import QuizPage
from tests.conftest import publish, translate
from tests.e2e.conftest import put_in_order, save_screenshot
from tests.quizzes.conftest import QUESTIONS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
PASSWORD = "a-long-test-password"

# What a learner clicks for the right answer, by question id, in the Malay
# interface: the quiz copy keeps the English wording of its own options, but
# True/False and the real-or-fake choices are interface strings (locale/ms).
RIGHT_LABELS_MS = {
    "q-single": ["Nobody"],
    "q-multi": ["Urgency", "A link", "Threats"],
    "q-tf": ["Palsu"],  # "False"
    "q-rof": ["Penipuan"],  # "Scam"
    "q-scenario": ["Message him kindly"],
}
ORDER = ["Stop", "Investigate", "Find", "Trace"]
CONFIRM_LINK = re.compile(r"https?://\S+/accounts/confirm-email/\S+/")


@pytest.fixture
def phone_context(browser):
    """A fresh phone-sized browser, with JavaScript on or off as the test asks."""
    contexts = []

    def make(java_script_enabled=True):
        context = browser.new_context(java_script_enabled=java_script_enabled, viewport=PHONE, locale="en-GB")
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


def sign_up(page, *, email, name, labels):
    """Fills in the sign-up form the way a learner does, by its labels
    (`labels`: the field labels in the page's language, colon included)."""
    main = page.get_by_role("main")
    main.get_by_label(labels["email"], exact=True).fill(email)
    main.get_by_label(labels["password"], exact=True).fill(PASSWORD)
    main.get_by_label(labels["password_again"], exact=True).fill(PASSWORD)
    main.get_by_label(labels["display_name"], exact=True).fill(name)
    main.get_by_label(labels["country"], exact=True).select_option(label="Malaysia")
    main.get_by_label(labels["age_group"], exact=True).select_option(value="25-59")
    return main


def confirm_email(page, email, confirm_button):
    """Opens the link in the verification email, as the learner would from
    their inbox, and confirms. (The live server shares this process, so its
    locmem outbox is Django's `mail.outbox`.)"""
    messages = [message for message in mail.outbox if email in message.to]
    assert len(messages) == 1, [message.subject for message in mail.outbox]
    link = CONFIRM_LINK.search(messages[0].body)
    assert link, messages[0].body
    page.goto(link.group(0))
    page.get_by_role("main").get_by_role("button", name=confirm_button).click()


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript-on", "javascript-off"])
def test_a_learner_signs_up_picks_a_language_and_completes_a_course(
    live_server, phone_context, make_course, translate_course, javascript
):
    course_en, lessons_en = make_course("check-before-you-share", lessons=2)
    quiz_en = QuizPage(title="Check your skills", slug="quiz", questions=json.dumps(QUESTIONS), shuffle_options=True)
    course_en.add_child(instance=quiz_en)
    publish(quiz_en)
    course_ms, lessons_ms = translate_course(course_en, lessons_en, "ms")
    quiz_ms = translate(quiz_en, "ms")
    email = f"siti-{'js' if javascript else 'nojs'}@example.com"

    page = phone_context(java_script_enabled=javascript).new_page()
    page.goto(live_server.url + "/en/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("main").get_by_role("heading", level=1)).to_have_text("Learn to spot what is fake")

    # The language switcher is a <details> menu: it opens without JavaScript.
    switcher = page.locator("details.language-switcher")
    switcher.locator("summary").click()
    switcher.get_by_role("link", name="Bahasa Melayu").click()
    expect(page).to_have_url(re.compile(r"/ms/$"))
    expect(page.locator("html")).to_have_attribute("lang", "ms")
    expect(page.get_by_role("link", name="Daftar", exact=True)).to_be_visible()  # "Sign up"
    save_screenshot(page, f"journey-home-ms-{'js' if javascript else 'nojs'}")

    page.get_by_role("link", name="Daftar", exact=True).click()
    expect(page).to_have_url(re.compile(r"/ms/accounts/signup/"))
    main = sign_up(
        page,
        email=email,
        name="Siti",
        labels={
            "email": "E-mel:",
            "password": "Kata laluan:",
            "password_again": "Kata laluan (sekali lagi):",
            "display_name": "Nama paparan:",
            "country": "Negara:",
            "age_group": "Kumpulan umur:",
        },
    )
    # The language for learning starts as the one the learner is reading.
    expect(main.get_by_label("Bahasa pembelajaran:", exact=True)).to_have_value("ms")
    save_screenshot(page, f"journey-signup-ms-{'js' if javascript else 'nojs'}")
    main.get_by_role("button", name="Daftar").click()

    # Email verification is mandatory: the learner is told to check their inbox.
    expect(page.get_by_role("main").get_by_role("heading", level=1)).to_have_text("Sahkan alamat e-mel anda")
    user = User.objects.get(email=email)
    assert user.profile.preferred_language == "ms"
    assert user.profile.display_name == "Siti"
    confirm_email(page, email, "Sahkan")

    # Confirming signs the learner in and brings them to My learning, in Malay.
    main = page.get_by_role("main")
    expect(page).to_have_url(re.compile(r"/ms/learn/my-learning/$"))
    expect(main.get_by_role("heading", level=1)).to_have_text("Pembelajaran saya")
    expect(main.get_by_text("Anda belum memulakan sebarang kursus.")).to_be_visible()

    page.goto(live_server.url + course_ms.url)
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=1)).to_have_text(course_ms.title)
    expect(main.get_by_text("0 daripada 3 langkah selesai (0%)")).to_be_visible()
    main.get_by_role("link", name="Mulakan kursus").click()  # "Start the course"

    for number, lesson in enumerate(lessons_ms, 1):
        main = page.get_by_role("main")
        expect(page).to_have_url(re.compile(re.escape(lesson.url) + "$"))
        expect(main.get_by_role("heading", level=1)).to_have_text(lesson.title)
        expect(main.get_by_text(f"Pelajaran {number} daripada 2")).to_be_visible()
        done = number - 1
        expect(main.get_by_text(f"{done} daripada 3 langkah selesai ({round(100 * done / 3)}%)")).to_be_visible()
        if number == 1:
            save_screenshot(page, f"journey-lesson-ms-{'js' if javascript else 'nojs'}")
        # Every lesson leads on, the last one to the course's quiz.
        main.get_by_role("button", name="Selesai dan teruskan").click()  # "Mark complete and continue"

    main = page.get_by_role("main")
    expect(page).to_have_url(re.compile(re.escape(quiz_ms.url) + "$"))
    expect(main.get_by_role("heading", level=1)).to_have_text(quiz_ms.title)
    main.get_by_role("button", name="Mulakan kuiz").click()  # "Start the quiz"
    for number, question in enumerate(QUESTIONS, 1):
        main = page.get_by_role("main")
        expect(main.get_by_text(f"Soalan {number} daripada {len(QUESTIONS)}")).to_be_visible()
        if question["type"] == "ordering":
            put_in_order(page, ORDER, "Naik")
        else:
            for label in RIGHT_LABELS_MS[question["id"]]:
                main.locator("label.choice", has_text=re.compile(rf"^\s*{re.escape(label)}\s*$")).click()
        main.get_by_role("button", name="Semak jawapan saya").click()  # "Check my answer"
        expect(page.get_by_role("main").get_by_text("Betul!")).to_be_visible()  # "Correct!"
        if number < len(QUESTIONS):
            page.get_by_role("main").get_by_role("link", name="Soalan seterusnya").click()  # "Next question"
    page.get_by_role("main").get_by_role("link", name="Lihat keputusan anda").click()  # "See your result"
    page.get_by_role("main").get_by_role("button", name="Hantar kuiz").click()  # "Submit the quiz"
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=1)).to_have_text("Keputusan anda")  # "Your result"
    expect(main.locator(".score-number")).to_have_text("100%")
    expect(main.get_by_text(re.compile(r"Anda lulus \(markah lulus \d+%\)\."))).to_be_visible()
    save_screenshot(page, f"journey-quiz-passed-ms-{'js' if javascript else 'nojs'}")

    main.get_by_role("link", name="Kembali ke kursus").click()  # "Back to the course"
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=1)).to_have_text(course_ms.title)
    expect(main.get_by_text("3 daripada 3 langkah selesai (100%)")).to_be_visible()
    expect(main.get_by_text("Anda telah menyelesaikan kursus ini.")).to_be_visible()

    page.get_by_role("link", name="Pembelajaran saya", exact=True).click()  # "My learning", in the header
    main = page.get_by_role("main")
    expect(page).to_have_url(re.compile(r"/ms/learn/my-learning/$"))
    expect(main.get_by_role("heading", level=1)).to_have_text("Pembelajaran saya")
    completed = main.get_by_role("region", name="Selesai")  # "Completed"
    expect(completed.get_by_role("link", name=course_ms.title)).to_be_visible()
    expect(completed.get_by_text("3 daripada 3 langkah selesai (100%)")).to_be_visible()
    expect(main.get_by_role("heading", name="Sedang diikuti")).to_have_count(0)  # nothing left "In progress"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # no sideways scrolling
    save_screenshot(page, f"journey-my-learning-ms-{'js' if javascript else 'nojs'}")


def test_a_guest_completes_a_lesson_then_signs_up_and_keeps_it(live_server, phone_context, make_course):
    course, lessons = make_course("spot-a-scam", lessons=3)
    page = phone_context().new_page()

    page.goto(live_server.url + course.url)
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=1)).to_have_text(course.title)
    main.get_by_role("link", name="Start the course").click()
    expect(page.get_by_role("main").get_by_role("heading", level=1)).to_have_text("Lesson 1")
    page.get_by_role("main").get_by_role("button", name="Mark complete and continue").click()
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=1)).to_have_text("Lesson 2")
    expect(main.get_by_text("1 of 3 steps done (33%)")).to_be_visible()

    page.get_by_role("link", name="Sign up", exact=True).click()  # the header's
    expect(page).to_have_url(re.compile(r"/en/accounts/signup/"))
    main = sign_up(
        page,
        email="ravi@example.com",
        name="Ravi",
        labels={
            "email": "Email:",
            "password": "Password:",
            "password_again": "Password (again):",
            "display_name": "Display name:",
            "country": "Country:",
            "age_group": "Age group:",
        },
    )
    save_screenshot(page, "journey-guest-signup")
    main.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("main").get_by_role("heading", level=1)).to_have_text("Verify Your Email Address")
    confirm_email(page, "ravi@example.com", "Confirm")

    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=1)).to_have_text("My learning")
    expect(page.get_by_role("link", name="Sign out")).to_be_visible()
    in_progress = main.get_by_role("region", name="In progress")
    expect(in_progress.get_by_role("link", name=course.title)).to_be_visible()
    expect(in_progress.get_by_text("1 of 3 steps done (33%)")).to_be_visible()
    expect(main.get_by_text("Your progress is kept in this browser only.")).to_have_count(0)

    in_progress.get_by_role("link", name=course.title).click()
    main = page.get_by_role("main")
    expect(main.get_by_text("1 of 3 steps done (33%)")).to_be_visible()
    done = main.locator(".lesson-list li", has=page.get_by_role("link", name="Lesson 1"))
    expect(done.get_by_text("Done", exact=True)).to_be_visible()
    expect(main.locator(".lesson-list .badge-done")).to_have_count(1)
    expect(main.get_by_role("link", name="Continue")).to_have_attribute("href", lessons[1].url)
    save_screenshot(page, "journey-guest-kept-progress")

    # The progress is the account's now, not the browser's.
    user = User.objects.get(email="ravi@example.com")
    stored = LessonProgress.objects.filter(user=user)
    assert [(row.lesson_key, row.course_key) for row in stored] == [
        (lessons[0].translation_key, course.translation_key)
    ]
