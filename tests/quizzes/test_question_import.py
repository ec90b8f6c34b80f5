"""Bringing a question bank into a quiz: the spreadsheet and GIFT readers,
the checks on each question, and the admin's upload, preview and confirm."""

import csv
import io

import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Revision

from courses.models import Competence
from quizzes.question_import import FileError, check, read_upload
from quizzes.question_import.gift import parse_gift
from quizzes.question_import.spreadsheet import COLUMNS, template_csv, template_xlsx
from quizzes.questions import base
from quizzes.questions.parts import (
    BaseQuestionBlock,
    OneCorrectOptionMixin,
    OptionQuestion,
    explanation_block,
    options_block,
    question_block,
)
from tests.conftest import make_staff, staff_sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def framework(competences):
    pillar = competences[0].pillar
    for code in ("4.2", "4.3"):
        Competence.objects.create(pillar=pillar, code=code, name=f"Competence {code}", locale=pillar.locale)
    return competences


def spreadsheet(*rows, columns=COLUMNS):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(column, "") for column in columns])
    return out.getvalue().encode("utf-8")


GOOD_SINGLE = {
    "type": "single_choice",
    "competence": "1.2",
    "question": "Who may ask for your OTP?",
    "option_1": "Bank staff",
    "feedback_1": "No.",
    "option_2": "Nobody",
    "feedback_2": "Yes.",
    "correct": "2",
    "explanation": "An OTP is yours alone.",
}


# --- The spreadsheet ------------------------------------------------------------


def test_the_example_file_imports_whole(framework):
    for name, data in (("questions.csv", template_csv()), ("questions.xlsx", template_xlsx())):
        checked = check(read_upload(name, data))
        assert [item.error for item in checked] == [None] * 5, name
        assert [item.block["type"] for item in checked] == [
            "single_choice",
            "multiple_choice",
            "true_false",
            "scenario",
            "ordering",
        ]
        assert [item.row for item in checked] == [2, 3, 4, 5, 6]
    single, multi, true_false, scenario, ordering = checked
    assert single.answers[1] == ("Nobody", True) and single.answers[0][1] is False
    assert [right for _text, right in multi.answers] == [True, False, True]
    assert true_false.block["value"]["answer"] is False
    assert true_false.block["value"]["feedback_false"] == "Right: knowing your number proves nothing."
    assert scenario.block["value"]["situation"].startswith("Your uncle")
    assert [text for text, _right in ordering.answers][0] == "Stop"
    assert (
        single.block["value"]["explanation"] == "<p>An OTP lets whoever has it into your account. Never share it.</p>"
    )
    # Every option and step has its own id, as the editor makes them.
    ids = [option["id"] for option in single.block["value"]["options"]]
    assert all(ids) and len(set(ids)) == len(ids)


def test_bad_rows_say_what_is_wrong_with_their_row_number(framework):
    rows = [
        GOOD_SINGLE,
        {**GOOD_SINGLE, "correct": ""},
        {**GOOD_SINGLE, "correct": "1, 2"},
        {**GOOD_SINGLE, "type": "matching"},
        {**GOOD_SINGLE, "competence": ""},
        {**GOOD_SINGLE, "competence": "9.9"},
        {**GOOD_SINGLE, "explanation": ""},
        {**GOOD_SINGLE, "correct": "5"},
        {**GOOD_SINGLE, "type": "true_false", "correct": "maybe"},
        {**GOOD_SINGLE, "type": "real_or_fake"},
        {**GOOD_SINGLE, "option_1": "x" * 301},
    ]
    checked = check(read_upload("bank.csv", spreadsheet(*rows)))
    errors = {item.row: item.error for item in checked}
    assert errors[2] is None
    assert "No right answer" in errors[3]
    assert "Mark exactly one option as correct." in errors[4]
    assert "Unknown question type “matching”" in errors[5]
    assert "No competence" in errors[6]
    assert "Competence practised" in errors[7]  # not one of the framework's
    assert "explanation is missing" in errors[8]
    assert "Answer 5 is marked right but is empty." in errors[9]
    assert "true or false" in errors[10]
    assert "“Real or fake?” questions cannot be imported" in errors[11]
    assert "Options: 1:" in errors[12] and "300" in errors[12]


