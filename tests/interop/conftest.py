import uuid

import pytest

from tests.quizzes.conftest import make_quiz, quiz  # noqa: F401  (fixtures)

from .lrs_process import PASSWORD, USERNAME, start_ralph


@pytest.fixture(scope="session")
def ralph(tmp_path_factory):
    """One Ralph LRS for the whole run (each test reads back its own learner's statements)."""
    server = start_ralph(tmp_path_factory.mktemp("ralph"))
    yield server
    server.stop()


@pytest.fixture
def lrs(ralph, settings):
    """XAPI settings pointing at the running Ralph."""
    settings.XAPI_ENDPOINT = ralph.url
    settings.XAPI_USERNAME = USERNAME
    settings.XAPI_PASSWORD = PASSWORD
    settings.XAPI_HTTP_RETRIES = 0
    settings.WAGTAILADMIN_BASE_URL = "https://celik.example.org"
    # Learner ids repeat between tests (rolled back); the shared LRS must see new actors.
    settings.XAPI_ACTOR_SECRET = uuid.uuid4().hex
    return ralph
