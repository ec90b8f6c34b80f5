"""One imported question, whichever file it came from: a draft (plain data
read from a spreadsheet row or a GIFT question), checked and turned into a
question block exactly as the quiz editor would store it, or an error saying
what is wrong with it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace

from django.core.exceptions import ValidationError
from django.utils.html import escape
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

from ..blocks import QuestionBlocks
from ..questions import InvalidDraft, QuestionType, question_type, question_types, registered_type

MAX_OPTIONS = 8

#: What is wrong with one question of a file (the message is for the
#: educator): the question types raise it too, as `InvalidDraft`.
RowError = InvalidDraft


@dataclass
class DraftOption:
    text: str
    right: bool = False
    feedback: str = ""


@dataclass
class Draft:
    """A question as read from a file, before any checking."""

    type: str
    question: str = ""
    situation: str = ""
    competence: str = ""
    options: list[DraftOption] = field(default_factory=list)  # steps, in order, for put-in-order
    scoring: str = ""
    answer: bool | None = None  # true/false
    feedback_true: str = ""
    feedback_false: str = ""
    explanation: str = ""


@dataclass
class Parsed:
    """One question of a file as read: a draft, or why there is none."""

    row: int  # the spreadsheet row, or the line a GIFT question starts on
    draft: Draft | None
    error: str | None = None
    wording: str = ""


@dataclass
class Checked:
    """One question ready for the preview: its block, or its error."""

    row: int
    wording: str
    type_label: str = ""
    answers: list[tuple[str, bool]] = field(default_factory=list)  # (text, right)
    block: dict | None = None
    error: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.block is not None


def check(parsed: list[Parsed], default_competence: str = "", language: str | None = None) -> list[Checked]:
    """Every question of a file checked: a block for each good one, the
    error of each bad one. Missing feedback is filled in `language` (the
    quiz's). Nothing is saved."""
    blocks = QuestionBlocks()
    with override(language or get_language()):
        words = (_("That is right."), _("That is not right."))
    checked = []
    for item in parsed:
        if item.draft is None:
            checked.append(Checked(item.row, item.wording, error=item.error))
            continue
        try:
            block, notes = build_question(item.draft, default_competence, blocks, words)
        except RowError as error:
            checked.append(Checked(item.row, item.draft.question or item.wording, error=str(error)))
            continue
        kind = question_type(block["type"])
        question = {"id": block["id"], "type": block["type"], "value": block["value"]}
        checked.append(
            Checked(
                item.row,
                kind.text(block["value"]),
                type_label=str(kind.label),
                answers=[(text, right) for _key, text, right in kind.report_choices(question)],
                block=block,
                notes=notes,
            )
        )
    return checked


def _paragraphs(text) -> str:
    """Plain text as the rich text of an explanation: a paragraph per line."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return "".join(f"<p>{escape(line)}</p>" for line in lines)


def importable_types() -> list[QuestionType]:
    """The question types a file can bring in, in the editor's menu order."""
    return [kind for kind in question_types() if kind.importable]


def _importable_type(key) -> QuestionType:
    kind = registered_type(key)
    if kind is not None and kind.importable:
        return kind
    if kind is not None and kind.not_importable_message:
        raise RowError(str(kind.not_importable_message))
    raise RowError(
        _("Unknown question type “%(type)s”: use one of %(types)s.")
        % {"type": key, "types": ", ".join(known.key for known in importable_types())}
    )


def build_question(
    draft: Draft, default_competence: str, blocks: QuestionBlocks, words: tuple[str, str]
) -> tuple[dict, list[str]]:
    """The question block (as the quiz's StreamField stores it) for a draft,
    and notes on what was filled in; RowError saying what is wrong. What is
    particular to a type, its question type makes (`value_from_draft`); the
    block's own rules (the editor's) have the last word. `words` fill in
    missing feedback: (for a right answer, for a wrong one)."""
    kind = _importable_type(draft.type)
    competence = draft.competence.strip() or default_competence
    if not competence:
        raise RowError(_("No competence: give its code in the competence column, or choose one for all questions."))
    if not draft.question.strip():
        raise RowError(_("The question (or statement) is missing."))
    if not draft.explanation.strip():
        raise RowError(_("The explanation is missing: learners read it after answering."))
    options = [option for option in draft.options if option.text.strip()]
    if len(options) > MAX_OPTIONS:
        raise RowError(_("At most %(count)s answers or steps.") % {"count": MAX_OPTIONS})
    particular, notes = kind.value_from_draft(replace(draft, options=options), words)
    value = {"competence": competence, "explanation": _paragraphs(draft.explanation), **particular}
    block = blocks.child_blocks[kind.key]
    try:
        cleaned = block.clean(block.to_python(value))
    except ValidationError as error:
        raise RowError(error_text(error, block)) from None
    return {"type": kind.key, "id": str(uuid.uuid4()), "value": block.get_prep_value(cleaned)}, notes


def error_text(error, block=None) -> str:
    """A block's validation error in words, each part named by its field's label."""
    if isinstance(error, StructBlockValidationError):
        parts = [text for sub in error.non_block_errors or [] for text in _messages(sub)]
        for name, sub in (error.block_errors or {}).items():
            child = block.child_blocks.get(name) if block is not None else None
            label = child.label if child is not None else name
            parts.append(f"{label}: {error_text(sub, child)}")
        return " ".join(parts)
    if isinstance(error, ListBlockValidationError):
        parts = [text for sub in error.non_block_errors or [] for text in _messages(sub)]
        child = getattr(block, "child_block", None)
        for index, sub in sorted((error.block_errors or {}).items()):
            parts.append(f"{index + 1}: {error_text(sub, child)}")
        return " ".join(parts)
    return " ".join(_messages(error))


def _messages(error):
    if isinstance(error, ValidationError):
        return [str(message) for message in error.messages]
    return [str(error)]
