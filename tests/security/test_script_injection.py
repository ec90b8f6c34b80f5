"""Content an educator or translator writes cannot run script in a learner's
browser: quiz text is escaped, rich text passes Wagtail's whitelist (through
the editor and through wagtail-localize's PO upload), and the
Content-Security-Policy forbids inline script in any case."""

import json

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import Locale
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield
from wagtail_localize.models import Translation

from courses.models import LessonPage
from quizzes.models import QuizPage
from tests.conftest import publish

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("owned")</script>'
IMG = "<img src=x onerror=alert(1)>"


def assert_inert(html):
    assert "<script>alert" not in html
    assert "onerror=alert" not in html.replace("&lt;img src=x onerror=alert(1)&gt;", "")
    assert "javascript:" not in html


def test_quiz_text_is_shown_as_text_never_run(client, learner, course):
    course_page, _lessons = course
    question = {
        "type": "single_choice",
        "id": "q-x",
        "value": {
            "competence": "",
            "question": f"Which is safe? {SCRIPT}",
            "options": [
                {"type": "item", "id": "a", "value": {"text": f"This {IMG}", "correct": True, "feedback": SCRIPT}},
                {"type": "item", "id": "b", "value": {"text": "That", "correct": False, "feedback": IMG}},
            ],
            "explanation": f"<p>Because {IMG}</p>",
        },
    }
    quiz = QuizPage(title=f"Quiz {SCRIPT}", slug="quiz", questions=json.dumps([question]), pass_mark=50)
    course_page.add_child(instance=quiz)
    publish(quiz)
    client.force_login(learner)
    assert_inert(client.get(quiz.url).content.decode())
    response = client.post(f"/en/learn/quizzes/{quiz.id}/start/", follow=True)
    html = response.content.decode()
    assert "Which is safe? &lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt;" in html
    assert_inert(html)
    answered = client.post(response.redirect_chain[-1][0], {"answer": "a"}, follow=True).content.decode()
    assert_inert(answered)
    results = client.post(answered.split('action="')[1].split('"')[0] if 'action="' in answered else "", follow=True)
    assert_inert(results.content.decode())


def test_rich_text_written_in_the_admin_loses_scripts_and_script_links(staff_client, client, course):
    course_page, _lessons = course
    body = f'<p>Read this. {SCRIPT}<a href="javascript:alert(2)">a link</a></p>'
    response = staff_client.post(
        f"/admin/pages/add/courses/lessonpage/{course_page.id}/",
        nested_form_data(
            {
                "title": "Injected",
                "slug": "injected",
                "estimated_minutes": 5,
                "action-publish": "publish",
                "body": streamfield([("paragraph", rich_text(body))]),
            }
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    lesson = LessonPage.objects.get(slug="injected")
    html = client.get(lesson.url).content.decode()
    assert "Read this." in html
    assert_inert(html)


def test_a_translators_po_file_cannot_smuggle_script_into_a_lesson(
    staff_client, client, course, django_capture_on_commit_callbacks
):
    course_page, lessons = course
    malay = Locale.objects.get(language_code="ms")
    staff_client.post(
        f"/admin/localize/submit/page/{course_page.get_parent().get_parent().id}/",
        {"locales": [malay.id], "include_subtree": "on"},
    )
    translation = Translation.objects.get(source__object_id=lessons[0].translation_key, target_locale=malay)
    po = polib.pofile(staff_client.get(f"/admin/localize/translate/{translation.id}/pofile/download/").content.decode())
    for entry in po:
        entry.msgstr = f'{entry.msgid} {SCRIPT} <a href="javascript:alert(3)">x</a>'
    upload = SimpleUploadedFile("lesson.po", str(po).encode(), content_type="text/x-gettext-translation")
    staff_client.post(f"/admin/localize/translate/{translation.id}/pofile/upload/", {"file": upload})
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    lesson_ms = LessonPage.objects.get(translation_key=lessons[0].translation_key, locale=malay)
    response = client.get(lesson_ms.url)
    assert response.status_code == 200
    assert_inert(response.content.decode())


def test_inline_script_is_forbidden_by_the_content_security_policy(client, course):
    _course_page, lessons = course
    policy = client.get(lessons[0].url)["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
