"""Signing up with django-allauth: email + password, mandatory verification,
an age band instead of a birth date, and guest progress kept."""

import re

import pytest
from django.core import mail

from accounts.models import LearnerProfile, User
from courses.models import LessonProgress

pytestmark = pytest.mark.django_db

SIGNUP = "/en/accounts/signup/"


def signup_data(**overrides):
    data = {
        "email": "siti@example.com",
        "password1": "Kuala-Lumpur-2026!",
        "password2": "Kuala-Lumpur-2026!",
        "display_name": "Siti",
        "country": "MY",
        "age_band": "60+",
        "preferred_language": "ms",
    }
    data.update(overrides)
    return data


def confirmation_link():
    body = mail.outbox[-1].body
    return re.search(r"https?://[^/\s]+(/\S+/confirm-email/\S+/)", body).group(1)


def test_signup_form_asks_for_an_age_group_never_a_birth_date(client):
    html = client.get(SIGNUP).content.decode()
    assert 'name="age_band"' in html
    assert 'name="display_name"' in html
    field_names = re.findall(r'name="([^"]+)"', html)
    assert not [name for name in field_names if "birth" in name or "dob" in name or "date" in name]
    assert 'type="date"' not in html


def test_signup_creates_profile_and_requires_email_verification(client):
    response = client.post(SIGNUP, signup_data())
    assert response.status_code == 302
    user = User.objects.get(email="siti@example.com")
    profile = LearnerProfile.objects.get(user=user)
    assert (profile.display_name, profile.country, profile.age_band, profile.preferred_language) == (
        "Siti",
        "MY",
        "60+",
        "ms",
    )
    # Not signed in until the email is confirmed.
    assert "_auth_user_id" not in client.session
    assert len(mail.outbox) == 1
    assert client.get("/en/accounts/profile/").status_code == 302

    link = confirmation_link()
    assert client.get(link).status_code == 200
    client.post(link)
    assert client.session["_auth_user_id"] == str(user.pk)


def test_unverified_learner_cannot_sign_in(client):
    client.post(SIGNUP, signup_data())
    client.logout()
    response = client.post("/en/accounts/login/", {"login": "siti@example.com", "password": "Kuala-Lumpur-2026!"})
    assert "_auth_user_id" not in client.session
    assert response.status_code == 302 and "confirm-email" in response["Location"]


def test_signup_errors_are_shown_not_500(client):
    response = client.post(SIGNUP, signup_data(age_band="1990-01-01", country="ZZ", password2="different"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "errorlist" in html
    assert not User.objects.exists()


def test_guest_progress_moves_to_the_new_account(client, course):
    course_page, lessons = course
    client.post(f"/en/learn/courses/{course_page.id}/lessons/{lessons[0].id}/complete/")
    client.post(SIGNUP, signup_data())
    user = User.objects.get(email="siti@example.com")
    assert list(LessonProgress.objects.filter(user=user).values_list("lesson_key", flat=True)) == [
        lessons[0].translation_key
    ]


def test_guest_progress_moves_on_login_too(client, course, learner):
    course_page, lessons = course
    client.post(f"/en/learn/courses/{course_page.id}/lessons/{lessons[1].id}/complete/")
    response = client.post("/en/accounts/login/", {"login": learner.email, "password": "a-long-test-password"})
    assert response.status_code == 302
    assert LessonProgress.objects.filter(user=learner, lesson_key=lessons[1].translation_key).exists()
    html = client.get(course_page.url).content.decode()
    assert "1 of 3 steps done" in html


def test_profile_edits_own_profile_only(client, learner, other_learner):
    client.force_login(learner)
    response = client.post(
        "/en/accounts/profile/",
        {
            "display_name": "Aina K.",
            "country": "ID",
            "age_band": "18-24",
            "preferred_language": "vi",
        },
    )
    assert response.status_code == 302
    learner.profile.refresh_from_db()
    other_learner.profile.refresh_from_db()
    assert learner.profile.display_name == "Aina K."
    assert other_learner.profile.display_name == "Bình"


def test_profile_rejects_bad_input_with_400(client, learner):
    client.force_login(learner)
    response = client.post("/en/accounts/profile/", {"display_name": "", "country": "??", "age_band": "x"})
    assert response.status_code == 400
    assert "errorlist" in response.content.decode()
    learner.profile.refresh_from_db()
    assert learner.profile.display_name == "Aina"
