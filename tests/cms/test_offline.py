"""Learning offline, the server's side (cms/offline.py): the manifest, the
service worker at the root, the list of files a saved course needs with their
sizes, whose pages are whose, and "Mark complete" dated when it happened."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.staticfiles import finders
from django.utils import timezone
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from cms.offline import learner_key
from courses.models import LessonProgress
from courses.progress import OFFLINE_DAYS_KEPT, when_done_offline
from quizzes import attempts
from tests.conftest import make_learner, publish
from tests.quizzes.conftest import make_quiz  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def test_the_manifest_makes_celik_installable(client, home):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200 and response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == "Celik" and manifest["display"] == "standalone" and manifest["start_url"].startswith("/")
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes and any(icon.get("purpose") == "maskable" for icon in manifest["icons"])
    for icon in manifest["icons"]:
        assert finders.find(icon["src"].removeprefix("/static/")), icon
    page = client.get("/en/").content.decode()
    assert '<link rel="manifest" href="/manifest.webmanifest">' in page
    assert "/static/js/offline.js" in page


def test_the_service_worker_is_served_from_the_root_and_always_checked_for_updates(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert "no-cache" in response["Cache-Control"]
    assert b'addEventListener("fetch"' in response.content


def test_the_offline_pages_speak_the_learners_language(client):
    offline = client.get("/offline/", HTTP_ACCEPT_LANGUAGE="th")
    assert offline.status_code == 200 and 'lang="th"' in offline.content.decode()
    saved = client.get("/vi/offline/saved/").content.decode()
    # The service worker fills in the link and shows one of the two messages by these exact marks.
    assert 'href="__NEXT__"' in saved
    assert 'data-kind="lesson" hidden' in saved and 'data-kind="quiz" hidden' in saved


def test_every_response_for_a_signed_in_learner_says_whose_it_is(client, course, learner, other_learner):
    _course, lessons = course
    assert "Celik-Learner" not in client.get(lessons[0].url)
    client.force_login(learner)
    first = client.get(lessons[0].url)
    client.force_login(other_learner)
    # The second learner gets the lesson from the shared page cache, marked as theirs.
    second = client.get(lessons[0].url)
    assert first["Celik-Learner"] == learner_key(learner)
    assert second["Celik-Learner"] == learner_key(other_learner) != first["Celik-Learner"]


def test_a_saved_course_lists_its_pages_pictures_fonts_and_open_quiz_with_sizes(client, course, make_quiz):  # noqa: F811
    course_page, lessons = course
    picture = Image.objects.create(title="Flood", file=get_test_image_file(size=(1600, 1200)))
    lessons[0].body = json.dumps([{"type": "image", "value": {"image": picture.pk, "alt_text": "A flooded street"}}])
    publish(lessons[0])
    quiz = make_quiz(shuffle_options=False)
    learner = make_learner("thida@example.com")
    client.force_login(learner)

    bundle = client.get(f"/th/learn/courses/{course_page.pk}/offline.json").json()
    urls = [item["url"] for item in bundle["files"]]
    assert bundle["learner"] == learner_key(learner) and bundle["title"] == course_page.title
    assert course_page.url in urls and all(lesson.url in urls for lesson in lessons) and quiz.url in urls
    assert (
        "/th/offline/saved/" in urls
        and "/th/learn/saved/" in urls
        and "/static/css/site.css" in urls
        and "/static/js/offline.js" in urls
    )
    # The Thai font the pages draw with, regular and bold; nothing the pages never load.
    assert [url for url in urls if url.endswith(".woff2")] == [
        "/static/fonts/noto-sans-thai-looped-thai-400-normal.woff2",
        "/static/fonts/noto-sans-thai-looped-thai-700-normal.woff2",
    ]
    # The picture as a phone gets it (the lesson's rendition), not the 1600 px original.
    rendition = picture.get_rendition("max-800x600")
    assert rendition.url in urls and picture.file.url not in urls
    assert bundle["bytes"] == sum(item["bytes"] for item in bundle["files"]) > 50_000
    assert not any("/attempts/" in url for url in urls)  # no quiz started yet: nothing of it to answer

    attempt = attempts.start_attempt(learner, quiz, "th")
    again = client.get(f"/th/learn/courses/{course_page.pk}/offline.json?have={bundle['version']}").json()
    assert "unchanged" not in again and again["version"] != bundle["version"]
    question_pages = [item["url"] for item in again["files"] if "/attempts/" in item["url"]]
    assert question_pages == [f"/th/learn/attempts/{attempt.pk}/questions/{n}/" for n in range(1, 7)] + [
        f"/th/learn/attempts/{attempt.pk}/review/"
    ]
    current = client.get(f"/th/learn/courses/{course_page.pk}/offline.json?have={again['version']}").json()
    assert current == {"version": again["version"], "unchanged": True}


@pytest.mark.parametrize("language", ["en", "vi"])
def test_a_latin_script_course_saves_no_fonts(client, course, learner, language):
    """Latin script (Vietnamese too) is drawn with the phone's own fonts, so
    saving such a course downloads none of the site's."""
    course_page, _lessons = course
    client.force_login(learner)
    bundle = client.get(f"/{language}/learn/courses/{course_page.pk}/offline.json").json()
    assert bundle["files"] and not [item["url"] for item in bundle["files"] if "/fonts/" in item["url"]]


