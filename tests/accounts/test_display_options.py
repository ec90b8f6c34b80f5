"""Display options without a browser: the form, where the choice is kept,
and what a bad request gets."""

import re

import pytest
from django.test import Client

from accounts.display import COOKIE_NAME, DisplayOptions
from accounts.models import LearnerProfile

pytestmark = pytest.mark.django_db


def html_tag(response):
    content = response.content.decode()
    return content[content.index("<html") : content.index(">", content.index("<html")) + 1]


def test_every_page_links_to_the_options_and_comes_back_after_saving(client, home):
    page = client.get("/en/")
    assert 'href="/en/display/?next=/en/"' in page.content.decode()
    assert "class=" not in html_tag(page)  # the defaults need no class

    form = client.get("/en/display/?next=/en/")
    assert form.status_code == 200
    assert re.search(r'<input[^>]*value="normal"[^>]*checked', form.content.decode())

    saved = client.post("/en/display/", {"text_size": "large", "high_contrast": "on", "next": "/en/"})
    assert saved.status_code == 302 and saved["Location"] == "/en/"
    assert saved.cookies[COOKIE_NAME].value == "large.1.0"
    assert saved.cookies[COOKIE_NAME]["max-age"] == 365 * 24 * 60 * 60
    assert 'class="text-large high-contrast"' in html_tag(client.get("/en/"))
    assert re.search(r'<input[^>]*value="large"[^>]*checked', client.get("/en/display/").content.decode())


def test_saving_never_sends_the_visitor_to_another_site(client, home):
    response = client.post("/en/display/", {"text_size": "large", "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == "/en/display/"


def test_a_bad_choice_gets_a_400_with_a_message_and_keeps_the_old_choice(client, home):
    client.cookies[COOKIE_NAME] = "x-large.0.1"
    response = client.post("/en/display/", {"text_size": "enormous", "next": "/en/"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert COOKIE_NAME not in response.cookies
    assert 'class="text-x-large reduce-motion"' in html_tag(client.get("/en/"))


@pytest.mark.parametrize("cookie", ["", "huge.1.1", "large.2.0", "large.1", "<script>", "large.1.0.extra"])
def test_a_strange_cookie_gives_the_defaults_never_an_error(client, home, cookie):
    client.cookies[COOKIE_NAME] = cookie
    response = client.get("/en/")
    assert response.status_code == 200 and "class=" not in html_tag(response)


def test_a_learner_keeps_the_choice_in_their_profile_on_every_device(client, home, learner):
    client.force_login(learner)
    client.post("/en/display/", {"text_size": "x-large", "reduce_motion": "on"})
    profile = LearnerProfile.objects.get(user=learner)
    assert DisplayOptions.of_profile(profile) == DisplayOptions("x-large", False, True)

    another_device = Client()
    another_device.force_login(learner)
    assert 'class="text-x-large reduce-motion"' in html_tag(another_device.get("/en/"))
    # The profile wins over what that device chose as a guest.
    another_device.cookies[COOKIE_NAME] = "normal.1.0"
    assert 'class="text-x-large reduce-motion"' in html_tag(another_device.get("/en/"))


def test_a_guest_choice_is_carried_into_the_new_profile_on_sign_up(client, home):
    client.cookies[COOKIE_NAME] = "large.1.1"
    response = client.post(
        "/en/accounts/signup/",
        {
            "email": "ngozi@example.com",
            "password1": "a-long-test-password",
            "password2": "a-long-test-password",
            "display_name": "Ngozi",
            "country": "SG",
            "age_band": "60+",
            "preferred_language": "en",
        },
    )
    assert response.status_code == 302
    profile = LearnerProfile.objects.get(user__email="ngozi@example.com")
    assert (profile.text_size, profile.high_contrast, profile.reduce_motion) == ("large", True, True)


def test_the_options_are_part_of_the_personal_data_export(client, home, learner):
    client.force_login(learner)
    client.post("/en/display/", {"text_size": "large"})
    export = client.post("/en/accounts/profile/my-data.json").json()
    assert export["profile"]["display_options"] == {
        "text_size": "large",
        "high_contrast": False,
        "reduce_motion": False,
    }


def test_the_privacy_notice_names_the_display_cookie(client, home):
    assert "one more cookie remembers that choice" in client.get("/en/privacy/").content.decode()
