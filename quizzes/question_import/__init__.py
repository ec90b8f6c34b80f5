"""Bringing an existing question bank into a quiz: from a spreadsheet (CSV,
XLSX) or Moodle's GIFT format. Read the file (`read_upload`), check every
question (`rows.check`: a block per good one, an error per bad one), show
that, and only on the educator's confirmation `append_as_draft`: the good
questions go at the end of the quiz as a new draft revision, never
published."""

from __future__ import annotations

import json
from pathlib import PurePath

from django.db import transaction
from django.utils.translation import gettext as _

from .gift import parse_gift
from .rows import Checked, Parsed, check, importable_types
from .spreadsheet import FileError, parse_rows, read_csv, read_xlsx

__all__ = ["Checked", "FileError", "Parsed", "append_as_draft", "check", "importable_types", "read_upload"]

MAX_FILE_BYTES = 1024 * 1024  # its base64 in the preview form stays under Django's 2.5 MB form limit
MAX_QUESTIONS = 300
FORMATS = {".csv": "csv", ".xlsx": "xlsx", ".gift": "gift", ".txt": "gift"}


def file_format(filename) -> str:
    """csv, xlsx or gift, by the file's extension; FileError for any other."""
    kind = FORMATS.get(PurePath(filename or "").suffix.lower())
    if kind is None:
        raise FileError(_("Upload a .csv, .xlsx or .gift (or .txt in GIFT format) file."))
    return kind


def read_upload(filename: str, data: bytes) -> list[Parsed]:
    """Every question of an uploaded file, read but not checked; FileError
    for a file that cannot be read at all (wrong kind, too big, empty,
    garbled)."""
    kind = file_format(filename)
    if len(data) > MAX_FILE_BYTES:
        raise FileError(_("The file is larger than 1 MB."))
    if kind == "csv":
        parsed = parse_rows(read_csv(data))
    elif kind == "xlsx":
        parsed = parse_rows(read_xlsx(data))
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise FileError(_("The GIFT file is not in UTF-8.")) from None
        parsed = parse_gift(text)
    if not parsed:
        raise FileError(_("The file holds no questions."))
    if len(parsed) > MAX_QUESTIONS:
        raise FileError(_("The file holds more than %(count)s questions: split it.") % {"count": MAX_QUESTIONS})
    return parsed


def append_as_draft(quiz, checked: list[Checked], user):
    """Appends the good questions to the quiz's latest content (its draft, if
    it has one) and saves that as a new revision: a draft, never published.
    Returns the revision."""
    blocks = [item.block for item in checked if item.ok]
    with transaction.atomic():
        page = quiz.get_latest_revision_as_object()
        page.questions = json.dumps(list(page.questions.raw_data) + blocks)
        return page.save_revision(user=user, log_action=True)
