"""The question bank an educator builds a quiz from: one block per question
type, each defined with its type in `quizzes.questions`. Every question names
the competence it practises and carries an explanation shown after
answering; every option carries its own feedback. None of that reaches the
browser until the question is answered: the learner-facing templates are fed
from `grading.public_question`, which strips it."""

from django.utils.translation import gettext_lazy
from wagtail import blocks

from .questions import question_types
from .questions.parts import competence_choices

__all__ = ["QuestionBlocks", "SelfReportBlocks", "competence_choices"]  # migrations name the choices here


class QuestionBlocks(blocks.StreamBlock):
    def __init__(self, local_blocks=None, search_index=True, **kwargs):
        local_blocks = local_blocks or [(kind.key, kind.block()) for kind in question_types()]
        super().__init__(local_blocks, search_index=search_index, **kwargs)

    class Meta:
        min_num = 1


class StatementBlock(blocks.StructBlock):
    """A self-report statement a learner rates from 1 (not like me) to 5
    (very much like me), before the course and after its quiz."""

    statement = blocks.CharBlock(
        max_length=200,
        label=gettext_lazy("Statement"),
        help_text=gettext_lazy(
            'In the learner\'s words, for example "I check where a post comes from before I share it".'
        ),
    )
    competence = blocks.ChoiceBlock(choices=competence_choices, label=gettext_lazy("Competence practised"))

    class Meta:
        label = gettext_lazy("Self-report statement")
        icon = "user"


class SelfReportBlocks(blocks.StreamBlock):
    statement = StatementBlock()

    class Meta:
        max_num = 6
