"""Who may see the statistics: reviewers only, each within their scope."""

import pytest

from stats.refresh import refresh_statistics
from tests.conftest import make_learner, make_staff, staff_sign_in

from .conftest import NOW

pytestmark = pytest.mark.django_db


def test_a_guest_is_sent_to_sign_in(client):
    response = client.get("/en/stats/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_learner_gets_403(client):
    client.force_login(make_learner("aina@example.com"))
    assert client.get("/en/stats/").status_code == 403
    assert client.get("/en/stats/export.csv").status_code == 403


def test_an_educator_without_the_role_gets_403(client):
    """An administrator with two-factor sign-in, but no reviewer role."""
    staff_sign_in(client, make_staff("editor@example.com", superuser=True))
    assert client.get("/en/stats/").status_code == 403
    assert client.get("/en/stats/tokens/").status_code == 403


def test_a_reviewer_must_use_a_second_factor(client, make_reviewer):
    """A reviewer whose session has no second factor is asked for the code first."""
    client.force_login(make_reviewer())
    response = client.get("/ms/stats/")
    assert response.status_code == 302 and "/2fa/" in response["Location"]


def test_a_reviewer_without_an_authenticator_is_sent_to_set_one_up(client, make_reviewer):
    from allauth.mfa.models import Authenticator

    user = make_reviewer()
    Authenticator.objects.filter(user=user).delete()
    client.force_login(user)
    response = client.get("/en/stats/")
    assert response.status_code == 302 and "/2fa/totp/activate/" in response["Location"]


def test_a_malaysia_reviewer_sees_malaysia_only(reviewer_client, known_dataset):
    refresh_statistics(now=NOW)
    page = reviewer_client.get("/en/stats/").content.decode()
    assert "Your scope: Malaysia." in page
    assert "Singapore" not in page  # neither a row nor a filter choice
    assert reviewer_client.get("/en/stats/?country=SG").status_code == 403
    assert reviewer_client.get("/en/stats/export.csv?country=SG").status_code == 403


def test_taking_the_role_away_closes_the_area(reviewer_client):
    from stats.models import ReviewerScope

    ReviewerScope.objects.all().delete()
    assert reviewer_client.get("/en/stats/").status_code == 403


def test_the_admin_menu_links_reviewers_who_are_editors_to_the_statistics(client, make_reviewer):
    from stats.models import ReviewerScope

    admin = make_staff("chief@example.com", superuser=True)
    ReviewerScope.objects.create(user=admin, asean_wide=True)
    staff_sign_in(client, admin)
    assert "/en/stats/" in client.get("/admin/").content.decode()


def test_administrators_give_the_role_in_the_admin(staff_client):
    from stats.models import ReviewerScope

    reviewer = make_learner("officer@example.gov.my")
    response = staff_client.post(
        "/admin/ministry_reviewers/new/", {"email": "officer@example.gov.my", "countries": ["MY", "BN"]}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert ReviewerScope.objects.get(user=reviewer).countries == ["MY", "BN"]
    response = staff_client.post(
        "/admin/ministry_reviewers/new/", {"email": "officer@example.gov.my", "countries": ["MY"]}
    )
    assert response.status_code == 200 and "This person is already a reviewer." in response.content.decode()


def test_a_reviewer_finds_their_two_factor_settings_on_their_profile(reviewer_client):
    """Reviewers are not Django staff, yet they sign in with a second factor and must be able to manage it."""
    from accounts.models import LearnerProfile, User

    LearnerProfile.objects.create(
        user=User.objects.get(email="reviewer@example.gov.my"),
        display_name="Officer",
        country="MY",
        age_band="25-59",
        preferred_language="en",
    )
    assert "/accounts/2fa/" in reviewer_client.get("/en/accounts/profile/").content.decode()
