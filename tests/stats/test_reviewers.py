"""Reviewer onboarding (invitations, where they land, the header link), the
audit records of roles and tokens, and the recount as a background task."""

import io

import pytest
from allauth.account.models import EmailAddress
from allauth.account.signals import email_confirmed
from django.core import mail
from django.core.management import call_command
from wagtail.models import ModelLogEntry

from accounts.models import User
from stats.models import ApiToken, Recount, ReviewerInvitation, ReviewerScope, Snapshot
from tests.conftest import make_learner, make_staff, staff_sign_in, totp_code

pytestmark = pytest.mark.django_db


def confirm(user, email):
    """What allauth does when someone clicks the link in their confirmation email."""
    address = EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    email_confirmed.send(sender=EmailAddress, request=None, email_address=address)


def test_grant_reviewer_invites_an_email_with_no_account_and_prints_the_address():
    out = io.StringIO()
    call_command("grant_reviewer", "Officer@Example.gov.my", "--countries", "MY,BN", stdout=out)
    printed = out.getvalue()
    assert "invitation has been emailed" in printed
    assert "The statistics: http://127.0.0.1:8000/en/stats/" in printed
    invitation = ReviewerInvitation.objects.get()
    assert (invitation.email, invitation.countries) == ("officer@example.gov.my", ["MY", "BN"])
    [email] = mail.outbox
    assert email.to == ["officer@example.gov.my"]
    assert "/en/accounts/signup/" in email.body and "/en/stats/" in email.body and "Malaysia" in email.body


def test_the_role_applies_when_the_invited_email_is_confirmed_and_not_before():
    call_command("grant_reviewer", "officer@example.gov.my", "--asean", stdout=io.StringIO())
    user = User.objects.create_user(username="officer", email="officer@example.gov.my", password="x" * 20)
    assert not ReviewerScope.objects.filter(user=user).exists()  # anybody can type an address
    confirm(user, "officer@example.gov.my")
    assert ReviewerScope.objects.get(user=user).asean_wide
    assert not ReviewerInvitation.objects.exists()
    assert ModelLogEntry.objects.filter(action="stats.reviewer_granted").exists()


def test_grant_reviewer_with_an_account_prints_the_address_too():
    make_learner("officer@example.gov.my")
    out = io.StringIO()
    call_command("grant_reviewer", "officer@example.gov.my", "--countries", "MY", "--language", "ms", stdout=out)
    assert "reviews: Malaysia" in out.getvalue() and "/ms/stats/" in out.getvalue()


def test_the_admin_screen_invites_an_email_with_no_account(staff_client):
    response = staff_client.post(
        "/admin/ministry_reviewers/new/", {"email": "new.officer@example.gov.my", "countries": ["TH"]}, follow=True
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "an invitation to sign up has been emailed" in page and "/en/stats/" in page
    assert ReviewerInvitation.objects.get().countries == ["TH"]
    assert len(mail.outbox) == 1
    assert "new.officer@example.gov.my" in staff_client.get("/admin/reviewer_invitations/").content.decode()
    invitation = ReviewerInvitation.objects.get()
    assert staff_client.get(f"/admin/reviewer_invitations/edit/{invitation.pk}/").status_code in (302, 403)
    staff_client.post(f"/admin/reviewer_invitations/delete/{invitation.pk}/")
    assert not ReviewerInvitation.objects.exists()
    assert ModelLogEntry.objects.filter(action="stats.reviewer_revoked").exists()


def test_a_reviewer_lands_on_the_statistics_and_sees_them_in_the_header(client):
    user = make_staff("officer@example.gov.my", superuser=False)
    ReviewerScope.objects.create(user=user, countries=["MY"])
    response = client.post("/en/accounts/login/", {"login": user.email, "password": "a-long-test-password"})
    response = client.post(response["Location"], {"code": totp_code(user)})
    assert response["Location"] == "/en/stats/"
    home = client.get("/en/accounts/profile/").content.decode()
    assert 'href="/en/stats/"' in home


def test_a_learner_sees_no_statistics_link_and_lands_as_before(client):
    learner = make_learner("aina@example.com")
    response = client.post("/en/accounts/login/", {"login": learner.email, "password": "a-long-test-password"})
    assert response.status_code == 302 and "/stats/" not in response["Location"]
    assert "/en/stats/" not in client.get("/en/accounts/profile/").content.decode()


def test_roles_and_tokens_leave_audit_records_in_the_admin_history(client):
    admin = staff_sign_in(client, make_staff("chief@example.com", superuser=True))
    officer = make_learner("officer@example.gov.my")
    client.post("/admin/ministry_reviewers/new/", {"email": officer.email, "countries": ["MY"]})
    role = ReviewerScope.objects.get(user=officer)
    client.post(f"/admin/ministry_reviewers/edit/{role.pk}/", {"email": officer.email, "asean_wide": "on"})
    assert ReviewerScope.objects.get(user=officer).asean_wide
    from stats.reviewers import create_token_logged

    create_token_logged(officer, "Power BI")
    client.post(f"/admin/ministry_reviewers/delete/{role.pk}/")
    assert not ReviewerScope.objects.filter(user=officer).exists()
    assert not ApiToken.objects.filter(owner=officer).exists()
    actions = list(ModelLogEntry.objects.order_by("timestamp", "id").values_list("action", "user_id"))
    assert actions == [
        ("stats.reviewer_granted", admin.pk),
        ("stats.reviewer_granted", admin.pk),
        ("stats.token_created", officer.pk),
        ("stats.token_revoked", admin.pk),
        ("stats.reviewer_revoked", admin.pk),
    ]
    history = client.get("/admin/reports/site-history/").content.decode()
    for label in ("Reviewer role given", "API token made", "API token revoked", "Reviewer role taken away"):
        assert label in history, label


@pytest.mark.django_db(transaction=True)  # the worker closes its database connection after a task
def test_the_recount_runs_through_the_database_task_backend(settings):
    """With TASKS_BACKEND=database (production) "Count again now" only queues:
    the worker (manage.py db_worker) counts, and the recount ends done."""
    from stats.tasks import request_recount

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # django-tasks resets its backends
    recount, queued = request_recount()
    assert queued and recount.state == Recount.QUEUED and not Snapshot.objects.exists()
    again, queued_again = request_recount()
    assert again.pk == recount.pk and not queued_again
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=io.StringIO(), stderr=io.StringIO())
    recount.refresh_from_db()
    assert recount.state == Recount.DONE and recount.snapshot == Snapshot.objects.get()
