"""Synthetic learners for the demo, so a reviewer opening the statistics on a
fresh `make run` sees a working dashboard: a few hundred learners across the
ASEAN countries, with enrolments, lessons done and quiz answers on the real
demo courses. They cannot sign in (unusable passwords) and are all named
"demo-learner-…", so they are easy to tell apart and to delete."""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import AgeBand, LearnerProfile, User
from courses.models import CoursePage, Enrollment, LessonPage, LessonProgress
from quizzes import forms_ab
from quizzes.models import QuestionAnswer, QuizAttempt, QuizPage, SelfReportAnswer

PREFIX = "demo-learner-"
# (country, its languages, weight)
COUNTRIES = [
    ("MY", ["ms", "en"], 16),
    ("ID", ["id"], 20),
    ("VN", ["vi"], 14),
    ("TH", ["th"], 12),
    ("PH", ["fil", "en"], 14),
    ("KH", ["km"], 6),
    ("LA", ["lo"], 4),
    ("MM", ["my"], 6),
    ("SG", ["en", "ms"], 4),
    ("BN", ["ms"], 2),
    ("TL", ["tet"], 2),
]
AGE_WEIGHTS = [(AgeBand.TEEN, 22), (AgeBand.YOUNG_ADULT, 30), (AgeBand.ADULT, 33), (AgeBand.OLDER_ADULT, 15)]


