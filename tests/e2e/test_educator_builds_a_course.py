"""A new educator, in Chromium, with the admin in Bahasa Melayu (issue 20,
items 4, 5, 8 and 10):

signs in for the first time with the password once, sets up an authenticator
app without being asked to confirm the password again, and goes on from the
recovery codes to the admin; starts a course from the dashboard, chooses its
competences with the chooser (the page's language only, grouped by pillar,
searchable), goes from the course to a lesson to a quiz with "Save and add",
finds every block and field named in Malay and the quiz's competences named
in Malay, publishes the whole course in one action and reorders it in its
outline. A learner who opens the admin gets a page saying why, in Malay."""

import re
import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from playwright.sync_api import expect
from wagtail.users.models import UserProfile

from courses.models import Competence, CoursePage, LessonPage, Pillar
from quizzes.models import QuizPage
from tests.conftest import make_learner, make_staff
from tests.e2e.editor import editor_action, fill_title, insert_block, type_rich_text
from tests.e2e.tour import sign_in as learner_session

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TITLE = "Spot a scam call"


@pytest.fixture
def framework(locales):
    """One pillar and two competences, in English and Malay."""
    pillars = {
        language: Pillar.objects.create(code="KLD-LIT", name=name, locale=locales[language])
        for language, name in (("en", "Digital literacy"), ("ms", "Literasi digital"))
    }
    for code, names in (
        ("1.2", {"en": "Evaluating information", "ms": "Menilai maklumat"}),
        ("4.2", {"en": "Protecting privacy", "ms": "Melindungi privasi"}),
    ):
        source = Competence.objects.create(pillar=pillars["en"], code=code, name=names["en"], locale=locales["en"])
        copy = source.copy_for_translation(locales["ms"])
        copy.name, copy.pillar = names["ms"], pillars["ms"]
        copy.save()


def code_for(secret):
    if 30 - time.time() % 30 < 8:
        time.sleep(30 - time.time() % 30)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_a_new_educator_builds_and_publishes_a_course_in_malay(
    live_server, browser, page, catalogue, framework, settings
):
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0  # the create form stays the create form (see test_educator_publishes_lesson)
    educator = make_staff("guru@example.com", authenticator=False)
    UserProfile.objects.update_or_create(user=educator, defaults={"preferred_language": "ms"})
    page.set_viewport_size({"width": 1280, "height": 900})

    # 1. First sign-in: the password once, then the authenticator app.
    page.goto(live_server.url + "/admin/")
    page.get_by_label("Email").fill(educator.email)
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("heading", name="Activate Authenticator App")).to_be_visible()  # no "Confirm Access"
    secret = re.search(r'value="([A-Z2-7]{32})"', page.content()).group(1)
    page.get_by_label("Authenticator code").fill(code_for(secret))
    page.get_by_role("button", name="Activate").click()
    expect(page.get_by_role("heading", name="Recovery Codes")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/recovery-codes/\?next=%2Fadmin%2F$"))
    page.get_by_role("link", name="I have kept my codes: continue").click()
    expect(page).to_have_url(live_server.url + "/admin/")  # no second code asked for

    # 2. The dashboard, in Malay, starts a course.
    page.get_by_role("link", name="Kursus baharu").click()
    fill_title(page, TITLE)
    page.locator("#id_summary").fill("How to tell a real call from a scam.")
    chooser = page.locator("[data-competence-chooser]")
    expect(chooser.locator("legend")).to_have_text(["Digital literacy"])  # the page is English: English rows only
    chooser.get_by_role("searchbox").fill("privacy")
    expect(chooser.locator("[data-competence-option]:visible")).to_have_count(1)
    chooser.get_by_label("4.2 Protecting privacy").check()
    editor_action(page, "Simpan dan tambah pelajaran")

    # 3. A lesson: the blocks are named in Malay.
    expect(page).to_have_url(re.compile(r"/admin/pages/add/courses/lessonpage/\d+/$"))
    insert_block(page, "body", "Tajuk").get_by_role("textbox").fill("Who is really calling?")
    type_rich_text(insert_block(page, "body", "Perenggan"), "Hang up and call the bank's own number.")
    fill_title(page, "Who is calling")
    editor_action(page, "Simpan dan tambah kuiz")

    # 4. A quiz: the question's fields and its competences are named in Malay.
    question = insert_block(page, "questions", "Pilihan tunggal")
    competence = question.get_by_label("Kecekapan yang dilatih")
    expect(competence.locator("optgroup")).to_have_attribute("label", "Literasi digital")
    expect(competence.locator("option", has_text="1.2 Menilai maklumat")).to_have_count(1)
    competence.select_option("1.2")  # the code is what is stored
    question.get_by_label("Soalan").fill("Your bank calls and asks for your PIN. What do you do?")
    options = question.locator("[data-streamfield-list-container]").first
    options.locator("[data-streamfield-list-add]").last.click()
    items = options.locator(":scope > [data-streamfield-child]")
    expect(items).to_have_count(2)
    for item, (text, right) in zip(items.all(), [("Hang up and call the bank", True), ("Tell them the PIN", False)]):
        item.get_by_label("Teks pilihan").fill(text)
        item.get_by_label("Maklum balas pilihan").fill("Yes." if right else "Never share your PIN.")
        if right:
            item.get_by_label("Betul").check()
    type_rich_text(question, "Banks never ask for your PIN.")
    fill_title(page, "Check yourself")
    editor_action(page, "Terbitkan seluruh kursus")

    # 5. The outline: the whole course is live; the quiz goes first.
    expect(page.get_by_role("status")).to_contain_text("Seluruh kursus kini diterbitkan")
    course = CoursePage.objects.get(title=TITLE)
    assert course.live and all(child.live for child in course.get_children())
    assert [c.code for c in course.competences.all()] == ["4.2"]
    assert QuizPage.objects.child_of(course).get().questions[0].value["competence"] == "1.2"
    steps = page.locator(".course-outline tbody th[scope=row]")
    expect(steps).to_have_text(["Who is calling", "Check yourself"])
    page.get_by_role("button", name="Naikkan “Check yourself”").click()
    expect(steps).to_have_text(["Check yourself", "Who is calling"])

    visitor = browser.new_context().new_page()
    visitor.goto(live_server.url + course.url)
    expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(visitor.get_by_role("link", name="Who is calling")).to_be_visible()
    assert LessonPage.objects.child_of(course).get().live

    # 6. A learner who opens the admin is told why, in Malay.
    learner = make_learner("siti@example.com", name="Siti")
    learner.profile.preferred_language = "ms"
    learner.profile.save()
    context = browser.new_context()
    learner_session(context, live_server, learner)
    learners_page = context.new_page()
    response = learners_page.goto(live_server.url + "/admin/")
    assert response.status == 403
    expect(learners_page.get_by_role("heading", level=1)).to_have_text("Tidak dibenarkan")
    expect(learners_page.locator("main")).to_contain_text("Akaun anda tidak boleh membuka ruang penyunting kursus")