def test_a_competence_for_all_questions_fills_the_empty_ones(framework):
    checked = check(read_upload("bank.csv", spreadsheet({**GOOD_SINGLE, "competence": ""})), default_competence="AI.1")
    assert checked[0].block["value"]["competence"] == "AI.1"


def test_missing_feedback_is_filled_in_and_noted(framework):
    row = {**GOOD_SINGLE, "feedback_1": "", "feedback_2": ""}
    (item,) = check(read_upload("bank.csv", spreadsheet(row)))
    assert [option["value"]["feedback"] for option in item.block["value"]["options"]] == [
        "That is not right.",
        "That is right.",
    ]
    assert item.notes and "Feedback missing" in item.notes[0]


def test_filled_in_feedback_is_in_the_quiz_language(framework):
    row = {**GOOD_SINGLE, "feedback_1": "", "feedback_2": ""}
    (item,) = check(read_upload("bank.csv", spreadsheet(row)), language="ms")
    assert [option["value"]["feedback"] for option in item.block["value"]["options"]] == [
        "Itu tidak betul.",
        "Itu betul.",
    ]
    assert "Feedback missing" in item.notes[0]  # the note itself in the educator's language


def test_csv_with_semicolons_and_column_names_in_any_case(framework):
    text = "Type;Competence;Question;Option 1;Option 2;Correct;Explanation\n"
    text += "Single choice;1.2;Pick one;A;B;1;Because.\n\n"
    (item,) = check(read_upload("bank.csv", text.encode("utf-8")))
    assert item.error is None and item.block["type"] == "single_choice"


def test_a_type_a_file_cannot_bring_in_is_named_as_the_problem_whatever_else_the_row_lacks(framework):
    rows = [{**GOOD_SINGLE, "type": kind, "correct": ""} for kind in ("Real or fake?", "crossword")]
    real_or_fake, unknown = check(read_upload("bank.csv", spreadsheet(*rows)))
    assert real_or_fake.error.startswith("“Real or fake?” questions cannot be imported")
    assert unknown.error.startswith("Unknown question type “crossword”")


def test_a_new_question_type_is_brought_in_from_a_file_by_its_own_module(staff_client, quiz, framework):
    """A seventh type, written as a new module would be (one class, reusing
    the option blocks): a spreadsheet can name it at once, its block is made
    and checked by the editor's rules, and the import page and its errors
    list it among the types there are. Nothing in quizzes.question_import
    changes."""

    class OddOneOutBlock(OneCorrectOptionMixin, BaseQuestionBlock):
        question = question_block(default="Which one does not belong?")
        options = options_block()
        explanation = explanation_block()

        class Meta:
            label = "Odd one out"

    class OddOneOut(OptionQuestion):
        key = "odd_one_out"
        block_class = OddOneOutBlock
        position = 70

    try:
        row = {
            **GOOD_SINGLE,
            "type": "odd_one_out",
            "question": "Which one is not a sign of a scam?",
            "option_1": "A deadline of one hour",
            "option_2": "A sender you know, writing as usual",
            "option_3": "A request for your PIN",
            "correct": "2",
        }
        good, unknown = check(read_upload("bank.csv", spreadsheet(row, {**GOOD_SINGLE, "type": "crossword"})))
        assert good.error is None and good.type_label == "Odd one out"
        assert good.block["type"] == "odd_one_out"
        assert [option["value"]["correct"] for option in good.block["value"]["options"]] == [False, True, False]
        assert good.answers == [
            ("A deadline of one hour", False),
            ("A sender you know, writing as usual", True),
            ("A request for your PIN", False),
        ]
        assert "Unknown question type “crossword”" in unknown.error and "odd_one_out" in unknown.error
        assert OddOneOut().interaction == "choice"  # what its xAPI statements will name it
        page = staff_client.get(reverse("quiz_import", args=[quiz.id])).content.decode()
        assert "Question types: single_choice, multiple_choice, true_false, ordering, scenario, odd_one_out." in page
    finally:
        base._registry.pop("odd_one_out")


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("bank.pdf", b"%PDF", "Upload a .csv, .xlsx or .gift"),
        ("bank.csv", b"", "empty"),
        ("bank.csv", b"a,b\n1,2\n", "missing: type, question"),
        ("bank.csv", "type,question\n".encode("utf-16"), "not in UTF-8"),
        ("bank.xlsx", b"not a zip", "not a readable XLSX"),
        ("bank.csv", b"type,question\n", "no questions"),
        ("bank.gift", b"\xff\xfe", "not in UTF-8"),
        ("bank.csv", b"type,question\n" + b"x" * (1024 * 1024), "larger than 1 MB"),
    ],
)
def test_unreadable_files(name, data, message):
    with pytest.raises(FileError) as error:
        read_upload(name, data)
    assert message in str(error.value)


