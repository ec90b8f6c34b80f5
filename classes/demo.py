"""Two demo classes for `make run`: a school class and a senior centre's
group, each with learners on sign-in cards and some progress, facilitated by
the demo admin (who also keeps their admin role). Safe to run again: a demo
class already there is left as it is."""

import random

from django.contrib.auth import get_user_model
from django.db import transaction

from accounts.models import AgeBand
from courses.models import CoursePage
from courses.progress import LESSON, DatabaseTracker, complete_lesson, course_steps
from quizzes import attempts, grading
from quizzes.models import QuizPage

from . import assisted, roles
from .models import Class

DEMO_CLASSES = [
    {
        "name": "Year 8 B, SMK Taman Demo",
        "join_code": "SCHOOL",
        "course": "check-before-you-share",
        "age_band": AgeBand.TEEN,
        "language": "ms",
        "learners": ["Aisyah", "Daniel", "Farah", "Hafiz", "Mei Ling", "Nurul", "Ravi", "Siti"],
    },
    {
        "name": "Tuesday group, Pusat Aktiviti Warga Emas",
        "join_code": "SENIOR",
        "course": "stay-safe-from-online-scams",
        "age_band": AgeBand.OLDER_ADULT,
        "language": "en",
        "learners": ["Mak Som", "Pak Ali", "Auntie Lim", "Uncle Raj", "Cik Rohani", "Encik Tan"],
    },
]


def seed_demo_classes(facilitator, seed=23) -> int:
    """Adds the demo classes that are missing; returns how many were added."""
    roles.grant(facilitator)
    rng = random.Random(seed)
    added = 0
    for spec in DEMO_CLASSES:
        if Class.objects.filter(join_code=spec["join_code"]).exists():
            continue
        course = CoursePage.objects.live().filter(slug=spec["course"], locale__language_code="en").first()
        if course is None:
            continue
        with transaction.atomic():
            klass = Class.objects.create(
                name=spec["name"],
                join_code=spec["join_code"],
                course_keys=[str(course.translation_key)],
                created_by=facilitator,
            )
            klass.facilitators.add(facilitator)
            learners = [assisted.NewLearner(name) for name in spec["learners"]]
            cards = assisted.add_learners(
                klass, learners, by=facilitator, country="MY", age_band=spec["age_band"], language=spec["language"]
            )
            _progress(cards, course, spec["language"], rng)
        added += 1
    return added


def _progress(cards, course, language, rng):
    """Most learners did a few lessons; some took the quiz, mostly right."""
    users = get_user_model().objects.in_bulk([card.learner_id for card in cards])
    steps = course_steps(course)
    lessons = [step.page for step in steps if step.kind == LESSON]
    quiz_steps = [step.page for step in steps if step.kind != LESSON]
    quiz = QuizPage.objects.filter(pk=quiz_steps[0].pk).first() if quiz_steps else None
    for number, card in enumerate(cards):
        user = users[card.learner_id]
        done = len(lessons) if number % 3 == 0 else rng.randint(0, len(lessons))
        for lesson in lessons[:done]:
            complete_lesson(DatabaseTracker(user), course, lesson, language)
        if quiz is not None and done == len(lessons):
            attempt = attempts.start_attempt(user, quiz, language, rng)
            for question in attempt.questions:
                right = rng.random() < 0.7
                values = grading.right_answer_values(question) if right else grading.some_answer_values(question, rng)
                attempts.record_answer(attempt, question["id"], values)
            attempts.submit_attempt(attempt)
