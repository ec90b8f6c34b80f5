"""Shared fixtures: a small site built through Wagtail's own APIs."""

import json
import time

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from allauth.mfa.utils import decrypt
from django.conf import settings
from django.core.cache import cache
from wagtail.models import Locale, Page, Site

from accounts.models import LearnerProfile, User
from cms.models import HomePage
from courses.models import Competence, CourseIndexPage, CoursePage, LessonPage, Pillar


def lesson_body(text):
    return json.dumps(
        [
            {"type": "heading", "value": f"About {text}"},
            {"type": "paragraph", "value": f"<p>Teaching text of {text}.</p>"},
        ]
    )


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def locales(db):
    return {code: Locale.objects.get_or_create(language_code=code)[0] for code, _ in settings.LANGUAGES}


@pytest.fixture
def home(locales):
    # A transactional test (live_server, threads) flushes the database, taking
    # the root page Wagtail's migrations made with it: make one if it is gone.
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root", locale=locales["en"]))
    home = HomePage(title="Celik", slug="celik-home", hero_heading="Learn to spot what is fake", locale=locales["en"])
    root.add_child(instance=home)
    publish(home)
    Site.objects.update_or_create(is_default_site=True, defaults={"root_page": home, "hostname": "localhost"})
    Page.objects.filter(depth=2).exclude(id=home.id).delete()
    return home


@pytest.fixture
def catalogue(home):
    index = CourseIndexPage(title="Courses", slug="courses")
    home.add_child(instance=index)
    return publish(index)


@pytest.fixture
def make_course(catalogue):
    """make_course(slug, lessons=3) -> (course, [lesson, ...]), all published."""

    def make(slug="check-before-you-share", lessons=3, title=None):
        course = CoursePage(title=title or slug.replace("-", " ").capitalize(), slug=slug, summary="A course.")
        catalogue.add_child(instance=course)
        publish(course)
        made = []
        for number in range(1, lessons + 1):
            lesson = LessonPage(title=f"Lesson {number}", slug=f"lesson-{number}", body=lesson_body(f"lesson {number}"))
            course.add_child(instance=lesson)
            made.append(publish(lesson))
        return course, made

    return make


@pytest.fixture
def course(make_course):
    return make_course()


def translate(page, language):
    """Copies a published page into `language` and publishes the copy."""
    copy = page.copy_for_translation(Locale.objects.get(language_code=language)).specific
    copy.title = f"[{language}] {page.title}"
    return publish(copy)


@pytest.fixture
def translate_course(home, catalogue):
    """translate_course(course, lessons, "ms") -> (course_ms, [lesson_ms, ...])"""

    def do(course, lessons, language):
        for ancestor in (home, catalogue):
            if ancestor.get_translation_or_none(Locale.objects.get(language_code=language)) is None:
                translate(ancestor, language)
        return translate(course, language), [translate(lesson, language) for lesson in lessons]

    return do


def make_learner(email, name="Learner"):
    user = User.objects.create_user(username=email.split("@")[0], email=email, password="a-long-test-password")
    LearnerProfile.objects.create(user=user, display_name=name, country="MY", age_band="25-59", preferred_language="en")
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


@pytest.fixture
def learner(db):
    return make_learner("aina@example.com", "Aina")


@pytest.fixture
def other_learner(db):
    return make_learner("binh@example.com", "Bình")


@pytest.fixture
def competences(locales):
    pillar = Pillar.objects.create(code="KLD-LIT", name="Digital literacy", locale=locales["en"])
    return [
        Competence.objects.create(pillar=pillar, code="1.2", name="Evaluating information", locale=locales["en"]),
        Competence.objects.create(pillar=pillar, code="AI.1", name="AI literacy", locale=locales["en"]),
    ]


@pytest.fixture(autouse=True)
def empty_cache():
    """Rate limits count in the cache; each test starts with none spent."""
    cache.clear()
    yield
    cache.clear()


def totp_code(user):
    """The code the staff member's authenticator app would show now.

    Like a person who sees their code about to run out, waits for the next one
    when the 30 s period (allauth's default) has under 8 s left: a code typed
    in at the very end of its period reaches the server after it expired."""
    secret = decrypt(Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP).data["secret"])
    left_in_period = 30 - time.time() % 30
    if left_in_period < 8:
        time.sleep(left_in_period)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def make_staff(email="educator@example.com", superuser=True, authenticator=True):
    """A staff account with a verified email and, unless told otherwise, an
    authenticator app set up."""
    maker = User.objects.create_superuser if superuser else User.objects.create_user
    user = maker(username=email.split("@")[0], email=email, password="a-long-test-password")
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    if authenticator:
        TOTP.activate(user, generate_totp_secret())
    return user


def staff_sign_in(client, user):
    """Signs a staff member in the way they must: password, then the code from
    their authenticator app (the real allauth flow, not a shortcut)."""
    response = client.post("/en/accounts/login/", {"login": user.email, "password": "a-long-test-password"})
    assert response.status_code == 302 and "/2fa/authenticate/" in response["Location"], response
    response = client.post(response["Location"], {"code": totp_code(user)})
    assert response.status_code == 302, response.content.decode()[:2000]
    return user


@pytest.fixture
def staff_client(client, db):
    """A client signed in as an administrator who passed the second factor."""
    staff_sign_in(client, make_staff())
    return client
