"""xAPI statements about a learner's progress, written to the outbox.

Each writer runs inside the transaction that writes the learner's record (it
is called from receivers of the courses and quizzes signals, which are sent
inside those transactions), so a statement stands or falls with the fact it
reports. interop.tasks sends the outbox to the Learning Record Store.

The actor is pseudonymous: an account on this site whose name is an HMAC of
the learner's id (XAPI_ACTOR_SECRET), never an email or a name. The same
learner is always the same actor; nobody without the secret can tell who it is.

Verbs are ADL's (and cmi5's, which uses the same ids for completed, passed
and failed); activity ids are addresses on this site, the same in every
language, so an LRS counts a course once whatever language it was taken in.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from quizzes.questions import registered_type

from .models import XapiStatement
from .tasks import queue_sending

VERBS = {
    "completed": "http://adlnet.gov/expapi/verbs/completed",
    "answered": "http://adlnet.gov/expapi/verbs/answered",
    "passed": "http://adlnet.gov/expapi/verbs/passed",
    "failed": "http://adlnet.gov/expapi/verbs/failed",
}
ACTIVITY_TYPES = {
    "course": "http://adlnet.gov/expapi/activities/course",
    "lesson": "http://adlnet.gov/expapi/activities/lesson",
    "quiz": "http://adlnet.gov/expapi/activities/assessment",
    "question": "http://adlnet.gov/expapi/activities/cmi.interaction",
}


def enabled() -> bool:
    """Statements are written only when an LRS is configured (XAPI_ENDPOINT)."""
    return bool(settings.XAPI_ENDPOINT)


def site_url() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def _actor_secret() -> bytes:
    secret = settings.XAPI_ACTOR_SECRET or "xapi-actor:" + settings.SECRET_KEY
    return secret.encode()


def actor_name(user_pk) -> str:
    """The learner's opaque, stable name in every statement."""
    return hmac.new(_actor_secret(), f"learner:{user_pk}".encode(), hashlib.sha256).hexdigest()[:32]


def actor(user) -> dict:
    return {"objectType": "Agent", "account": {"homePage": site_url(), "name": actor_name(user.pk)}}


def activity_id(kind: str, key, *more) -> str:
    return "/".join([site_url(), "xapi", "activities", kind, str(key), *map(str, more)])


def _title(key, language) -> str | None:
    """The page's title in the language used, else in any language."""
    rows = list(Page.objects.filter(translation_key=key).values_list("locale__language_code", "title"))
    by_language = dict(rows)
    return by_language.get(language) or (rows[0][1] if rows else None)


def _activity(kind, key, language, *more, name=None, extra=None) -> dict:
    definition = {"type": ACTIVITY_TYPES[kind]}
    name = name if name is not None else _title(key, language)
    if name:
        definition["name"] = {language: name}
    definition.update(extra or {})
    return {"objectType": "Activity", "id": activity_id(kind, key, *more), "definition": definition}


def _statement(user, verb, obj, when, language, parents=(), result=None) -> dict:
    statement = {
        "actor": actor(user),
        "verb": {"id": VERBS[verb], "display": {"en-US": verb}},
        "object": obj,
        "timestamp": when.isoformat(),
        "context": {"language": language, "platform": "Celik"},
    }
    if parents:
        statement["context"]["contextActivities"] = {"parent": [{"id": p, "objectType": "Activity"} for p in parents]}
    if result is not None:
        statement["result"] = result
    return statement


def _write(user, statements: dict) -> int:
    """Adds statements to the outbox, once per fact. Returns how many are new."""
    rows = [XapiStatement(user=user, fact=fact, statement=statement) for fact, statement in statements.items()]
    before = XapiStatement.objects.filter(fact__in=[row.fact for row in rows]).count()
    XapiStatement.objects.bulk_create(rows, ignore_conflicts=True)
    transaction.on_commit(queue_sending)
    return len(rows) - before


def lesson_completed(user, course_key, lesson_key, language, when) -> int:
    statement = _statement(
        user,
        "completed",
        _activity("lesson", lesson_key, language),
        when,
        language,
        parents=[activity_id("course", course_key)],
        result={"completion": True},
    )
    return _write(user, {f"lesson:{user.pk}:{lesson_key}": statement})


def course_completed(user, course_key, language, when) -> int:
    statement = _statement(
        user, "completed", _activity("course", course_key, language), when, language, result={"completion": True}
    )
    return _write(user, {f"course:{user.pk}:{course_key}": statement})


def quiz_submitted(attempt) -> int:
    """passed or failed, with the score (scaled 0-1, as cmi5 and LTI expect)."""
    maximum = len(attempt.questions)
    statement = _statement(
        attempt.user,
        "passed" if attempt.passed else "failed",
        _activity("quiz", attempt.quiz_key, attempt.language),
        attempt.submitted_at or timezone.now(),
        attempt.language,
        parents=[activity_id("course", attempt.course_key)],
        result={
            "score": {"scaled": round((attempt.score or 0) / 100, 4), "raw": attempt.points, "min": 0, "max": maximum},
            "success": bool(attempt.passed),
            "completion": True,
            "extensions": {site_url() + "/xapi/extensions/attempt": attempt.number},
        },
    )
    return _write(attempt.user, {f"attempt:{attempt.pk}": statement})


def _question_text(question) -> str:
    value = question.get("value", {})
    return value.get("question") or value.get("statement") or value.get("prompt") or question.get("id", "")


def _interaction(type_key) -> str:
    """The xAPI interaction type of a question type (its own words for it)."""
    kind = registered_type(type_key)
    return kind.interaction if kind is not None else "other"


def _response(answer) -> str:
    """The learner's answer in xAPI's response notation ([,] between items)."""
    if isinstance(answer, list):
        return "[,]".join(str(item) for item in answer)
    if isinstance(answer, bool):
        return "true" if answer else "false"
    return str(answer)


def questions_answered(attempt, question_ids) -> int:
    """One `answered` per answer as stored (a second tab's answer that the
    attempt refused makes no statement); the same answer sent again makes none."""
    stored = attempt.answers.filter(question_id__in=question_ids)
    statements = {}
    for row in stored:
        question = attempt.question(row.question_id) or {"id": row.question_id, "value": {}}
        response = _response(row.answer)
        digest = hashlib.sha256(response.encode()).hexdigest()[:16]
        obj = _activity(
            "question",
            attempt.quiz_key,
            attempt.language,
            row.question_id,
            name=_question_text(question),
            extra={"interactionType": _interaction(row.question_type)},
        )
        statements[f"answer:{attempt.pk}:{row.question_id}:{digest}"] = _statement(
            attempt.user,
            "answered",
            obj,
            row.answered_at or timezone.now(),
            attempt.language,
            parents=[activity_id("quiz", attempt.quiz_key)],
            result={
                "success": bool(row.correct),
                "score": {"raw": row.points, "min": 0, "max": 1},
                "response": response,
            },
        )
    if not statements:
        return 0
    return _write(attempt.user, statements)


def forget_learner(user) -> int:
    """Erasure: the learner's statements not yet sent are deleted (and those
    sent, which the outbox no longer needs). Nothing more goes out for them."""
    deleted, _ = XapiStatement.objects.filter(user=user).delete()
    return deleted
