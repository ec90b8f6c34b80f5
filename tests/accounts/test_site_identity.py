"""Issue 21, item 9: emails and pages name the site as Celik, say how to
contact it, confirm an address once and say so the second time, and ask only
the youngest for a guardian's email."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.test import override_settings

from .test_signup import SIGNUP, confirmation_link, signup_data

pytestmark = pytest.mark.django_db

DEMO = Path(settings.BASE_DIR) / "cms" / "demo_content" / "courses"


def test_allauth_emails_name_the_site_not_the_host(client):
    client.post(SIGNUP, signup_data(), HTTP_HOST="127.0.0.1:8101")
    message = mail.outbox[-1]
    assert message.subject.startswith("[Celik] ")
    assert "Hello from Celik!" in message.body and "Thank you for using Celik!" in message.body
    assert "[127.0.0.1" not in message.subject and "using 127.0.0.1" not in message.body
    assert "http://127.0.0.1:8101/" in message.body  # the link still leads back where the learner was


@override_settings(SITE_DOMAIN="celik.example.org")
def test_the_domain_emails_name_can_be_set(client):
    client.post(SIGNUP, signup_data(), HTTP_HOST="127.0.0.1:8101")
    assert "celik.example.org" in mail.outbox[-1].body


@override_settings(CONTACT_EMAIL="help@celik.example.org")
def test_every_page_says_how_to_contact_us(client, home):
    for path in ("/en/", "/ms/accounts/signup/", "/en/accounts/password/reset/"):
        html = client.get(path, follow=True).content.decode()
        footer = html.split('<footer class="site-footer">')[1]
        assert '<a href="mailto:help@celik.example.org">help@celik.example.org</a>' in footer, path
    assert "Hubungi kami" in client.get("/ms/accounts/signup/").content.decode()


def test_the_home_page_title_names_the_site_once(client, home):
    html = client.get("/en/").content.decode()
    assert re.search(r"<title>\s*Celik\s*</title>", html), re.search(r"<title>.*</title>", html).group(0)
    assert "<title>Privacy notice · Celik</title>" in client.get("/en/privacy/").content.decode()


def test_a_confirmation_link_opened_again_says_the_address_is_confirmed(client):
    client.post(SIGNUP, signup_data())
    link = confirmation_link()
    response = client.post(link)
    assert response.status_code == 302
    client.logout()
    html = client.get(link).content.decode()
    assert "siti@example.com is already confirmed" in html and "expired or is invalid" not in html
    # A link that never was valid still says so.
    assert "expired or is invalid" in client.get("/en/accounts/confirm-email/not-a-key/").content.decode()


def test_the_guardian_field_is_shown_only_for_under_13s_and_the_server_still_asks(client):
    css = (Path(settings.BASE_DIR) / "cms/static/css/site.css").read_text()
    assert "form:has(#id_age_band) p:has(> #id_guardian_email) { display: none; }" in css
    assert 'option[value="u13"]:checked' in css
    response = client.post(SIGNUP, signup_data(age_band="u13", guardian_email=""))
    assert response.status_code == 200
    assert re.search(r'<input[^>]*name="guardian_email"[^>]*aria-invalid="true"', response.content.decode())


def test_multiple_choice_questions_do_not_repeat_the_hint(client):
    """The quiz screen says "Choose all that apply." under every
    multiple-choice question: the demo's questions no longer say it too."""
    for path in DEMO.glob("*/*"):
        if path.suffix in (".yaml", ".po", ".pot"):
            text = path.read_text()
            assert "Choose all that apply" not in text, path
            assert "(Pilih semua yang" not in text and "(Chọn tất cả" not in text, path
