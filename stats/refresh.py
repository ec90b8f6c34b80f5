"""Counting the statistics: from learner records to counted cells.

The dashboard must answer in a fraction of a second over millions of
enrolments, so it never reads learner records. This module reads them and
writes what each (period, course, country, age group, language) adds up to
into `StatsCell` and `CompetenceCell`, with the cell keys and the altered
values of stats.disclosure.

Two ways to count, with the same result:

- **full** (`refresh_statistics(full=True)`): every enrolment, in one ordered
  stream merged with two other ordered streams (each learner's quiz outcome
  and competence results), so memory holds one learner at a time plus the
  cells, however large a course is. It also writes, for every enrolment, what
  it added (`CountedEnrolment`).
- **incremental** (the default once a full count exists): only the
  enrolments that changed since the last count (began, did something,
  completed, submitted a quiz), the ones whose "active" lapsed, and the ones
  that disappeared. Each takes back what it added last time and adds what
  it adds now; only the cells they touch are altered again. After 1 % of
  enrolments changed this reads about 1 % of the records.

Erased learners count like anyone else: their enrolments and submitted
attempts survive with an `erased_learner` id in place of the user.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from itertools import islice
from uuid import UUID

from django.conf import settings
from django.db import connection, models, transaction
from django.db.models import Count, Exists, ExpressionWrapper, F, Max, OuterRef, Q, Window
from django.db.models.functions import RowNumber, TruncDate
from django.utils import timezone

from courses.models import Enrollment
from quizzes.gain import after_rows, gain_from_tallies, tally
from quizzes.models import Purpose, QuestionAnswer, QuizAttempt

from . import disclosure
from .models import CompetenceCell, CountedEnrolment, Snapshot, StatsCell
from .periods import period_start

# A learner masters a competence with at least this share of its questions right.
MASTERY_SHARE = (4, 5)  # 80 %, kept as a fraction so the test is exact
BATCH = 5000
CHANGED_BATCH = 2000
# Records written while the previous count was reading may carry a time just
# before it: look this far back as well (counting one twice changes nothing).
OVERLAP = timedelta(minutes=10)

COUNT_NAMES = [m.name for m in disclosure.COUNTS]
_ENROLMENT_FIELDS = (
    "id",
    "user_id",
    "erased_learner",
    "course_key",
    "country",
    "age_band",
    "language",
    "started_on",
    "is_completed",
    "is_active",
)


def cell_key_version() -> str:
    """What the counted cells depend on besides the records: when any of it
    changes, the next count must be a full one."""
    recipe = json.dumps(
        [disclosure._secret().hex(), disclosure.NOISE_WEIGHTS, disclosure.SCORE_STEP, settings.STATS_ACTIVE_DAYS, 3],
        sort_keys=True,
    )
    return hashlib.sha256(recipe.encode()).hexdigest()[:32]


@dataclass
class Contribution:
    """What one enrolment adds to the cells."""

    cell: tuple  # (period, course_key, country, age_band, language)
    record_key: int
    active: bool
    completed: bool
    quiz_taker: bool
    quiz_passer: bool
    score: float
    competences: dict = field(default_factory=dict)  # code -> 1 if mastered else 0
    gain_taker: bool = False  # took the before check and the quiz, and had room to gain
    before: float = 0.0  # percent right before, and after (quizzes.gain)
    after: float = 0.0
    gain: float = 0.0  # normalised gain in percent points, -100..100

    def sums(self) -> dict:
        """What it adds to each SumMeasure of disclosure.SUMS."""
        if not self.gain_taker:
            return {"score_sum": self.score if self.quiz_taker else 0.0}
        return {
            "score_sum": self.score if self.quiz_taker else 0.0,
            "before_sum": self.before,
            "after_sum": self.after,
            "gain_sum": self.gain,
            "gain_sq_sum": self.gain * self.gain,
        }

    @classmethod
    def from_ledger(cls, row: CountedEnrolment) -> Contribution:
        competences = {}
        for item in filter(None, row.competences.split(",")):
            code, _, mastered = item.rpartition("=")
            competences[code] = int(mastered)
        return cls(
            cell=(row.period, row.course_key, row.country, row.age_band, row.language),
            record_key=row.record_key,
            active=row.active,
            completed=row.completed,
            quiz_taker=row.quiz_taker,
            quiz_passer=row.quiz_passer,
            score=row.score,
            competences=competences,
            gain_taker=row.gain_taker,
            before=row.before,
            after=row.after,
            gain=row.gain,
        )

    def ledger_row(self, enrolment_id) -> tuple:
        """The CountedEnrolment row, as a tuple in its fields' order (for insert_rows)."""
        period, course_key, country, age_band, language = self.cell
        return (
            enrolment_id,
            period,
            course_key,
            country,
            age_band,
            language,
            self.record_key,
            self.active,
            self.completed,
            self.quiz_taker,
            self.quiz_passer,
            self.score,
            ",".join(f"{code}={mastered}" for code, mastered in sorted(self.competences.items())),
            self.gain_taker,
            self.before,
            self.after,
            self.gain,
        )


