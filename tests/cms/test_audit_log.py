"""Privileged acts leave an audit record through Wagtail's log_action, which
administrators read in the admin under Reports > Site history; what the
record says never names a learner."""

import pytest
from wagtail.models import ModelLogEntry

from accounts.models import User
from tests.accounts.test_children import child_signup, guardian_link
from tests.certificates.conftest import completed  # noqa: F401  (fixture)
from tests.conftest import make_staff, staff_sign_in

pytestmark = pytest.mark.django_db

SITE_HISTORY = "/admin/reports/site-history/"


def test_revoking_and_reinstating_a_certificate_is_on_record_with_who_and_why(completed, client):  # noqa: F811
    certificate, _ = completed
    client.logout()
    admin = make_staff("admin@example.com")
    staff_sign_in(client, admin)
    client.post(f"/admin/certificates/{certificate.pk}/revoke/", {"reason": "Completed by someone else."})
    client.post(f"/admin/certificates/{certificate.pk}/revoke/", {"reinstate": "1"})

    entries = list(ModelLogEntry.objects.filter(object_id=str(certificate.pk)).order_by("timestamp", "id"))
    assert [(e.action, e.user_id) for e in entries] == [
        ("celik.certificate.revoke", admin.pk),
        ("celik.certificate.reinstate", admin.pk),
    ]
    assert entries[0].data == {"reason": "Completed by someone else."}

    history = client.get(SITE_HISTORY).content.decode()
    assert "Certificate revoked" in history and "Certificate reinstated" in history


def test_guardian_consent_and_erasure_are_on_record_without_naming_the_child(client):
    child_signup(client)
    child = User.objects.get(email="adi@example.com")
    _message, link = guardian_link()
    client.post(link, {"action": "give"})
    client.post(link, {"action": "withdraw", "confirm": "yes"})
    assert not User.objects.filter(pk=child.pk).exists()

    entries = ModelLogEntry.objects.filter(action__startswith="celik.").order_by("timestamp", "id")
    assert [e.action for e in entries] == [
        "celik.guardian_consent.request",
        "celik.guardian_consent.give",
        "celik.guardian_consent.withdraw",
        "celik.account.erase",
    ]
    erased = entries.last()
    assert erased.data == {"requested_by": "guardian"} and erased.label == f"Account {child.pk}"
    for entry in entries:
        assert "adi" not in f"{entry.label} {entry.data}".lower() and "ibu@" not in f"{entry.label} {entry.data}"

    client.logout()
    staff_sign_in(client, make_staff("admin@example.com"))
    history = client.get(SITE_HISTORY).content.decode()
    assert "Guardian consent given" in history and "Account and personal data erased" in history
