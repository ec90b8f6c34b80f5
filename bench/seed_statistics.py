#!/usr/bin/env python
"""Seeds learner records for the statistics benchmark: N enrolments (default
one million) with their learners, lesson progress and quiz attempts, in
minutes rather than hours, on SQLite or PostgreSQL (whatever DATABASE_URL
points at).

    DATABASE_URL=sqlite:////tmp/celik-bench.sqlite3 .venv/bin/python bench/seed_statistics.py --enrolments 20000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/celik_bench .venv/bin/python bench/seed_statistics.py --reset

The records point at the real demo courses (`manage.py load_demo`): their
translation keys, lessons, quizzes, question ids and competence codes, so
`stats.refresh` and the dashboard see what they would see in production.
Rows are built as tuples and written with `executemany` (SQLite) or
`COPY ... FROM STDIN` (PostgreSQL), one transaction per table; the ORM is not
used for the learner records at all.

Learners are named `bench-l<id>` and have an unusable password; `--reset`
deletes them and empties the learner-record tables (every enrolment, lesson
progress, quiz attempt and answer, whoever made it) and the counted cells.
Never point this at a database whose learner records you want to keep.
"""

from __future__ import annotations

import argparse
import functools
import itertools
import random
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta

import _bootstrap

_bootstrap.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.core.management.color import no_style  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import NOT_PROVIDED  # noqa: E402

from accounts.models import AgeBand, Country, LearnerProfile, TextSize, User  # noqa: E402
from courses.models import CoursePage, Enrollment, LessonPage, LessonProgress  # noqa: E402
from quizzes import forms_ab  # noqa: E402
from quizzes.models import QuestionAnswer, QuizAttempt, QuizPage  # noqa: E402
from quizzes.questions import question_type  # noqa: E402

BENCH_PREFIX = "bench-l"
DAY = 86400