# --- GIFT -------------------------------------------------------------------------

GIFT = """// Scams, from Moodle
$CATEGORY: $course$/Scams

::OTP::Who may ask for your OTP? {
  =Nobody#Right: it is yours alone.
  ~Bank staff#No: they never ask.
  ~The police#No.
  ####An OTP lets whoever has it into your account.
}

Knowing your IC number proves a caller is real.{F#Wrong: numbers leak.#Right.####IC numbers leak in breaches.}

[html]Which are <b>warning signs</b>? {~%50%Urgency#Yes ~%50%Gift cards\\: pay with them#Yes ~%-100%Your name#No ####Classic signs.}

Match the terms {=OTP -> one-time password =IC -> identity card}

The capital of Malaysia is {=Kuala Lumpur =KL}.

Write about scams. {}

How many digits has an OTP? {#6}

Who is it? {=Nobody ~Someone}
"""


def test_gift_reads_the_types_celik_has():
    parsed = parse_gift(GIFT)
    assert [item.row for item in parsed] == [4, 11, 13, 15, 17, 19, 21, 23]
    single, true_false, multi = (item.draft for item in parsed[:3])
    assert single.type == "single_choice" and single.question == "Who may ask for your OTP?"
    assert [(o.text, o.right, o.feedback) for o in single.options] == [
        ("Nobody", True, "Right: it is yours alone."),
        ("Bank staff", False, "No: they never ask."),
        ("The police", False, "No."),
    ]
    assert single.explanation == "An OTP lets whoever has it into your account."
    # Moodle's true/false feedback: first for a wrong answer, then for a right one.
    assert (true_false.type, true_false.answer) == ("true_false", False)
    assert (true_false.feedback_true, true_false.feedback_false) == ("Wrong: numbers leak.", "Right.")
    assert multi.type == "multiple_choice" and multi.question == "Which are warning signs?"
    assert [(o.text, o.right) for o in multi.options] == [
        ("Urgency", True),
        ("Gift cards: pay with them", True),
        ("Your name", False),
    ]


def test_gift_names_what_it_cannot_bring_in():
    errors = [item.error for item in parse_gift(GIFT)[3:]]
    assert "matching question" in errors[0]
    assert "short-answer question" in errors[1]
    assert "essay question" in errors[2]
    assert "numerical question" in errors[3]
    assert errors[4] is None  # a good one after the bad ones is still read


def test_gift_questions_are_checked_like_rows(framework):
    checked = check(read_upload("bank.gift", GIFT.encode()), default_competence="1.2")
    assert [item.ok for item in checked] == [True, True, True, False, False, False, False, False]
    assert "explanation is missing" in checked[-1].error  # "Who is it?" has no general feedback
    assert checked[2].block["value"]["scoring"] == "partial"


def test_gift_broken_braces_and_descriptions():
    parsed = parse_gift("Unclosed {=a ~b\n\nJust some text.\n")
    assert "between one { and one }" in parsed[0].error
    assert "nothing to import" in parsed[1].error


# --- The admin: upload, preview, confirm --------------------------------------------


def upload(client, quiz, name, data, **fields):
    return client.post(
        f"/admin/quizzes/{quiz.id}/import/",
        {"file": SimpleUploadedFile(name, data), "competence": fields.pop("competence", ""), **fields},
    )


def test_upload_previews_and_saves_nothing(staff_client, quiz, framework):
    before = (Revision.objects.count(), quiz.latest_revision_id)
    rows = [GOOD_SINGLE, {**GOOD_SINGLE, "correct": "", "question": "Broken one"}]
    response = upload(staff_client, quiz, "bank.csv", spreadsheet(*rows))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Who may ask for your OTP?" in html and "Broken one" in html
    assert "No right answer" in html and ">3<" in html  # the bad row, by its number
    assert "Add 1 question" in html
    assert (Revision.objects.count(), quiz.latest_revision_id) == before


