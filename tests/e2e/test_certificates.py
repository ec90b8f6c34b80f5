"""A learner on a phone, in Khmer: finishes a course, opens the certificate
from My learning, downloads the PDF and the badge; an employer then checks
the certificate at the address printed on it."""

import io

import pypdf
import pytest
from playwright.sync_api import expect

from courses.models import Certificate
from tests.certificates.test_pdf import squeezed
from tests.conftest import make_learner, publish
from tests.e2e.conftest import save_screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TITLE = "ពិនិត្យមុនពេលចែករំលែក"


def sign_in(page, base, email):
    page.goto(base + "/km/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill("a-long-test-password")
    page.locator("form button[type=submit]").click()


def test_a_learner_gets_a_certificate_and_an_employer_checks_it(live_server, page, browser, course, translate_course):
    course_page, lessons = course
    course_km, lessons_km = translate_course(course_page, lessons, "km")
    course_km.refresh_from_db()  # it has children now: a stale copy would save it without them
    course_km.title = TITLE
    publish(course_km)
    learner = make_learner("sokha@example.com", "សុខា")
    page.set_viewport_size({"width": 360, "height": 780})
    sign_in(page, live_server.url, learner.email)

    for _lesson in lessons_km:  # every lesson, with the lesson page's own button
        page.goto(live_server.url + course_km.url)
        page.locator(".course-header .button").first.click()
        page.locator("form[action$='/complete/'] button").click()
    certificate = Certificate.objects.get(user=learner)

    page.goto(live_server.url + "/km/learn/my-learning/")
    page.locator(f"a[href='/km/certificates/{certificate.code}/']").click()
    expect(page.locator(".certificate-course")).to_have_text(TITLE)
    expect(page.locator(".certificate-name")).to_have_text("សុខា")
    expect(page.locator(".certificate-qr svg")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # no sideways scrolling on a phone
    save_screenshot(page, "certificate-km-phone")

    with page.expect_download() as download:
        page.locator("a[href$='certificate-a4.pdf']").click()
    pdf = pypdf.PdfReader(io.BytesIO(open(download.value.path(), "rb").read()))
    assert squeezed(TITLE) in squeezed(pdf.pages[0].extract_text())
    with page.expect_download() as download:
        page.locator("a[href$='credential.json']").click()
    assert b"OpenBadgeCredential" in open(download.value.path(), "rb").read()

    employer = browser.new_context(locale="en-GB", viewport={"width": 1024, "height": 768}).new_page()
    employer.goto(live_server.url + f"/verify/{certificate.code}/")
    expect(employer).to_have_url(live_server.url + f"/en/verify/{certificate.code}/")
    expect(employer.get_by_role("heading", level=1)).to_have_text("This certificate is valid")
    expect(employer.locator(".certificate-name")).to_have_text("សុខា")
    save_screenshot(employer, "certificate-verification")

    employer.goto(live_server.url + "/en/verify/")
    employer.get_by_label("Certificate code").fill("K7QXM-2HD9P-RT4WA-8CNEV-3YBZF")
    employer.get_by_role("button", name="Check").click()
    expect(employer.get_by_role("heading", level=1)).to_have_text("No certificate has this code")
