"""A question bank as a spreadsheet (CSV or XLSX): one question per row,
under a first row naming the columns (README, "Importing questions"; the
example file is `template_rows`).

Columns (any order; names are not case-sensitive; unknown ones are ignored):

- `type`: single_choice, multiple_choice, true_false, scenario or ordering
  (the words "Single choice", "True or false", "Put in order"... do too);
- `competence`: the framework code (1.2, AI.1...); may be left empty when a
  competence is chosen for all questions on upload;
- `question`: the wording (the statement, for true/false);
- `situation`: a scenario's situation;
- `option_1` ... `option_8`: the answers (the steps in their right order,
  for put-in-order); `feedback_1` ... `feedback_8`: what a learner who
  chooses each is told (for true/false: `feedback_1` after "true",
  `feedback_2` after "false");
- `correct`: the numbers of the right answers ("2", "1, 3"); for
  true/false, `true` or `false`; empty for put-in-order;
- `scoring`: for multiple choice, `partial` (the default) or `all_or_nothing`;
- `explanation`: shown after answering (a paragraph per line).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile

from django.utils.translation import gettext as _

from ..questions import registered_type
from .rows import MAX_OPTIONS, Draft, DraftOption, Parsed, RowError

COLUMNS = (
    ["type", "competence", "question", "situation"]
    + [f"option_{n}" for n in range(1, MAX_OPTIONS + 1)]
    + [f"feedback_{n}" for n in range(1, MAX_OPTIONS + 1)]
    + ["correct", "scoring", "explanation"]
)
TYPE_WORDS = {
    "single_choice": "single_choice",
    "single": "single_choice",
    "multiple_choice": "multiple_choice",
    "multiple": "multiple_choice",
    "true_false": "true_false",
    "true_or_false": "true_false",
    "truefalse": "true_false",
    "scenario": "scenario",
    "ordering": "ordering",
    "put_in_order": "ordering",
    "real_or_fake": "real_or_fake",
    "real_or_fake?": "real_or_fake",
}
TRUE_WORDS = {"true", "t", "yes", "y", "1"}
FALSE_WORDS = {"false", "f", "no", "n", "0"}


class FileError(ValueError):
    """A file that cannot be read at all. The message is for the educator."""


def _key(name) -> str:
    return re.sub(r"[\s\-]+", "_", str(name or "").strip().lower())


def read_csv(data: bytes) -> list[list[str]]:
    """The rows of a CSV file (UTF-8, with or without a byte-order mark;
    commas, semicolons or tabs)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileError(_("The CSV file is not in UTF-8: save it as “CSV UTF-8” and upload it again.")) from None
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    try:
        return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    except csv.Error as error:
        raise FileError(_("The CSV file cannot be read: %(error)s") % {"error": error}) from None


