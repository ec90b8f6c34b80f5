"""Learning gain: what a learner knew before the course (the before check)
against what they know after it (the course's required quiz), per
competence and for the course, as plain functions.

- A score is the share of questions answered right, in percent. "After"
  counts each question's latest answer in the learner's submitted quiz
  attempts (like mastery in the statistics), leaving out the questions the
  learner met in their before check (so "after" is the parallel form they
  had not seen, plus questions in both forms: counterbalancing, see
  quizzes.forms_ab), and only questions of the competences the before check
  asked, so both sides measure the same thing.
- The normalised gain (Hake) is g = (after - before) / (100 - before): the
  share of what there was left to learn that was learnt. A learner who
  already had 100 % before has nothing left to gain: g is undefined and they
  are left out of every gain mean (their before and after still show on
  their own results). A loss larger than the room there was to gain is
  counted as -1, so g runs from -1 to 1 and no single learner can move a
  mean without bound.
- A course's gain is the mean of its learners' gains (each learner's gain
  over all the competences of their before check).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .grading import question_text
from .models.records import Purpose, QuestionAnswer, SelfReportAnswer


def percent(right, total) -> float | None:
    return 100.0 * right / total if total else None


def normalised_gain(before: float | None, after: float | None) -> float | None:
    """g = (after - before) / (100 - before), between -1 and 1; None when
    either score is missing or before is 100 % (no room to gain)."""
    if before is None or after is None or before >= 100:
        return None
    return max(-1.0, min(1.0, (after - before) / (100.0 - before)))


@dataclass(frozen=True)
class Gain:
    """Before and after in percent, and the normalised gain (None: see above)."""

    before: float
    after: float
    gain: float | None
    competence: str = ""

    @property
    def before_percent(self) -> int:
        return round(self.before)

    @property
    def after_percent(self) -> int:
        return round(self.after)

    @property
    def gain_percent(self) -> int | None:
        return None if self.gain is None else round(100 * self.gain)


@dataclass
class LearnerGain:
    course: Gain
    competences: list[Gain] = field(default_factory=list)


def after_rows(before_rows, quiz_rows):
    """Of a learner's latest quiz answers (question id, competence, correct),
    those that count as "after": not asked in their before check."""
    seen = {question_id for question_id, _competence, _correct in before_rows}
    return [(competence, correct) for question_id, competence, correct in quiz_rows if question_id not in seen]


def tally(rows) -> dict[str, list[int]]:
    """{competence: [answered, right]} from (competence, correct) pairs."""
    counts = defaultdict(lambda: [0, 0])
    for competence, correct in rows:
        counts[competence][0] += 1
        counts[competence][1] += bool(correct)
    return dict(counts)


def gain_from_tallies(before: dict, after: dict) -> LearnerGain | None:
    """A learner's gain from their before-check tally and their after tally
    (see `tally`); None without both. Only competences the before check asked count."""
    shared = sorted(code for code in before if code in after)
    if not shared:
        return None
    competences = []
    for code in shared:
        pre, post = percent(before[code][1], before[code][0]), percent(after[code][1], after[code][0])
        competences.append(Gain(pre, post, normalised_gain(pre, post), code))
    pre = percent(sum(before[c][1] for c in shared), sum(before[c][0] for c in shared))
    post = percent(sum(after[c][1] for c in shared), sum(after[c][0] for c in shared))
    return LearnerGain(Gain(pre, post, normalised_gain(pre, post)), competences)


def _answers(quiz_key, user=None, users=None):
    answers = QuestionAnswer.objects.filter(attempt__quiz_key=quiz_key, attempt__submitted_at__isnull=False)
    if user is not None:
        answers = answers.filter(attempt__user=user)
    if users is not None:
        answers = answers.filter(attempt__user__in=users)
    return answers.order_by("attempt__user_id", "attempt__number").values_list(
        "attempt__user_id", "attempt__purpose", "question_id", "competence", "correct"
    )


def _tallies_by_learner(rows):
    """{learner: (before tally, after tally)}: before from the before check,
    after from each question's latest answer in quiz attempts."""
    before, latest = defaultdict(list), defaultdict(dict)
    for user_id, purpose, question_id, competence, correct in rows:
        if purpose == Purpose.BEFORE:
            before[user_id].append((question_id, competence, correct))
        else:
            latest[user_id][question_id] = (question_id, competence, correct)  # rows come in attempt order
    return {
        user_id: (
            tally((c, ok) for _q, c, ok in before[user_id]),
            tally(after_rows(before[user_id], latest[user_id].values())),
        )
        for user_id in before
    }


def learner_gain(user, quiz_key) -> LearnerGain | None:
    """The learner's before and after in a quiz, per competence and in all;
    None until they have taken both the before check and the quiz."""
    found = _tallies_by_learner(_answers(quiz_key, user))
    if user.pk not in found:
        return None
    return gain_from_tallies(*found[user.pk])


# --- The educator's view ---------------------------------------------------------


@dataclass(frozen=True)
class GroupGain:
    """A group of learners: how many have a gain, their mean before, after and gain."""

    label: str
    learners: int
    before: float | None
    after: float | None
    gain: float | None


@dataclass(frozen=True)
class QuestionGain:
    question_id: str
    competence: str
    before_answered: int
    before_right: float | None
    after_answered: int
    after_right: float | None
    text: str = ""

    @property
    def gain(self) -> float | None:
        """The normalised gain of the share right (the learners who had it
        before are not the ones who had it after, by design)."""
        return normalised_gain(self.before_right, self.after_right)