def test_only_a_signed_in_learner_saves_and_only_a_published_course(client, course, learner):
    course_page, _lessons = course
    assert client.get(f"/en/learn/courses/{course_page.pk}/offline.json").status_code == 302
    client.force_login(learner)
    assert client.get("/en/learn/courses/999999/offline.json").status_code == 404
    course_page.unpublish()
    assert client.get(f"/en/learn/courses/{course_page.pk}/offline.json").status_code == 404


def test_mark_complete_sent_after_being_offline_is_dated_when_it_happened(client, course, learner):
    course_page, lessons = course
    client.force_login(learner)
    pressed = timezone.now() - timedelta(hours=3)
    response = client.post(
        f"/en/learn/courses/{course_page.pk}/lessons/{lessons[0].pk}/complete/",
        {"offline_at": str(int(pressed.timestamp() * 1000)), "next_url": lessons[1].url},
    )
    assert response.status_code == 302
    done = LessonProgress.objects.get(user=learner)
    assert abs(done.completed_at - pressed) < timedelta(seconds=1)
    # Sent twice (a retry after a dropped answer): still one record, the first time kept.
    client.post(
        f"/en/learn/courses/{course_page.pk}/lessons/{lessons[0].pk}/complete/",
        {"offline_at": str(int(timezone.now().timestamp() * 1000))},
    )
    assert LessonProgress.objects.get(user=learner).completed_at == done.completed_at


def test_a_phone_clock_is_not_trusted_beyond_reason():
    now = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
    hour_ago = now - timedelta(hours=1)
    assert when_done_offline(str(int(hour_ago.timestamp() * 1000)), now) == hour_ago
    assert when_done_offline(str(int((now + timedelta(minutes=5)).timestamp() * 1000)), now) == now
    too_old = now - timedelta(days=OFFLINE_DAYS_KEPT + 1)
    assert when_done_offline(str(int(too_old.timestamp() * 1000)), now) == now
    for junk in ("", "soon", "1e400", "-99999999999999999999", None):
        assert when_done_offline(junk, now) == now


def test_the_saved_courses_page_explains_itself_without_javascript(client, learner):
    page = client.get("/km/learn/saved/").content.decode()
    assert "data-offline-unsupported" in page and 'data-learner=""' in page
    client.force_login(learner)
    assert f'data-learner="{learner_key(learner)}"' in client.get("/en/learn/saved/").content.decode()