def seed_demo_learners(count=900, weeks=16, seed=7) -> int:
    """Adds `count` demo learners unless there are some already. Returns how many were added."""
    if User.objects.filter(username__startswith=PREFIX).exists():
        return 0
    courses = _courses()
    if not courses:
        return 0
    rng = random.Random(seed)
    now = timezone.now()
    with transaction.atomic():
        users = User.objects.bulk_create(
            [User(username=f"{PREFIX}{i:05d}", password="!", email="") for i in range(count)], batch_size=500
        )
        profiles, enrolments, progress, attempts, answers, self_reports = [], [], [], [], [], []
        for user in users:
            country, languages, _ = rng.choices(COUNTRIES, weights=[c[2] for c in COUNTRIES])[0]
            age_band = rng.choices([a for a, _ in AGE_WEIGHTS], weights=[w for _, w in AGE_WEIGHTS])[0]
            language = rng.choice(languages)
            profiles.append(
                LearnerProfile(
                    user=user,
                    display_name=f"Demo learner {user.id}",
                    country=country,
                    age_band=age_band,
                    preferred_language=language,
                )
            )
            for course in rng.sample(courses, k=rng.randint(1, len(courses))):
                started = now - timedelta(days=rng.uniform(0, weeks * 7), hours=rng.uniform(0, 23))
                lessons = len(course["lessons"])
                done = lessons if rng.random() < 0.6 else rng.randint(0, lessons - 1)
                took_quiz = done == len(course["lessons"]) and course["quiz"] and rng.random() < 0.85
                skill = rng.random() * (0.6 if age_band == AgeBand.OLDER_ADULT else 1.0) + 0.35
                passed = False
                last = started + timedelta(days=rng.uniform(0, 10))
                quiz = course["quiz"]
                # Most learners take the before check (issue 24), knowing less than after the course.
                if quiz and quiz["before_check"] and rng.random() < 0.7:
                    before_form, _after = forms_ab.forms_for(user.pk, course["key"])
                    asked = [_question(q) for q in forms_ab.before_bank(quiz["bank"], before_form)]
                    right = [rng.random() < skill * 0.55 for _ in asked]
                    attempt = QuizAttempt(
                        user=user,
                        quiz_key=quiz["key"],
                        course_key=course["key"],
                        language=language,
                        number=1,
                        purpose="before",
                        questions=[],
                        pass_mark=quiz["pass_mark"],
                        feedback_mode="end",
                        submitted_at=started + timedelta(minutes=3),
                        points=sum(right),
                        score=round(100 * sum(right) / len(right)),
                        passed=None,
                    )
                    attempts.append(attempt)
                    answers.append((attempt, asked, right))
                    for item_id, competence in quiz["statements"]:
                        feeling = rng.randint(1, 3)
                        self_reports.append((user, course, item_id, competence, "before", feeling, language))
                        if took_quiz:
                            after = min(5, feeling + rng.choice([0, 1, 1, 2]))
                            self_reports.append((user, course, item_id, competence, "after", after, language))
                if took_quiz:
                    quiz = course["quiz"]
                    right = [rng.random() < skill for _ in quiz["questions"]]
                    score = round(100 * sum(right) / len(right))
                    passed = score >= quiz["pass_mark"]
                    attempt = QuizAttempt(
                        user=user,
                        quiz_key=quiz["key"],
                        course_key=course["key"],
                        language=language,
                        number=1,
                        questions=[],
                        pass_mark=quiz["pass_mark"],
                        feedback_mode="each",
                        submitted_at=last,
                        points=sum(right),
                        score=score,
                        passed=passed,
                    )
                    attempts.append(attempt)
                    answers.append((attempt, quiz["questions"], right))
                completed = (
                    last if (took_quiz and passed) or (not course["quiz"] and done == len(course["lessons"])) else None
                )
                enrolments.append(
                    Enrollment(
                        user=user,
                        course_key=course["key"],
                        language=language,
                        country=country,
                        age_band=age_band,
                        started_at=started,
                        last_activity_at=min(last, now),
                        completed_at=completed,
                    )
                )
                for lesson_key in course["lessons"][:done]:
                    progress.append(
                        LessonProgress(
                            user=user,
                            course_key=course["key"],
                            lesson_key=lesson_key,
                            language=language,
                            completed_at=min(last, now),
                        )
                    )
        LearnerProfile.objects.bulk_create(profiles, batch_size=500)
        Enrollment.objects.bulk_create(enrolments, batch_size=500)
        LessonProgress.objects.bulk_create(progress, batch_size=500)
        QuizAttempt.objects.bulk_create(attempts, batch_size=500)
        QuestionAnswer.objects.bulk_create(
            [
                QuestionAnswer(
                    attempt=attempt,
                    question_id=question_id,
                    question_type=kind,
                    competence=competence,
                    answer={},
                    correct=ok,
                    points=1 if ok else 0,
                )
                for attempt, questions, right in answers
                for (question_id, kind, competence), ok in zip(questions, right)
            ],
            batch_size=1000,
        )
        SelfReportAnswer.objects.bulk_create(
            [
                SelfReportAnswer(
                    user=user,
                    quiz_key=course["quiz"]["key"],
                    course_key=course["key"],
                    item_id=item_id,
                    competence=competence,
                    when=when,
                    value=value,
                    language=language,
                )
                for user, course, item_id, competence, when, value, language in self_reports
            ],
            batch_size=1000,
        )
    return count


def _question(block):
    return (block["id"], block["type"], block["value"].get("competence", ""))


def _courses():
    """The English demo courses: their keys, lesson keys and required quiz."""
    result = []
    for course in CoursePage.objects.live().filter(locale__language_code="en"):
        lessons = list(LessonPage.objects.live().child_of(course).values_list("translation_key", flat=True))
        quiz_page = QuizPage.objects.live().child_of(course).filter(required_for_completion=True).first()
        quiz = None
        if quiz_page is not None:
            quiz = {
                "key": quiz_page.translation_key,
                "pass_mark": quiz_page.pass_mark,
                "questions": [_question(block) for block in quiz_page.questions.raw_data],
                "bank": list(quiz_page.questions.raw_data),
                "before_check": forms_ab.has_parallel_forms(quiz_page.questions.raw_data),
                "statements": [
                    (block["id"], block["value"].get("competence", "")) for block in quiz_page.self_report.raw_data
                ],
            }
        if lessons:
            result.append({"key": course.translation_key, "lessons": lessons, "quiz": quiz})
    return result
