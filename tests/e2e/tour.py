"""A tour of every page type a learner meets, on the demo's five-language
course: the accessibility, phone-width and tap-target tests all walk it.

The content is the demo's own (cms/demo_content), so the pages carry real
Malay, Vietnamese and Thai text, cover images and every teaching block, not
test placeholders. Only that one course is loaded, to keep the tests quick."""

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from wagtail.models import Collection, Locale, Page

from cms.demo import DemoLoader
from courses.models import CourseIndexPage, CoursePage
from quizzes.attempts import record_answer, start_attempt, submit_attempt
from quizzes.models import QuizPage
from tests.conftest import make_learner

COURSE = "check-before-you-share"  # the demo course in en, ms, vi, id and th
LANGUAGES = ["en", "ms", "vi", "th"]  # those issue 8 names; id is checked by the i18n tests


def load_demo_course():
    """Loads the demo site with only COURSE (its lessons and quiz, in every language it has)."""
    # A transactional test flushes the tables, the root page and collection
    # Wagtail's migrations made included: the demo needs them to build on.
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    if Page.get_first_root_node() is None:
        english, _ = Locale.objects.get_or_create(language_code="en")
        Page.add_root(instance=Page(title="Root", slug="root", locale=english))
    # Only the languages the browser tests visit: a language's translations
    # cost a few seconds to make, and each of these tests loads them afresh.
    DemoLoader(courses=[COURSE], languages=LANGUAGES).run(with_admin=False)


def sign_in(context, live_server, user):
    """Gives the browser context a signed-in session for `user` (learners
    have no second factor; the sign-in form itself is tested elsewhere)."""
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    context.add_cookies([{"name": "sessionid", "value": session.session_key, "url": live_server.url}])


def _any_answer(question):
    """A well-formed answer to a snapshot question, right or wrong."""
    if question["type"] == "ordering":
        return list(question["order"])
    if "order" in question:
        return [question["order"][0]]
    return ["true"] if question["type"] == "true_false" else ["genuine"]


def guest_pages(language):
    """(page type, path) for what anyone can open, in `language`."""
    locale = Locale.objects.get(language_code=language)
    catalogue = CourseIndexPage.objects.get(locale=locale)
    course = CoursePage.objects.get(locale=locale, slug=COURSE)
    lesson = course.get_children().live().first()
    return [
        ("home", catalogue.get_parent().url),
        ("catalogue", catalogue.url),
        ("course", course.url),
        ("lesson", lesson.url),
        ("sign-up", f"/{language}/accounts/signup/"),
        ("sign-in", f"/{language}/accounts/login/"),
        ("display options", f"/{language}/display/"),
    ]


def learner_pages(language, email):
    """Makes a learner who reads in `language`, with one submitted quiz
    attempt and one half done, and returns (learner, [(page type, path)])
    for the pages only a learner sees."""
    learner = make_learner(email, name="Siti Aminah")
    learner.profile.preferred_language = language
    learner.profile.save()
    quiz = QuizPage.objects.get(locale__language_code=language)  # the one course has one quiz
    done = start_attempt(learner, quiz, language)
    for question in done.questions:
        record_answer(done, question["id"], _any_answer(question))
    submit_attempt(done)
    open_attempt = start_attempt(learner, quiz, language)
    first = open_attempt.questions[0]
    record_answer(open_attempt, first["id"], _any_answer(first))
    attempts = f"/{language}/learn/attempts"
    in_order = next(n for n, q in enumerate(open_attempt.questions, 1) if q["type"] == "ordering" and n > 1)
    return learner, [
        ("quiz", quiz.url),
        ("quiz question", f"{attempts}/{open_attempt.pk}/questions/2/"),
        ("quiz put in order", f"{attempts}/{open_attempt.pk}/questions/{in_order}/"),
        ("quiz feedback", f"{attempts}/{open_attempt.pk}/questions/1/"),
        ("quiz results", f"{attempts}/{done.pk}/results/"),
        ("quiz review", f"{attempts}/{done.pk}/review/"),
        ("my learning", f"/{language}/learn/my-learning/"),
        ("profile", f"/{language}/accounts/profile/"),
    ]


def walk(browser, live_server, language, learner, learner_paths, cookies=(), **context_options):
    """Opens every page type in `language`: the guest pages in a guest's
    browser, then `learner_paths` in `learner`'s. Yields (page type, page)
    once each page has loaded."""
    for signed_in, pages in ((False, guest_pages(language)), (True, learner_paths)):
        context = browser.new_context(**context_options)
        context.add_cookies([{**cookie, "url": live_server.url} for cookie in cookies])
        if signed_in:
            sign_in(context, live_server, learner)
        page = context.new_page()
        for page_type, path in pages:
            response = page.goto(live_server.url + path)
            assert response.ok, f"{language} {page_type}: {path} answered {response.status}"
            yield page_type, page
        context.close()
