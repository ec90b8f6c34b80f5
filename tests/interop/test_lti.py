"""The LTI 1.3 tool against a real platform implementation (PyPI's
lti1p3platform, tests/interop/lti_platform.py): OIDC login, launch, deep
linking, scores back to the gradebook; and the launches it must refuse."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from lti_tool.models import LtiDeployment, LtiRegistration, LtiUser
from wagtail.models import ModelLogEntry

from accounts.personal_data import erase_account, export_personal_data
from courses.models import LessonProgress
from courses.progress import DatabaseTracker, complete_lesson
from interop.models import LtiAccount, LtiGradeTarget
from interop.wagtail_hooks import set_deployments
from quizzes import attempts
from tests.quizzes.conftest import RIGHT_ANSWERS, WRONG_ANSWERS

from .lti_platform import (
    CLIENT_ID,
    DEPLOYMENT_ID,
    ISSUER,
    LEARNER_ROLE,
    TEACHER_ROLE,
    LtiPlatform,
    new_rsa_key,
    parse_form,
    path_of,
    query_of,
)

pytestmark = pytest.mark.django_db
TOOL = "http://testserver"


@pytest.fixture
def platform():
    running = LtiPlatform()
    yield running
    running.stop()


def register(platform, deployment_ids=(DEPLOYMENT_ID,)):
    registration = LtiRegistration.objects.create(
        name="SMK Example Moodle",
        issuer=ISSUER,
        client_id=CLIENT_ID,
        auth_url=platform.auth_url,
        token_url=platform.token_url,
        keyset_url=platform.keyset_url,
    )
    set_deployments(registration, list(deployment_ids))
    return registration


@pytest.fixture
def registered(platform, client):
    registration = register(platform)
    tool_keys = client.get("/lti/jwks/").json()
    platform.connect_tool(f"{TOOL}/lti/login/", f"{TOOL}/lti/launch/", tool_keys)
    return registration


def launch_form(client, platform, user_id, roles=(LEARNER_ROLE,), **claims):
    """The browser's part: the platform's login redirect to the tool, the
    tool's redirect to the platform, the platform's launch form."""
    response = client.get(path_of(platform.login_url_for(user_id)))
    assert response.status_code == 302, response.content[:500]
    assert response["Location"].startswith(platform.auth_url)
    action, fields = platform.launch_form(query_of(response["Location"]), user_id, list(roles), **claims)
    assert action == f"{TOOL}/lti/launch/"
    return fields


def launch(client, platform, user_id, **claims):
    return client.post("/lti/launch/", launch_form(client, platform, user_id, **claims))


def test_the_tool_publishes_its_public_keys_at_a_stable_address(client, db):
    first = client.get("/lti/jwks/").json()
    assert [key["kty"] for key in first["keys"]] == ["RSA"]
    assert "d" not in first["keys"][0]  # public parts only
    assert client.get("/lti/jwks/").json() == first


def test_a_learner_launch_makes_an_account_and_lands_on_the_course(
    client, platform, registered, course, translate_course
):
    course_page, lessons = course
    course_ms, _lessons_ms = translate_course(course_page, lessons, "ms")
    custom = {"celik_course": str(course_page.translation_key)}
    response = launch(client, platform, "moodle-user-42", custom=custom, locale="ms-MY")
    assert response.status_code == 302
    assert response["Location"] == course_ms.url  # in the learner's language
    account = LtiAccount.objects.get(issuer=ISSUER, subject="moodle-user-42")
    user = account.user
    # No email, no name, no password: nothing but the link to the platform's user.
    assert (user.email, user.first_name, user.last_name, user.has_usable_password()) == ("", "", "", False)
    assert "aisyah" not in json.dumps(list(get_user_model().objects.values()), default=str).lower()
    assert not LtiUser.objects.exists()  # django-lti's copy of the platform's name and email is not made
    assert client.get(response["Location"]).context["user"] == user

    # The same person again, from another device whose platform gives no locale: the same
    # account, in the browser's language.
    other_device = Client()
    again = other_device.post("/lti/launch/", launch_form(other_device, platform, "moodle-user-42", custom=custom))
    assert again["Location"] == course_page.url  # no Accept-Language either: the site's language
    assert LtiAccount.objects.count() == 1 and other_device.get(again["Location"]).context["user"] == user
    malay_browser = Client(HTTP_ACCEPT_LANGUAGE="ms;q=0.9,en;q=0.5")
    again = malay_browser.post("/lti/launch/", launch_form(malay_browser, platform, "moodle-user-42", custom=custom))
    assert again["Location"] == course_ms.url


def test_a_launch_for_a_course_celik_does_not_have_is_a_clear_400(client, platform, registered, db):
    response = launch(client, platform, "u1", custom={"celik_course": "6f2f1b6e-9a4e-4c1e-8d3a-1c2b3d4e5f60"})
    assert response.status_code == 400
    assert "not on Celik" in response.content.decode()


def test_a_teacher_picks_a_course_by_deep_linking(client, platform, registered, make_course):
    course_page, _ = make_course("stay-safe-from-scams", title="Stay safe from online scams")
    other, _ = make_course("check-before-you-share", title="Check before you share")
    response = client.post(
        "/lti/launch/", launch_form(client, platform, "teacher-7", roles=(TEACHER_ROLE,), deep_link=True)
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Stay safe from online scams" in page and "Check before you share" in page
    assert platform.base in response["Content-Security-Policy"]  # the platform may frame the picker
    picker = parse_form(page)
    assert set(picker.radios) == {str(course_page.translation_key), str(other.translation_key)}

    chosen = client.post(picker.action, {**picker.fields, "course": str(course_page.translation_key)})
    assert chosen.status_code == 200
    back = parse_form(chosen.content.decode())
    assert back.action == f"{platform.base}/deep-link-return"
    items = platform.deep_link_items(back.fields["JWT"])  # checked by the platform: signature, type
    assert len(items) == 1
    item = items[0]
    assert item["type"] == "ltiResourceLink" and item["title"] == "Stay safe from online scams"
    assert item["url"] == f"{TOOL}/lti/launch/"
    assert item["custom"] == {"celik_course": str(course_page.translation_key)}
    assert item["lineItem"]["scoreMaximum"] == 100

    # A learner then opens the link the platform made: they land on that course.
    landed = launch(client, platform, "learner-9", custom=item["custom"])
    assert landed["Location"] == course_page.url


def test_only_a_teacher_may_pick(client, platform, registered, course):
    response = client.post("/lti/launch/", launch_form(client, platform, "learner-1", deep_link=True))
    assert response.status_code == 403


def test_a_forged_pick_is_refused(client, platform, registered, course):
    response = client.post("/lti/pick/", {"token": "made-up", "course": str(course[0].translation_key)})
    assert response.status_code == 403


def test_scores_go_back_to_the_gradebook(
    client, platform, registered, course, quiz, django_capture_on_commit_callbacks
):
    course_page, lessons = course
    custom = {"celik_course": str(course_page.translation_key)}
    launch(client, platform, "moodle-user-42", custom=custom, ags=True)
    target = LtiGradeTarget.objects.get()
    assert target.lineitem == f"{platform.base}/lineitems/1"
    user = LtiAccount.objects.get().user

    with django_capture_on_commit_callbacks(execute=True):
        attempt = attempts.start_attempt(user, quiz, "en")
        for question in attempt.questions:
            attempts.record_answer(attempt, question["id"], WRONG_ANSWERS[question["id"]])
        attempts.submit_attempt(attempt)
    with django_capture_on_commit_callbacks(execute=True):
        for lesson in lessons:
            complete_lesson(DatabaseTracker(user), course_page, lesson, "en")
        attempt = attempts.start_attempt(user, quiz, "en")
        for question in attempt.questions:
            attempts.record_answer(attempt, question["id"], RIGHT_ANSWERS[question["id"]])
        attempts.submit_attempt(attempt)

    scores = [(line_item, score) for line_item, score in platform.gradebook.scores]
    assert [line_item for line_item, _ in scores] == ["1", "1", "1"]
    failed, passed, completed = (score for _, score in scores)
    assert failed["userId"] == "moodle-user-42"
    assert failed["activityProgress"] == "Submitted" and failed["scoreGiven"] < 60
    assert (passed["scoreGiven"], passed["scoreMaximum"], passed["activityProgress"]) == (100, 100, "Submitted")
    assert (completed["scoreGiven"], completed["activityProgress"], completed["gradingProgress"]) == (
        100,
        "Completed",
        "FullyGraded",
    )


# --- Refused launches -----------------------------------------------------------------


def refused(response):
    return response.status_code == 403 and "could not be checked" in response.content.decode()


def test_a_replayed_launch_is_refused(client, platform, registered, course):
    fields = launch_form(client, platform, "u1", custom={"celik_course": str(course[0].translation_key)})
    assert client.post("/lti/launch/", fields).status_code == 302
    client.logout()
    assert refused(client.post("/lti/launch/", fields))


def test_a_bad_signature_is_refused(client, platform, registered, course):
    fields = launch_form(client, platform, "u1")
    _public, someone_elses = new_rsa_key()
    fields["id_token"] = platform.resign(fields["id_token"], key=someone_elses)
    assert refused(client.post("/lti/launch/", fields))
    assert not LtiAccount.objects.exists()


def test_a_token_for_another_audience_is_refused(client, platform, registered, course):
    fields = launch_form(client, platform, "u1")
    fields["id_token"] = platform.resign(fields["id_token"], aud="some-other-tool", azp="some-other-tool")
    assert refused(client.post("/lti/launch/", fields))
    assert not LtiAccount.objects.exists()


def test_an_expired_token_is_refused(client, platform, registered, course):
    fields = launch_form(client, platform, "u1")
    claims_time = {"iat": 1_700_000_000, "exp": 1_700_000_300}
    fields["id_token"] = platform.resign(fields["id_token"], **claims_time)
    assert refused(client.post("/lti/launch/", fields))
    assert not LtiAccount.objects.exists()


def test_an_unregistered_deployment_is_refused(client, platform, course):
    register(platform, deployment_ids=["99"])
    platform.connect_tool(f"{TOOL}/lti/login/", f"{TOOL}/lti/launch/", client.get("/lti/jwks/").json())
    response = launch(client, platform, "u1", custom={"celik_course": str(course[0].translation_key)})
    assert response.status_code == 403
    assert LtiDeployment.objects.get(deployment_id=DEPLOYMENT_ID).is_active is False
    assert not LtiAccount.objects.exists()


def test_a_login_without_its_parameters_is_a_clear_400(client, db):
    response = client.get("/lti/login/")
    assert response.status_code == 400
    assert "incomplete" in response.content.decode()


def test_an_administrator_registers_a_platform_in_the_admin(staff_client, platform):
    response = staff_client.post(
        "/admin/lti_platforms/new/",
        {
            "name": "SMK Example Moodle",
            "issuer": ISSUER,
            "client_id": CLIENT_ID,
            "auth_url": platform.auth_url,
            "token_url": platform.token_url,
            "keyset_url": platform.keyset_url,
            "is_active": "on",
            "deployment_ids": "1\n2\n",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    registration = LtiRegistration.objects.get(issuer=ISSUER)
    assert registration.client_id == CLIENT_ID
    assert sorted(LtiDeployment.objects.filter(is_active=True).values_list("deployment_id", flat=True)) == ["1", "2"]
    assert ModelLogEntry.objects.filter(action="wagtail.create", object_id=str(registration.pk)).exists()
    listing = staff_client.get("/admin/lti_platforms/")
    assert listing.status_code == 200 and "SMK Example Moodle" in listing.content.decode()

    # Deployment 2 withdrawn: launches from it are refused from now on.
    edit = f"/admin/lti_platforms/edit/{registration.pk}/"
    assert "1\n2" in staff_client.get(edit).content.decode().replace("\r", "").replace("&#10;", "\n")
    form = {
        "name": "SMK Example Moodle",
        "issuer": ISSUER,
        "client_id": CLIENT_ID,
        "auth_url": platform.auth_url,
        "token_url": platform.token_url,
        "keyset_url": platform.keyset_url,
        "is_active": "on",
        "deployment_ids": "1",
    }
    assert staff_client.post(edit, form).status_code == 302
    assert list(LtiDeployment.objects.filter(is_active=True).values_list("deployment_id", flat=True)) == ["1"]
    # No deployment at all is a clear message, not a 500.
    refused_form = staff_client.post(edit, {**form, "deployment_ids": " "})
    assert refused_form.status_code == 200 and "deployment_ids" in refused_form.context["form"].errors
    assert list(LtiDeployment.objects.filter(is_active=True).values_list("deployment_id", flat=True)) == ["1"]


def test_a_launched_learner_learns_and_can_take_their_data_away(client, platform, registered, course):
    course_page, lessons = course
    launch(client, platform, "moodle-user-42", custom={"celik_course": str(course_page.translation_key)})
    assert client.get(lessons[0].url).status_code == 200
    done = client.post(f"/en/learn/courses/{course_page.id}/lessons/{lessons[0].id}/complete/")
    assert done.status_code in (200, 302)
    assert LessonProgress.objects.filter(user=LtiAccount.objects.get().user).count() == 1
    assert client.get("/en/learn/my-learning/").status_code == 200

    user = LtiAccount.objects.get().user
    exported = export_personal_data(user)["interop"]["school_platform_accounts"]
    assert exported == [{"platform": ISSUER, "linked_at": LtiAccount.objects.get().created_at.isoformat()}]
    erase_account(user)
    assert not LtiAccount.objects.exists()
    # The same person launching again starts afresh: the link went with the account.
    client.logout()
    launch(client, platform, "moodle-user-42", custom={"celik_course": str(course_page.translation_key)})
    assert LtiAccount.objects.get().user.pk != user.pk
