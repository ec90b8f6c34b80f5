"""Property-based fuzzing of every form and query parameter a learner can
send (Hypothesis): whatever arrives, the answer is a page, a redirect or a
clear refusal, never a 500, and nothing already recorded is lost.

Values are drawn as bytes a browser or a script could send, percent-encoded
in the body or address: any Unicode (right-to-left marks, zero-width and
control characters, NUL), invalid UTF-8, very long values, and values that
are almost right (a real option id with a character changed). Each test runs
a bounded number of examples (FUZZ_EXAMPLES, 60 by default) so `make test`
stays quick; raise it to search harder."""

import os
import urllib.parse

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.models import User
from quizzes import attempts
from quizzes.models import QuestionAnswer
from tests.quizzes.conftest import QUESTIONS, RIGHT_ANSWERS, make_quiz, quiz  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))
fuzz = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,  # the same cases on every run: a failure is always reproduced
)
ALLOWED = {200, 302, 400, 403, 404, 405, 410, 413, 429}

# What a field may hold: text of any kind, raw bytes (invalid UTF-8 too),
# or something almost valid.
ANY_TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=300)
RAW_BYTES = st.binary(max_size=200)
LONG = st.integers(min_value=300, max_value=20_000).map(lambda n: "a" * n)
NEAR = st.sampled_from(["", " ", "MY", "my", "ms", "25-59", "u13", "true", "s-b", "o-1", "\u202eMY", "MY\x00"])
VALUE = st.one_of(ANY_TEXT, RAW_BYTES, LONG, NEAR)


def encode(fields):
    """An application/x-www-form-urlencoded body from (name, value) pairs,
    values as text or raw bytes."""
    parts = []
    for name, value in fields:
        raw = value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass")
        parts.append(f"{urllib.parse.quote(name)}={urllib.parse.quote_from_bytes(raw)}")
    return "&".join(parts)


def post(client, path, fields):
    cache.clear()  # rate limits would otherwise answer most examples with 429
    response = client.post(path, encode(fields), content_type="application/x-www-form-urlencoded")
    assert response.status_code in ALLOWED, (response.status_code, fields)
    return response


SIGNUP_FIELDS = [
    "email",
    "password1",
    "password2",
    "display_name",
    "country",
    "age_band",
    "preferred_language",
    "guardian_email",
]


@fuzz
@given(values=st.fixed_dictionaries({name: VALUE for name in SIGNUP_FIELDS}))
def test_sign_up(client, home, values):
    before = User.objects.count()
    response = post(client, "/en/accounts/signup/", list(values.items()))
    if response.status_code != 302:
        assert User.objects.count() == before  # a refused form makes no account


@fuzz
@given(
    values=st.fixed_dictionaries(
        {name: VALUE for name in ("display_name", "country", "age_band", "preferred_language", "guardian_email")}
    )
)
def test_profile(client, learner, values):
    client.force_login(learner)
    post(client, "/en/accounts/profile/", list(values.items()))
    learner.profile.refresh_from_db()
    assert learner.profile.display_name  # never emptied by a refused form


@fuzz
@given(values=st.fixed_dictionaries({name: VALUE for name in ("text_size", "high_contrast", "reduce_motion", "next")}))
def test_display_options(client, home, values):
    response = post(client, "/en/display/", list(values.items()))
    if response.status_code == 302:
        assert response["Location"].isascii() and not response["Location"].startswith("//")


QUESTION_IDS = [question["id"] for question in QUESTIONS]
ANSWER_FIELDS = st.lists(
    st.tuples(
        st.one_of(st.sampled_from([f"answer-{qid}" for qid in QUESTION_IDS]), ANY_TEXT.map(lambda t: "answer-" + t)),
        st.one_of(VALUE, st.sampled_from([v for values in RIGHT_ANSWERS.values() for v in values])),
    ),
    max_size=30,
)


@fuzz
@given(fields=ANSWER_FIELDS, number=st.integers(min_value=-2, max_value=9))
def test_quiz_answers_one_per_screen(client, learner, quiz, fields, number):
    client.force_login(learner)
    attempt = attempts.start_attempt(learner, quiz, "en")
    kept = {row.question_id: row.answer for row in QuestionAnswer.objects.filter(attempt=attempt)}
    cache.clear()
    response = client.post(
        f"/en/learn/attempts/{attempt.pk}/questions/{max(number, 0)}/",
        encode(fields),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code in ALLOWED, (response.status_code, fields)
    now = {row.question_id: row.answer for row in QuestionAnswer.objects.filter(attempt=attempt)}
    assert set(kept) <= set(now)  # an answer given stays given


@fuzz
@given(fields=ANSWER_FIELDS)
def test_quiz_answers_all_on_one_page(client, learner, quiz, fields):
    client.force_login(learner)
    attempt = attempts.start_attempt(learner, quiz, "en")
    response = post(client, f"/en/learn/attempts/{attempt.pk}/all/", fields)
    attempt.refresh_from_db()
    if response.status_code == 400:
        assert not attempt.is_submitted  # a refused form submits nothing


@fuzz
@given(code=st.one_of(ANY_TEXT, LONG, NEAR), via_form=st.booleans())
def test_certificate_verification(client, home, code, via_form):
    cache.clear()
    if via_form:
        response = client.get("/en/verify/", {"code": code.encode("utf-8", "surrogatepass").decode("utf-8", "replace")})
    else:
        quoted = urllib.parse.quote(code.encode("utf-8", "surrogatepass"), safe="")
        response = client.get(f"/en/verify/{quoted}/")
    assert response.status_code in ALLOWED, (response.status_code, code)
