"""What educators see about a quiz: how learners did, across every language
of the quiz (attempts point at its translation_key) and split by the
language each attempt was taken in, with no learner named.

A handful of queries whatever the number of attempts: the answers are
counted in the database, grouped by question, language and answer, and
only those groups are read here."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Avg, Count, Q
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from . import grading
from .models.records import Purpose, QuestionAnswer, QuizAttempt
from .questions import InvalidAnswer, question_type
from .questions.parts import competence_choices

REMOVED = "__removed__"  # the key of answers naming an option since removed


def percent(part, whole) -> int | None:
    """A whole percentage; None when there is nothing to divide."""
    return round(100 * part / whole) if whole else None


def language_name(code) -> str:
    """A language by its name in the reader's language ("Malay"), its code if unknown."""
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


@dataclass
class Tally:
    answered: int = 0
    correct: int = 0

    @property
    def percent_correct(self) -> int | None:
        return percent(self.correct, self.answered)


@dataclass
class ChoiceStat:
    """One option (verdict, step...) of a question and how often it was chosen."""

    key: str
    text: str
    right: bool
    chosen: dict[str, int] = field(default_factory=dict)  # language code -> count
    highlighted: bool = False  # the most chosen wrong answer (or most misplaced step)
    language_counts: list[int] = field(default_factory=list)  # in the report's language order

    @property
    def total(self) -> int:
        return sum(self.chosen.values())

    def chosen_in(self, language) -> int:
        return self.chosen.get(language, 0)


@dataclass
class QuestionStat:
    question_id: str
    number: int | None  # its place in the quiz (1, 2...); None once removed
    text: str
    type: str
    competence: str
    by_language: dict[str, Tally] = field(default_factory=dict)
    choices: list[ChoiceStat] = field(default_factory=list)
    competence_label: str = ""
    language_tallies: list[Tally] = field(default_factory=list)  # in the report's language order

    @property
    def answered(self) -> int:
        return sum(tally.answered for tally in self.by_language.values())

    @property
    def correct(self) -> int:
        return sum(tally.correct for tally in self.by_language.values())

    @property
    def percent_correct(self) -> int | None:
        return percent(self.correct, self.answered)

    def tally_in(self, language) -> Tally:
        return self.by_language.get(language, Tally())

    @property
    def type_label(self) -> str:
        """The question's type in words ("Single choice"), in the reader's language."""
        try:
            return str(question_type(self.type).label)
        except InvalidAnswer:  # a type since removed from the code
            return self.type

    @property
    def counts_placement(self) -> bool:
        """True when the choices count steps put in their right place, not answers chosen."""
        try:
            return question_type(self.type).report_counts_placement
        except InvalidAnswer:
            return False

    @property
    def highlighted(self) -> ChoiceStat | None:
        return next((choice for choice in self.choices if choice.highlighted), None)


@dataclass
class LanguageSummary:
    language: str
    attempts: int
    learners: int
    passed: int
    average_score: float | None

    @property
    def name(self) -> str:
        return language_name(self.language)

    @property
    def pass_rate(self) -> int:
        return percent(self.passed, self.attempts) or 0


@dataclass
class QuizReport:
    attempts: int
    learners: int
    passed: int
    average_score: float | None
    questions: list[QuestionStat]
    languages: list[LanguageSummary]

    @property
    def pass_rate(self) -> int:
        return percent(self.passed, self.attempts) or 0

    @property
    def language_codes(self) -> list[str]:
        return [summary.language for summary in self.languages]


def _rounded(average):
    return round(average, 1) if average is not None else None


def quiz_report(quiz) -> QuizReport:
    """Submitted attempts, pass rate, average score (in all and per
    language), and per question: the share answered correctly and how many
    chose each option, the most chosen wrong answer marked; the most missed
    question first. Questions are matched by block id, which translations
    share, so every language adds up; their words are those of `quiz`'s own
    language."""
    submitted = QuizAttempt.objects.filter(
        quiz_key=quiz.translation_key, purpose=Purpose.QUIZ, submitted_at__isnull=False
    )  # the before check's attempts are not the quiz's results
    figures = dict(
        attempts=Count("id"), learners=Count("user", distinct=True), passed=Count("id", filter=Q(passed=True))
    )
    totals = submitted.aggregate(**figures, average=Avg("score"))
    languages = [
        LanguageSummary(
            language=row["language"],
            attempts=row["attempts"],
            learners=row["learners"],
            passed=row["passed"],
            average_score=_rounded(row["average"]),
        )
        for row in submitted.values("language").annotate(**figures, average=Avg("score")).order_by("language")
    ]
    groups = list(
        QuestionAnswer.objects.filter(attempt__in=submitted)
        .values("question_id", "question_type", "competence", "attempt__language", "answer", "correct")
        .annotate(count=Count("id"))
        .order_by()
    )
    questions = {question["id"]: question for question in _questions(quiz, {row["question_id"] for row in groups})}
    stats = {}
    for number, question in enumerate(questions.values(), start=1):
        stats[question["id"]] = _question_stat(question, None if question.get("removed") else number)
    for row in groups:
        stat = stats.get(row["question_id"])
        if stat is None:  # not in the quiz, nor in any snapshot read
            stat = stats[row["question_id"]] = QuestionStat(
                row["question_id"], None, row["question_id"], row["question_type"], row["competence"]
            )
        _count(stat, questions.get(row["question_id"]), row)
    codes = [summary.language for summary in languages]
    names = competence_names()
    for stat in stats.values():
        _highlight(stat)
        stat.competence_label = names.get(stat.competence, stat.competence)
        stat.language_tallies = [stat.tally_in(code) for code in codes]
        for choice in stat.choices:
            choice.language_counts = [choice.chosen_in(code) for code in codes]
    ordered = sorted(
        stats.values(),
        key=lambda stat: (stat.answered == 0, stat.percent_correct or 0, -stat.answered, stat.number or 999),
    )
    return QuizReport(
        attempts=totals["attempts"],
        learners=totals["learners"],
        passed=totals["passed"],
        average_score=_rounded(totals["average"]),
        questions=ordered,
        languages=languages,
    )


