"""Children below their country's age of digital consent: a guardian's
consent by email, limits until it is given, and erasure when withdrawn."""

import re

import pytest
from django.core import mail

from accounts.guardians import certificate_name, consent_age, needs_guardian_consent
from accounts.models import GuardianConsent, LearnerProfile, User
from courses.models import Enrollment

pytestmark = pytest.mark.django_db

SIGNUP = "/en/accounts/signup/"


def child_signup(client, **overrides):
    data = {
        "email": "adi@example.com",
        "password1": "Kuala-Lumpur-2026!",
        "password2": "Kuala-Lumpur-2026!",
        "display_name": "Adi",
        "country": "MY",
        "age_band": "u13",
        "preferred_language": "ms",
        "guardian_email": "ibu@example.com",
    }
    data.update(overrides)
    return client.post(SIGNUP, data)


def guardian_link():
    message = [m for m in mail.outbox if m.to == ["ibu@example.com"]][-1]  # the newest
    return message, re.search(r"https?://[^/\s]+(/\S+/accounts/guardian/\S+/)", message.body).group(1)


def signed_in_child(client):
    child_signup(client)
    child = User.objects.get(email="adi@example.com")
    client.force_login(child)
    return child


def test_age_of_consent_is_13_by_default_and_configurable_per_country(settings):
    assert consent_age("MY") == 13
    assert needs_guardian_consent("MY", "u13") and not needs_guardian_consent("MY", "13-17")
    settings.DIGITAL_CONSENT_AGES = {"ID": 18}
    assert consent_age("ID") == 18 and consent_age("TH") == 13
    # Without a birth date, an age group that straddles the age asks for consent.
    assert needs_guardian_consent("ID", "13-17") and not needs_guardian_consent("ID", "18-24")


def test_a_child_cannot_sign_up_without_a_guardian_email(client):
    response = child_signup(client, guardian_email="")
    assert response.status_code == 200
    assert "need a parent&#x27;s or guardian&#x27;s consent" in response.content.decode()
    assert not User.objects.exists()
    response = child_signup(client, guardian_email="adi@example.com")
    assert "not your own" in response.content.decode()
    assert not User.objects.exists()


def test_the_guardian_gets_a_consent_link_in_the_childs_language(client):
    child_signup(client)
    message, link = guardian_link()
    assert "Adi" in message.subject
    assert link.startswith("/ms/accounts/guardian/")
    consent = GuardianConsent.objects.get(child__email="adi@example.com")
    assert consent.given_at is None
    assert link.split("/")[-2] not in consent.token_hash  # only a hash of the token is stored
    page = client.get(link)
    assert page.status_code == 200 and "Adi" in page.content.decode()


def test_until_consent_the_child_learns_but_has_no_name_on_certificates_and_cannot_change_contacts(client, course):
    child = signed_in_child(client)
    course_page, lessons = course
    assert client.post(f"/en/learn/courses/{course_page.id}/lessons/{lessons[0].id}/complete/").status_code == 302
    assert Enrollment.objects.filter(user=child).exists()

    assert certificate_name(child) == ""
    response = client.get("/en/accounts/email/")
    assert response.status_code == 403
    assert "once your parent or guardian has given their consent" in response.content.decode()
    client.post("/en/accounts/email/", {"email": "new@example.com", "action_add": ""})
    assert not child.emailaddress_set.filter(email="new@example.com").exists()
    # Nor the country and age group that made consent necessary.
    client.post(
        "/en/accounts/profile/",
        {
            "display_name": "Adi R.",
            "country": "TH",
            "age_band": "25-59",
            "preferred_language": "ms",
        },
    )
    profile = LearnerProfile.objects.get(user=child)
    assert (profile.display_name, profile.country, profile.age_band) == ("Adi R.", "MY", "u13")
    assert "Waiting for your parent" in client.get("/en/accounts/profile/").content.decode()

    _message, link = guardian_link()
    guardian = client.__class__()
    guardian.post(link, {"action": "give"})
    assert certificate_name(child) == "Adi R."
    assert client.get("/en/accounts/email/").status_code == 200


def test_the_child_can_have_the_email_sent_again_a_few_times(client):
    signed_in_child(client)
    _message, first_link = guardian_link()
    statuses = [client.post("/en/accounts/profile/guardian-email/").status_code for _ in range(4)]
    assert statuses == [302, 302, 302, 429]
    _message, newest_link = guardian_link()
    assert client.get(newest_link).status_code == 200
    assert client.get(first_link).status_code == 404  # an old link stops working


def test_withdrawing_consent_erases_the_child_but_keeps_anonymous_counts(client, course):
    child = signed_in_child(client)
    course_page, lessons = course
    client.post(f"/en/learn/courses/{course_page.id}/lessons/{lessons[0].id}/complete/")
    _message, link = guardian_link()
    guardian = client.__class__()
    guardian.post(link, {"action": "give"})

    # Without ticking the box nothing is erased.
    guardian.post(link, {"action": "withdraw"})
    assert User.objects.filter(pk=child.pk).exists()

    english = link.replace("/ms/", "/en/", 1)  # the same page in English, to read the text here
    response = guardian.post(english, {"action": "withdraw", "confirm": "yes"})
    assert response.status_code == 200 and "have been erased" in response.content.decode()
    assert not User.objects.filter(email="adi@example.com").exists()
    assert not LearnerProfile.objects.filter(display_name__startswith="Adi").exists()
    assert not GuardianConsent.objects.exists()
    enrolment = Enrollment.objects.get()
    assert enrolment.user is None and (enrolment.country, enrolment.age_band) == ("MY", "u13")
    # The link is dead now, and says so.
    gone = guardian.get(english)
    assert gone.status_code == 404 and "not valid any more" in gone.content.decode()


def test_a_wrong_token_is_a_clear_404(client):
    response = client.get("/en/accounts/guardian/not-a-real-token/")
    assert response.status_code == 404
    assert "not valid any more" in response.content.decode()


def test_an_adult_needs_no_guardian(client):
    child_signup(client, email="dewi@example.com", age_band="25-59", guardian_email="")
    user = User.objects.get(email="dewi@example.com")
    assert not GuardianConsent.objects.exists()
    assert certificate_name(user) == "Adi"