class Tally:
    """True counts and cell keys per cell, to which contributions are added
    (sign +1) or from which they are taken back (sign -1)."""

    def __init__(self):
        self.cells = {}
        self.competence_cells = {}
        self.touched = set()
        self.touched_competences = set()

    def cell(self, key):
        found = self.cells.get(key)
        if found is None:
            found = self.cells[key] = (
                {name: 0 for name in COUNT_NAMES}
                | dict.fromkeys(disclosure.SUM_NAMES, 0.0)
                | {f"key_{name}": 0 for name in COUNT_NAMES}
            )
        return found

    def competence_cell(self, key):
        found = self.competence_cells.get(key)
        if found is None:
            found = self.competence_cells[key] = {"learners": 0, "mastered": 0, "key_learners": 0, "key_mastered": 0}
        return found

    def add(self, contribution: Contribution, sign=1):
        cell = self.cell(contribution.cell)
        self.touched.add(contribution.cell)
        flags = {
            "enrolments": True,
            "active": contribution.active,
            "completed": contribution.completed,
            "quiz_takers": contribution.quiz_taker,
            "quiz_passers": contribution.quiz_passer,
            "gain_learners": contribution.gain_taker,
        }
        for name, counts in flags.items():
            if counts:
                cell[name] += sign
                cell[f"key_{name}"] = (cell[f"key_{name}"] + sign * contribution.record_key) % disclosure.KEY_RANGE
        for name, value in contribution.sums().items():
            cell[name] += sign * value
        for code, mastered in contribution.competences.items():
            key = (*contribution.cell, code)
            counts = self.competence_cell(key)
            self.touched_competences.add(key)
            counts["learners"] += sign
            counts["key_learners"] = (counts["key_learners"] + sign * contribution.record_key) % disclosure.KEY_RANGE
            if mastered:
                counts["mastered"] += sign
                counts["key_mastered"] = (
                    counts["key_mastered"] + sign * contribution.record_key
                ) % disclosure.KEY_RANGE


def refresh_statistics(now=None, full=None) -> Snapshot:
    """Counts the figures: incrementally when the last count can be built on,
    otherwise (or with `full=True`) everything. Readers see the old figures
    or the new, never half of each. Returns the new snapshot."""
    previous = Snapshot.objects.order_by("-refreshed_at", "-id").first()
    if full or full is None and (previous is None or previous.cell_key_version != cell_key_version()):
        return count_everything(now)
    return count_changes(previous, now)


# --- Full count --------------------------------------------------------------------


def count_everything(now=None) -> Snapshot:
    with _sort_memory():
        return _count_everything(now)