@dataclass(frozen=True)
class StatementChange:
    item_id: str
    competence: str
    before_answers: int
    before: float | None
    after_answers: int
    after: float | None
    text: str = ""


@dataclass
class GainReport:
    course: GroupGain
    competences: list[GroupGain]
    questions: list[QuestionGain]
    statements: list[StatementChange]


def _mean(values):
    values = [v for v in values if v is not None]
    return sum(values) / len(values) if values else None


def _group(label, gains: list[Gain]) -> GroupGain:
    with_gain = [g for g in gains if g.gain is not None]
    return GroupGain(
        label=label,
        learners=len(with_gain),
        before=_mean(g.before for g in with_gain),
        after=_mean(g.after for g in with_gain),
        gain=_mean(g.gain for g in with_gain),
    )


def gain_report(quiz, users=None) -> GainReport:
    """Gain across every language of a quiz, for its educators: for the course
    and per competence (means over learners with a gain), per question (the
    share right among those who had it before, and among those who had it
    after: counterbalancing means these are different halves of the
    learners) and per self-report statement (mean before and after, 1 to 5).
    `users` (ids) narrows it to a group: a facilitator's class."""
    learners = [
        result
        for result in (
            gain_from_tallies(*pair)
            for pair in _tallies_by_learner(_answers(quiz.translation_key, users=users)).values()
        )
        if result is not None
    ]
    by_competence = defaultdict(list)
    for result in learners:
        for item in result.competences:
            by_competence[item.competence].append(item)
    texts = {question["id"]: question_text(question) for question in quiz.questions.raw_data}
    statements = {block["id"]: block["value"]["statement"] for block in quiz.self_report.raw_data}
    per_question = defaultdict(lambda: {"competence": "", Purpose.BEFORE: [0, 0], Purpose.QUIZ: [0, 0]})
    for _user, purpose, question_id, competence, correct in _answers(quiz.translation_key, users=users):
        entry = per_question[question_id]
        entry["competence"] = competence
        entry[purpose][0] += 1
        entry[purpose][1] += bool(correct)
    questions = [
        QuestionGain(
            question_id=question_id,
            competence=entry["competence"],
            before_answered=entry[Purpose.BEFORE][0],
            before_right=percent(entry[Purpose.BEFORE][1], entry[Purpose.BEFORE][0]),
            after_answered=entry[Purpose.QUIZ][0],
            after_right=percent(entry[Purpose.QUIZ][1], entry[Purpose.QUIZ][0]),
            text=texts.get(question_id, question_id),
        )
        for question_id, entry in per_question.items()
    ]
    questions.sort(key=lambda q: (q.competence, q.question_id))
    return GainReport(
        course=_group("", [result.course for result in learners]),
        competences=[_group(code, gains) for code, gains in sorted(by_competence.items())],
        questions=questions,
        statements=[
            StatementChange(**{**change.__dict__, "text": statements.get(change.item_id, change.item_id)})
            for change in statement_changes(quiz.translation_key, users=users)
        ],
    )


# --- Self-report statements --------------------------------------------------------


def statement_changes(quiz_key, user=None, users=None) -> list[StatementChange]:
    """Per statement: the mean answer (1 to 5) before and after."""
    answers = SelfReportAnswer.objects.filter(quiz_key=quiz_key)
    if user is not None:
        answers = answers.filter(user=user)
    if users is not None:
        answers = answers.filter(user__in=users)
    sums = defaultdict(lambda: {"competence": "", "before": [0, 0], "after": [0, 0]})
    for item_id, competence, when, value in answers.values_list("item_id", "competence", "when", "value"):
        entry = sums[item_id]
        entry["competence"] = competence
        entry[when][0] += 1
        entry[when][1] += value
    return [
        StatementChange(
            item_id=item_id,
            competence=entry["competence"],
            before_answers=entry["before"][0],
            before=entry["before"][1] / entry["before"][0] if entry["before"][0] else None,
            after_answers=entry["after"][0],
            after=entry["after"][1] / entry["after"][0] if entry["after"][0] else None,
        )
        for item_id, entry in sums.items()
    ]


class InvalidSelfReport(ValueError):
    """A self-report form that does not fit its statements (the message is for the learner)."""


def record_self_report(user, quiz, when, values: dict, language) -> int:
    """Stores a learner's answers (1 to 5) to the quiz's statements, `when`
    before or after; a statement left out is skipped, answering again
    replaces the answer. Returns how many were stored."""
    if when not in (SelfReportAnswer.BEFORE, SelfReportAnswer.AFTER):
        raise ValueError(when)
    course = quiz.get_course()
    items = {block["id"]: block["value"] for block in quiz.self_report.raw_data}
    rows = []
    for item_id, raw in values.items():
        if item_id not in items:
            raise InvalidSelfReport(_("That statement is not part of this check."))
        if raw in ("", None):
            continue
        if raw not in ("1", "2", "3", "4", "5"):
            raise InvalidSelfReport(_("Choose a point from 1 to 5."))
        rows.append(
            SelfReportAnswer(
                user=user,
                quiz_key=quiz.translation_key,
                course_key=course.translation_key if course else quiz.translation_key,
                item_id=item_id,
                competence=items[item_id].get("competence", ""),
                when=when,
                value=int(raw),
                language=language,
            )
        )
    SelfReportAnswer.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["user", "quiz_key", "item_id", "when"],
        update_fields=["value", "language", "answered_at"],
    )
    return len(rows)