def read_xlsx(data: bytes) -> list[list[str]]:
    """The rows of the first sheet of an XLSX workbook, as text."""
    # openpyxl is large: loaded when an educator brings in a workbook, not by every worker.
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        raise FileError(_("The file is not a readable XLSX workbook.")) from None
    try:
        sheet = workbook.worksheets[0]
        return [[_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def parse_rows(rows: list[list[str]]) -> list[Parsed]:
    """Questions from a spreadsheet's rows, each numbered by its row (the
    column names are row 1); empty rows are skipped."""
    if not rows:
        raise FileError(_("The file is empty."))
    header = [_key(name) for name in rows[0]]
    missing = [name for name in ("type", "question") if name not in header]
    if missing:
        raise FileError(
            _("The first row must name the columns; missing: %(columns)s. Start from the example file.")
            % {"columns": ", ".join(missing)}
        )
    parsed = []
    for number, row in enumerate(rows[1:], start=2):
        cells = {name: str(value).strip() for name, value in zip(header, row, strict=False) if name}
        if not any(cells.values()):
            continue
        try:
            parsed.append(Parsed(number, _draft(cells), wording=cells.get("question", "")))
        except RowError as error:
            parsed.append(Parsed(number, None, str(error), cells.get("question", "")))
    return parsed


def _draft(cells) -> Draft:
    raw_type = cells.get("type", "")
    kind = TYPE_WORDS.get(_key(raw_type), _key(raw_type))
    if not kind:
        raise RowError(_("The type is missing."))
    draft = Draft(
        type=kind,
        question=cells.get("question", ""),
        situation=cells.get("situation", ""),
        competence=cells.get("competence", ""),
        scoring=_key(cells.get("scoring", "")),
        explanation=cells.get("explanation", ""),
    )
    if draft.scoring and draft.scoring not in ("partial", "all_or_nothing"):
        raise RowError(_("Scoring must be “partial” or “all_or_nothing”."))
    correct = cells.get("correct", "")
    named = registered_type(kind)
    if named is None or not named.importable:
        return draft  # checking it says what is wrong with the type, not with its answers
    answers = named.file_answers  # how the row writes its answers is the type's to say
    if answers == "true_or_false":
        word = correct.lower()
        if word not in TRUE_WORDS | FALSE_WORDS:
            raise RowError(_("For a true/false question, “correct” must be true or false."))
        draft.answer = word in TRUE_WORDS
        draft.feedback_true, draft.feedback_false = cells.get("feedback_1", ""), cells.get("feedback_2", "")
        return draft
    numbers = set()
    for part in re.split(r"[,;\s]+", correct):
        if not part:
            continue
        if not part.isdigit() or not 1 <= int(part) <= MAX_OPTIONS:
            raise RowError(
                _("“correct” must list answer numbers from 1 to 8, such as “2” or “1, 3”; not “%(value)s”.")
                % {"value": correct}
            )
        numbers.add(int(part))
    for n in range(1, MAX_OPTIONS + 1):
        text = cells.get(f"option_{n}", "")
        if text:
            draft.options.append(DraftOption(text, n in numbers, cells.get(f"feedback_{n}", "")))
        elif n in numbers:
            raise RowError(_("Answer %(number)s is marked right but is empty.") % {"number": n})
    if answers == "options" and not numbers:
        raise RowError(_("No right answer: give its number in the “correct” column."))
    return draft


# --- The example file ------------------------------------------------------------

TEMPLATE_ROWS = [
    {
        "type": "single_choice",
        "competence": "1.2",
        "question": "Who may ask you for the one-time password (OTP) your bank sends?",
        "option_1": "Bank staff on the phone",
        "feedback_1": "No: bank staff never ask for it.",
        "option_2": "Nobody",
        "feedback_2": "Right: an OTP is for you alone.",
        "option_3": "The police",
        "feedback_3": "No: the police never ask for it either.",
        "correct": "2",
        "explanation": "An OTP lets whoever has it into your account. Never share it.",
    },
    {
        "type": "multiple_choice",
        "competence": "1.2",
        "question": "Which are warning signs of a scam message?",
        "option_1": "It says you must act now",
        "feedback_1": "Yes: urgency stops you from thinking.",
        "option_2": "It calls you by your name",
        "feedback_2": "Not on its own: scammers often know your name.",
        "option_3": "It asks for a payment by gift card",
        "feedback_3": "Yes: no real company asks for that.",
        "correct": "1, 3",
        "scoring": "partial",
        "explanation": "Urgency and unusual ways to pay are the classic signs.",
    },
    {
        "type": "true_false",
        "competence": "4.2",
        "question": "A caller who knows your IC number must be real.",
        "feedback_1": "No: IC numbers leak in data breaches.",
        "feedback_2": "Right: knowing your number proves nothing.",
        "correct": "false",
        "explanation": "Personal details are easy to find. Call back on the official number.",
    },
    {
        "type": "scenario",
        "competence": "4.3",
        "situation": "Your uncle shares a health hoax in the family group.",
        "question": "What should you do next?",
        "option_1": "Message him kindly, with a reliable source",
        "feedback_1": "Yes: a private, kind word works best.",
        "option_2": "Mock him in the group",
        "feedback_2": "No: people dig in when shamed.",
        "correct": "1",
        "explanation": "Correct privately and kindly, and give a source.",
    },
    {
        "type": "ordering",
        "competence": "1.2",
        "question": "Put the SIFT steps in order.",
        "option_1": "Stop",
        "option_2": "Investigate the source",
        "option_3": "Find better coverage",
        "option_4": "Trace the claim to its origin",
        "explanation": "Stop, Investigate, Find, Trace.",
    },
]


def template_rows() -> list[list[str]]:
    """The example file: the column names, then one question of each type."""
    return [COLUMNS] + [[row.get(column, "") for column in COLUMNS] for row in TEMPLATE_ROWS]


def template_csv() -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(template_rows())
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def template_xlsx() -> bytes:
    from openpyxl import Workbook  # large: see read_xlsx

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Questions"
    for row in template_rows():
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