# Share of learners per country: roughly the ASEAN internet population, plus
# a few from elsewhere. Languages per country follow the brief of the bench.
COUNTRY_WEIGHTS = {
    "ID": 30,
    "PH": 14,
    "VN": 14,
    "TH": 11,
    "MY": 7,
    "MM": 7,
    "KH": 4,
    "SG": 3,
    "LA": 2,
    "BN": 0.5,
    "TL": 0.5,
    "XX": 3,
}
LANGUAGES_OF = {
    "MY": {"ms": 65, "en": 35},
    "ID": {"id": 1},
    "VN": {"vi": 1},
    "TH": {"th": 1},
    "PH": {"fil": 55, "en": 45},
    "KH": {"km": 1},
    "LA": {"lo": 1},
    "MM": {"my": 1},
    "TL": {"tet": 60, "en": 40},
    "SG": {"en": 85, "ms": 15},
    "BN": {"ms": 60, "en": 40},
    "XX": {"en": 1},
}
AGE_WEIGHTS = {"u13": 4, "13-17": 18, "18-24": 26, "25-59": 37, "60+": 15}
COURSES_PER_LEARNER = {1: 20, 2: 30, 3: 30, 4: 20}  # capped at the number of courses
WEEKDAY_WEIGHTS = (1.15, 1.2, 1.1, 1.05, 0.95, 0.7, 0.85)  # Monday first: fewer starts at weekends
WILL_COMPLETE = 0.44  # chance an enrolment is completed, if there was time (≈ 40 % overall)
TAKES_QUIZ_WITHOUT_COMPLETING = 0.34  # so ≈ 60 % of enrolments have quiz attempts
TAKES_BEFORE_CHECK = 0.6  # of those, the share who took the before check first (issue 24)
PARTIAL_POINTS = (0.25, 0.5, 0.6667, 0.75)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--enrolments", type=int, default=1_000_000, help="how many enrolments (default 1,000,000)")
    parser.add_argument("--reset", action="store_true", help="empty the learner tables and remove bench learners first")
    parser.add_argument("--erased-share", type=float, default=0.02, help="share of learners who erased their account")
    parser.add_argument("--seed", type=int, default=20240601, help="random seed (same seed, same data)")
    parser.add_argument("--batch", type=int, default=50_000, help="rows per executemany call (SQLite)")
    parser.add_argument("--skip-demo", action="store_true", help="do not run migrate and load_demo first")
    args = parser.parse_args(argv)

    print(f"Database: {_bootstrap.database_label()}")
    started = time.perf_counter()
    timings = []

    if not args.skip_demo:
        step = time.perf_counter()
        call_command("migrate", verbosity=0, interactive=False)
        # The courses only: no demo admin, and none of the demo's synthetic
        # learners (nor the statistics count load_demo runs after adding them).
        call_command("load_demo", no_admin=True, no_learners=True, verbosity=0)
        timings.append(("migrate + load_demo", None, time.perf_counter() - step))

    catalogue = read_catalogue()
    describe_catalogue(catalogue)

    writer = Writer(connection, batch=args.batch)
    writer.prepare()
    try:
        if args.reset:
            step = time.perf_counter()
            writer.reset()
            timings.append(("reset", None, time.perf_counter() - step))

        step = time.perf_counter()
        plan = Plan(
            catalogue, args.enrolments, args.erased_share, random.Random(args.seed), first_user_id=next_id(User)
        )
        timings.append(("plan (random draws)", None, time.perf_counter() - step))

        for label, model, fields, rows in plan.tables(first_attempt_id=next_id(QuizAttempt), suffix=writer.tz_suffix):
            step = time.perf_counter()
            count = writer.insert(model, fields, rows)
            timings.append((label, count, time.perf_counter() - step))
            print(f"  {label:<28} {count:>12,} rows {timings[-1][2]:>9.1f} s", flush=True)

        step = time.perf_counter()
        writer.finish([User, QuizAttempt])
        timings.append(("sequences + ANALYZE", None, time.perf_counter() - step))
    finally:
        writer.restore()

    total = time.perf_counter() - started
    print()
    print(f"Seeded {args.enrolments:,} enrolments on {_bootstrap.database_label()}")
    print(f"{'step':<30} {'rows':>12} {'seconds':>9} {'rows/s':>10}")
    for label, count, seconds in timings:
        rate = f"{count / seconds:,.0f}" if count and seconds else ""
        rows = f"{count:,}" if count is not None else ""
        print(f"{label:<30} {rows:>12} {seconds:>9.1f} {rate:>10}")
    print(f"{'total':<30} {'':>12} {total:>9.1f}")
    plan.print_summary()


# --- What exists to enrol in -------------------------------------------------


class Course:
    def __init__(self, key, title, languages, lessons, quizzes):
        self.key = key  # UUID
        self.title = title
        self.languages = languages  # set of language codes the course is published in
        self.lessons = lessons  # [lesson translation_key, ...] in course order
        self.quizzes = quizzes  # [Quiz, ...]


class Quiz:
    def __init__(self, key, pass_mark, feedback_mode, pages, questions, before_forms=None):
        self.key = key
        self.pass_mark = pass_mark
        self.feedback_mode = feedback_mode
        self.pages = pages  # {language: page id}
        self.questions = questions  # [(question id, type, competence), ...]
        self.before_forms = before_forms  # {"A": [questions], "B": [...]} when the quiz has a before check


def read_catalogue() -> list[Course]:
    """The English courses and, for each, its live lessons and quizzes (with
    the ids, types and competences of their questions)."""
    courses = []
    for course in CoursePage.objects.live().filter(locale__language_code="en").order_by("path"):
        languages = set(
            CoursePage.objects.live()
            .filter(translation_key=course.translation_key)
            .values_list("locale__language_code", flat=True)
        )
        lessons = list(
            LessonPage.objects.child_of(course).live().order_by("path").values_list("translation_key", flat=True)
        )
        quizzes = []
        for quiz in QuizPage.objects.child_of(course).live().order_by("path"):
            pages = dict(
                QuizPage.objects.live()
                .filter(translation_key=quiz.translation_key)
                .values_list("locale__language_code", "id")
            )
            questions = [
                (item["id"], item["type"], (item.get("value") or {}).get("competence") or "")
                for item in quiz.questions.raw_data
            ]
            before_forms = None
            if forms_ab.has_parallel_forms(quiz.questions.raw_data):
                before_forms = {
                    form: [
                        (item["id"], item["type"], item["value"].get("competence") or "")
                        for item in forms_ab.before_bank(quiz.questions.raw_data, form)
                    ]
                    for form in forms_ab.FORMS
                }
            if questions:
                quizzes.append(Quiz(quiz.translation_key, quiz.pass_mark, "each", pages, questions, before_forms))
        if lessons:
            courses.append(Course(course.translation_key, course.title, languages, lessons, quizzes))
    if not courses:
        sys.exit("No live English course with lessons: run `manage.py load_demo` (or drop --skip-demo).")
    return courses


