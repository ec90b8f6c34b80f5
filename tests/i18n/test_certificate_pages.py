"""Certificates in every interface language: the learner's certificate page
and the public verification page (valid, revoked, unknown, mistyped) leave
no interface string in English."""

import pytest
from wagtail.models import Locale

from courses.certificates.issuing import revoke_certificate
from courses.models import Certificate, Competence, Pillar
from tests.certificates.conftest import complete_course
from tests.conftest import make_learner, publish

from .test_learner_pages import TRANSLATED, english_interface_strings
from .test_reviewer_pages import english_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificates(client, make_course, locales):
    """Two certificates of neutral content (codes, not English words), one revoked."""
    pillar = Pillar.objects.create(code="P-1", name="P-1", locale=locales["en"])
    competence = Competence.objects.create(pillar=pillar, code="1.2", name="C-12", locale=locales["en"])
    learner = make_learner("k1@example.com", "K-1")
    first, first_lessons = make_course("c-1", lessons=1, title="C-1")
    second, second_lessons = make_course("c-2", lessons=1, title="C-2")
    first.competences.set([competence])
    publish(first)
    client.force_login(learner)
    complete_course(client, first, first_lessons)
    complete_course(client, second, second_lessons)
    client.get("/en/")  # reads the (English) "Well done!" messages completing left
    valid, revoked = Certificate.objects.filter(user=learner).order_by("course_title")
    revoke_certificate(revoked, "R-1", None)
    return valid, revoked


@pytest.mark.parametrize("language", TRANSLATED)
def test_certificate_pages_speak_the_language(client, certificates, language):
    valid, revoked = certificates
    Locale.objects.get_or_create(language_code=language)
    patterns = english_interface_strings(language)
    pages = [
        ("my learning", client.get(f"/{language}/learn/my-learning/")),
        ("certificate", client.get(f"/{language}/certificates/{valid.code}/")),
        ("revoked certificate", client.get(f"/{language}/certificates/{revoked.code}/")),
        ("revoked download", client.get(f"/{language}/certificates/{revoked.code}/certificate-a4.pdf")),
        ("verify form", client.get(f"/{language}/verify/")),
        ("verify mistyped", client.get(f"/{language}/verify/", {"code": "X-1"})),
        ("verify valid", client.get(f"/{language}/verify/{valid.code}/")),
        ("verify revoked", client.get(f"/{language}/verify/{revoked.code}/")),
        ("verify unknown", client.get(f"/{language}/verify/{'2' * 25}/")),
    ]
    problems = []
    for name, response in pages:
        assert response.status_code in {200, 400, 404, 410}, (name, response.status_code)
        html = response.content.decode()
        assert f'<html lang="{language}"' in html, name
        problems += [f"{name}: {english!r}" for english in english_in(html, patterns, language)]
    assert not problems, "\n".join(sorted(set(problems)))