def _questions(quiz, answered_ids) -> list[dict]:
    """The quiz's questions in its order, then any answered question since
    removed from it, as an attempt's snapshot holds it (one more query, only
    when there is one)."""
    questions = [{"id": q["id"], "type": q["type"], "value": q["value"]} for q in quiz.questions.raw_data]
    missing = answered_ids - {question["id"] for question in questions}
    if missing:
        snapshots = (
            QuizAttempt.objects.filter(quiz_key=quiz.translation_key, submitted_at__isnull=False)
            .order_by("-submitted_at")
            .values_list("questions", flat=True)[:50]
        )
        for snapshot in snapshots:
            for question in snapshot:
                if question["id"] in missing:
                    questions.append({**question, "removed": True})
                    missing.discard(question["id"])
            if not missing:
                break
    return questions


def _question_stat(question, number) -> QuestionStat:
    try:
        kind = question_type(question["type"])
        text = grading.question_text(question)
        choices = [ChoiceStat(key, text, right) for key, text, right in kind.report_choices(question)]
    except (InvalidAnswer, KeyError):  # a type since removed, a snapshot of an older shape
        text, choices = question["id"], []
    if question.get("removed"):
        text = _("%(question)s (removed from the quiz)") % {"question": text}
    return QuestionStat(
        question_id=question["id"],
        number=number,
        text=text,
        type=question["type"],
        competence=question["value"].get("competence", ""),
        choices=choices,
    )


def _count(stat: QuestionStat, question, row):
    language, count = row["attempt__language"], row["count"]
    tally = stat.by_language.setdefault(language, Tally())
    tally.answered += count
    tally.correct += count if row["correct"] else 0
    if question is None:
        return
    try:
        keys = question_type(question["type"]).report_keys(question, row["answer"])
    except (InvalidAnswer, KeyError, TypeError):
        return
    choices = {choice.key: choice for choice in stat.choices}
    for key in keys:
        choice = choices.get(key)
        if choice is None:
            choice = choices.get(REMOVED)
            if choice is None:
                choice = ChoiceStat(REMOVED, _("(an option since removed)"), False)
                stat.choices.append(choice)
                choices[REMOVED] = choice
        choice.chosen[language] = choice.chosen.get(language, 0) + count


def _highlight(stat: QuestionStat):
    """Marks the wrong answer chosen most often; for put-in-order, the step
    most often out of its place. Nothing when no one went wrong."""
    if stat.counts_placement:
        misplaced = [(stat.answered - choice.total, choice) for choice in stat.choices]
        candidates = [(misses, choice) for misses, choice in misplaced if misses > 0]
    else:
        candidates = [(choice.total, choice) for choice in stat.choices if not choice.right and choice.total > 0]
    if candidates:
        max(candidates, key=lambda pair: pair[0])[1].highlighted = True


def competence_names() -> dict[str, str]:
    """Competences by code, named ("1.2 Judge a source") in the reader's language."""
    return {code: label for _pillar, choices in competence_choices() for code, label in choices}


# --- The spreadsheet (CSV and XLSX, through Wagtail's SpreadsheetExportMixin) ---


def export_columns(report: QuizReport) -> list[tuple[str, str]]:
    """(field, heading) of every column: the fixed ones, then per language."""
    columns = [
        ("number", _("Number in the quiz")),
        ("question", _("Question")),
        ("type", _("Type")),
        ("competence", _("Competence")),
        ("answered", _("Answered")),
        ("percent_correct", _("Answered correctly (%)")),
    ]
    for code in report.language_codes:
        name = language_name(code)
        columns.append((f"answered_{code}", _("Answered, %(language)s") % {"language": name}))
        columns.append((f"percent_correct_{code}", _("Answered correctly (%%), %(language)s") % {"language": name}))
    columns += [
        ("answer", _("Answer")),
        ("right", _("Right answer")),
        ("chosen", _("Chosen (or put in its right place)")),
        ("most_chosen_wrong", _("Most chosen wrong answer")),
    ]
    columns += [
        (f"chosen_{code}", _("Chosen, %(language)s") % {"language": language_name(code)})
        for code in report.language_codes
    ]
    return columns


def export_rows(report: QuizReport) -> list[dict]:
    """The report as rows for the spreadsheet: one per option (verdict, step)
    of each question, the question's own figures repeated so a spreadsheet
    can filter and pivot them; one row for a question with nothing to count."""
    yes, no = _("Yes"), _("No")
    rows = []
    for stat in report.questions:
        base = {
            "number": stat.number if stat.number is not None else "",
            "question": stat.text,
            "type": stat.type_label,
            "competence": stat.competence_label,
            "answered": stat.answered,
            "percent_correct": _blank(stat.percent_correct),
        }
        for code in report.language_codes:
            tally = stat.tally_in(code)
            base[f"answered_{code}"] = tally.answered
            base[f"percent_correct_{code}"] = _blank(tally.percent_correct)
        for choice in stat.choices or [None]:
            row = dict(base)
            row["answer"] = choice.text if choice else ""
            row["right"] = (yes if choice.right else no) if choice else ""
            row["chosen"] = choice.total if choice else ""
            row["most_chosen_wrong"] = yes if choice and choice.highlighted else ""
            for code in report.language_codes:
                row[f"chosen_{code}"] = choice.chosen_in(code) if choice else ""
            rows.append(row)
    return rows


def _blank(value):
    return "" if value is None else value