def test_confirm_appends_the_good_questions_as_a_draft(staff_client, quiz, framework):
    live_questions = len(quiz.questions)
    rows = [GOOD_SINGLE, {**GOOD_SINGLE, "correct": ""}]
    preview = upload(staff_client, quiz, "bank.csv", spreadsheet(*rows)).context
    response = staff_client.post(
        f"/admin/quizzes/{quiz.id}/import/",
        {"confirm": "1", "payload": preview["form"]["payload"].value(), "filename": "bank.csv", "competence": ""},
    )
    assert response.status_code == 302 and response["Location"] == f"/admin/pages/{quiz.id}/edit/"
    quiz.refresh_from_db()
    assert len(quiz.questions) == live_questions  # the live quiz is unchanged: nothing published
    assert quiz.has_unpublished_changes
    draft = quiz.get_latest_revision_as_object()
    assert len(draft.questions) == live_questions + 1
    assert draft.questions.raw_data[-1]["value"]["question"] == "Who may ask for your OTP?"
    edit = staff_client.get(response["Location"]).content.decode()
    assert "Who may ask for your OTP?" in edit  # the editor opens on the draft with it


def test_confirm_an_xlsx_and_a_gift_file(staff_client, quiz, framework):
    for name, data in (("bank.xlsx", template_xlsx()), ("bank.gift", GIFT.encode())):
        preview = upload(staff_client, quiz, name, data, competence="1.2").context
        response = staff_client.post(
            f"/admin/quizzes/{quiz.id}/import/",
            {"confirm": "1", "payload": preview["form"]["payload"].value(), "filename": name, "competence": "1.2"},
        )
        assert response.status_code == 302, name
    quiz.refresh_from_db()
    draft = quiz.get_latest_revision_as_object()
    assert len(draft.questions) == 6 + 5 + 3


def test_a_bad_file_gets_a_clear_400(staff_client, quiz, framework):
    response = upload(staff_client, quiz, "bank.pdf", b"%PDF-1.4")
    assert response.status_code == 400
    assert "Upload a .csv, .xlsx or .gift" in response.content.decode()
    response = staff_client.post(f"/admin/quizzes/{quiz.id}/import/", {"competence": ""})
    assert response.status_code == 400
    garbled = staff_client.post(
        f"/admin/quizzes/{quiz.id}/import/", {"confirm": "1", "payload": "%%%", "filename": "x.csv", "competence": ""}
    )
    assert garbled.status_code == 400


def test_confirm_with_no_good_question_saves_nothing(staff_client, quiz, framework):
    before = quiz.latest_revision_id
    preview = upload(staff_client, quiz, "bank.csv", spreadsheet({**GOOD_SINGLE, "correct": ""})).context
    response = staff_client.post(
        f"/admin/quizzes/{quiz.id}/import/",
        {"confirm": "1", "payload": preview["form"]["payload"].value(), "filename": "bank.csv", "competence": ""},
    )
    assert response.status_code == 400
    quiz.refresh_from_db()
    assert quiz.latest_revision_id == before


def test_the_example_files_download(staff_client, quiz):
    response = staff_client.get("/admin/quizzes/import/example.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    header = next(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert header[:3] == ["type", "competence", "question"]
    response = staff_client.get("/admin/quizzes/import/example.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(row=2, column=1).value == "single_choice"
    page = staff_client.get(f"/admin/quizzes/{quiz.id}/import/").content.decode()
    assert "/admin/quizzes/import/example.csv" in page and "/admin/quizzes/import/example.xlsx" in page
    edit = staff_client.get(f"/admin/pages/{quiz.id}/edit/").content.decode()
    assert f"/admin/quizzes/{quiz.id}/import/" in edit


def test_import_needs_edit_permission(client, quiz, framework):
    outsider = make_staff("outsider@example.com", superuser=False)
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    staff_sign_in(client, outsider)
    assert client.get(f"/admin/quizzes/{quiz.id}/import/").status_code == 403
    response = upload(client, quiz, "bank.csv", spreadsheet(GOOD_SINGLE))
    assert response.status_code == 403
    quiz.refresh_from_db()
    assert not quiz.has_unpublished_changes
