"""A signed-in learner's account and done steps come from the shared cache
(accounts/learner_cache.py): never an outdated copy, whatever the timing."""

import pytest

from accounts.learner_cache import LearnerCache
from accounts.models import LearnerProfile
from tests.conftest import publish

pytestmark = pytest.mark.django_db


def test_a_value_computed_before_a_write_and_kept_after_it_is_never_used():
    kept = LearnerCache("test")

    def compute_while_a_write_lands():
        value = "before the write"  # read from the database...
        kept.forget(7)  # ...then another request changes it and says so...
        return value  # ...and this one keeps what it read

    assert kept.get(7, compute_while_a_write_lands) == "before the write"
    assert kept.get(7, lambda: "after the write") == "after the write"
    assert kept.get(7, lambda: "not asked again") == "after the write"


def test_learners_values_are_kept_apart():
    kept = LearnerCache("test")
    assert kept.get(1, lambda: "one") == "one"
    assert kept.get(2, lambda: "two") == "two"
    kept.forget(2)
    assert kept.get(1, lambda: "recomputed") == "one"


def test_an_account_change_shows_on_the_next_page(client, learner, course):
    _, lessons = course
    client.force_login(learner)
    assert client.get("/en/accounts/profile/").status_code == 200
    profile = LearnerProfile.objects.get(user=learner)
    profile.text_size = "large"
    profile.save()
    assert 'class="text-large"' in client.get(lessons[0].url).content.decode()


@pytest.mark.parametrize("change", ["new password", "deactivated"])
def test_a_new_password_or_a_deactivation_signs_the_learner_out_at_once(client, learner, change):
    client.force_login(learner)
    assert client.get("/en/accounts/profile/").status_code == 200
    if change == "new password":
        learner.set_password("another-long-password")
    else:
        learner.is_active = False
    learner.save()
    response = client.get("/en/accounts/profile/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_finished_lesson_and_a_publish_show_on_the_next_lesson_page(client, learner, course):
    _, lessons = course
    client.force_login(learner)
    for _ in range(2):
        assert "0 of 3 steps done" in client.get(lessons[1].url).content.decode()
    client.post(f"/en/learn/courses/{lessons[0].get_parent().id}/lessons/{lessons[0].id}/complete/")
    assert "1 of 3 steps done" in client.get(lessons[1].url).content.decode()
    lessons[1].title = "Lesson 2, again"
    publish(lessons[1])
    assert "Lesson 2, again" in client.get(lessons[1].url).content.decode()
