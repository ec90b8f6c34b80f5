"""Question types, one module each (see base.QuestionType).

Importing this package imports every module in it, and each type class
registers itself, so the editor's blocks, grading, the quiz screens and the
report all learn of a new type from its own module."""

import importlib
import pkgutil

from .base import Grade, InvalidAnswer, InvalidDraft, QuestionType, question_type, question_types, registered_type

for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")

__all__ = [
    "Grade",
    "InvalidAnswer",
    "InvalidDraft",
    "QuestionType",
    "question_type",
    "question_types",
    "registered_type",
]
