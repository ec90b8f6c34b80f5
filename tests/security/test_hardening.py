"""What an outside attack run found and these fix: a bad Host header, odd
`next` addresses, second factors stored in the clear, rich text not cleaned
on output, no Permissions-Policy header."""

import json
import urllib.parse
from pathlib import Path

import pytest
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.urls import reverse

from accounts.mfa import PREFIX, decrypt_secret
from tests.cms.test_production_settings import served_in_production
from tests.conftest import lesson_body, make_staff, publish, staff_sign_in

pytestmark = pytest.mark.django_db

MANAGE_DIR = Path(settings.BASE_DIR)


def production(script):
    """What `script`, run with the production settings, prints last (JSON)."""
    result = served_in_production(script, LOG_REQUESTS="false")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_a_host_not_served_here_is_a_400_never_a_500():
    statuses = production(
        "client = Client(raise_request_exception=False)\n"
        "print(json.dumps({p: [client.get(p, HTTP_HOST='evil.example').status_code,"
        " client.get(p, HTTP_HOST='celik.example.org').status_code]"
        " for p in ('/healthz', '/en/', '/en/learn/my-learning/', '/en/display/', '/api/stats/v1/report')}))"
    )
    assert {path: refused for path, (refused, _served) in statuses.items()} == dict.fromkeys(statuses, 400)
    assert statuses["/healthz"][1] == 200


ODD_NEXTS = [
    "/en/\x00",
    "/en/\u202eevil",
    "/en/\u200b\u200d",
    "/en/\ud800",
    "/en/?x=\x00",
    "/en/\r\nSet-Cookie: x=1",
    "//evil.example/",
    "/\\evil.example/",
    "https://evil.example/",
    "javascript:alert(1)",
    "/xx-ZZ/",
    "/en/" + "a" * 5000,
    "／/evil.example",
    "",
]


@pytest.mark.parametrize("value", ODD_NEXTS)
def test_display_options_go_back_only_to_a_clean_local_address(client, home, value):
    # As a browser or a script sends it: percent-encoded bytes, which for a
    # lone surrogate are not even valid UTF-8.
    body = "text_size=large&next=" + urllib.parse.quote(value.encode("utf-8", "surrogatepass"))
    response = client.post("/en/display/", body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 302
    location = response["Location"]
    assert location.isascii() and location.startswith("/") and not location.startswith(("//", "/\\"))
    assert not any(ord(character) < 32 for character in location)
    assert len(location) < 2100


def test_a_right_to_left_address_comes_back_percent_encoded(client, home):
    response = client.post("/en/display/", {"text_size": "large", "next": "/en/\u202ecourses/"})
    assert response["Location"] == "/en/%E2%80%AEcourses/"


def test_second_factors_are_stored_encrypted_and_still_work(client):
    staff = make_staff("guard@example.com")
    authenticator = Authenticator.objects.get(user=staff, type=Authenticator.Type.TOTP)
    stored = authenticator.data["secret"]
    assert stored.startswith(PREFIX) and len(decrypt_secret(stored)) == 32  # base32, 160 bits
    assert decrypt_secret(stored) not in json.dumps(authenticator.data)
    staff_sign_in(client, staff)  # the code from the app still signs in
    assert client.get("/admin/").status_code == 200


def test_rich_text_is_cleaned_on_the_way_out(client, course):
    course_page, lessons = course
    lesson = lessons[0]
    lesson.body = json.dumps(
        [
            {
                "type": "paragraph",
                "value": (
                    '<p onclick="steal()">Hello <script>alert(1)</script><b>bold</b> '
                    '<a href="javascript:alert(2)">x</a> <a href="https://example.org/">ok</a></p>'
                    '<iframe srcdoc="<script>alert(3)</script>"></iframe><base href="https://evil.example/">'
                ),
            }
        ]
    )
    publish(lesson)
    html = client.get(lesson.url).content.decode()
    body = html[html.index('<article class="lesson">') :]
    for dangerous in ("<script", "onclick", "javascript:", "srcdoc", "<iframe", "<base"):
        assert dangerous not in body, dangerous
    assert "<b>bold</b>" in body and 'href="https://example.org/" rel="noopener noreferrer"' in body
    lesson.body = lesson_body("lesson 1")  # the admin's preview renders the same template
    publish(lesson)


def test_every_page_sends_a_permissions_policy(client, home):
    policy = client.get("/en/")["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy
    assert 'fullscreen=(self "https://www.youtube-nocookie.com" "https://player.vimeo.com")' in policy
    assert client.get(reverse("healthz"))["Permissions-Policy"] == policy
