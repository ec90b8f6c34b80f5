"""The facilitator role, classes, joining and leaving, and who sees what."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import ModelLogEntry

from classes import groups, roles
from classes.models import Class, Facilitator, Membership
from tests.conftest import make_learner, make_staff, staff_sign_in

pytestmark = pytest.mark.django_db


def test_management_command_gives_and_takes_the_role_with_an_audit_record(learner):
    out = io.StringIO()
    call_command("grant_facilitator", learner.email, stdout=out)
    assert "now a facilitator" in out.getvalue()
    assert Facilitator.objects.filter(user=learner).exists()
    call_command("grant_facilitator", learner.email, "--revoke", stdout=out)
    assert not Facilitator.objects.filter(user=learner).exists()
    actions = list(ModelLogEntry.objects.order_by("timestamp").values_list("action", flat=True))
    assert actions == [roles.GRANTED, roles.REVOKED]


def test_admin_screen_gives_the_role(client, learner):
    admin = make_staff()
    staff_sign_in(client, admin)
    response = client.post("/admin/facilitators/new/", {"email": learner.email})
    assert response.status_code == 302
    assert roles.is_facilitator(learner)
    assert ModelLogEntry.objects.filter(action=roles.GRANTED, user=admin).exists()
    listing = client.get("/admin/facilitators/").content.decode()
    assert learner.email in listing
    unknown = client.post("/admin/facilitators/new/", {"email": "nobody@example.com"})
    assert "sign up first" in unknown.content.decode()


def test_a_facilitator_needs_no_second_factor_nor_admin(facilitator, client):
    client.force_login(facilitator)
    assert client.get("/en/classes/").status_code == 200
    from accounts.two_factor import is_staff_member

    assert not is_staff_member(facilitator)
    assert client.get("/admin/").status_code in (302, 403)  # no admin access


def test_facilitator_creates_a_class_with_courses(facilitator_client, course):
    course_page, _ = course
    response = facilitator_client.post(
        "/en/classes/new/", {"name": "Tuesday group", "courses": [str(course_page.translation_key)]}
    )
    klass = Class.objects.get(name="Tuesday group")
    assert response.status_code == 302 and response["Location"] == f"/en/classes/{klass.pk}/"
    assert klass.course_keys == [str(course_page.translation_key)]
    assert len(klass.join_code) == 6
    page = facilitator_client.get(f"/en/classes/{klass.pk}/").content.decode()
    assert klass.join_code in page and "Lesson 1" in page


def test_a_learner_is_not_a_facilitator(client, learner):
    client.force_login(learner)
    assert client.get("/en/classes/").status_code == 403
    assert client.get("/en/classes/new/").status_code == 403


def test_several_facilitators(klass, other_facilitator, client):
    klass.facilitators.add(other_facilitator)
    client.force_login(other_facilitator)
    assert client.get(f"/en/classes/{klass.pk}/").status_code == 200


def test_other_facilitators_class_report_and_cards_are_404(klass, other_facilitator, client, course):
    client.force_login(other_facilitator)
    lesson = course[1][0]
    for path in ["", "edit/", "poster/", "cards/", "report/", "report.csv", "learners/add/", f"present/{lesson.pk}/"]:
        assert client.get(f"/en/classes/{klass.pk}/{path}").status_code == 404, path
    learner = make_learner("pupil@example.com")
    groups.join(learner, klass)
    for path in ["new-card/", "remove/", "consent/"]:
        response = client.post(f"/en/classes/{klass.pk}/learners/{path}", {"learner": learner.pk, "confirm": "yes"})
        assert response.status_code == 404, path
    assert Membership.objects.filter(klass=klass, learner=learner).exists()


def test_poster_has_a_qr_code_and_the_join_code(facilitator_client, klass):
    html = facilitator_client.get(f"/en/classes/{klass.pk}/poster/").content.decode()
    assert "<svg" in html and klass.join_code in html
    assert f"/en/classes/join/{klass.join_code}/" in html
    assert "@media print" in open("classes/static/classes/classes.css").read()


def test_learner_joins_from_my_learning_and_leaves(client, learner, klass):
    client.force_login(learner)
    page = client.get("/en/learn/my-learning/").content.decode()
    assert "Join a class" in page
    response = client.post("/en/classes/join/", {"code": klass.join_code.lower()[:3] + " " + klass.join_code[3:]})
    assert response.status_code == 302
    assert Membership.objects.filter(klass=klass, learner=learner).exists()
    page = client.get("/en/learn/my-learning/").content.decode()
    assert "Year 8 B" in page
    client.post(f"/en/classes/{klass.pk}/leave/")
    assert not Membership.objects.filter(klass=klass, learner=learner).exists()
    client.get("/en/learn/my-learning/")  # shows "You have left …" once
    assert "Year 8 B" not in client.get("/en/learn/my-learning/").content.decode()


def test_a_wrong_code_gets_a_clear_400(client, learner, klass):
    client.force_login(learner)
    response = client.post("/en/classes/join/", {"code": "ZZZZZZ"})
    assert response.status_code == 400
    assert "No class has this code" in response.content.decode()
    assert client.get("/en/classes/join/NOPE/").status_code == 404


def test_join_code_at_sign_up(client, klass, home):
    response = client.post(
        "/en/accounts/signup/",
        {
            "email": "new@example.com",
            "password1": "a-long-test-password-1",
            "password2": "a-long-test-password-1",
            "display_name": "New learner",
            "country": "MY",
            "age_band": "18-24",
            "preferred_language": "en",
            "join_code": klass.join_code,
        },
    )
    assert response.status_code == 302
    assert Membership.objects.filter(klass=klass, learner__email="new@example.com").exists()


def test_a_wrong_code_at_sign_up_is_an_error_on_the_form(client, klass, home):
    response = client.post(
        "/en/accounts/signup/",
        {
            "email": "new@example.com",
            "password1": "a-long-test-password-1",
            "password2": "a-long-test-password-1",
            "display_name": "New learner",
            "country": "MY",
            "age_band": "18-24",
            "preferred_language": "en",
            "join_code": "QQQQQQ",
        },
    )
    assert response.status_code == 200
    assert "No class has this code" in response.content.decode()


def test_qr_code_link_joins_on_sign_in(client, learner, klass):
    page = client.get(f"/en/classes/join/{klass.join_code}/")
    assert page.status_code == 200 and "Year 8 B" in page.content.decode()
    response = client.post("/en/accounts/login/", {"login": learner.email, "password": "a-long-test-password"})
    assert response.status_code == 302
    assert Membership.objects.filter(klass=klass, learner=learner).exists()


def test_facilitator_removes_a_learner(facilitator_client, klass, learner):
    groups.join(learner, klass)
    response = facilitator_client.post(f"/en/classes/{klass.pk}/learners/remove/", {"learner": learner.pk})
    assert response.status_code == 302
    assert not Membership.objects.filter(klass=klass, learner=learner).exists()
    assert ModelLogEntry.objects.filter(action=groups.LEARNER_REMOVED).exists()


def test_erasure_removes_memberships_and_export_lists_them(client, learner, klass):
    from accounts.personal_data import erase_account, export_personal_data

    groups.join(learner, klass)
    data = export_personal_data(learner)
    assert data["classes"]["memberships"][0]["class"] == "Year 8 B"
    erase_account(learner)
    assert not Membership.objects.exists()
    assert Class.objects.filter(pk=klass.pk).exists()  # the class stays for its facilitator


def test_statistics_know_nothing_of_classes():
    """stats never names a class (DESIGN.md): it imports nothing from classes."""
    import pathlib

    for path in pathlib.Path("stats").rglob("*.py"):
        text = path.read_text()
        assert "from classes" not in text and "import classes" not in text, path


def test_a_learner_outside_the_class_cannot_be_named(facilitator_client, klass, learner, facilitator):
    other = groups.create_class(facilitator, "Another class", [])
    groups.join(learner, other)
    for value in (learner.pk, "abc", ""):
        for path in ["new-card/", "remove/", "consent/"]:
            response = facilitator_client.post(
                f"/en/classes/{klass.pk}/learners/{path}", {"learner": value, "confirm": "yes"}
            )
            assert response.status_code == 404, (path, value)
    assert Membership.objects.filter(klass=other, learner=learner).exists()
