"""Moodle's GIFT format, the part of it that maps onto Celik's question types.

https://docs.moodle.org/en/GIFT_format. A question is one block of text
ended by a blank line: an optional `::title::`, the question text, and its
answers in braces. What is read:

- true/false: `{T}`, `{TRUE}`, `{F}`, `{FALSE}`, each with up to two
  `#feedback` (Moodle's first is for a wrong answer, the second for a right one);
- multiple choice with one right answer: `{=right ~wrong ~wrong}`, each with an
  optional `#feedback`; becomes a single-choice question;
- multiple choice with several right answers, by weights:
  `{~%50%a ~%50%b ~%-100%c}`; an answer with a positive weight is right;
- `####general feedback` inside the braces, the question's explanation;
- `// comments`, `$CATEGORY:` lines, `[html]`/`[plain]`/`[moodle]`/
  `[markdown]` format markers (the text is kept as plain text, tags removed),
  the escapes `\\~ \\= \\# \\{ \\} \\:` and `\\n`;
- text after the closing brace ("missing word" questions): joined to the
  question with a blank, "___".

Every other kind (matching, short answer, numerical, essay, description) is
named in a per-question error, as are questions this reader cannot make
sense of. The parser knows nothing of Celik's blocks: it gives drafts
(rows.Draft), which rows.build_question checks as any spreadsheet row."""

from __future__ import annotations

import re

from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from .rows import Draft, DraftOption, Parsed, RowError

ESCAPES = {"\\~": "~", "\\=": "=", "\\#": "#", "\\{": "{", "\\}": "}", "\\:": ":", "\\n": "\n", "\\\\": "\\"}
# Escaped characters are swapped for private-use placeholders while the
# structure is read, then put back.
_PLACEHOLDERS = {escape: chr(0xE000 + index) for index, escape in enumerate(ESCAPES)}
_RESTORE = {_PLACEHOLDERS[escape]: plain for escape, plain in ESCAPES.items()}

TRUE_WORDS = {"T", "TRUE"}
FALSE_WORDS = {"F", "FALSE"}


def _protect(text):
    for escape, placeholder in _PLACEHOLDERS.items():
        text = text.replace(escape, placeholder)
    return text


def _restore(text):
    for placeholder, plain in _RESTORE.items():
        text = text.replace(placeholder, plain)
    return text


def _plain(text):
    """Text as a learner reads it: escapes undone, format marker and tags removed, blanks tidied."""
    text = re.sub(r"^\s*\[(html|plain|moodle|markdown)\]", "", text)
    return " ".join(strip_tags(_restore(text)).split())


def split_questions(text) -> list[tuple[int, str]]:
    """(line number, text) of each question: blocks of lines between blank
    lines, without comments and category lines."""
    questions, lines, start = [], [], None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("//") or stripped.startswith("$CATEGORY:"):
            continue
        if not stripped:
            if lines:
                questions.append((start, "\n".join(lines)))
            lines, start = [], None
            continue
        if start is None:
            start = number
        lines.append(line)
    if lines:
        questions.append((start, "\n".join(lines)))
    return questions


def parse_gift(text: str) -> list[Parsed]:
    """Every question of a GIFT file, as a draft or an error, numbered by the
    line it starts on."""
    return [_parse_question(line, _protect(block)) for line, block in split_questions(text)]


def _parse_question(line, block) -> Parsed:
    title = ""
    match = re.match(r"\s*::(.*?)::(.*)", block, re.DOTALL)
    if match:
        title, block = match.group(1), match.group(2)
    opening, closing = block.find("{"), block.rfind("}")
    if opening == -1 or closing < opening:
        if opening == -1 and closing == -1:
            return Parsed(line, None, _("A description without answers: nothing to import."), _plain(title))
        return Parsed(line, None, _("The answers must be between one { and one }."), _plain(title))
    before, answers, after = block[:opening], block[opening + 1 : closing], block[closing + 1 :]
    wording = _plain(before)
    if _plain(after):
        wording = f"{wording} ___ {_plain(after)}"
    wording = wording or _plain(title)
    try:
        draft = _answers(wording, answers)
    except RowError as error:
        return Parsed(line, None, str(error), wording)
    return Parsed(line, draft, None, wording)


def _answers(wording, answers) -> Draft:
    explanation = ""
    if "####" in answers:
        answers, explanation = answers.split("####", 1)
        explanation = _plain(explanation)
    body = answers.strip()
    if not body:
        raise RowError(_("An essay question: Celik has no question type for it."))
    if body.startswith("#"):
        raise RowError(_("A numerical question: Celik has no question type for it."))
    word, *feedback = [part.strip() for part in body.split("#")]
    if word.upper() in TRUE_WORDS | FALSE_WORDS:
        right = word.upper() in TRUE_WORDS
        wrong_feedback = _plain(feedback[0]) if feedback else ""
        right_feedback = _plain(feedback[1]) if len(feedback) > 1 else ""
        return Draft(
            type="true_false",
            question=wording,
            answer=right,
            feedback_true=right_feedback if right else wrong_feedback,
            feedback_false=wrong_feedback if right else right_feedback,
            explanation=explanation,
        )
    return _choices(wording, body, explanation)


def _choices(wording, body, explanation) -> Draft:
    parts = re.split(r"([=~])", body)
    if parts[0].strip():
        raise RowError(_("Each answer must start with = (right) or ~ (wrong)."))
    options, signs = [], []
    for sign, text in zip(parts[1::2], parts[2::2], strict=True):
        if "->" in text:
            raise RowError(_("A matching question: Celik has no question type for it."))
        text, _hash, feedback = text.partition("#")
        weight = None
        weighted = re.match(r"\s*%(-?\d+(?:\.\d+)?)%(.*)", text, re.DOTALL)
        if weighted:
            weight, text = float(weighted.group(1)), weighted.group(2)
        right = sign == "=" or (weight is not None and weight > 0)
        options.append(DraftOption(_plain(text), right, _plain(feedback)))
        signs.append(sign)
    if "~" not in signs:
        raise RowError(_("A short-answer question: Celik has no question type for it."))
    right_count = sum(1 for option in options if option.right)
    kind = "single_choice" if right_count == 1 and "=" in signs else "multiple_choice"
    return Draft(type=kind, question=wording, options=options, explanation=explanation)