@contextmanager
def _sort_memory():
    """PostgreSQL sorts the answers of every learner to find the latest one:
    with its default 4 MB of work memory it sorts on disk. This session
    (only) may use more while counting."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SHOW work_mem")
        before = cursor.fetchone()[0]
        cursor.execute("SET work_mem = '128MB'")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('work_mem', %s, false)", [before])


def _count_everything(now=None) -> Snapshot:
    started = time.perf_counter()
    now = now or timezone.now()
    active_since = now - timedelta(days=settings.STATS_ACTIVE_DAYS)
    # Until this count finishes, no incremental count may build on the old ledger.
    Snapshot.objects.update(cell_key_version="")
    CountedEnrolment.objects.all().delete()
    tally = Tally()
    enrolments = 0
    pending = []
    for enrolment_id, contribution in contributions(Enrollment.objects.all(), active_since):
        enrolments += 1
        tally.add(contribution)
        pending.append(contribution.ledger_row(enrolment_id))
        if len(pending) >= BATCH:
            insert_rows(pending, CountedEnrolment)
            pending = []
    insert_rows(pending, CountedEnrolment)
    with transaction.atomic():
        StatsCell.objects.all().delete()
        CompetenceCell.objects.all().delete()
        insert_rows(_stats_cell(key, counts) for key, counts in tally.cells.items() if counts["enrolments"])
        insert_rows(
            _competence_cell(key, counts) for key, counts in tally.competence_cells.items() if counts["learners"]
        )
        return Snapshot.objects.create(
            refreshed_at=now,
            seconds=round(time.perf_counter() - started, 3),
            enrolments=enrolments,
            kind=Snapshot.FULL,
            changed=enrolments,
            cell_key_version=cell_key_version(),
        )


# --- Incremental count ---------------------------------------------------------------


def count_changes(previous: Snapshot, now=None) -> Snapshot:
    started = time.perf_counter()
    now = now or timezone.now()
    since = previous.refreshed_at - OVERLAP
    days = timedelta(days=settings.STATS_ACTIVE_DAYS)
    active_since = now - days

    changed = changed_enrolments(since)
    gone = vanished_enrolments()
    lapsed = (
        set(
            Enrollment.objects.filter(
                last_activity_at__gte=previous.refreshed_at - days - OVERLAP, last_activity_at__lt=active_since
            ).values_list("id", flat=True)
        )
        - changed
    )

    tally = Tally()
    ledger_writes, ledger_deletes = [], set(gone)
    for chunk in _chunks(sorted(changed | gone | lapsed), CHANGED_BATCH):
        old = {row.enrolment_id: row for row in CountedEnrolment.objects.filter(enrolment_id__in=chunk)}
        new = {}
        recount = [i for i in chunk if i in changed]
        if recount:
            new = dict(contributions(Enrollment.objects.filter(id__in=recount), active_since))
        for enrolment_id in chunk:
            before = old.get(enrolment_id)
            if enrolment_id in lapsed:
                if before is None or not before.active:
                    continue
                after = Contribution.from_ledger(before)
                after.active = False
            else:
                after = new.get(enrolment_id)
            if before is not None:
                tally.add(Contribution.from_ledger(before), sign=-1)
            if after is not None:
                tally.add(after)
                ledger_writes.append(after.ledger_row(enrolment_id))
            else:
                ledger_deletes.add(enrolment_id)

    with transaction.atomic():
        _apply(tally)
        for chunk in _chunks(sorted(ledger_deletes), BATCH):
            CountedEnrolment.objects.filter(enrolment_id__in=chunk).delete()
        for chunk in _chunks(ledger_writes, BATCH):
            CountedEnrolment.objects.filter(enrolment_id__in=[row[0] for row in chunk]).delete()
            insert_rows(chunk, CountedEnrolment)
        return Snapshot.objects.create(
            refreshed_at=now,
            seconds=round(time.perf_counter() - started, 3),
            enrolments=CountedEnrolment.objects.count(),
            kind=Snapshot.INCREMENTAL,
            changed=len(changed | gone | lapsed),
            cell_key_version=cell_key_version(),
        )


def vanished_enrolments() -> set[int]:
    """Ids of counted enrolments that no longer exist. Enrolments are rarely
    deleted, so two counts over the primary keys come first; only when they
    differ are the ids compared (NOT EXISTS, not NOT IN: PostgreSQL makes it
    one hashed anti-join)."""
    counted = CountedEnrolment.objects.aggregate(n=Count("enrolment_id"), last=Max("enrolment_id"))
    if not counted["n"] or Enrollment.objects.filter(id__lte=counted["last"]).count() == counted["n"]:
        return set()
    return set(
        CountedEnrolment.objects.filter(~Exists(Enrollment.objects.filter(id=OuterRef("enrolment_id")))).values_list(
            "enrolment_id", flat=True
        )
    )


def changed_enrolments(since) -> set[int]:
    """Ids of the enrolments that began, did something or completed since
    `since`, or whose learner submitted a quiz of that course since."""
    ids = set(
        Enrollment.objects.filter(
            Q(started_at__gte=since) | Q(last_activity_at__gte=since) | Q(completed_at__gte=since)
        ).values_list("id", flat=True)
    )
    by_course = defaultdict(lambda: (set(), set()))
    for user_id, erased, course_key in QuizAttempt.objects.filter(submitted_at__gte=since).values_list(
        "user_id", "erased_learner", "course_key"
    ):
        users, erased_ids = by_course[course_key]
        if user_id is not None:
            users.add(user_id)
        elif erased is not None:
            erased_ids.add(erased)
    for course_key, (users, erased_ids) in by_course.items():
        for chunk in _chunks(sorted(users), CHANGED_BATCH):
            ids.update(Enrollment.objects.filter(course_key=course_key, user_id__in=chunk).values_list("id", flat=True))
        for chunk in _chunks(sorted(erased_ids), CHANGED_BATCH):
            ids.update(
                Enrollment.objects.filter(course_key=course_key, erased_learner__in=chunk).values_list("id", flat=True)
            )
    return ids


def _apply(tally: Tally):
    """Takes the touched cells' stored counts, adds the tally's changes,
    alters them again and writes them back (a cell left empty goes)."""
    for model, touched, changes, builder, size_field in (
        (StatsCell, tally.touched, tally.cells, _stats_cell, "enrolments"),
        (CompetenceCell, tally.touched_competences, tally.competence_cells, _competence_cell, "learners"),
    ):
        if not touched:
            continue
        key_fields = ["period", "course_key", "country", "age_band", "language"] + (
            ["competence"] if model is CompetenceCell else []
        )
        count_fields = list(next(iter(changes.values())))
        periods = sorted({key[0] for key in touched})
        courses = sorted({key[1] for key in touched}, key=str)
        stored = {}
        for row in model.objects.filter(period__in=periods, course_key__in=courses).values_list(
            "pk", *key_fields, *count_fields
        ):
            stored[tuple(row[1 : 1 + len(key_fields)])] = (row[0], dict(zip(count_fields, row[1 + len(key_fields) :])))
        goners, fresh = [], []
        for key in touched:
            pk, before = stored.get(key, (None, {}))
            counts = {name: before.get(name, 0) + change for name, change in changes[key].items()}
            for name in counts:
                if name.startswith("key_"):
                    counts[name] %= disclosure.KEY_RANGE
            if pk is not None:
                goners.append(pk)
            if counts[size_field] > 0:
                fresh.append(builder(key, counts))
        for chunk in _chunks(goners, BATCH):
            model.objects.filter(pk__in=chunk).delete()
        insert_rows(fresh)


def _stats_cell(key, counts) -> StatsCell:
    period, course_key, country, age_band, language = key
    keys = {name: counts[f"key_{name}"] for name in COUNT_NAMES}
    published = disclosure.publish(counts, keys)
    return StatsCell(
        period=period,
        course_key=course_key,
        country=country,
        age_band=age_band,
        language=language,
        **{name: counts[name] for name in COUNT_NAMES},
        **{name: counts[name] for name in disclosure.SUM_NAMES},
        **{f"key_{name}": keys[name] for name in COUNT_NAMES},
        **{f"published_{name}": value for name, value in published.items()},
    )


def _competence_cell(key, counts) -> CompetenceCell:
    period, course_key, country, age_band, language, competence = key
    keys = {"learners": counts["key_learners"], "mastered": counts["key_mastered"]}
    published = disclosure.publish(counts, keys, measures=disclosure.COMPETENCE_COUNTS, sums=())
    return CompetenceCell(
        period=period,
        course_key=course_key,
        country=country,
        age_band=age_band,
        language=language,
        competence=competence,
        learners=counts["learners"],
        mastered=counts["mastered"],
        key_learners=keys["learners"],
        key_mastered=keys["mastered"],
        published_learners=published["learners"],
        published_mastered=published["mastered"],
    )


def insert_rows(rows, model=None):
    """Writes rows (model instances, or tuples of `model`'s field values in
    field order) with one executemany per batch: much faster than
    bulk_create for a million rows, whose SQL SQLite would limit to 999
    values a statement."""
    rows = iter(rows)
    first = next(rows, None)
    if first is None:
        return
    model = model or type(first)
    fields = [f for f in model._meta.concrete_fields if not (f.primary_key and isinstance(f, models.AutoField))]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"
    converters = [_converter(field) for field in fields]
    attnames = [field.attname for field in fields]

    def values(row):
        if isinstance(row, models.Model):
            row = [getattr(row, name) for name in attnames]
        return [convert(value) for convert, value in zip(converters, row)]

    batch = [first]
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            _execute_many(sql, [values(r) for r in batch])
            batch = []
    _execute_many(sql, [values(r) for r in batch])


def _converter(field):
    """A fast stand-in for field.get_db_prep_save, for the types these tables use."""
    if isinstance(field, models.UUIDField) and not connection.features.has_native_uuid_field:
        return lambda value: value.hex if value is not None else None
    if isinstance(field, models.DateField) and connection.vendor == "sqlite":
        return lambda value: value.isoformat() if value is not None else None
    if isinstance(field, (models.UUIDField, models.DateField, models.CharField, models.IntegerField)):
        return lambda value: value
    if isinstance(field, models.BooleanField):
        return bool
    if isinstance(field, models.FloatField):
        return float
    return lambda value: field.get_db_prep_save(value, connection)


def _execute_many(sql, rows):
    # One transaction per batch (inside the caller's, if any): SQLite would
    # otherwise commit, and wait for the disk, after every row. PostgreSQL
    # takes the rows with COPY, one stream instead of a statement per row.
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            table_and_columns = sql.removeprefix("INSERT INTO ").split(" VALUES ")[0]
            with cursor.cursor.copy(f"COPY {table_and_columns} FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            cursor.executemany(sql, rows)


def _chunks(items, size):
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


# --- Reading the records -----------------------------------------------------------


def _learner_order(prefix=""):
    """Course, then learner (erased learners first, by their random id; then
    accounts, by id): the same order on SQLite and PostgreSQL, and the order
    of `_sort_key`."""
    return [
        F(f"{prefix}course_key").asc(),
        F(f"{prefix}user_id").asc(nulls_first=True),
        F(f"{prefix}erased_learner").asc(nulls_first=True),
    ]


NO_ID = UUID(int=0)


def _sort_key(course_key, user_id, erased):
    return (course_key, 0, erased or NO_ID) if user_id is None else (course_key, 1, user_id)


def contributions(enrolments, active_since):
    """(enrolment id, Contribution) for each enrolment of the queryset, in
    learner order. Three ordered streams are merged (enrolments, each
    learner's best quiz results, each learner's latest answers), so memory
    holds one learner at a time."""
    # The day it began (in the site's time zone) and the two yes/no facts are
    # worked out by the database: a million rows then carry no timestamps to parse.
    enrolments = (
        enrolments.annotate(
            started_on=TruncDate("started_at"),
            is_completed=ExpressionWrapper(Q(completed_at__isnull=False), output_field=models.BooleanField()),
            is_active=ExpressionWrapper(Q(last_activity_at__gte=active_since), output_field=models.BooleanField()),
        )
        .order_by(*_learner_order())
        .values_list(*_ENROLMENT_FIELDS)
    )
    scope = _learners_of(enrolments)
    quizzes = _quiz_outcomes(scope)
    mastery = _competence_results(scope)
    periods = _PeriodCache()
    for (
        enrolment_id,
        user_id,
        erased,
        course_key,
        country,
        age_band,
        language,
        started_on,
        completed,
        active,
    ) in enrolments.iterator(chunk_size=BATCH):
        key = _sort_key(course_key, user_id, erased)
        outcome = quizzes.take(key)
        competences, learnt = mastery.take(key) or ({}, None)
        passed_all, average_best = outcome if outcome else (False, 0.0)
        gained = learnt is not None and learnt.course.gain is not None and outcome is not None
        yield (
            enrolment_id,
            Contribution(
                cell=(periods.of(started_on), course_key, country, age_band, language),
                record_key=disclosure.record_key(enrolment_id),
                active=bool(active),
                completed=bool(completed),
                quiz_taker=outcome is not None,
                quiz_passer=bool(outcome and passed_all),
                score=average_best,
                competences=competences,
                gain_taker=gained,
                before=learnt.course.before if gained else 0.0,
                after=learnt.course.after if gained else 0.0,
                gain=100 * learnt.course.gain if gained else 0.0,
            ),
        )


def _learners_of(enrolments):
    """A filter for the attempts of the learners of these enrolments: none
    for every enrolment (a full count), else their ids."""
    where = enrolments.query.where
    if not where:
        return None
    rows = list(enrolments.values_list("course_key", "user_id", "erased_learner"))
    courses = {row[0] for row in rows}
    users = [row[1] for row in rows if row[1] is not None]
    erased = [row[2] for row in rows if row[1] is None and row[2] is not None]
    return Q(course_key__in=courses) & (Q(user_id__in=users) | Q(erased_learner__in=erased))


class _Stream:
    """An ordered stream of (sort key, value), read forward as keys are asked for."""

    def __init__(self, rows):
        self._rows = iter(rows)
        self._next = next(self._rows, None)

    def take(self, key):
        while self._next is not None and self._next[0] < key:
            self._next = next(self._rows, None)
        if self._next is not None and self._next[0] == key:
            value = self._next[1]
            self._next = next(self._rows, None)
            return value
        return None


def _quiz_outcomes(learners):
    """Per learner and course who submitted a quiz, in learner order: (passed
    every quiz they took, the average of their best score in each)."""
    attempts = QuizAttempt.objects.filter(submitted_at__isnull=False, purpose=Purpose.QUIZ)
    if learners is not None:
        attempts = attempts.filter(learners)
    rows = (
        attempts.values("course_key", "user_id", "erased_learner", "quiz_key")
        .order_by(*_learner_order())
        .annotate(best=Max("score"), passes=Count("id", filter=Q(passed=True)))
        .values_list("course_key", "user_id", "erased_learner", "best", "passes")
    )

    def grouped():
        current, quizzes, passed, total = None, 0, 0, 0.0
        for course_key, user_id, erased, best, passes in rows.iterator(chunk_size=BATCH):
            key = _sort_key(course_key, user_id, erased)
            if key != current:
                if current is not None:
                    yield current, (passed == quizzes, total / quizzes)
                current, quizzes, passed, total = key, 0, 0, 0.0
            quizzes += 1
            passed += passes > 0
            total += best or 0
        if current is not None:
            yield current, (passed == quizzes, total / quizzes)

    return _Stream(grouped())


def _competence_results(learners):
    """Per learner and course, in learner order: ({competence code: mastered?},
    their learning gain or None).

    A learner's latest answer to each question counts (a question answered
    wrongly, then rightly on a later attempt, is known now); they master a
    competence when at least 80 % of the questions of it they answered are
    right. A window function picks each question's latest answer. The
    answers of a before check (quizzes.gain) count only for the gain: the
    same stream gives both."""
    answers = QuestionAnswer.objects.filter(attempt__submitted_at__isnull=False).exclude(competence="")
    if learners is not None:
        # A list of ids, not a subquery: SQLite then reads the answers through their index.
        attempt_ids = list(
            QuizAttempt.objects.filter(learners, submitted_at__isnull=False).values_list("id", flat=True)
        )
        answers = answers.filter(attempt_id__in=attempt_ids)
    latest = (
        answers.annotate(
            rank=Window(
                RowNumber(),
                partition_by=[
                    F("attempt__user_id"),
                    F("attempt__erased_learner"),
                    F("attempt__quiz_key"),
                    F("attempt__purpose"),
                    F("question_id"),
                ],
                order_by=F("attempt__number").desc(),
            )
        )
        .filter(rank=1)
        .order_by(*_learner_order("attempt__"))
        .values_list(
            "attempt__course_key",
            "attempt__user_id",
            "attempt__erased_learner",
            "attempt__purpose",
            "question_id",
            "competence",
            "correct",
        )
    )
    wanted, out_of = MASTERY_SHARE

    def result(answered, before, quiz_rows):
        if not before:
            return _mastered(answered, wanted, out_of), None
        learnt = gain_from_tallies(tally((c, ok) for _q, c, ok in before), tally(after_rows(before, quiz_rows)))
        return _mastered(answered, wanted, out_of), learnt

    def grouped():
        current, answered, before, quiz_rows = None, {}, [], []
        for course_key, user_id, erased, purpose, question_id, competence, correct in latest.iterator(chunk_size=BATCH):
            key = _sort_key(course_key, user_id, erased)
            if key != current:
                if current is not None and answered:
                    yield current, result(answered, before, quiz_rows)
                current, answered, before, quiz_rows = key, {}, [], []
            if purpose == Purpose.BEFORE:
                before.append((question_id, competence, correct))
                continue
            quiz_rows.append((question_id, competence, correct))  # one learner's at a time
            counts = answered.setdefault(competence, [0, 0])
            counts[0] += 1
            counts[1] += bool(correct)
        if current is not None and answered:
            yield current, result(answered, before, quiz_rows)

    return _Stream(grouped())


def _mastered(answered, wanted, out_of):
    return {code: int(right * out_of >= total * wanted) for code, (total, right) in answered.items()}


def competence_mastery(course_key) -> dict:
    """Per learner of the course: {competence code: mastered?} (for tests and
    the curious; the count itself streams)."""
    result = {}
    for (_course, _kind, learner), (mastered, _gain) in _competence_results(Q(course_key=course_key))._rows:
        result[learner] = mastered
    return result


class _PeriodCache:
    """The period of a day; a million enrolments fall on a few hundred days,
    so each day is worked out once."""

    def __init__(self):
        self._by_day = {}

    def of(self, day):
        period = self._by_day.get(day)
        if period is None:
            period = self._by_day[day] = period_start(day)
        return period