def describe_catalogue(catalogue):
    print(f"Courses ({len(catalogue)}):")
    for course in catalogue:
        quizzes = ", ".join(f"{len(q.questions)} questions, pass {q.pass_mark} %" for q in course.quizzes) or "no quiz"
        print(
            f"  {course.key}  {course.title[:44]:<44} {len(course.lessons)} lessons, quiz: {quizzes}; "
            f"languages {','.join(sorted(course.languages))}"
        )


def next_id(model) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT MAX({model._meta.pk.column}) FROM {model._meta.db_table}")
        return (cursor.fetchone()[0] or 0) + 1


# --- The random plan -------------------------------------------------------------


def weighted(rng, weights: dict, k: int):
    population = list(weights)
    cumulative = list(itertools.accumulate(weights.values()))
    return rng.choices(population, cum_weights=cumulative, k=k)


class Timestamps:
    """Unix seconds to the text each database stores: "YYYY-MM-DD HH:MM:SS"
    (UTC, as Django stores it in SQLite), with "+00" for PostgreSQL. Each day's
    date part is formatted once."""

    def __init__(self, suffix=""):
        self.suffix = suffix
        self._days = {}
        self._epoch = datetime(1970, 1, 1, tzinfo=UTC)

    def __call__(self, ts):
        if ts is None:
            return None
        day, seconds = divmod(int(ts), DAY)
        prefix = self._days.get(day)
        if prefix is None:
            prefix = self._days[day] = (self._epoch + timedelta(days=day)).strftime("%Y-%m-%d ")
        hours, seconds = divmod(seconds, 3600)
        minutes, seconds = divmod(seconds, 60)
        return f"{prefix}{hours:02d}:{minutes:02d}:{seconds:02d}{self.suffix}"


