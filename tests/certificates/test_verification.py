"""Anyone can check a certificate: valid, revoked or unknown, showing what the
certificate shows and nothing more; codes cannot be tried at will."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import GuardianConsent, LearnerProfile
from accounts.personal_data import erase_account, export_personal_data
from courses.certificates.codes import display_code
from courses.certificates.issuing import revoke_certificate
from courses.models import Competence

from ..conftest import make_learner, make_staff, publish, staff_sign_in
from .conftest import complete_course

pytestmark = pytest.mark.django_db


def verify(client, code, language="en"):
    return client.get(f"/{language}/verify/{code}/")


def test_a_valid_certificate_shows_the_course_the_date_and_the_name_and_nothing_else(completed, client):
    certificate, _ = completed
    client.logout()  # an employer, not the learner
    response = verify(client, certificate.code)
    assert response.status_code == 200
    html = response.content.decode()
    assert "This certificate is valid" in html
    for shown in ("Aina", "Check before you share", "Evaluating information", display_code(certificate.code)):
        assert shown in html
    assert timezone.localdate(certificate.issued_at).strftime("%Y") in html
    for private in ("aina@example.com", certificate.user.username, "MY", "25-59", "Malaysia"):
        assert private not in html


def test_codes_are_forgiving_of_case_dashes_and_spaces(completed, client):
    certificate, _ = completed
    typed = " " + display_code(certificate.code).lower() + " "
    response = client.get("/en/verify/", {"code": typed})
    assert response.status_code == 302 and response["Location"] == f"/en/verify/{certificate.code}/"
    assert verify(client, display_code(certificate.code).lower()).status_code == 200


def test_an_unknown_code_is_a_404_that_says_so(client, db):
    response = verify(client, "ABCDE" * 5)
    assert response.status_code == 404
    assert "No certificate has this code" in response.content.decode()
    assert verify(client, "not-a-code").status_code == 404


def test_a_mistyped_code_in_the_form_gets_a_message_and_a_400(client, db):
    response = client.get("/en/verify/", {"code": "K7QX"})
    assert response.status_code == 400
    assert "25 letters and digits" in response.content.decode()
    assert client.get("/en/verify/").status_code == 200


def test_the_printed_address_opens_the_page_in_the_visitors_language(completed, client):
    certificate, _ = completed
    response = client.get(f"/verify/{certificate.code}/", HTTP_ACCEPT_LANGUAGE="th")
    assert response.status_code == 302 and response["Location"] == f"/th/verify/{certificate.code}/"


def test_verification_is_rate_limited(completed, client):
    certificate, _ = completed
    statuses = [verify(client, "ABCDE" * 5).status_code for _ in range(30)]
    assert set(statuses) == {404}
    # The 31st try within the minute is refused, even for a genuine code.
    response = verify(client, certificate.code)
    assert response.status_code == 429
    assert "Aina" not in response.content.decode()


def test_an_administrator_revokes_with_a_reason_and_verification_says_so(completed, client):
    certificate, _ = completed
    client.logout()
    staff_sign_in(client, make_staff("admin@example.com"))
    found = client.get("/admin/certificates/", {"q": display_code(certificate.code)})
    assert found.status_code == 200 and f"/admin/certificates/{certificate.pk}/revoke/" in found.content.decode()

    form = client.get(f"/admin/certificates/{certificate.pk}/revoke/")
    assert form.status_code == 200 and "Reason" in form.content.decode() and "Aina" in form.content.decode()
    empty = client.post(f"/admin/certificates/{certificate.pk}/revoke/", {"reason": "  "})
    assert empty.status_code == 400
    certificate.refresh_from_db()
    assert not certificate.is_revoked

    response = client.post(f"/admin/certificates/{certificate.pk}/revoke/", {"reason": "Completed by someone else."})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.is_revoked and certificate.revoked_by.email == "admin@example.com"

    client.logout()
    page = verify(client, certificate.code)
    assert page.status_code == 200
    html = page.content.decode()
    assert "This certificate was revoked" in html and "Completed by someone else." in html
    assert "This certificate is valid" not in html


def test_a_revoked_certificate_can_no_longer_be_downloaded_by_its_learner(completed):
    certificate, client = completed
    revoke_certificate(certificate, "Issued by mistake.", None)
    page = client.get(f"/en/certificates/{certificate.code}/").content.decode()
    assert "This certificate was revoked" in page and "Issued by mistake." in page
    assert "certificate-a4.pdf" not in page
    for suffix in ("certificate-a4.pdf", "credential.json"):
        assert client.get(f"/en/certificates/{certificate.code}/{suffix}").status_code == 410


def test_an_educator_may_revoke_and_reinstate_but_a_learner_may_not(completed):
    certificate, client = completed  # signed in as the learner
    assert client.get("/admin/certificates/").status_code in (302, 403)
    assert client.post(f"/admin/certificates/{certificate.pk}/revoke/", {"reason": "x"}).status_code in (302, 403)
    certificate.refresh_from_db()
    assert not certificate.is_revoked
    client.logout()

    educator = make_staff("teacher@example.com", superuser=False)
    educator.groups.add(Group.objects.get(name="Editors"))
    staff_sign_in(client, educator)
    assert "Certificates" in client.get("/admin/").content.decode()
    client.post(f"/admin/certificates/{certificate.pk}/revoke/", {"reason": "Copied answers."})
    assert "was revoked" in verify(client, certificate.code).content.decode()
    client.post(f"/admin/certificates/{certificate.pk}/revoke/", {"reinstate": "1"})
    assert "This certificate is valid" in verify(client, certificate.code).content.decode()


def test_a_child_without_consent_has_no_name_anywhere_until_the_guardian_agrees(client, course, competences):
    child = make_learner("adi@example.com", "Adi R.")
    LearnerProfile.objects.filter(user=child).update(age_band="u13")
    consent = GuardianConsent.objects.create(child=child, guardian_email="ibu@example.com", token_hash="x")
    client.force_login(child)
    complete_course(client, *course)
    certificate = child.certificates.get()
    urls = [
        f"/en/certificates/{certificate.code}/",
        f"/en/verify/{certificate.code}/",
        f"/en/certificates/{certificate.code}/credential.json",
    ]
    for url in urls:
        assert "Adi" not in client.get(url).content.decode()
    assert "This certifies the completion of the course" in client.get(urls[1]).content.decode()

    consent.given_at = timezone.now()
    consent.save()
    for url in urls:
        assert "Adi R." in client.get(url).content.decode()


def test_erasing_the_account_takes_the_certificates_with_it(completed, client):
    certificate, _ = completed
    exported = export_personal_data(certificate.user)["learning"]["certificates"]
    assert exported[0]["code"] == certificate.code and exported[0]["course"] == "Check before you share"
    erase_account(certificate.user)
    assert verify(client, certificate.code).status_code == 404


def test_the_certificate_and_verification_pages_cost_a_few_queries_however_many_competences(
    completed, client, course, competences
):
    certificate, learner_client = completed
    pages = [(learner_client, f"/en/certificates/{certificate.code}/"), (client, f"/en/verify/{certificate.code}/")]

    def counts():
        result = []
        for who, url in pages:
            with CaptureQueriesContext(connection) as queries:
                assert who.get(url).status_code == 200
            result.append(len(queries))
        return result

    before = counts()
    course_page = course[0]
    pillar = competences[0].pillar
    more = [
        Competence.objects.create(pillar=pillar, code=f"2.{n}", name=f"Skill {n}", locale=pillar.locale)
        for n in range(6)
    ]
    course_page.competences.add(*more)
    publish(course_page)
    after = counts()
    assert after == before, (before, after)
    assert before[0] <= 14 and before[1] <= 12, before
