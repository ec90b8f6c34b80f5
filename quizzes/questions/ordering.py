"""Put in order: three to eight steps, shown shuffled, credit per step in place."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import blocks

from .base import Grade, InvalidAnswer, QuestionType, items, new_item
from .parts import BaseQuestionBlock, explanation_block, question_block


class OrderingQuestionBlock(BaseQuestionBlock):
    question = question_block()
    steps = blocks.ListBlock(
        blocks.CharBlock(max_length=300, label=gettext_lazy("Step")),
        min_num=3,
        max_num=8,
        label=gettext_lazy("Steps"),
        help_text=gettext_lazy("In the right order; learners see them shuffled."),
    )
    explanation = explanation_block()

    class Meta:
        icon = "order"
        label = gettext_lazy("Put in order")


def steps(question):
    """(id, text) pairs of the steps, in the right order."""
    return items(question["value"]["steps"])


class Ordering(QuestionType):
    key = "ordering"
    block_class = OrderingQuestionBlock
    position = 50
    partial_credit = True
    interaction = "sequencing"
    importable = True
    file_answers = "steps"

    def value_from_draft(self, draft, feedback_words):
        """A file lists the steps in their right order."""
        return {
            "question": draft.question.strip(),
            "steps": [new_item(step.text.strip()) for step in draft.options],
        }, []

    def shown_order(self, question, rng, shuffle):
        """Always shuffled, and never shown already in order."""
        right = [step_id for step_id, _text in steps(question)]
        order = list(right)
        for _attempt in range(10):
            rng.shuffle(order)
            if order != right:
                return order
        return list(reversed(right))

    def public(self, question, order=None):
        texts = dict(steps(question))
        return {
            **super().public(question),
            "question": question["value"]["question"],
            "steps": [{"id": step_id, "text": texts[step_id]} for step_id in order or list(texts)],
        }

    def arranged(self, question, order) -> list[str]:
        """`order` (step ids, untrusted) made whole: each known step once, in
        the order given, then any step missing from it, as first shown."""
        known = question.get("order") or [step_id for step_id, _text in steps(question)]
        kept = list(dict.fromkeys(step_id for step_id in order if step_id in known))
        return kept + [step_id for step_id in known if step_id not in kept]

    def moved(self, question, order, move):
        """The order after moving the step at a place up or down ("2-up")."""
        place, _dash, direction = move.partition("-")
        if not place.isdigit() or direction not in ("up", "down"):
            return None
        arranged = self.arranged(question, order)
        index = int(place)
        other = index - 1 if direction == "up" else index + 1
        if not (0 <= index < len(arranged) and 0 <= other < len(arranged)):
            return None
        arranged[index], arranged[other] = arranged[other], arranged[index]
        return arranged

    def parse(self, question, values):
        valid = [step_id for step_id, _text in steps(question)]
        if sorted(values) != sorted(valid):
            raise InvalidAnswer(_("Put every step in the list exactly once."))
        return values

    def grade(self, question, order):
        """Partial credit by position: each step in its right place earns a share."""
        right = [step_id for step_id, _text in steps(question)]
        in_place = sum(1 for given, expected in zip(order, right, strict=True) if given == expected)
        return Grade(points=round(in_place / len(right), 4), correct=order == right, feedback=[])

    def form_values(self, answer):
        return [str(value) for value in answer]

    def right_answer_values(self, question):
        return [step_id for step_id, _text in steps(question)]

    def some_answer_values(self, question, rng):
        ids = self.right_answer_values(question)
        rng.shuffle(ids)
        return ids

    def right_answer_texts(self, question):
        return [text for _id, text in steps(question)]

    def answer_texts(self, question, answer):
        texts = dict(steps(question))
        return [texts[step_id] for step_id in answer if step_id in texts]

    def right_answer_is_a_sequence(self):
        return True

    report_counts_placement = True

    def report_choices(self, question):
        return [(step_id, text, True) for step_id, text in steps(question)]

    def report_keys(self, question, order):
        """The steps this answer put in their right place."""
        right = [step_id for step_id, _text in steps(question)]
        return [given for given, expected in zip(order, right, strict=False) if given == expected]
