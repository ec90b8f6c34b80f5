"""An educator, in Chromium (issue 20, items 7 and 9): from the quiz editor's
header, imports a CSV question bank, sees every row checked (one with its
error) before anything is saved, adds the good ones as a draft, publishes;
after learners in two languages take the quiz, opens "Quiz results" from the
same header and reads each question's type in words, the share right, how
many chose each answer with the most chosen wrong one highlighted, split by
language, and downloads it as a spreadsheet."""

import csv
import io
import json
import random

import openpyxl
import pytest
from playwright.sync_api import expect

from quizzes import attempts, grading
from quizzes.models import QuizPage
from tests.conftest import make_learner, make_staff, publish, totp_code
from tests.e2e.conftest import save_screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

EXISTING = {
    "type": "true_false",
    "id": "q-tf",
    "value": {
        "competence": "1.2",
        "statement": "Banks ask for your OTP by phone.",
        "answer": False,
        "feedback_true": "No.",
        "feedback_false": "Right.",
        "explanation": "<p>They never do.</p>",
    },
}
COLUMNS = ["type", "competence", "question", "option_1", "feedback_1", "option_2", "feedback_2", "option_3"]
COLUMNS += ["feedback_3", "correct", "explanation"]
ROWS = [
    ["single_choice", "1.2", "Who may ask for your OTP?", "Bank staff", "No.", "Nobody", "Yes.", "Police", "No."]
    + ["2", "An OTP is yours alone."],
    ["multiple_choice", "AI.1", "Which are signs of a deepfake call?", "Odd lip sync", "Yes.", "A clear line", "No."]
    + ["Urgent money request", "Yes.", "1, 3", "Look and listen for mismatches."],
    ["single_choice", "1.2", "A question with no right answer", "A", "", "B", "", "", "", "", "Because."],
]


def bank_csv():
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    writer.writerows(ROWS)
    return out.getvalue().encode("utf-8")


def take(user, quiz, language, wrong_option_text=None):
    """A learner's submitted attempt: right answers, except one chosen option by its text."""
    attempt = attempts.start_attempt(user, quiz, language, rng=random.Random(1))
    for question in attempt.questions:
        values = grading.right_answer_values(question)
        if question["type"] == "single_choice" and wrong_option_text:
            values = [item["id"] for item in question["value"]["options"] if item["value"]["text"] == wrong_option_text]
        attempts.record_answer(attempt, question["id"], values)
    return attempts.submit_attempt(attempt)


def test_an_educator_imports_a_question_bank_and_reads_the_results(live_server, page, course, competences, tmp_path):
    course_page, _lessons = course
    quiz = QuizPage(title="Scam check", slug="scam-check", questions=json.dumps([EXISTING]))
    course_page.add_child(instance=quiz)
    publish(quiz)
    educator = make_staff("nur@example.com")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/admin/")
    page.get_by_label("Email").fill(educator.email)
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign In").click()
    page.get_by_role("textbox", name="Code").fill(totp_code(educator))
    page.get_by_role("button", name="Sign In").click()
    expect(page).to_have_url(live_server.url + "/admin/")

    # The quiz editor's header shows both buttons, outside the "…" menu.
    page.goto(f"{live_server.url}/admin/pages/{quiz.id}/edit/")
    header = page.locator("header.w-slim-header")
    expect(header.get_by_role("link", name="Quiz results")).to_be_visible()
    header.get_by_role("link", name="Import questions").click()

    bank = tmp_path / "bank.csv"
    bank.write_bytes(bank_csv())
    page.get_by_label("File").set_input_files(str(bank))
    page.get_by_role("button", name="Check the file").click()
    rows = page.locator("table.listing tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text("Who may ask for your OTP?")
    expect(rows.nth(0)).to_contain_text("Single choice")
    expect(rows.nth(1)).to_contain_text("Multiple choice")
    expect(rows.nth(2)).to_contain_text("4")  # its row in the spreadsheet
    expect(rows.nth(2)).to_contain_text("No right answer")
    save_screenshot(page, "educator-import-preview")
    assert len(QuizPage.objects.get(id=quiz.id).get_latest_revision_as_object().questions) == 1  # nothing saved yet

    page.get_by_role("button", name="Add 2 questions to the quiz as a draft").click()
    expect(page).to_have_url(f"{live_server.url}/admin/pages/{quiz.id}/edit/")
    expect(page.get_by_role("status")).to_contain_text("2 questions added to the quiz as a draft")
    questions = page.locator("#questions-root input[name$='-value-question']")
    expect(questions).to_have_count(2)  # the imported two, after the true/false statement
    expect(questions.last).to_have_value("Which are signs of a deepfake call?")
    assert len(QuizPage.objects.get(id=quiz.id).questions) == 1  # the live quiz is unchanged until published
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("published")

    live = QuizPage.objects.get(id=quiz.id)
    assert len(live.questions) == 3
    take(make_learner("aina@example.com"), live, "en")
    take(make_learner("binh@example.com"), live, "ms", wrong_option_text="Bank staff")
    take(make_learner("citra@example.com"), live, "ms", wrong_option_text="Bank staff")

    page.goto(f"{live_server.url}/admin/pages/{quiz.id}/edit/")
    page.locator("header.w-slim-header").get_by_role("link", name="Quiz results").click()
    single = page.locator("section.question", has_text="Who may ask for your OTP?")
    expect(single).to_contain_text("Single choice")
    expect(single.locator("tr.share-right")).to_contain_text("33% (1/3)")
    expect(single.locator("tr.share-right")).to_contain_text("100% (1/1)")  # English
    expect(single.locator("tr.share-right")).to_contain_text("0% (0/2)")  # Malay
    highlighted = single.locator("tr.most-chosen-wrong")
    expect(highlighted).to_have_count(1)
    expect(highlighted).to_contain_text("Bank staff")
    expect(highlighted).to_contain_text("most chosen wrong answer")
    expect(page.locator("table.listing").first).to_contain_text("Malay")
    save_screenshot(page, "educator-quiz-results")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download XLSX").first.click()
    sheet = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    rows = list(sheet.iter_rows(values_only=True))
    bank_staff = dict(zip(rows[0], next(row for row in rows if "Bank staff" in row), strict=True))
    assert bank_staff["Most chosen wrong answer"] == "Yes" and bank_staff["Chosen, Malay"] == 2