class Plan:
    """Who enrols in what, when, and how far they get: drawn once, compactly,
    then turned into each table's rows in turn."""

    def __init__(self, catalogue, enrolments, erased_share, rng, first_user_id):
        self.catalogue = catalogue
        self.rng = rng
        self.now = int(time.time())
        rnd, randrange, expovariate = rng.random, rng.randrange, rng.expovariate
        now = self.now

        # Start days over the last 365 days: weekly rhythm, growth over the year,
        # and a campaign month (a third more starts) three months ago.
        today = now // DAY
        days = list(range(today - 364, today + 1))
        day_weights = []
        for day in days:
            age = today - day
            weight = WEEKDAY_WEIGHTS[(day + 3) % 7]  # 1970-01-01 was a Thursday
            weight *= 0.6 + 0.8 * (1 - age / 365)
            if 75 <= age < 105:
                weight *= 1.35
            day_weights.append(weight)
        day_cumulative = list(itertools.accumulate(day_weights))

        n_courses = len(catalogue)
        course_counts = {}
        for k, w in COURSES_PER_LEARNER.items():
            course_counts[min(k, n_courses)] = course_counts.get(min(k, n_courses), 0) + w
        mean = sum(k * w for k, w in course_counts.items()) / sum(course_counts.values())
        guess = int(enrolments / mean) + 100
        countries = weighted(rng, COUNTRY_WEIGHTS, guess)
        ages = weighted(rng, AGE_WEIGHTS, guess)
        per_learner = weighted(rng, course_counts, guess)
        language_choices = {c: (list(w), list(itertools.accumulate(w.values()))) for c, w in LANGUAGES_OF.items()}
        known = {code for code, _ in settings.LANGUAGES}
        assert all(lang in known for w in LANGUAGES_OF.values() for lang in w), "a language not in settings.LANGUAGES"
        assert set(COUNTRY_WEIGHTS) <= set(Country.values) and set(AGE_WEIGHTS) <= set(AgeBand.values)

        # Learners: (user id or None, erased uuid hex or None, country, age band, language, joined)
        self.learners = []
        # Enrolments: (learner index, course index, language, started, completed or None, last activity)
        self.enrolments = []
        course_indexes = list(range(n_courses))
        user_id = first_user_id
        made = 0
        i = 0
        while made < enrolments:
            if i >= len(countries):  # the first guess fell short: draw more
                countries += weighted(rng, COUNTRY_WEIGHTS, 1000)
                ages += weighted(rng, AGE_WEIGHTS, 1000)
                per_learner += weighted(rng, course_counts, 1000)
            country = countries[i]
            names, cumulative = language_choices[country]
            language = names[0] if len(names) == 1 else rng.choices(names, cum_weights=cumulative)[0]
            k = min(per_learner[i], enrolments - made)
            starts = []
            for course_index in rng.sample(course_indexes, k):
                course = catalogue[course_index]
                day = rng.choices(days, cum_weights=day_cumulative)[0]
                start = min(day * DAY + randrange(DAY), now - 60)
                completed = None
                if rnd() < WILL_COMPLETE:
                    finish = start + 1800 + int(expovariate(1 / (9 * DAY)))
                    if finish < now:
                        completed = finish
                if completed is not None:
                    last = completed if rnd() < 0.6 else completed + int(rnd() * min(60 * DAY, now - completed))
                else:
                    last = start + min(now - start, 60 + int(expovariate(1 / (20 * DAY))))
                used = language if language in course.languages and rnd() < 0.9 else "en"
                self.enrolments.append((len(self.learners), course_index, used, start, completed, last))
                starts.append(start)
            joined = max(min(starts) - randrange(3 * DAY), (today - 366) * DAY)
            if rnd() < erased_share:
                self.learners.append(
                    (None, uuid.UUID(int=rng.getrandbits(128), version=4).hex, country, ages[i], language, joined)
                )
            else:
                self.learners.append((user_id, None, country, ages[i], language, joined))
                user_id += 1
            made += k
            i += 1

    def tables(self, first_attempt_id, suffix):
        """(label, model, field names, rows) for each table, in the order the
        foreign keys need. Rows are generated lazily, as they are written."""
        ts = Timestamps(suffix)
        yield "users", User, USER_FIELDS, self._users(ts)
        yield "learner profiles", LearnerProfile, PROFILE_FIELDS, self._profiles(ts)
        yield "enrolments", Enrollment, ENROLLMENT_FIELDS, self._enrollments(ts)
        yield "lesson progress", LessonProgress, PROGRESS_FIELDS, self._progress(ts)
        self._answers_to_write = []
        yield "quiz attempts", QuizAttempt, ATTEMPT_FIELDS, self._attempts(ts, first_attempt_id)
        yield "question answers", QuestionAnswer, ANSWER_FIELDS, self._answers(ts)

    def _users(self, ts):
        for user_id, _erased, _country, _age, _language, joined in self.learners:
            if user_id is not None:
                yield (user_id, "!", False, f"{BENCH_PREFIX}{user_id}", "", "", "", False, True, ts(joined))

    def _profiles(self, ts):
        # Display options: a quarter of those 60 and over chose large text.
        randrange = self.rng.randrange
        for user_id, _erased, country, age, language, joined in self.learners:
            if user_id is not None:
                text_size = (
                    TextSize.LARGE if age == AgeBand.OLDER_ADULT and randrange(4) == 0 else TextSize.NORMAL
                ).value
                yield (user_id, f"Learner {user_id}", country, age, language, ts(joined), text_size, False, False)

    def _enrollments(self, ts):
        learners, catalogue = self.learners, self.catalogue
        keys = [course.key.hex for course in catalogue]
        for learner, course, language, start, completed, last in self.enrolments:
            user_id, erased, country, age, _language, _joined = learners[learner]
            yield (user_id, erased, keys[course], language, country, age, ts(start), ts(last), ts(completed))

    def _progress(self, ts):
        learners, catalogue, rng = self.learners, self.catalogue, self.rng
        randrange, choices = rng.randrange, rng.choices
        keys = [course.key.hex for course in catalogue]
        lessons = [[key.hex for key in course.lessons] for course in catalogue]
        for learner, course, language, start, completed, last in self.enrolments:
            user_id = learners[learner][0]
            if user_id is None:  # LessonProgress.user is NOT NULL: erasure deletes these rows
                continue
            done = lessons[course]
            if completed is None:
                n = len(done)
                done = done[: choices(range(n), cum_weights=_falling(n))[0]]
            end = completed or last
            span = max(end - start, len(done))
            step = span // max(len(done), 1)
            for number, lesson in enumerate(done):
                at = start + step * number + randrange(max(step, 1))
                yield (user_id, keys[course], lesson, language, ts(min(at, end)))

    def _attempts(self, ts, first_id):
        learners, catalogue, rng = self.learners, self.catalogue, self.rng
        rnd, randrange = rng.random, rng.randrange
        attempt_id = first_id
        answers = self._answers_to_write
        self.quiz_enrolments = 0
        for learner, course_index, language, start, completed, last in self.enrolments:
            course = catalogue[course_index]
            if not course.quizzes or (completed is None and rnd() >= TAKES_QUIZ_WITHOUT_COMPLETING):
                continue
            user_id, erased = learners[learner][:2]
            self.quiz_enrolments += 1
            end = completed or last
            ability = 0.55 + 0.4 * rnd() if completed else 0.3 + 0.6 * rnd()
            for quiz in course.quizzes:
                tries = 1 if rnd() < 0.65 else 2
                page = quiz.pages.get(language) or quiz.pages.get("en")
                if quiz.before_forms and rnd() < TAKES_BEFORE_CHECK:
                    form = forms_ab.forms_for(user_id if user_id is not None else erased, course.key)[0]
                    asked = quiz.before_forms[form]
                    points = tuple(1.0 if rnd() < ability * 0.55 else 0.0 for _ in asked)
                    at = start + 60 + randrange(180)
                    yield (
                        attempt_id, user_id, erased, quiz.key.hex, course.key.hex, language, page, 1, "before",
                        "[]", quiz.pass_mark, "end", ts(at - 150), ts(at), sum(points),
                        int(sum(points) * 100 // len(points)), None,
                    )  # fmt: skip
                    answers.append((attempt_id, asked, points, at))
                    attempt_id += 1
                for number in range(1, tries + 1):
                    final = number == tries
                    if completed:
                        must = True if final else False  # the last attempt passed; an earlier one did not
                    else:
                        must = None
                    points = self._grade(quiz, ability + 0.1 * (number - 1), must)
                    score = int(sum(points) * 100 // len(points))
                    submitted = end if final else start + int((end - start) * rnd() * 0.8)
                    begun = max(start, submitted - 120 - randrange(900))
                    yield (
                        attempt_id,
                        user_id,
                        erased,
                        quiz.key.hex,
                        course.key.hex,
                        language,
                        page,
                        number,
                        "quiz",
                        "[]",
                        quiz.pass_mark,
                        quiz.feedback_mode,
                        ts(begun),
                        ts(submitted),
                        round(sum(points), 4),
                        score,
                        score >= quiz.pass_mark,
                    )
                    answers.append((attempt_id, quiz.questions, points, submitted))
                    attempt_id += 1

    def _grade(self, quiz, ability, must):
        """Points per question (1.0 right, a share for partly right), made to
        pass or fail when `must` says so."""
        rnd, choice = self.rng.random, self.rng.choice
        points = []
        for _id, kind, _competence in quiz.questions:
            if rnd() < ability:
                points.append(1.0)
            elif question_type(kind).partial_credit and rnd() < 0.5:
                points.append(choice(PARTIAL_POINTS))
            else:
                points.append(0.0)
        n = len(points)

        def passes():
            return int(sum(points) * 100 // n) >= quiz.pass_mark

        if must is True:
            for i in range(n):
                if passes():
                    break
                points[i] = 1.0
        elif must is False:
            for i in range(n):
                if not passes():
                    break
                points[i] = 0.0
        return tuple(points)

    def _answers(self, ts):
        for attempt_id, questions, points, submitted in self._answers_to_write:
            at = ts(submitted)
            for (question_id, kind, competence), point in zip(questions, points):
                yield (attempt_id, question_id, kind, competence, "{}", point == 1.0, point, at)
        self._answers_to_write = []

    def print_summary(self):
        enrolments = len(self.enrolments)
        if not enrolments:
            return
        completed = sum(1 for e in self.enrolments if e[4] is not None)
        erased_learners = sum(1 for learner in self.learners if learner[0] is None)
        erased_rows = sum(1 for e in self.enrolments if self.learners[e[0]][0] is None)
        active = sum(1 for e in self.enrolments if e[5] >= self.now - 30 * DAY)
        print(
            f"learners {len(self.learners):,} ({enrolments / len(self.learners):.2f} enrolments each), "
            f"erased {erased_learners:,} ({100 * erased_rows / enrolments:.1f} % of enrolments); "
            f"completed {100 * completed / enrolments:.1f} %; active in the last 30 days {100 * active / enrolments:.1f} %; "
            f"with quiz attempts {100 * getattr(self, 'quiz_enrolments', 0) / enrolments:.1f} %"
        )


@functools.cache
def _falling(n):
    """Cumulative weights for "how many of n lessons done, short of all": fewer is likelier."""
    return list(itertools.accumulate(n - i for i in range(n)))


USER_FIELDS = [
    "id",
    "password",
    "is_superuser",
    "username",
    "first_name",
    "last_name",
    "email",
    "is_staff",
    "is_active",
    "date_joined",
]
PROFILE_FIELDS = [
    "user",
    "display_name",
    "country",
    "age_band",
    "preferred_language",
    "created_at",
    "text_size",
    "high_contrast",
    "reduce_motion",
]
ENROLLMENT_FIELDS = [
    "user",
    "erased_learner",
    "course_key",
    "language",
    "country",
    "age_band",
    "started_at",
    "last_activity_at",
    "completed_at",
]
PROGRESS_FIELDS = ["user", "course_key", "lesson_key", "language", "completed_at"]
ATTEMPT_FIELDS = [
    "id",
    "user",
    "erased_learner",
    "quiz_key",
    "course_key",
    "language",
    "quiz_page",
    "number",
    "purpose",
    "questions",
    "pass_mark",
    "feedback_mode",
    "started_at",
    "submitted_at",
    "points",
    "score",
    "passed",
]
ANSWER_FIELDS = ["attempt", "question_id", "question_type", "competence", "answer", "correct", "points", "answered_at"]


# --- Writing ---------------------------------------------------------------------


def columns(model, field_names):
    """The real column names of `field_names`, after checking that every
    NOT NULL column left out is the auto-numbered primary key."""
    fields = [model._meta.get_field(name) for name in field_names]
    given = {field.column for field in fields}
    for field in model._meta.concrete_fields:
        if field.column not in given and not field.null and not field.primary_key and field.db_default is NOT_PROVIDED:
            raise SystemExit(
                f"{model.__name__}.{field.name} is NOT NULL and the seeder does not fill it: update bench/seed_statistics.py"
            )
    return [field.column for field in fields]


class Writer:
    """Bulk inserts in the way each database is fastest at: executemany in
    big batches on SQLite, COPY FROM STDIN on PostgreSQL. One transaction per
    table."""

    def __init__(self, connection, batch):
        self.connection = connection
        self.batch = batch
        self.vendor = connection.vendor
        if self.vendor not in ("sqlite", "postgresql"):
            raise SystemExit(f"Unsupported database: {self.vendor}")
        self.tz_suffix = "+00" if self.vendor == "postgresql" else ""
        self._journal_mode = None

    def prepare(self):
        self.connection.ensure_connection()
        if self.vendor == "sqlite":
            raw = self.connection.connection
            self._journal_mode = raw.execute("PRAGMA journal_mode").fetchone()[0]
            raw.execute("PRAGMA journal_mode=WAL")
            raw.execute("PRAGMA synchronous=OFF")
            raw.execute("PRAGMA cache_size=-2000000")  # 2 GB of page cache while the indexes grow
            raw.execute("PRAGMA temp_store=MEMORY")

    def restore(self):
        if self.vendor == "sqlite" and self._journal_mode:
            raw = self.connection.connection
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            raw.execute(f"PRAGMA journal_mode={self._journal_mode}")
            raw.execute("PRAGMA synchronous=FULL")

    def insert(self, model, field_names, rows) -> int:
        table = model._meta.db_table
        cols = columns(model, field_names)
        quote = self.connection.ops.quote_name
        column_list = ", ".join(quote(c) for c in cols)
        count = 0
        with transaction.atomic(using=self.connection.alias):
            if self.vendor == "sqlite":
                raw = self.connection.connection
                sql = f"INSERT INTO {quote(table)} ({column_list}) VALUES ({', '.join('?' * len(cols))})"
                rows = iter(rows)
                while batch := list(itertools.islice(rows, self.batch)):
                    raw.executemany(sql, batch)
                    count += len(batch)
            else:
                with self.connection.cursor() as cursor:
                    raw = cursor.cursor  # the psycopg 3 cursor under Django's wrapper
                    raw.execute("SET LOCAL synchronous_commit = off")
                    with raw.copy(f"COPY {quote(table)} ({column_list}) FROM STDIN") as copy:
                        write = copy.write_row
                        for row in rows:
                            write(row)
                            count += 1
        return count

    def finish(self, models_with_given_ids):
        """Sequences past the ids given explicitly (PostgreSQL), then fresh
        planner statistics for the tables just filled."""
        with self.connection.cursor() as cursor:
            for sql in self.connection.ops.sequence_reset_sql(no_style(), models_with_given_ids):
                cursor.execute(sql)
        tables = [
            m._meta.db_table for m in (User, LearnerProfile, Enrollment, LessonProgress, QuizAttempt, QuestionAnswer)
        ]
        if self.vendor == "postgresql":
            with self.connection.cursor() as cursor:
                cursor.execute(f"VACUUM ANALYZE {', '.join(tables)}")
        else:
            self.connection.connection.execute("ANALYZE")

    def reset(self):
        """Empties the learner records and the counted figures, and removes
        the bench learners (`bench-l…`) with their profiles."""
        from django.apps import apps

        record_models = [QuestionAnswer, QuizAttempt, LessonProgress, Enrollment]
        try:
            record_models.append(apps.get_model("courses", "Certificate"))
        except LookupError:
            pass
        for label in ("Recount", "StatsCell", "CompetenceCell", "CountedEnrolment", "Snapshot"):
            try:
                record_models.append(apps.get_model("stats", label))
            except LookupError:
                pass
        quote = self.connection.ops.quote_name
        user_table, profile_table = User._meta.db_table, LearnerProfile._meta.db_table
        bench_users = f"SELECT id FROM {quote(user_table)} WHERE username LIKE %s"
        pattern = [BENCH_PREFIX + "%"]
        with transaction.atomic(using=self.connection.alias), self.connection.cursor() as cursor:
            if self.vendor == "postgresql":
                tables = ", ".join(quote(m._meta.db_table) for m in record_models)
                cursor.execute(f"TRUNCATE {tables}")
            else:
                for model in record_models:
                    cursor.execute(f"DELETE FROM {quote(model._meta.db_table)}")
            cursor.execute(f"DELETE FROM {quote(profile_table)} WHERE user_id IN ({bench_users})", pattern)
            cursor.execute(f"DELETE FROM {quote(user_table)} WHERE username LIKE %s", pattern)
            print(f"  reset: removed {cursor.rowcount:,} bench learners and emptied {len(record_models)} tables")


if __name__ == "__main__":
    main()
